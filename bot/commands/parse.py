"""Turns a command line such as "/beslut 7; samverkat" into a core operation with its arguments."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, time
from typing import Any

from bot.commands.words import NO, OUTCOMES, PARTY_KINDS, ROLES, SECTIONS, YES, fold
from bot.core import agenda, groups, justering, meetings, search, session, yearrules
from bot.core.context import Result
from bot.core.model import Outcome
from bot.core.texts import UserError, say
from bot.dates import DateNotUnderstood, parse_when_detail

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


@dataclass(frozen=True)
class Env:
    now: datetime
    lang: str
    resolve_user: UserResolver


def parse(line: str, *, now: datetime, lang: str, resolve_user: UserResolver) -> Call:
    line = line.strip()
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


def when(
    text: str, env: Env, *, need_time: bool, example: str, default_time: time = time(0, 0)
) -> datetime:
    try:
        parsed = parse_when_detail(text, now=env.now, default_time=default_time)
    except DateNotUnderstood as exc:
        raise UserError("raw", sv=exc.message("sv"), en=exc.message("en")) from None
    if need_time and not parsed.has_time:
        raise UserError("need_time", given=text, example=example)
    return parsed.at


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
    "hjalp": "help",
    "help": "help",
}
WORD_SUBS = {"visa": "show", "lagg till": "add", "add": "add", "ta bort": "remove"}


def group_command(text: str, env: Env) -> Call:
    sub, rest = take_sub(text, GROUP_SUBS)
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
        example = "/mote flytta #3 20 mars kl 13"
        if not rest:
            raise UserError("usage", example=example)
        return Call(meetings.move_meeting, (ref, when(rest, env, need_time=True, example=example)))
    if sub == "cancel":
        no_more(rest, "/mote ställ in #3")
        return Call(meetings.cancel_meeting, (ref,))
    if sub == "export":
        fmt = {**EXPORT_FORMATS, "ics": "ics", "kalender": "ics"}.get(fold(rest) or "pdf")
        if fmt is None:
            raise UserError("unknown_format", given=rest.strip(), example="/mote export ics")
        return Call(agenda.agenda_for_export, (ref,), output=fmt)
    return help_call("help_mote", env)


def plan_call(rest: str, env: Env) -> Call:
    positional: list[str] = []
    options: dict[str, Any] = {}
    for part in split_fields(rest):
        label, _, value = part.partition(" ")
        folded = fold(part)
        if fold(label) in ("protokoll", "protocol") and value:
            options["protocol_number"] = value.strip()
        elif fold(label) == "dnr" and value:
            options["dnr"] = value.strip()
        elif folded.startswith(("sista dag ", "deadline ")):
            phrase = part.split(None, 2 if folded.startswith("sista") else 1)[-1]
            # "sista dag 10 mars" means items are in time all that day.
            options["agenda_deadline"] = when(
                phrase, env, need_time=False, example=PLAN_EXAMPLE, default_time=END_OF_DAY
            )
        else:
            positional.append(part)
    if len(positional) == 3:
        options["group_key"] = positional.pop(0)
    if len(positional) != 2 or not all(positional):
        raise UserError("usage", example=PLAN_EXAMPLE)
    starts_at = when(positional[0], env, need_time=True, example=PLAN_EXAMPLE)
    return Call(meetings.plan_meeting, (starts_at, positional[1]), options)


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
        no_more(rest, "/arende visa")
        return Call(agenda.show_agenda, (ref,))
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


def justerare_command(text: str, env: Env) -> Call:
    ref, text = take_ref(text)
    if fold(text) in ("hjalp", "help", ""):
        return help_call("help_justerare", env)
    tokens = [t for t in re.split(r"[,\s]+", text) if t and fold(t) not in ("och", "and")]
    return Call(session.choose_justerare, (ref, [env.resolve_user(t) for t in tokens]))


def note_command(text: str, env: Env) -> Call:
    return _item_text(
        text, env, session.add_note, "/anteckning 5; Informationen noterades.", "help_anteckning"
    )


def statement_command(text: str, env: Env) -> Call:
    example = "/protokollsanteckning 7; Vision anser att riskbedömningen behöver följas upp."
    return _item_text(text, env, session.add_statement, example, "help_protokollsanteckning")


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
    return Call(session.record_decision, (ref, number(parts[0], example), outcome), kwargs)


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


def search_command(text: str, env: Env) -> Call:
    if fold(text) in ("hjalp", "help", ""):
        return help_call("help_sok", env)
    return Call(search.search_minutes, (text.strip(),))


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
    "sok": search_command,
    "hjalp": help_command,
}
