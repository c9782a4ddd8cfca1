"""Versions, approvals and locking: the rules that make justerade minutes trustworthy."""

from __future__ import annotations

import hashlib

from bot.core.model import Approval, AuditEntry, Meeting, MeetingStatus, MinutesVersion, Verdict
from tests.harness import Harness, at, hold_meeting


def versions(h: Harness) -> list[MinutesVersion]:
    return h.snapshot()["MinutesVersion"]


def status(h: Harness) -> MeetingStatus:
    return h.snapshot()["Meeting"][0].status


def test_a_posted_version_carries_the_hash_of_its_text(store_factory) -> None:
    h = Harness(store_factory)
    hold_meeting(h)
    (v1,) = versions(h)
    assert v1.number == 1
    assert v1.content_hash == hashlib.sha256(v1.text.encode()).hexdigest()
    assert "Prognosen visar ett underskott på 3 mnkr." in v1.text
    assert status(h) is MeetingStatus.DRAFT


def test_a_change_makes_a_new_version_and_old_approvals_stop_counting(store_factory) -> None:
    h = Harness(store_factory)
    hold_meeting(h)
    h.now = at("2026-03-19T09:00")
    h.do("lina", "/protokoll godkänn")
    h.do("jonas", "/protokoll ändring; Underskottet var 3,5 mnkr.")
    h.do("sara", "/anteckning 4; Rättelse: underskottet är 3,5 mnkr.")
    posted = h.do("sara", "/protokoll posta")
    (event,) = posted.events
    assert event.version == 2
    assert "+Rättelse: underskottet är 3,5 mnkr." in event.changes
    v1, v2 = versions(h)
    assert v1.text != v2.text and "Rättelse" not in v1.text  # the old version is untouched
    # Jonas approves version 2; Lina's approval belongs to version 1 and no longer counts.
    reply = h.do("jonas", "/protokoll godkänn")
    assert status(h) is MeetingStatus.DRAFT
    assert "1 justerare återstår" in reply.message
    done = h.do("lina", "/protokoll godkänn")
    assert status(h) is MeetingStatus.JUSTERAD
    (final,) = [e for e in done.events if e.kind == "minutes_justerade"]
    assert final.version == 2
    assert v2.content_hash in final.text
    approvals = h.snapshot()["Approval"]
    by_version = {(a.version_id, a.verdict) for a in approvals}
    assert (v1.id, Verdict.APPROVED) in by_version and (
        v1.id,
        Verdict.CHANGE_REQUESTED,
    ) in by_version
    assert sum(1 for a in approvals if a.version_id == v2.id) == 2


def test_justerade_minutes_show_who_approved_when(store_factory) -> None:
    h = Harness(store_factory)
    hold_meeting(h)
    h.now = at("2026-03-19T10:15")
    h.do("jonas", "/protokoll godkänn")
    h.now = at("2026-03-20T08:00")
    h.do("lina", "/protokoll godkänn")
    text = h.do("maria", "/protokoll visa").message
    assert "Jonas Ek, Akademikerförbundet SSR: godkänt torsdag 19 mars 2026 kl. 10.15" in text
    assert "Lina Åberg, Kommunal: godkänt fredag 20 mars 2026 kl. 08.00" in text
    assert f"Version 1, SHA-256 {versions(h)[0].content_hash}" in text


def test_a_justerare_may_withdraw_an_approval_with_a_change_request(store_factory) -> None:
    h = Harness(store_factory)
    hold_meeting(h)
    h.do("jonas", "/protokoll godkänn")
    h.do("jonas", "/protokoll begär ändring; Jag såg ett fel i punkt 6.")
    (approval,) = h.snapshot()["Approval"]
    assert approval.verdict is Verdict.CHANGE_REQUESTED
    assert approval.comment == "Jag såg ett fel i punkt 6."
    h.do("lina", "/protokoll godkänn")
    assert status(h) is MeetingStatus.DRAFT


def test_changing_the_justerare_changes_who_must_approve(store_factory) -> None:
    h = Harness(store_factory)
    hold_meeting(h)
    h.do("jonas", "/protokoll godkänn")
    h.do("sara", "/justerare jonas, lina, petra")
    # The posted version names two justerare; nobody can approve it until it is posted again.
    assert h.refused("petra", "/protokoll godkänn").key == "draft_changed_wait"
    assert h.refused("lina", "/protokoll godkänn").key == "draft_changed_wait"
    h.do("sara", "/protokoll posta")
    h.do("jonas", "/protokoll godkänn")
    h.do("lina", "/protokoll godkänn")
    assert status(h) is MeetingStatus.DRAFT
    h.do("petra", "/protokoll godkänn")
    assert status(h) is MeetingStatus.JUSTERAD


def test_showing_the_draft_tells_whether_it_matches_the_posted_version(store_factory) -> None:
    h = Harness(store_factory)
    hold_meeting(h)
    assert (
        "Utkast version 1 för möte #1, postat för justering."
        in h.do("sara", "/protokoll visa").message
    )
    h.do("jonas", "/protokoll godkänn")
    assert "Jonas Ek: godkänt; Lina Åberg: väntar" in h.do("sara", "/protokoll visa").message
    h.do("sara", "/anteckning 5; Ett tillägg.")
    assert "ändrat sedan version 1" in h.do("sara", "/protokoll visa").message


def test_every_change_is_audited_without_its_text(store_factory) -> None:
    h = Harness(store_factory)
    hold_meeting(h)
    entries: list[AuditEntry] = h.snapshot()["AuditEntry"]
    actions = [e.action for e in entries]
    for expected in (
        "create_group",
        "plan_meeting",
        "propose_item",
        "accept_items",
        "publish_agenda",
        "choose_justerare",
        "add_note",
        "record_decision",
        "post_minutes",
    ):
        assert expected in actions
    post = next(e for e in entries if e.action == "post_minutes")
    assert post.actor_ref == "console:sara" and post.meeting_id is not None
    assert post.at == at("2026-03-18T13:05")
    assert not any("underskott" in e.detail for e in entries)
    assert [type(x) for x in (Meeting, Approval)]  # the records the audit refers to exist


def test_a_change_request_is_possible_while_edits_wait(store_factory) -> None:
    h = Harness(store_factory)
    hold_meeting(h)
    h.do("sara", "/anteckning 5; Ett tillägg.")
    assert h.refused("jonas", "/protokoll godkänn").key == "draft_changed_wait"
    h.do("jonas", "/protokoll ändring; Punkt 5 behöver mer.")
    assert h.snapshot()["Approval"][0].verdict is Verdict.CHANGE_REQUESTED
