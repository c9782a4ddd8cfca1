"""Meeting numbers run per group: a group's first meeting is #1 whatever other groups hold."""

from __future__ import annotations

import threading

import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from bot.commands.parse import parse
from bot.console.app import user_ref
from bot.core.model import Meeting
from bot.core.service import Justera
from storage.db import make_engine
from storage.migrate import alembic_config, upgrade
from storage.store import store_factory as make_store_factory
from tests.harness import Harness, set_up_group

OTHER = "vsg-kanal"


def two_groups(store_factory) -> Harness:
    """FSG in #samverkan with two meetings, then VSG in a channel of its own."""
    h = Harness(store_factory)
    set_up_group(h)
    h.do("maria", "/mote planera 18 mars kl 13; Sof")
    h.do("maria", "/mote planera 15 april kl 13; Sof")
    h.do("maria", "/grupp skapa VSG; Verksamhetssamverkansgrupp Vuxen", channel=OTHER)
    return h


def test_a_groups_first_meeting_is_number_one_when_other_groups_have_meetings(
    store_factory,
) -> None:
    h = two_groups(store_factory)
    planned = h.do("maria", "/mote planera 20 mars kl 9; Vuxenhuset", channel=OTHER)
    assert "Möte #1 för VSG" in planned.message
    assert "#1" in h.do("maria", "/mote lista", channel=OTHER).message
    shown = h.do("maria", "/mote visa #1", channel=OTHER).message
    assert "Vuxenhuset" in shown and "Sof" not in shown
    # FSG's #2 is not VSG's: the number is looked up within the channel's group only.
    refused = h.refused("maria", "/mote visa #2", channel=OTHER)
    assert "inget möte #2" in refused.message("sv")
    assert "Sof" in h.do("maria", "/mote visa #2").message
    second = h.do("maria", "/mote planera 17 april kl 9; Vuxenhuset", channel=OTHER)
    assert "Möte #2 för VSG" in second.message
    with h.store_factory() as store:
        numbers = sorted((m.group_id, m.number) for m in store.find(Meeting))
    assert [n for _, n in numbers] == [1, 2, 1, 2]


def test_commands_naming_a_number_first_act_on_the_groups_own_meeting(store_factory) -> None:
    h = two_groups(store_factory)
    h.do("maria", "/mote planera 20 mars kl 9; Vuxenhuset", channel=OTHER)
    moved = h.do("maria", "/mote flytta #1; 27 mars kl 9", channel=OTHER)
    assert "Möte #1 är flyttat" in moved.message
    with h.store_factory() as store:
        by_place = {m.place: m for m in store.find(Meeting)}
    assert by_place["Vuxenhuset"].starts_at.day == 27
    fsg = [m for m in by_place.values() if m.place == "Sof"]
    assert fsg == [] or all(m.starts_at.day in (18, 15) for m in fsg)


MEETING_ROW = (
    "(group_id, starts_at, place, agenda_deadline, status, protocol_number, dnr,"
    " agenda_message_ref, minutes_message_ref, time_known, title, closing, section_labels,"
    " empty_sections) VALUES (:g, :day, :place, :day, 'planerat', '', '', '', '', true, '', '',"
    " '', ''"
)


def test_upgrading_numbers_existing_meetings_per_group_in_date_order(db_url: str) -> None:
    command.upgrade(alembic_config(db_url), "0010")
    engine = make_engine(db_url)
    at = "2026-01-01 10:00:00+00:00"
    with engine.begin() as connection:
        for key in ("FSG", "VSG"):
            connection.execute(
                text("INSERT INTO groups (key, name, created_at) VALUES (:key, 'G', :at)"),
                {"key": key, "at": at},
            )
        groups = dict(connection.execute(text("SELECT key, id FROM groups")).all())
        # ids in creation order; FSG's second row is held before its first.
        for group, day in (("FSG", "2026-05-01"), ("VSG", "2026-02-01"), ("FSG", "2026-03-01")):
            values = {"g": groups[group], "day": f"{day} 12:00:00+00:00", "place": f"{group} {day}"}
            connection.execute(text(f"INSERT INTO meetings {MEETING_ROW})"), values)
    upgrade(db_url)
    with engine.connect() as connection:
        rows = dict(connection.execute(text("SELECT place, number FROM meetings")).all())
    assert rows == {"FSG 2026-03-01": 1, "FSG 2026-05-01": 2, "VSG 2026-02-01": 1}
    with pytest.raises(IntegrityError), engine.begin() as connection:
        connection.execute(
            text(f"INSERT INTO meetings {MEETING_ROW}".replace(")", ", number)", 1) + ", 1)"),
            {"g": groups["VSG"], "day": "2026-06-01 12:00:00+00:00", "place": "twice"},
        )
    engine.dispose()


PER_WRITER = 6


def test_two_connections_planning_in_one_group_at_once_get_different_numbers(
    db_url: str, engine
) -> None:
    """Each writer has its own engine (its own connection); on PostgreSQL both read the highest
    number at once unless the group's row is locked first."""
    h = Harness(make_store_factory(engine))
    set_up_group(h)
    errors: list[BaseException] = []
    barrier = threading.Barrier(2, timeout=30)

    def write(who: str, month: int) -> None:
        own = make_engine(db_url)
        service = Justera(make_store_factory(own))
        try:
            barrier.wait()
            for day in range(1, PER_WRITER + 1):
                ctx = h.ctx(who)
                call = parse(
                    f"/mote planera {day + 10} {month} 2026 kl 13; Rum {who} {day}",
                    now=ctx.now,
                    lang="sv",
                    resolve_user=user_ref,
                )
                service.run(ctx, call.operation, *call.args, **call.kwargs)
        except BaseException as error:
            errors.append(error)
        finally:
            own.dispose()

    threads = [
        threading.Thread(target=write, args=(who, month))
        for who, month in (("maria", "april"), ("sara", "maj"))
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    with h.store_factory() as store:
        numbers = sorted(m.number for m in store.find(Meeting))
    assert numbers == list(range(1, 2 * PER_WRITER + 1))


def test_the_operators_export_names_a_meeting_by_its_groups_number(store_factory) -> None:
    from bot.export import meeting_by_number

    h = two_groups(store_factory)
    h.do("maria", "/mote planera 20 mars kl 9; Vuxenhuset", channel=OTHER)
    with h.store_factory() as store:
        ids = {m.place: m.id for m in store.find(Meeting)}
    assert meeting_by_number(h.service, 1, "vsg", h.now) == ids["Vuxenhuset"]
    with pytest.raises(LookupError, match="--group FSG"):
        meeting_by_number(h.service, 1, None, h.now)  # two groups: #1 alone names none
    with pytest.raises(LookupError, match="inget möte #3"):
        meeting_by_number(h.service, 3, "FSG", h.now)
