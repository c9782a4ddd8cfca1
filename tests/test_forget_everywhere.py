"""After forget a reference is in no byte of the database, the name only in public records."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import Engine, inspect, text

from bot.core import dataprotection
from bot.core.context import Context
from storage.store import store_factory as make_store_factory
from tests.harness import Harness, hold_meeting


def system(h: Harness, operation, *args):
    ctx = Context(user_ref="system:cli", channel_ref="system:cli", now=h.now)
    return h.service.run(ctx, operation, *args)


def everything(engine: Engine, db_url: str) -> str:
    """Every byte of the SQLite file, or every row of every PostgreSQL table, as text."""
    if engine.dialect.name == "sqlite":
        engine.dispose()  # the last connection checkpoints the write-ahead log into the file
        path = Path(db_url.removeprefix("sqlite:///"))
        files = [path, *(p for p in path.parent.glob(path.name + "-*"))]
        return "\n".join(f.read_bytes().decode("utf-8", errors="replace") for f in files)
    with engine.connect() as connection:
        tables = inspect(connection).get_table_names()
        rows = []
        for table in tables:
            rows += [r[0] for r in connection.execute(text(f'SELECT t::text FROM "{table}" t'))]
        return "\n".join(rows)


def test_forget_leaves_no_reference_and_no_name_outside_the_public_record(
    engine: Engine, db_url: str
) -> None:
    h = Harness(make_store_factory(engine))
    hold_meeting(h)  # a draft posted by Sara; Jonas and Lina justerare; not yet justerat
    h.do("petra", "/protokollsanteckning 4; Vision ser positivt på prognosen.")
    h.do("maria", "/grupp medlem petra; Petra Söder; Vision; ledamot")  # an audit naming her
    h.do("jonas", "/protokoll ändring; Lägg till Petra Söder som närvarande.")
    before = everything(engine, db_url)
    assert "console:sara" in before and "Sara Holm" in before and "console:petra" in before
    sara = system(h, dataprotection.forget_person, "console:sara").message
    petra = system(h, dataprotection.forget_person, "console:petra").message
    assert "namnet" not in sara
    assert "protokollsanteckningar" in petra or "anteckningar" in petra
    after = everything(engine, db_url)
    for gone in ["console:sara", "console:petra", "Sara Holm", "Petra Söder"]:
        assert gone not in after, gone
    # "Vid anteckningarna: Sara Holm" is gone from the draft, which is not justerat.
    assert "Vid anteckningarna: Borttagen person" in after


def test_export_lists_the_audit_and_the_minutes_naming_the_person(store_factory) -> None:
    h = Harness(store_factory)
    hold_meeting(h)
    h.do("jonas", "/protokoll godkänn")
    h.do("lina", "/protokoll godkänn")
    data = json.loads(system(h, dataprotection.export_person, "console:jonas").message)
    assert any("console:jonas" in a["detail"] for a in data["audit_about"])
    assert [(m["meeting_id"], m["justerad"]) for m in data["minutes_naming"]] == [(1, True)]
    assert data["minutes_naming"][0]["names"] == ["Jonas Ek"]


def test_forget_says_where_the_name_stays_and_why(store_factory) -> None:
    h = Harness(store_factory)
    hold_meeting(h)
    h.do("jonas", "/protokoll godkänn")
    h.do("lina", "/protokoll godkänn")
    report = system(h, dataprotection.forget_person, "console:jonas").message
    assert "Jonas Ek" in report and "möte #1" in report and "allmän handling" in report
    audit = h.snapshot()["AuditEntry"]
    assert not [a for a in audit if "console:jonas" in a.detail or a.actor_ref == "console:jonas"]
    assert not [r for r in h.snapshot()["Reminder"] if "console:jonas" in r.key]
