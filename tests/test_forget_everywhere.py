"""After forget a reference is in no byte of the database, the name only in public records."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import Engine, inspect, text

from bot.core import conversations, dataprotection, justering
from bot.core.context import Context
from bot.core.minutes import content_hash
from bot.core.model import ConversationRef, ReminderStatus
from bot.core.tx import Tx
from storage.store import store_factory as make_store_factory
from tests.harness import Harness, at, hold_meeting, set_up_meeting


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


def teams_reference(h: Harness, ref: str, teams_id: str, chat: str) -> None:
    seen = ConversationRef(
        ref=ref,
        service_url="https://smba.example.test/emea/",
        conversation_id=chat,
        tenant_id="tenant-fiktiv",
        bot_id="28:bot-fiktiv",
        updated_at=h.now,
        platform_user_id=teams_id,
    )
    system(h, conversations.remember, seen)


def promising(h: Harness) -> None:
    """Meeting #1 held, not justerat: Petra responsible for one commitment, named in another;
    meeting #2 planned, so that her reminder is on its way; Teams knows where to reach her."""
    hold_meeting(h)
    h.do("maria", "/mote planera onsdag 15 april kl 13; Sof")
    h.do("sara", "/uppfoljning 5; @petra; Återkomma med siffror per enhet; till nästa möte")
    h.do("sara", "/uppfoljning 6; HR-chef; Stämma av förslaget med Petra Söder; v. 16")
    teams_reference(h, "console:petra", "29:petra-fiktiv-id", "a:1petra-fiktiv-chatt")


def test_export_lists_commitments_and_teams_references(store_factory) -> None:
    h = Harness(store_factory)
    promising(h)
    data = json.loads(system(h, dataprotection.export_person, "console:petra").message)
    assert [(c["id"], c["why"]) for c in data["commitments"]] == [
        (1, ["responsible", "named"]),
        (2, ["named"]),
    ]
    assert data["commitments"][0]["responsible"] == "Petra Söder"
    (reference,) = data["conversation_refs"]
    assert reference["platform_user_id"] == "29:petra-fiktiv-id"
    assert reference["conversation_id"] == "a:1petra-fiktiv-chatt"
    sara = json.loads(system(h, dataprotection.export_person, "console:sara").message)
    assert [c["why"] for c in sara["commitments"]] == [["recorded"], ["recorded"]]
    assert sara["conversation_refs"] == []


def test_forget_takes_commitments_and_teams_references_from_every_byte(
    engine: Engine, db_url: str
) -> None:
    h = Harness(make_store_factory(engine))
    promising(h)
    teams_reference(h, "console:jonas", "29:jonas-fiktiv-id", "")  # someone else, kept
    before = everything(engine, db_url)
    for there in ["Petra Söder", "console:petra", "29:petra-fiktiv-id", "a:1petra-fiktiv-chatt"]:
        assert there in before, there
    report = system(h, dataprotection.forget_person, "console:petra").message
    assert "uppföljningar" in report and "Teams-adresser 1" in report
    after = everything(engine, db_url)
    for gone in ["Petra Söder", "console:petra", "29:petra-fiktiv-id", "a:1petra-fiktiv-chatt"]:
        assert gone not in after, gone
    assert "29:jonas-fiktiv-id" in after
    snapshot = h.snapshot()
    first, second = snapshot["Commitment"]
    assert first.responsible == dataprotection.FORGOTTEN_NAME
    assert first.responsible_ref.startswith("forgotten:")
    assert second.what == "Stämma av förslaget med Borttagen person"
    # Her reminder is cancelled and stays so when the follow-ups are planned again.
    h.do("maria", "/mote planera onsdag 13 maj kl 13; Sof")
    reminders = [r for r in h.snapshot()["Reminder"] if r.key.endswith(":remind")]
    assert reminders and all(r.status is not ReminderStatus.PENDING for r in reminders)


def test_forget_keeps_the_commitments_justerade_minutes_show(store_factory) -> None:
    h = Harness(store_factory)
    set_up_meeting(h)
    h.do("maria", "/arende acceptera alla")
    h.now = at("2026-03-18T13:05")
    h.do("sara", "/justerare jonas, lina")
    h.do("sara", "/uppfoljning 5; @petra; Återkomma med siffror per enhet; till nästa möte")
    h.do("sara", "/protokoll posta")
    h.do("jonas", "/protokoll godkänn")
    h.do("lina", "/protokoll godkänn")
    with store_factory() as store:
        before = justering.minutes_for_export(tx_for(store, h), 1)
    report = system(h, dataprotection.forget_person, "console:petra").message
    assert "namnet i 1 uppföljningar som justerade protokoll visar" in report
    with store_factory() as store:
        after = justering.minutes_for_export(tx_for(store, h), 1)
    # The file rendered from the model still is what the justerare approved.
    assert justering.render_minutes(after.doc) == justering.render_minutes(before.doc)
    assert after.content_hash == content_hash(justering.render_minutes(after.doc))
    (commitment,) = h.snapshot()["Commitment"]
    assert commitment.responsible == "Petra Söder"
    assert commitment.responsible_ref.startswith("forgotten:")


def tx_for(store, h: Harness) -> Tx:
    return Tx(store, Context("console:sara", "console:#samverkan", h.now))
