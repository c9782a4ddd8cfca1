"""Every command of the language typed to the bot in Teams gets the reply the console gives."""

from __future__ import annotations

import dataclasses

import pytest

from bot.commands.parse import COMMANDS, parse
from bot.console.app import user_ref
from bot.core.texts import UserError
from tests.harness import Harness, at
from tests.teams_harness import PEOPLE as TEAMS_PEOPLE
from tests.teams_harness import TeamsHarness

PEOPLE = ("maria", "sara", "jonas", "lina", "petra")

# (who, line): the same session on either side; {name} is a person, @name in Teams.
SESSION = [
    ("maria", "grupp skapa FSG; Förvaltningssamverkansgrupp Socialförvaltningen"),
    ("maria", "grupp medlem {maria}; Maria Lind; Arbetsgivaren; ordförande; admin"),
    ("maria", "grupp part Akademikerförbundet SSR; fack; SSR"),
    ("maria", "grupp part Kommunal; fack"),
    ("maria", "grupp part Vision; fack"),
    ("maria", "grupp medlem {sara}; Sara Holm; Arbetsgivaren; sekreterare"),
    ("maria", "grupp medlem {jonas}; Jonas Ek; SSR; ledamot"),
    ("maria", "grupp medlem {lina}; Lina Åberg; Kommunal; ledamot"),
    ("maria", "grupp medlem {petra}; Petra Söder; Vision; ledamot"),
    ("maria", "grupp visa"),
    ("maria", "grupp ord lägg till Solrosen"),
    ("maria", "grupp enhet HR"),
    ("maria", "grupp stående visa"),
    ("maria", "mote planera onsdag 18 mars kl 13; Sof, Storgatan 12"),
    ("jonas", "mote lista"),
    ("sara", "arende Information; Delårsrapport; föredragande: Ekonomichefen"),
    ("jonas", "arende Beslut; Ny organisation; riskbedömning: nej"),
    ("petra", "arende Dialog; Arbetsmiljö i Solrosen"),
    ("maria", "arende acceptera alla"),
    ("maria", "arende ordna 5, 4"),
    ("lina", "arende visa"),
    ("maria", "mote publicera"),
    ("maria", "mote visa"),
    ("maria", "mote påminnelser"),
    ("maria", "arsklocka standard"),
    ("jonas", "arsklocka visa"),
    ("NOW", "2026-03-18T13:05"),
    ("sara", "justerare {jonas}, {lina}"),
    ("sara", "anteckning 4; Prognosen visar ett underskott på 3 mnkr."),
    ("sara", "anteckning 4; En anteckning som tas tillbaka."),
    ("sara", "angra"),
    ("petra", "protokollsanteckning 5; Vision anser att organisationen är oklar."),
    ("sara", "beslut 5; samverkat"),
    ("sara", "uppfoljning 4; HR-chef; Ta fram en plan för underskottet; till nästa möte"),
    ("jonas", "uppfoljning lista"),
    ("sara", "protokoll visa"),
    ("sara", "protokoll posta"),
    ("lina", "protokoll ändring; Punkt 5 ska nämna Kommunal."),
    ("sara", "protokoll posta"),
    ("NOW", "2026-03-19T10:00"),
    ("jonas", "protokoll godkänn"),
    ("lina", "protokoll godkänn"),
    ("petra", "sok underskott"),
    ("petra", "hjalp"),
    ("petra", "mote hjälp"),
]


def _console(h: Harness, user: str, line: str) -> str:
    lang = "en" if user == "lina" else "sv"  # Lina's Teams speaks English
    # The name Teams gives the person (the console's is the handle).
    ctx = dataclasses.replace(h.ctx(user, lang=lang), display_name=TEAMS_PEOPLE[user][2])
    try:
        call = parse(f"/{line}", now=ctx.now, lang=lang, resolve_user=user_ref)
        if call.operation is None:
            return call.text
        return h.service.run(ctx, call.operation, *call.args, **call.kwargs).message
    except UserError as error:
        return error.message(lang)


def _replies_in_console(store_factory) -> list[str]:
    h = Harness(store_factory)
    out = []
    for user, line in SESSION:
        if user == "NOW":
            h.now = at(line)
            continue
        out.append(_console(h, user, line.format(**{p: p for p in PEOPLE})))
    return out


def _replies_in_teams(store_factory) -> list[str]:
    out = []
    with TeamsHarness(store_factory) as h:
        for user, line in SESSION:
            if user == "NOW":
                h.now = at(line)
                continue
            before = len(h.outgoing.replies)
            h.say(user, line.format(**{p: f"@{p}" for p in PEOPLE}))
            replies = h.outgoing.replies[before:]
            assert len(replies) == 1, (line, replies)
            out.append(replies[0][2])
    return out


def test_every_command_typed_in_teams_gets_the_consoles_reply(db_url, tmp_path) -> None:
    from storage.db import make_engine
    from storage.migrate import upgrade
    from storage.store import store_factory

    if not db_url.startswith("sqlite"):
        pytest.skip("the replies come from the core; one database pair is enough")
    console_url = f"sqlite:///{tmp_path / 'console.db'}"
    upgrade(db_url)
    upgrade(console_url)
    typed = {line.split()[0] for who, line in SESSION if who != "NOW"}
    assert typed == set(COMMANDS)  # every command of the language is in the session
    teams = _replies_in_teams(store_factory(make_engine(db_url)))
    console = _replies_in_console(store_factory(make_engine(console_url)))
    lines = [line for who, line in SESSION if who != "NOW"]
    differing = [(line, t, c) for line, t, c in zip(lines, teams, console, strict=True) if t != c]
    assert differing == []
    assert teams[-3].startswith("1 träff för"), teams[-3]  # the minutes were justerade
