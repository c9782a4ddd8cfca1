"""Turns a command line such as "/beslut 7; samverkat" into a core operation with its arguments."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, time
from typing import Any

from bot.commands.words import NO, OUTCOMES, PARTY_KINDS, ROLES, SECTIONS, YES, fold
from bot.core import (
    agenda,
    corrections,
    followups,
    grouplayout,
    groups,
    justering,
    meetings,
    search,
    session,
    yearrules,
)
from bot.core.context import Result
from bot.core.entries import parse_ref
from bot.core.model import Outcome, Section
from bot.core.normalise import normalise
from bot.core.texts import UserError, say
from bot.dates import DateNotUnderstood, Span, parse_due, parse_span, parse_when_detail

UserResolver = Callable[[str], str]
Operation = Callable[..., Result]

END_OF_DAY = time(23, 59, 59)
_REF = re.compile(r"(?:^|\s)#(\d+)(?=\s|$)")


@dataclass
class Call:
    """What to run; a call without operation is a help text to show as it is."""

    operation: Operation | None
    args: tuple[Any, ...] = ()
    kwargs: dict[str, Any] = field(default_factory=dict)
    text: str = ""
    output: str = ""  # a file format: the adapter renders the result as a document
    form: str = ""  # a form the adapter may open instead, e.g. "edit_item"


@dataclass(frozen=True)
class Env:
    now: datetime
    lang: str
    resolve_user: UserResolver


def parse(line: str, *, now: datetime, lang: str, resolve_user: UserResolver) -> Call:
    line = normalise(line).strip()
    name, _, rest = line.removeprefix("/").partition(" ")
    handler = COMMANDS.get(fold(name))
    if handler is None:
        raise UserError("unknown_command", name=name or line)
    return handler(rest.strip(), Env(now, lang, resolve_user))


def command_names() -> list[str]:
    return list(COMMANDS)


# --- helpers --------------------------------------------------------------------------------


def split_fields(text: str, maxsplit: int = -1) -> list[str]:
    return [f.strip() for f in text.split(";", maxsplit)] if text.strip() else []


def take_ref(text: str) -> tuple[int | None, str]:
    """A meeting named as #N in the command's head (before any semicolon)."""
    head, sep, tail = text.partition(";")
    match = _REF.search(head)
    if not match:
        return None, text
    head = (head[: match.start()] + " " + head[match.end() :]).strip()
    return int(match.group(1)), f"{head}{sep}{tail}".strip()


def take_sub(text: str, subs: dict[str, str]) -> tuple[str | None, str]:
    """The subcommand, matched on the first one or two words before any semicolon, and the rest."""
    head, sep, tail = text.partition(";")
    words = head.split()
    for count in (2, 1):
        if len(words) >= count and fold(" ".join(words[:count])) in subs:
            rest = " ".join(words[count:])
            return subs[fold(" ".join(words[:count]))], f"{rest}{sep}{tail}".strip()
    return None, text


def number(text: str, example: str) -> int:
    text = text.strip()
    if not text.isdigit():
        raise UserError("need_number", given=text or "–", example=example)
    return int(text)


def numbers(text: str, example: str) -> list[int]:
    parts = [p for p in re.split(r"[,\s]+", text) if p]
    if not parts:
        raise UserError("need_numbers", example=example)
    return [number(p, example) for p in parts]


def when(text: str, env: Env, *, default_time: time = time(0, 0)) -> datetime:
    try:
        return parse_when_detail(text, now=env.now, default_time=default_time).at
    except DateNotUnderstood as exc:
        raise UserError("raw", sv=exc.message("sv"), en=exc.message("en")) from None


def no_more(text: str, example: str) -> None:
    if text.strip():
        raise UserError("extra_arguments", extra=text.strip(), example=example)


def help_call(key: str, env: Env) -> Call:
    return Call(None, text=say(env.lang, key))


def section_of(word: str, example: str) -> Any:
    found = SECTIONS.get(fold(word))
    if found is None:
        raise UserError("unknown_section", given=word, example=example)
    return found


def standing_section(word: str, example: str) -> Section:
    """A section for a standing item: Inledning too, where the common opening items stand."""
    if fold(word) in ("inledning", "opening"):
        return Section.OPENING
    return section_of(word, example)


# --- /grupp -----------------------------------------------------------------------------------

GROUP_SUBS = {
    "skapa": "create",
    "create": "create",
    "koppla": "bind",
    "link": "bind",
    "part": "party",
    "party": "party",
    "medlem": "member",
    "member": "member",
    "visa": "show",
    "show": "show",
    "ord": "words",
    "words": "words",
    "stil": "style",
    "style": "style",
    "enhet": "unit",
    "unit": "unit",
    "staende": "standing",
    "standing": "standing",
    "hjalp": "help",
    "help": "help",
}
WORD_SUBS = {"visa": "show", "lagg till": "add", "add": "add", "ta bort": "remove"}


STYLE_SUBS = {
    "visa": "show",
    "show": "show",
    "export": "export",
    "exportera": "export",
    "ladda": "load",
    "load": "load",
    "import": "load",
}
STANDING_SUBS = {
    "visa": "show",
    "show": "show",
    "lagg till": "add",
    "add": "add",
    "ta bort": "remove",
    "remove": "remove",
    "ordna": "order",
    "order": "order",
    "flytta": "move",
    "move": "move",
}
STANDING_EXAMPLE = "/grupp stående lägg till Ärenden till nämnden; Information; Direktören"


def group_command(text: str, env: Env) -> Call:
    head, newline, body = text.partition("\n")
    sub, rest = take_sub(head, GROUP_SUBS)
    if sub == "style":
        what, name = take_sub(rest, STYLE_SUBS)
        if what == "load":
            # The YAML follows on the lines after the command, as pasted into the message.
            yaml_text = (name + newline + body).strip()
            if not yaml_text:
                raise UserError("usage", example="/grupp stil ladda (YAML på raderna under)")
            return Call(grouplayout.load_style, (yaml_text,))
        if what == "export":
            return Call(grouplayout.export_style)
        if what == "show" or not rest.strip():
            return Call(grouplayout.show_style)
        return Call(grouplayout.choose_style, (rest.strip(),))
    if newline and body.strip():
        raise UserError("extra_arguments", extra=body.strip()[:40], example="/grupp visa")
    if sub == "unit":
        return Call(grouplayout.set_unit, (rest.strip(),))
    if sub == "standing":
        what, rest = take_sub(rest, STANDING_SUBS)
        if what == "add":
            parts = split_fields(rest)
            if len(parts) not in (2, 3) or not parts[0]:
                raise UserError("usage", example=STANDING_EXAMPLE)
            section = standing_section(parts[1], STANDING_EXAMPLE)
            presenter = parts[2] if len(parts) == 3 else ""
            return Call(grouplayout.add_standing, (parts[0], section, presenter))
        if what == "remove":
            return Call(grouplayout.remove_standing, (number(rest, "/grupp stående ta bort 3"),))
        if what == "order":
            example = "/grupp stående ordna 3, 1, 2"
            return Call(grouplayout.order_standing, (numbers(rest, example),))
        if what == "move":
            example = "/grupp stående flytta 3; Dialog"
            parts = split_fields(rest)
            if len(parts) != 2:
                raise UserError("usage", example=example)
            position = number(parts[0], example)
            return Call(grouplayout.move_standing, (position, standing_section(parts[1], example)))
        no_more(rest, "/grupp stående visa")
        return Call(grouplayout.show_standing)
    if sub == "create":
        parts = split_fields(rest)
        if len(parts) != 2 or not all(parts):
            raise UserError("usage", example="/grupp skapa FSG; Förvaltningssamverkansgrupp Sof")
        return Call(groups.create_group, (parts[0], parts[1]))
    if sub == "bind":
        if not rest.strip() or len(rest.split()) != 1:
            raise UserError("usage", example="/grupp koppla FSG")
        return Call(groups.bind_channel, (rest.strip(),))
    if sub == "party":
        example = "/grupp part Akademikerförbundet SSR; fack; SSR"
        parts = split_fields(rest)
        if len(parts) not in (2, 3) or not parts[0]:
            raise UserError("usage", example=example)
        kind = PARTY_KINDS.get(fold(parts[1]))
        if kind is None:
            raise UserError("unknown_party_kind", given=parts[1], example=example)
        return Call(groups.add_party, (parts[0], kind, parts[2] if len(parts) == 3 else ""))
    if sub == "member":
        example = "/grupp medlem @evert; Evert Blohmé; SSR; ledamot"
        parts = split_fields(rest)
        if len(parts) not in (4, 5) or not all(parts[:4]):
            raise UserError("usage", example=example)
        role = ROLES.get(fold(parts[3]))
        if role is None:
            raise UserError("unknown_role", given=parts[3], example=example)
        admin = len(parts) == 5 and fold(parts[4]) == "admin"
        if len(parts) == 5 and not admin:
            raise UserError("extra_arguments", extra=parts[4], example=example + "; admin")
        user = env.resolve_user(parts[0])
        return Call(groups.set_member, (user, parts[1], parts[2], role, admin))
    if sub == "show":
        no_more(rest, "/grupp visa")
        return Call(groups.show_group)
    if sub == "words":
        what, word = take_sub(rest, WORD_SUBS)
        if what in ("add", "remove") and word.strip():
            return Call(groups.change_forbidden_words, (word,), {"add": what == "add"})
        if what == "show" or not rest.strip():
            return Call(groups.show_forbidden_words)
        raise UserError("usage", example="/grupp ord lägg till Solrosen")
    return help_call("help_grupp", env)


# --- /mote ----------------------------------------------------------------------------------

MEETING_SUBS = {
    "planera": "plan",
    "plan": "plan",
    "lista": "list",
    "list": "list",
    "visa": "show",
    "show": "show",
    "publicera": "publish",
    "publish": "publish",
    "flytta": "move",
    "move": "move",
    "paminnelser": "reminders",
    "reminders": "reminders",
    "export": "export",
    "exportera": "export",
    "andra": "change",
    "change": "change",
    "stall in": "cancel",
    "installt": "cancel",
    "cancel": "cancel",
    "hjalp": "help",
    "help": "help",
}
PLAN_EXAMPLE = "/mote planera FSG; 19 mars kl 13; Sof, Bredgatan"


def meeting_command(text: str, env: Env) -> Call:
    ref, text = take_ref(text)
    sub, rest = take_sub(text, MEETING_SUBS)
    if sub == "plan":
        return plan_call(rest, env)
    if sub == "list":
        no_more(rest, "/mote lista")
        return Call(meetings.list_meetings)
    if sub == "reminders":
        no_more(rest, "/mote påminnelser")
        return Call(yearrules.list_reminders)
    if sub == "show":
        no_more(rest, "/mote visa #3")
        return Call(agenda.show_agenda, (ref,))
    if sub == "publish":
        no_more(rest, "/mote publicera")
        return Call(agenda.publish_agenda, (ref,))
    if sub == "move":
        example = "/mote flytta #3 20 mars kl 13–15"
        rest = rest.lstrip("; ")
        if not rest:
            raise UserError("usage", example=example)
        # The same forms as /mote planera: a time, a time range or a date only.
        span = span_of(rest, env, example=example)
        return Call(meetings.move_meeting, (ref, span.start), span_options(span))
    if sub == "change":
        return meeting_change_call(ref, rest, env)
    if sub == "cancel":
        no_more(rest, "/mote ställ in #3")
        return Call(meetings.cancel_meeting, (ref,))
    if sub == "export":
        fmt = {**EXPORT_FORMATS, "ics": "ics", "kalender": "ics"}.get(fold(rest) or "pdf")
        if fmt is None:
            raise UserError("unknown_format", given=rest.strip(), example="/mote export ics")
        return Call(agenda.agenda_for_export, (ref,), output=fmt)
    return help_call("help_mote", env)


_PLAN_LABEL_COLON = re.compile(r"^\s*(protokoll|protocol|dnr|sista dag|deadline)\s*:\s*", re.I)


def plan_call(rest: str, env: Env) -> Call:
    positional: list[str] = []
    options: dict[str, Any] = {}
    for part in split_fields(rest):
        # "sista dag: 10 mars" as the `ändra` commands write their fields, or without the colon.
        part = _PLAN_LABEL_COLON.sub(r"\1 ", part)
        label, _, value = part.partition(" ")
        folded = fold(part)
        if fold(label) in ("protokoll", "protocol") and value:
            options["protocol_number"] = value.strip()
        elif fold(label) == "dnr" and value:
            options["dnr"] = value.strip()
        elif folded.startswith(("sista dag ", "deadline ")):
            phrase = part.split(None, 2 if folded.startswith("sista") else 1)[-1]
            # "sista dag 10 mars" means items are in time all that day.
            options["agenda_deadline"] = when(phrase, env, default_time=END_OF_DAY)
        else:
            positional.append(part)
    if not positional or len(positional) > 3 or not all(positional):
        raise UserError("usage", example=PLAN_EXAMPLE)
    # The date may follow the group's key and precede the place; either may be left out.
    first = positional[0]
    looks_like_key = len(first.split()) == 1 and first.isupper() and len(first) <= 20
    if looks_like_key and len(positional) < 3 and not any(_is_date(p, env) for p in positional):
        # "FSG; Sof": the group is named, the date is what is missing.
        raise UserError("need_date", given=positional[-1], example=PLAN_EXAMPLE)
    if len(positional) == 3:
        options["group_key"] = positional.pop(0)
        span = span_of(positional[0], env, example=PLAN_EXAMPLE)
    elif len(positional) == 2 and not _is_date(positional[0], env) and _is_date(positional[1], env):
        options["group_key"] = positional.pop(0)
        span = span_of(positional[0], env, example=PLAN_EXAMPLE)
        positional.append("")
    else:
        span = span_of(positional[0], env, example=PLAN_EXAMPLE)
        positional.append("")
    options.update(span_options(span))
    return Call(meetings.plan_meeting, (span.start, positional[1]), options)


def span_options(span: Span) -> dict[str, Any]:
    """What a span adds to the start: its end, or that only the date is known."""
    options: dict[str, Any] = {}
    if span.end is not None:
        options["ends_at"] = span.end
    if not span.has_time:
        options["time_known"] = False
    return options


def _is_date(text: str, env: Env) -> bool:
    try:
        parse_span(text, now=env.now)
    except DateNotUnderstood:
        return False
    return True


def span_of(text: str, env: Env, *, example: str) -> Span:
    """A meeting's date, time or time range; a refusal names the date as what is wrong."""
    try:
        return parse_span(text, now=env.now)
    except DateNotUnderstood as exc:
        raise UserError("raw", sv=exc.message("sv"), en=exc.message("en")) from None


# --- /arende --------------------------------------------------------------------------------

ITEM_SUBS = {
    "foresla": "propose",
    "propose": "propose",
    "acceptera": "accept",
    "accept": "accept",
    "avvisa": "reject",
    "reject": "reject",
    "ordna": "order",
    "order": "order",
    "flytta": "move",
    "move": "move",
    "visa": "show",
    "lista": "show",
    "show": "show",
    "publicera": "publish",
    "publish": "publish",
    "andra": "change",
    "change": "change",
    "ta bort": "remove",
    "remove": "remove",
    "hjalp": "help",
    "help": "help",
}
PROPOSE_EXAMPLE = "/arende Dialog; Kvalitetsrapport 2024; föredragande: Direktören"
ITEM_LABELS = {
    "foredragande": "presenter",
    "presenter": "presenter",
    "beskrivning": "description",
    "description": "description",
    "lank": "links",
    "lankar": "links",
    "link": "links",
    "links": "links",
    "underlag": "links",
    "riskbedomning": "risk_assessed",
    "risk": "risk_assessed",
}


def item_command(text: str, env: Env) -> Call:
    ref, text = take_ref(text)
    sub, rest = take_sub(text, ITEM_SUBS)
    if sub in (None, "propose"):
        if not rest.strip():
            return help_call("help_arende", env)
        return propose_call(ref, rest)
    if sub == "accept":
        if fold(rest) in ("alla", "all"):
            return Call(agenda.accept_items, (ref, None))
        return Call(agenda.accept_items, (ref, numbers(rest, "/arende acceptera 4, 5")))
    if sub == "reject":
        return Call(agenda.reject_item, (ref, number(rest, "/arende avvisa 4")))
    if sub == "order":
        return Call(agenda.order_items, (ref, numbers(rest, "/arende ordna 6, 4, 5")))
    if sub == "move":
        parts = split_fields(rest)
        example = "/arende flytta 5; Beslut"
        if len(parts) != 2:
            raise UserError("usage", example=example)
        return Call(
            agenda.move_item, (ref, number(parts[0], example), section_of(parts[1], example))
        )
    if sub == "show":
        if rest.strip().isdigit():
            return Call(corrections.show_item, (ref, int(rest)))
        no_more(rest, "/arende visa 4")
        return Call(agenda.show_agenda, (ref,))
    if sub == "change":
        return item_change_call(ref, rest)
    if sub == "remove":
        return Call(corrections.remove_item, (ref, number(rest, "/arende ta bort 3")))
    if sub == "publish":
        no_more(rest, "/arende publicera")
        return Call(agenda.publish_agenda, (ref,))
    return help_call("help_arende", env)


def propose_call(ref: int | None, text: str) -> Call:
    parts = split_fields(text)
    if len(parts) < 2 or not parts[1]:
        raise UserError("usage", example=PROPOSE_EXAMPLE)
    section = section_of(parts[0], PROPOSE_EXAMPLE)
    kwargs: dict[str, Any] = {}
    unlabeled = ["presenter", "description"]
    for part in parts[2:]:
        label, colon, value = part.partition(":")
        key = ITEM_LABELS.get(fold(label)) if colon else None
        if key is None:
            if not unlabeled:
                raise UserError("extra_arguments", extra=part, example=PROPOSE_EXAMPLE)
            key, value = unlabeled.pop(0), part
        if key == "risk_assessed":
            value = yes_no(value, "/arende Beslut; OSA mål 2025; riskbedömning: ja")
        kwargs[key] = value.strip() if isinstance(value, str) else value
        if key in unlabeled:
            unlabeled.remove(key)
    return Call(agenda.propose_item, (ref, section, parts[1]), kwargs)


def yes_no(text: str, example: str) -> bool:
    word = fold(text)
    if word in YES:
        return True
    if word in NO:
        return False
    raise UserError("need_yes_no", given=text.strip(), example=example)


# --- in session -------------------------------------------------------------------------------


JUSTERARE_SUBS = {"lagg till": "add", "add": "add", "ta bort": "remove", "remove": "remove"}


def justerare_command(text: str, env: Env) -> Call:
    ref, text = take_ref(text)
    if fold(text) in ("hjalp", "help", ""):
        return help_call("help_justerare", env)
    sub, rest = take_sub(text, JUSTERARE_SUBS)
    tokens = [
        t for t in re.split(r"[,\s]+", rest if sub else text) if t and fold(t) not in ("och", "and")
    ]
    users = [env.resolve_user(t) for t in tokens]
    if sub:
        return Call(corrections.change_justerare, (ref, users), {"add": sub == "add"})
    return Call(session.choose_justerare, (ref, users))


ENTRY_SUBS = {
    "andra": "change",
    "change": "change",
    "edit": "change",
    "ta bort": "remove",
    "remove": "remove",
    "flytta": "move",
    "move": "move",
}


def note_command(text: str, env: Env) -> Call:
    ref, rest = take_ref(text)
    sub, rest = take_sub(rest, ENTRY_SUBS)
    if sub is not None:
        return entry_call(ref, sub, rest)
    return _item_text(
        text, env, session.add_note, "/anteckning 5; Informationen noterades.", "help_anteckning"
    )


def entry_ref(text: str, example: str) -> tuple[int, int]:
    found = parse_ref(text)
    if found is None:
        raise UserError("need_entry_ref", example=example)
    return found


def entry_call(ref: int | None, sub: str, rest: str) -> Call:
    """/anteckning ändra 4.2; text · ta bort 4.2 · flytta 4.3; 1 · ändra 4 (the item's entries)."""
    head, sep, tail = rest.partition(";")
    if sub == "change":
        example = "/anteckning ändra 4.2; Ny text."
        if not sep and head.strip().isdigit():
            # The whole item to edit: the console lists it, Slack opens a form.
            return Call(corrections.show_item, (ref, int(head)), form="edit_item")
        number_, seq = entry_ref(head, example)
        if not tail.strip():
            raise UserError("nothing_changed", example=example)
        return Call(corrections.change_entry, (ref, number_, seq, tail.strip()))
    if sub == "remove":
        number_, seq = entry_ref(head, "/anteckning ta bort 4.2")
        no_more(tail if sep else "", "/anteckning ta bort 4.2")
        return Call(corrections.remove_entry, (ref, number_, seq))
    example = "/anteckning flytta 4.3; 1"
    number_, seq = entry_ref(head, example)
    if not tail.strip().isdigit():
        raise UserError("need_position", example=example)
    return Call(corrections.move_entry_to, (ref, number_, seq, int(tail)))


STATEMENT_EXAMPLE = "/protokollsanteckning 7; Vision anser att riskbedömningen behöver följas upp."


def statement_command(text: str, env: Env) -> Call:
    ref, rest = take_ref(text)
    sub, rest = take_sub(rest, ENTRY_SUBS)
    if sub == "remove":
        head, _, tail = rest.partition(";")
        if parse_ref(head) is not None and not tail.strip():
            return entry_call(ref, "remove", head)
        example = "/protokollsanteckning ta bort 7; Vision"
        if not tail.strip():
            raise UserError("usage", example=example)
        return Call(corrections.remove_statement, (ref, number(head, example), tail.strip()))
    if sub is not None:
        return entry_call(ref, sub, rest)
    if fold(rest) in ("hjalp", "help", ""):
        return help_call("help_protokollsanteckning", env)
    parts = split_fields(rest, 2)
    if len(parts) < 2 or not parts[-1]:
        raise UserError("usage", example=STATEMENT_EXAMPLE)
    item_number = number(parts[0], STATEMENT_EXAMPLE)
    if len(parts) == 3 and session.looks_like_parties(parts[1]):
        # "12; SSR, Kommunal; text": the chair or secretary writes for the named parties.
        return Call(session.add_statement, (ref, item_number, parts[2]), {"party_names": parts[1]})
    return Call(session.add_statement, (ref, item_number, "; ".join(parts[1:])))


def _item_text(text: str, env: Env, operation: Operation, example: str, help_key: str) -> Call:
    ref, text = take_ref(text)
    if fold(text) in ("hjalp", "help", ""):
        return help_call(help_key, env)
    parts = split_fields(text, 1)
    if len(parts) != 2 or not parts[1]:
        raise UserError("usage", example=example)
    return Call(operation, (ref, number(parts[0], example), parts[1]))


def decision_command(text: str, env: Env) -> Call:
    ref, text = take_ref(text)
    if fold(text) in ("hjalp", "help", ""):
        return help_call("help_beslut", env)
    sub, rest = take_sub(text, {"ta bort": "remove", "remove": "remove"})
    if sub == "remove":
        return Call(corrections.remove_decision, (ref, number(rest, "/beslut ta bort 7")))
    example = "/beslut 7; samverkat; Arbetsgivaren fattar beslut enligt förslaget."
    parts = split_fields(text, 2)
    if len(parts) < 2:
        raise UserError("usage", example=example)
    outcome = OUTCOMES.get(fold(parts[1]))
    if outcome is None:
        raise UserError("unknown_outcome", given=parts[1], example=example)
    rest = parts[2] if len(parts) == 3 else ""
    kwargs: dict[str, Any] = {}
    first, sep, after = rest.partition(";")
    if outcome is Outcome.OENIGHET and sep:
        # "oenighet; Vision; text": with two fields, the first names the party that disagrees.
        kwargs["party_name"] = first.strip()
        kwargs["text"] = after.strip()
    else:
        kwargs["text"] = rest
    own = OWN_TEXT.match(kwargs["text"])
    if own:
        # "egen text: …": the minutes show the typed text alone, no fixed outcome sentence.
        kwargs["text"] = kwargs["text"][own.end() :].strip()
        if not kwargs["text"]:
            raise UserError("usage", example=OWN_TEXT_EXAMPLE)
        kwargs["own_text"] = True
    return Call(session.record_decision, (ref, number(parts[0], example), outcome), kwargs)


OWN_TEXT = re.compile(r"^\s*(?:egen text|own text)\s*:", re.IGNORECASE)
OWN_TEXT_EXAMPLE = "/beslut 7; enighet; egen text: Parterna är överens om den nya rutinen."


# --- /protokoll ---------------------------------------------------------------------------------

MINUTES_SUBS = {
    "visa": "show",
    "show": "show",
    "posta": "post",
    "post": "post",
    "godkann": "approve",
    "approve": "approve",
    "andring": "change",
    "begar andring": "change",
    "change": "change",
    "export": "export",
    "exportera": "export",
    "hjalp": "help",
    "help": "help",
}
EXPORT_FORMATS = {
    "pdf": "pdf",
    "docx": "docx",
    "word": "docx",
    "html": "html",
    "md": "md",
    "markdown": "md",
}


def minutes_command(text: str, env: Env) -> Call:
    ref, text = take_ref(text)
    sub, rest = take_sub(text, MINUTES_SUBS)
    if sub == "show":
        no_more(rest, "/protokoll visa")
        return Call(justering.show_minutes, (ref,))
    if sub == "post":
        no_more(rest, "/protokoll posta")
        return Call(justering.post_minutes, (ref,))
    if sub == "approve":
        no_more(rest, "/protokoll godkänn")
        return Call(justering.approve, (ref,))
    if sub == "export":
        fmt = EXPORT_FORMATS.get(fold(rest) or "pdf")
        if fmt is None:
            raise UserError("unknown_format", given=rest.strip(), example="/protokoll export pdf")
        return Call(justering.minutes_for_export, (ref,), output=fmt)
    if sub == "change":
        comment = rest.lstrip(";").strip()
        if not comment:
            raise UserError("comment_required")
        return Call(justering.request_change, (ref, comment))
    return help_call("help_protokoll", env)


# --- /arsklocka -------------------------------------------------------------------------------

YEAR_SUBS = {
    "visa": "show",
    "show": "show",
    "standard": "default",
    "default": "default",
    "lagg till": "add",
    "add": "add",
    "ta bort": "remove",
    "remove": "remove",
    "export": "export",
    "exportera": "export",
    "import": "import",
    "importera": "import",
    "hjalp": "help",
    "help": "help",
}
ADD_RULE_EXAMPLE = "/arsklocka lägg till OSA-mål; mars; Beslut; HR-chef; 21"


def year_command(text: str, env: Env) -> Call:
    head, newline, body = text.partition("\n")
    sub, rest = take_sub(head, YEAR_SUBS)
    if sub == "import":
        # The YAML follows on the lines after the command, as pasted into the message.
        yaml_text = (rest + newline + body).strip()
        if not yaml_text:
            raise UserError("usage", example="/arsklocka import (YAML på raderna under)")
        return Call(yearrules.import_rules, (yaml_text,))
    if newline and body.strip():
        raise UserError("extra_arguments", extra=body.strip()[:40], example="/arsklocka visa")
    if sub == "show":
        no_more(rest, "/arsklocka visa")
        return Call(yearrules.show_year)
    if sub == "default":
        no_more(rest, "/arsklocka standard")
        return Call(yearrules.take_default)
    if sub == "export":
        no_more(rest, "/arsklocka export")
        return Call(yearrules.export_rules)
    if sub == "remove":
        return Call(yearrules.remove_rule, (number(rest, "/arsklocka ta bort 3"),))
    if sub == "add":
        parts = split_fields(rest)
        if not 3 <= len(parts) <= 5 or not all(parts[:3]):
            raise UserError("usage", example=ADD_RULE_EXAMPLE)
        kwargs: dict[str, Any] = {}
        if len(parts) >= 4:
            kwargs["responsible"] = parts[3]
        if len(parts) == 5:
            kwargs["lead_days"] = number(parts[4], ADD_RULE_EXAMPLE)
        section = section_of(parts[2], ADD_RULE_EXAMPLE)
        return Call(yearrules.add_rule, (parts[0], parts[1], section), kwargs)
    return help_call("help_arsklocka", env)


# --- /uppfoljning ---------------------------------------------------------------------------

FOLLOWUP_SUBS = {
    "klar": "close",
    "klart": "close",
    "stang": "close",
    "avsluta": "close",
    "done": "close",
    "close": "close",
    "lista": "list",
    "visa": "list",
    "list": "list",
    "show": "list",
    "mina": "mine",
    "mine": "mine",
    "andra": "change",
    "ratta": "change",
    "change": "change",
    "edit": "change",
    "ta bort": "remove",
    "radera": "remove",
    "remove": "remove",
    "delete": "remove",
    "hjalp": "help",
    "help": "help",
}
CHANGE_FOLLOWUP_EXAMPLE = "/uppfoljning ändra 3; vem: HR-chef; när: oktober"
REMOVE_FOLLOWUP_EXAMPLE = "/uppfoljning ta bort 3"
FOLLOWUP_LABELS = {
    "vem": "who",
    "ansvarig": "who",
    "who": "who",
    "vad": "what",
    "what": "what",
    "nar": "due",
    "senast": "due",
    "when": "due",
    "due": "due",
    "by": "due",
    "arende": "item",
    "item": "item",
}
FOLLOWUP_EXAMPLE = "/uppfoljning 6; HR-chef; Ta fram förslag på ändrad årsklocka; till nästa möte"
CLOSE_EXAMPLE = "/uppfoljning klar 3; Förslaget presenteras i oktober."
NEXT_MEETING = {
    "till nasta mote",
    "nasta mote",
    "till nasta sammantrade",
    "nasta sammantrade",
    "by the next meeting",
    "by next meeting",
    "next meeting",
    "until the next meeting",
}


def followup_command(text: str, env: Env) -> Call:
    ref, text = take_ref(text)
    sub, rest = take_sub(text, FOLLOWUP_SUBS)
    if sub == "list":
        no_more(rest, "/uppfoljning lista")
        return Call(followups.list_commitments)
    if sub == "mine":
        no_more(rest, "/uppfoljning mina")
        return Call(followups.my_commitments)
    if sub == "close":
        parts = split_fields(rest, 1)
        if len(parts) != 2:
            raise UserError("usage", example=CLOSE_EXAMPLE)
        return Call(followups.close_commitment, (number(parts[0], CLOSE_EXAMPLE), parts[1]))
    if sub == "change":
        return _followup_change(rest, env)
    if sub == "remove":
        rest = rest.strip()
        return Call(followups.remove_commitment, (number(rest, REMOVE_FOLLOWUP_EXAMPLE),))
    if sub == "help" or not text.strip():
        return help_call("help_uppfoljning", env)
    parts = split_fields(text, 3)
    if len(parts) != 4 or not all(parts):
        raise UserError("usage", example=FOLLOWUP_EXAMPLE)
    item, who, what, due_phrase = parts
    return Call(
        followups.record_commitment,
        (ref, number(item, FOLLOWUP_EXAMPLE), who, what, _due(due_phrase, env)),
        _who(who, env),
    )


def _followup_change(rest: str, env: Env) -> Call:
    """/uppfoljning ändra 3; vem: …; vad: …; när: …; ärende: 5 (the fields given change)."""
    parts = split_fields(rest)
    if len(parts) < 2:
        raise UserError("usage", example=CHANGE_FOLLOWUP_EXAMPLE)
    changes = followups.CommitmentChanges()
    for part in parts[1:]:
        label, colon, value = part.partition(":")
        key = FOLLOWUP_LABELS.get(fold(label)) if colon else None
        if key is None:
            raise UserError("need_followup_field", given=part)
        if key == "who":
            changes.who = value
            who = _who(value, env)
            changes.who_ref, changes.mention = who.get("who_ref"), who.get("mention", False)
        elif key == "what":
            changes.what = value
        elif key == "due":
            changes.due, changes.due_given = _due(value.strip(), env), True
        else:
            changes.item = number(value.strip(), "/uppfoljning ändra 3; ärende: 5")
    return Call(followups.change_commitment, (number(parts[0], CHANGE_FOLLOWUP_EXAMPLE), changes))


FORM_LINE_EXAMPLE = "HR-chef; Ta fram förslag på ändrad årsklocka; oktober"


def commitment_form_changes(
    before: str, after: str, env: Env
) -> followups.CommitmentChanges | None:
    """What an edit form's line "vem; vad; när" changes, part by part; None: emptied."""
    if not after.strip():
        return None
    who, what, due = _form_parts(after)
    if not (who and what and due):
        raise UserError("usage", example=FORM_LINE_EXAMPLE)
    old = _form_parts(before)
    changes = followups.CommitmentChanges()
    if who != old[0]:
        changes.who = who
        found = _who(who, env)
        changes.who_ref, changes.mention = found.get("who_ref"), found.get("mention", False)
    if what != old[1]:
        changes.what = what
    if fold(due) != fold(old[2]):
        changes.due, changes.due_given = _due(due, env), True
    return changes


def _form_parts(line: str) -> tuple[str, str, str]:
    # Who is before the first ";", by when after the last: what may hold a ";" of its own.
    head, _, due = line.rpartition(";")
    who, _, what = head.partition(";")
    return who.strip(), what.strip(), due.strip()


def _due(phrase: str, env: Env) -> Any:
    """None means by the group's next meeting; otherwise the day, month or week typed."""
    if fold(phrase).rstrip(".") in NEXT_MEETING:
        return None
    try:
        return parse_due(phrase, now=env.now)
    except DateNotUnderstood:
        raise UserError("followup_bad_due", given=phrase) from None


def _who(who: str, env: Env) -> dict[str, Any]:
    """A mention must be a member; a single word may be one (a handle); else a role or party."""
    token = who.strip()
    mention = token.startswith(("@", "<@"))
    if mention:
        return {"who_ref": env.resolve_user(token), "mention": True}
    if len(token.split()) == 1:
        try:
            return {"who_ref": env.resolve_user(token)}
        except UserError:
            return {}
    return {}


def search_command(text: str, env: Env) -> Call:
    if fold(text) in ("hjalp", "help", ""):
        return help_call("help_sok", env)
    return Call(search.search_minutes, (text.strip(),))


def undo_command(text: str, env: Env) -> Call:
    ref, rest = take_ref(text)
    if fold(rest) in ("hjalp", "help"):
        return help_call("help_angra", env)
    no_more(rest, "/ångra #3")
    return Call(corrections.undo_last, (ref,))


# --- corrections ------------------------------------------------------------------------------

ITEM_CHANGE_EXAMPLE = "/arende ändra 4; titel: Ny rubrik; föredragande: HR-chef"
ITEM_CHANGE_LABELS = {
    **ITEM_LABELS,
    "titel": "title",
    "rubrik": "title",
    "title": "title",
    "sektion": "section",
    "section": "section",
}


def item_change_call(ref: int | None, rest: str) -> Call:
    """/arende ändra 4; titel: …; föredragande: …; sektion: Dialog (the fields given change)."""
    parts = split_fields(rest)
    if not parts:
        raise UserError("usage", example=ITEM_CHANGE_EXAMPLE)
    item_number = number(parts[0], ITEM_CHANGE_EXAMPLE)
    changes: dict[str, Any] = {}
    for part in parts[1:]:
        label, colon, value = part.partition(":")
        key = ITEM_CHANGE_LABELS.get(fold(label)) if colon else None
        if key is None:
            raise UserError("need_item_field", given=part, example=ITEM_CHANGE_EXAMPLE)
        if key == "risk_assessed":
            changes[key] = yes_no(value, "/arende ändra 6; riskbedömning: ja")
        elif key == "section":
            changes[key] = section_of(value.strip(), "/arende ändra 4; sektion: Dialog")
        else:
            changes[key] = value.strip()
    return Call(corrections.change_item, (ref, item_number, changes))


MEETING_CHANGE_EXAMPLE = "/mote ändra #2; plats: Sof, Bredgatan; tid: 19 mars kl 13–15"


def meeting_change_call(ref: int | None, rest: str, env: Env) -> Call:
    """/mote ändra #2; plats: …; tid: …; titel: …; avslutning: …; rubrik Beslut: …"""
    changes = corrections.MeetingChanges()
    for part in split_fields(rest.lstrip(";")):
        label, colon, value = part.partition(":")
        name = fold(label)
        if not colon:
            raise UserError("need_meeting_field", given=part, example=MEETING_CHANGE_EXAMPLE)
        if name in ("tid", "datum", "time", "date", "when"):
            changes.when = span_of(value.strip(), env, example=MEETING_CHANGE_EXAMPLE)
        elif name in ("plats", "place", "lank", "link"):
            changes.place = value.strip()
        elif name in ("titel", "title", "rubrik"):
            changes.title = value.strip()
        elif name in ("avslutning", "closing", "slut"):
            changes.closing = value.strip()
        elif name in ("protokoll", "protocol"):
            changes.protocol_number = value.strip()
        elif name == "dnr":
            changes.dnr = value.strip()
        elif name in ("grupptyp", "grupp", "typ", "group kind", "kind"):
            changes.group_kind = value.strip()
        elif name in ("justerare", "justerat av"):
            changes.justerare = _people(value)
        elif name.startswith(("rubrik ", "sektion ", "label ")):
            section = section_of(label.split(None, 1)[1], "/mote ändra; rubrik Beslut: Beslut")
            changes.labels[section] = value.strip()
        elif name in ("tomma sektioner", "tom sektion", "inga beslut", "empty sections"):
            words = [w for w in re.split(r"[,\s]+", value) if w and fold(w) not in ("och", "and")]
            example = "/mote ändra; tomma sektioner: Beslut"
            changes.empty_sections = [section_of(w, example) for w in words]
        else:
            raise UserError("need_meeting_field", given=part, example=MEETING_CHANGE_EXAMPLE)
    return Call(corrections.change_meeting, (ref, changes))


def _people(text: str) -> list[tuple[str, str]]:
    """ "Tove Rask (Sveriges Lärare), Anders Holm" → [(name, party), …]; "" for nobody."""
    people = []
    for piece in re.split(r",(?![^()]*\))|\s+och\s+", text):
        match = re.fullmatch(r"\s*(?P<name>[^()]+?)\s*(?:\((?P<party>[^()]*)\))?\s*", piece)
        if match and match["name"].strip():
            people.append((match["name"].strip(), (match["party"] or "").strip()))
    return people


def help_command(text: str, env: Env) -> Call:
    return help_call("help_all", env)


COMMANDS: dict[str, Callable[[str, Env], Call]] = {
    "grupp": group_command,
    "mote": meeting_command,
    "arende": item_command,
    "justerare": justerare_command,
    "anteckning": note_command,
    "protokollsanteckning": statement_command,
    "beslut": decision_command,
    "protokoll": minutes_command,
    "arsklocka": year_command,
    "uppfoljning": followup_command,
    "sok": search_command,
    "hjalp": help_command,
    "angra": undo_command,  # typed /ångra in the console; Slack's command names are ASCII
}
