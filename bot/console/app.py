"""A terminal session: one person in one channel, printing replies and what the bot posts."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from bot.commands.parse import parse
from bot.core.context import STOCKHOLM, Context, Event, Result
from bot.core.delivery import Delivery
from bot.core.service import Justera
from bot.core.texts import UserError, say
from bot.scheduling.runner import ReminderRunner

CONSOLE = "console"


def user_ref(token: str) -> str:
    """A console user is just a handle; "@anna" and "anna" are the same person."""
    handle = token.strip().lstrip("@").casefold()
    if not handle or not handle.replace("-", "").replace("_", "").replace(".", "").isalnum():
        raise UserError("unknown_user", given=token)
    return f"{CONSOLE}:{handle}"


def read_import_file(line: str) -> str:
    """`/arsklocka import FILE` and `/grupp stil ladda FILE` in the console read that file."""
    words = line.removeprefix("/").split(maxsplit=2)
    if len(words) == 3 and words[0] == "arsklocka" and words[1] in ("import", "importera"):
        path = Path(words[2]).expanduser()
        if path.is_file():
            return f"/arsklocka import\n{path.read_text(encoding='utf-8')}"
    if len(words) == 3 and words[0] == "grupp" and words[1] == "stil":
        verb, _, name = words[2].partition(" ")
        path = Path(name.strip()).expanduser()
        if verb in ("ladda", "load") and name.strip() and path.is_file():
            return f"/grupp stil ladda\n{path.read_text(encoding='utf-8')}"
    return line


def joined_lines(lines: Iterable[str]) -> Iterator[str]:
    """A script line ending in a backslash goes on on the next line (an item's text with lists)."""
    pending: list[str] = []
    for line in lines:
        if line.rstrip().endswith("\\"):
            pending.append(line.rstrip()[:-1].rstrip())
            continue
        yield "\n".join([*pending, line]) if pending else line
        pending = []
    if pending:
        yield "\n".join(pending)


@dataclass
class ConsoleState:
    user: str
    channel: str
    lang: str = "sv"
    fixed_now: datetime | None = None


class Console:
    def __init__(
        self,
        service: Justera,
        state: ConsoleState,
        out: TextIO,
        clock: Callable[[], datetime] = lambda: datetime.now(STOCKHOLM),
    ) -> None:
        self.service = service
        self.state = state
        self.out = out
        self.clock = clock
        self.failures = 0
        # Reminders fire between commands, on the console's own clock (fixed with :nu).
        self.reminders = ReminderRunner(service, self._print_reminder, self.now)

    def now(self) -> datetime:
        return self.state.fixed_now or self.clock()

    def handle(self, line: str) -> None:
        """One line: a meta command (":som anna"), a slash command, or nothing."""
        line = line.strip()
        if not line or line.startswith("#"):
            return
        if line.startswith(":"):
            self._meta(line[1:])
            return
        self._command(line)
        self.reminders.tick()

    def _command(self, line: str) -> None:
        line = read_import_file(line)
        ctx = Context(
            user_ref=user_ref(self.state.user),
            channel_ref=f"{CONSOLE}:#{self.state.channel}",
            now=self.now(),
            display_name=self.state.user,
            lang=self.state.lang,
        )
        try:
            call = parse(line, now=ctx.now, lang=ctx.lang, resolve_user=user_ref)
            if call.operation is None:
                self._print(call.text)
                return
            result = self.service.run(ctx, call.operation, *call.args, **call.kwargs)
            if call.output:
                self._save(result, call.output, ctx.lang)
                return
        except UserError as exc:
            self.failures += 1
            self._print(("Error: " if ctx.lang == "en" else "Fel: ") + exc.message(ctx.lang))
            return
        self._show(result)

    def _show(self, result: Result) -> None:
        self._print(result.message)
        for event in result.events:
            self._print(render_event(event, self.state.channel))

    def _meta(self, text: str) -> None:
        word, _, arg = text.strip().partition(" ")
        arg = arg.strip()
        if word in ("som", "as") and arg:
            self.state.user = arg.lstrip("@")
        elif word in ("kanal", "channel") and arg:
            self.state.channel = arg.lstrip("#")
        elif word in ("nu", "now") and arg:
            try:
                moment = datetime.fromisoformat(arg)
            except ValueError:
                self.failures += 1
                self._print("Fel: skriv tiden som ISO, till exempel `:nu 2025-03-19T13:00`.")
                return
            self.state.fixed_now = (
                moment.replace(tzinfo=STOCKHOLM) if moment.tzinfo is None else moment
            )
            self.reminders.sweep()
            self.reminders.tick()
        elif word in ("sprak", "språk", "lang") and arg in ("sv", "en"):
            self.state.lang = arg
        else:
            self.failures += 1
            self._print(
                "Fel: okänt konsolkommando; använd :som NAMN, :kanal NAMN, :nu ISO-TID, "
                ":språk sv|en eller :avsluta."
            )

    def _save(self, export: Any, fmt: str, lang: str) -> None:
        """A document goes to a file in the working folder (the console has no file sharing)."""
        from bot.export import render_any as render

        data, name = render(export, fmt)
        Path(name).write_bytes(data)
        self._print(say(lang, "exported", name=name))

    def _print_reminder(self, delivery: Delivery) -> None:
        target = delivery.target_ref.removeprefix(f"{CONSOLE}:")
        self._print(f"── Påminnelse till {target} ──\n{delivery.text}")

    def _print(self, text: str) -> None:
        print(text, file=self.out, flush=True)

    def run_script(self, lines: Iterable[str], echo: bool = True) -> int:
        for line in joined_lines(lines):
            stripped = line.strip()
            if stripped in (":avsluta", ":quit"):
                break
            if echo and stripped and not stripped.startswith("#"):
                self._print(f"{self.state.user}@#{self.state.channel}> {stripped}")
            self.handle(stripped)
        return 1 if self.failures else 0

    def interactive(self, stdin: TextIO = sys.stdin) -> int:
        self._print(
            "Justera-konsolen. Skriv /hjalp för kommandon, :som NAMN för att byta person, "
            ":avsluta för att sluta."
        )
        if self.state.fixed_now is None:
            # On the real clock reminders also fire while nobody types.
            self.reminders.start()
        while True:
            try:
                line = input(f"{self.state.user}@#{self.state.channel}> ")
            except EOFError:
                self._print("")
                return 0
            if line.strip() in (":avsluta", ":quit"):
                return 0
            self.handle(line)


HEADINGS = {
    "agenda_published": "── Ärendelistan publicerad i #{channel} ──",
    "agenda_changed": "── Ärendelistan uppdaterad i #{channel} ──",
    "minutes_posted": "── Utkast version {version} i mötets tråd ──",
    "approved": "── Justering ──",
    "change_requested": "── Begäran om ändring av version {version} ──",
    "minutes_justerade": "── Justerat protokoll i #{channel} ──",
}


def render_event(event: Event, channel: str) -> str:
    heading = HEADINGS[event.kind].format(channel=channel, version=event.version)
    parts = [heading]
    if event.kind == "change_requested":
        parts.extend(event.changes)
    elif event.changes:
        parts.append("Ändringar:")
        parts.extend(f"  {change}" for change in event.changes)
    if event.text:
        parts.append(event.text.rstrip("\n"))
    elif event.status:
        parts.append(event.status)
    return "\n".join(parts)
