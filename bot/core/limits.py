"""How long each kind of text may be; Slack's 3000 characters a section set the scale."""

from __future__ import annotations

from bot.core.texts import T, UserError

LIMITS: dict[str, int] = {
    "group_key": 20,
    "group_name": 200,
    "party_name": 100,
    "display_name": 100,
    "place": 200,
    "protocol_number": 40,
    "dnr": 60,
    "group_kind": 64,
    "title": 200,
    "presenter": 100,
    "description": 3000,
    "links": 1000,
    "note": 3000,
    "statement": 3000,
    "decision": 3000,
    "comment": 1000,
    "forbidden_word": 100,
    "meeting_title": 200,
    "closing": 1000,
    "unit": 100,
    "style": 20000,
    "responsible": 100,
    "commitment": 1000,
    "outcome": 1000,
}


def check_length(field: str, text: str, *, required: bool = False) -> None:
    if required and not text.strip():
        raise UserError(f"empty_{field}")
    if len(text) > LIMITS[field]:
        raise UserError(
            "too_long", field=T(f"field_{field}"), limit=LIMITS[field], length=len(text)
        )
