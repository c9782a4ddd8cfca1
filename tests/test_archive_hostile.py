"""The archive survives anything stored, groups never share a folder, and verify names the group."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from bot import export
from bot.core.model import Group
from tests.harness import GROUP_SETUP, Harness, at, hold_meeting

# What older versions let through: controls, noncharacters, a lone surrogate is not storable.
HOSTILE = "Prognos\x01\x08\x0b\x1f\ufffe\uffff klar"


def justerad(h: Harness, key: str = "FSG", channel: str = "samverkan") -> None:
    h.channel = channel
    h.now = at("2026-03-02T09:00")
    if key == "FSG":
        hold_meeting(h)
    else:
        for user, line in GROUP_SETUP:
            h.do(user, line.replace("/grupp skapa FSG;", f"/grupp skapa {key};"))
        h.do("maria", "/mote planera onsdag 18 mars kl 15; Sof")
        h.do("sara", "/arende Information; Delårsrapport")
        h.do("maria", "/mote publicera")
        h.now = at("2026-03-18T15:05")
        h.do("sara", "/justerare jonas, lina")
        h.do("sara", "/anteckning 4; Prognosen är klar.")
        h.do("sara", "/protokoll posta")
    h.do("jonas", "/protokoll godkänn")
    h.do("lina", "/protokoll godkänn")


def poison(h: Harness) -> None:
    """Text stored before input was normalised, written past every check."""
    with h.store_factory() as store:
        connection = store._in_transaction()
        connection.execute(text("UPDATE entries SET text = :t"), {"t": HOSTILE})
        connection.execute(text("UPDATE groups SET name = :t"), {"t": "Grupp\x02" + HOSTILE})
        store.commit()


@pytest.mark.parametrize("fmt", ["docx", "pdf", "html", "md"])
def test_every_format_renders_stored_control_characters(store_factory, fmt: str) -> None:
    h = Harness(store_factory)
    justerad(h)
    poison(h)
    data, _name = export.render(export.export_meeting(h.service, 1, h.now), fmt)
    assert data
    agenda, _ = export.render_agenda(export.export_agenda(h.service, 1, h.now), fmt)
    assert agenda
    ics, _ = export.render_agenda(export.export_agenda(h.service, 1, h.now), "ics")
    assert b"\x01" not in ics and "\uffff".encode() not in ics


def test_groups_that_slug_alike_publish_apart_and_verify_names_the_group(
    store_factory, tmp_path: Path
) -> None:
    h = Harness(store_factory)
    justerad(h, "FSG")
    justerad(h, "FSG!", channel="andra")
    poison(h)
    report = export.publish(h.service, tmp_path, h.now)
    assert report.count == 2 and report.failed == []
    with h.store_factory() as store:
        groups = {g.key: g for g in store.find(Group)}
    folders = {export.group_folder(groups["FSG"]), export.group_folder(groups["FSG!"])}
    assert len(folders) == 2
    assert {p.name for p in tmp_path.iterdir() if p.is_dir()} == folders
    second = next((tmp_path / export.group_folder(groups["FSG!"])).glob("2026/*.pdf"))
    verdict = export.verify(h.service, second.read_bytes(), h.now)
    assert verdict.ok and f"grupp-id {groups['FSG!'].id}" in verdict.message


def test_publish_writes_every_group_it_can_and_reports_the_other(
    store_factory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    h = Harness(store_factory)
    justerad(h, "FSG")
    justerad(h, "VSG", channel="andra")
    real = export.render

    def render(result, fmt):
        if result.doc.group.key == "FSG":
            raise ValueError("a renderer that cannot")
        return real(result, fmt)

    monkeypatch.setattr(export, "render", render)
    report = export.publish(h.service, tmp_path, h.now)
    assert report.count == 1
    assert [(key, why) for key, _id, why in report.failed] == [("FSG", "ValueError")]
    assert not list(tmp_path.glob("fsg-*/**/*.pdf"))  # nothing half-written
    assert list(tmp_path.glob("vsg-*/2026/*.pdf"))
    assert "vsg-" in (tmp_path / "index.html").read_text(encoding="utf-8")
