"""Every text bound for the minutes passes here: its length, and no client data in it."""

from __future__ import annotations

from bot.core.limits import check_length
from bot.core.model import Group
from bot.core.privacy import check_text
from bot.core.texts import T, UserError


def words_of(group: Group) -> tuple[str, ...]:
    return tuple(w.strip() for w in group.forbidden_words.split("\n") if w.strip())


def check_content(group: Group, field: str, text: str, *, required: bool = False) -> None:
    """Refuse, naming the field, text that is too long or holds a personnummer or a group's
    forbidden word; the caller has changed nothing yet, and the writer keeps the text."""
    check_length(field, text, required=required)
    try:
        check_text(text, forbidden_words=words_of(group))
    except UserError as error:
        error.params.setdefault("field", T(f"field_{field}"))
        raise
