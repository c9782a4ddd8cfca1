"""Everything the core says to people, in Swedish and English, and the error that carries it."""

from __future__ import annotations

from typing import Any

from bot.core.catalogue import CATALOGUE


class T(str):
    """A parameter that is itself a catalogue key, put into the reader's language when shown."""


def say(lang: str, text_key: str, /, **params: Any) -> str:
    """The text for key in the user's language (English only when asked for, Swedish otherwise)."""
    sv, en = CATALOGUE[text_key]
    template = en if lang == "en" else sv
    shown = {k: say(lang, v) if isinstance(v, T) else v for k, v in params.items()}
    return template.format(**shown)


class UserError(Exception):
    """A refusal the user can fix; raised before anything is committed, so nothing changes."""

    def __init__(self, text_key: str, /, **params: Any) -> None:
        if text_key not in CATALOGUE:
            raise KeyError(f"no text for {text_key!r}")
        super().__init__(text_key)
        self.key = text_key
        self.params = params

    def message(self, lang: str = "sv") -> str:
        return say(lang, self.key, **self.params)

    def __str__(self) -> str:
        return self.message("sv")


class OutcomeUnknown(UserError):
    """The command may or may not have been saved (a deadline passed, the commit was cut off).

    Never "nothing changed": the answer says so and how to check.
    """

    def __init__(self) -> None:
        super().__init__("outcome_unknown")
