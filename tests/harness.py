"""Drives the core through the command language as named people at a fixed moment."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.commands.parse import parse
from bot.console.app import user_ref
from bot.core.context import STOCKHOLM, Context, Result
from bot.core.model import RECORD_TYPES
from bot.core.ports import StoreFactory
from bot.core.service import Justera
from bot.core.texts import UserError


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=STOCKHOLM)


@dataclass
class Harness:
    store_factory: StoreFactory
    now: datetime = field(default_factory=lambda: at("2026-03-02T09:00"))
    channel: str = "samverkan"

    def __post_init__(self) -> None:
        self.service = Justera(self.store_factory)

    def ctx(self, user: str, *, channel: str | None = None, lang: str = "sv", **kw: Any) -> Context:
        return Context(
            user_ref=user_ref(user),
            channel_ref=f"console:#{channel or self.channel}",
            now=self.now,
            display_name=user,
            lang=lang,
            **kw,
        )

    def do(self, user: str, line: str, **kw: Any) -> Result:
        ctx = self.ctx(user, **kw)
        call = parse(line, now=ctx.now, lang=ctx.lang, resolve_user=user_ref)
        assert call.operation is not None, f"{line!r} is help, not an operation"
        return self.service.run(ctx, call.operation, *call.args, **call.kwargs)

    def refused(self, user: str, line: str, **kw: Any) -> UserError:
        """Run a command that must be refused, and prove it changed nothing."""
        before = self.snapshot()
        try:
            self.do(user, line, **kw)
        except UserError as error:
            assert self.snapshot() == before, f"{line!r} was refused but changed the database"
            return error
        raise AssertionError(f"{line!r} as {user} was not refused")

    def snapshot(self) -> dict[str, list[Any]]:
        with self.store_factory() as store:
            return {kind.__name__: store.find(kind) for kind in RECORD_TYPES}


GROUP_SETUP = [
    ("maria", "/grupp skapa FSG; Förvaltningssamverkansgrupp Socialförvaltningen"),
    ("maria", "/grupp medlem maria; Maria Lind; Arbetsgivaren; ordförande; admin"),
    ("maria", "/grupp part Akademikerförbundet SSR; fack; SSR"),
    ("maria", "/grupp part Kommunal; fack"),
    ("maria", "/grupp part Vision; fack"),
    ("maria", "/grupp medlem sara; Sara Holm; Arbetsgivaren; sekreterare"),
    ("maria", "/grupp medlem jonas; Jonas Ek; SSR; ledamot"),
    ("maria", "/grupp medlem lina; Lina Åberg; Kommunal; ledamot"),
    ("maria", "/grupp medlem petra; Petra Söder; Vision; ledamot"),
]


def set_up_group(h: Harness) -> None:
    for user, line in GROUP_SETUP:
        h.do(user, line)


def set_up_meeting(h: Harness) -> None:
    """Meeting #1 on 18 March 2026 13:00; items 4 (Information), 5 (Dialog), 6 and 7 (Beslut)."""
    set_up_group(h)
    h.do("maria", "/mote planera onsdag 18 mars kl 13; Sof, Storgatan 12")
    h.do("sara", "/arende Information; Delårsrapport; föredragande: Ekonomichefen")
    h.do("sara", "/arende Dialog; Kvalitetsrapport 2025")
    h.do("sara", "/arende Beslut; OSA-mål 2026; riskbedömning: ja")
    h.do("jonas", "/arende Beslut; Ny organisation; riskbedömning: nej")


def hold_meeting(h: Harness) -> None:
    """Meeting #1 held with justerare Jonas (SSR) and Lina (Kommunal) and minutes posted."""
    set_up_meeting(h)
    h.do("maria", "/arende acceptera alla")
    h.do("maria", "/mote publicera")
    h.now = at("2026-03-18T13:05")
    h.do("sara", "/justerare jonas, lina")
    h.do("sara", "/anteckning 4; Prognosen visar ett underskott på 3 mnkr.")
    h.do("sara", "/beslut 6; samverkat")
    h.do("sara", "/protokoll posta")
