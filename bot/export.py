"""Minutes out of the chat: files in each format, verifying a file, and the static archive."""

from __future__ import annotations

import html
import io
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from bot.core.agenda import AgendaExport
from bot.core.context import STOCKHOLM, Context
from bot.core.justering import MinutesExport, minutes_export
from bot.core.model import AgendaItem, Group, Meeting, MeetingStatus, MinutesVersion
from bot.core.service import Justera
from bot.core.tx import Tx
from bot.render.document import agenda_view, extract_hash, minutes_view, sniff_format
from bot.render.docx import render_agenda_docx, render_docx
from bot.render.html import render_agenda_html, render_html
from bot.render.ics import render_ics
from bot.render.markdown import render_agenda_markdown, render_markdown
from bot.render.pdf import render_agenda_pdf, render_pdf

FORMATS = {"pdf": "pdf", "docx": "docx", "html": "html", "md": "md", "markdown": "md"}


def render(export: MinutesExport, fmt: str) -> tuple[bytes, str]:
    """The file's bytes and a name such as minnesanteckningar-fsg-2026-03-18.pdf."""
    view = minutes_view(
        export.doc,
        version=export.version,
        content_hash=export.content_hash,
        status=export.status,  # type: ignore[arg-type]
        stamps=export.stamps,
    )
    ext = FORMATS[fmt]
    data: bytes | str = {
        "pdf": render_pdf,
        "docx": render_docx,
        "html": render_html,
        "md": render_markdown,
    }[ext](view)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return raw, f"{view.file_stem}.{ext}"


def render_agenda(export: AgendaExport, fmt: str) -> tuple[bytes, str]:
    """The ärendelista as a file, or the meeting as an iCalendar invitation (fmt "ics")."""
    if fmt == "ics":
        text = render_ics(export.group, export.meeting, export.items)
        return text.encode("utf-8"), f"mote-{slug(export.group.key)}-{export.meeting.id}.ics"
    view = agenda_view(export.group, export.meeting, export.items)
    ext = FORMATS[fmt]
    renderer = {
        "pdf": render_agenda_pdf,
        "docx": render_agenda_docx,
        "html": render_agenda_html,
        "md": render_agenda_markdown,
    }[ext]
    data = renderer(view)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return raw, f"{view.file_stem}.{ext}"


def render_any(result: object, fmt: str) -> tuple[bytes, str]:
    return render_agenda(result, fmt) if isinstance(result, AgendaExport) else render(result, fmt)


def meeting_by_number(service: Justera, number: int, group_key: str | None, now) -> int:
    """The id of a group's meeting #number, for the operator's command line: numbers run per
    group, so the group is named unless there is only one."""

    def find(tx: Tx) -> int:
        groups = tx.store.find(Group)
        if group_key is not None:
            groups = [g for g in groups if g.key.casefold() == group_key.casefold()]
            if not groups:
                raise LookupError(f"Det finns ingen grupp {group_key}; till exempel --group FSG.")
        elif len(groups) > 1:
            keys = ", ".join(g.key for g in groups)
            raise LookupError(
                f"Mötesnummer gäller per grupp; ange gruppen, till exempel --group "
                f"{groups[0].key} (grupper: {keys})."
            )
        found = tx.store.find(Meeting, group_id=[g.id for g in groups], number=number)
        if not found:
            raise LookupError(f"Det finns inget möte #{number}; se möten med `/mote lista`.")
        return found[0].id

    return service.run(system(now), find)


def export_agenda(service: Justera, meeting_id: int, now) -> AgendaExport:
    def load(tx: Tx) -> AgendaExport:
        meeting = tx.store.get(Meeting, meeting_id)
        if meeting is None:
            raise LookupError(
                f"Det finns inget möte (id {meeting_id}); se möten med `/mote lista`."
            )
        items = tx.store.find(AgendaItem, meeting_id=meeting.id)
        return AgendaExport(tx.store.get(Group, meeting.group_id), meeting, items)

    return service.run(system(now), load)


def system(now) -> Context:
    return Context(user_ref="system:export", channel_ref="system:export", now=now)


def export_meeting(service: Justera, meeting_id: int, now) -> MinutesExport:
    """For the operator's command line: any meeting, by number."""

    def load(tx: Tx) -> MinutesExport:
        meeting = tx.store.get(Meeting, meeting_id)
        if meeting is None:
            raise LookupError(
                f"Det finns inget möte (id {meeting_id}); se möten med `/mote lista`."
            )
        return minutes_export(tx, tx.store.get(Group, meeting.group_id), meeting)

    return service.run(system(now), load)


@dataclass(frozen=True)
class Verdict:
    ok: bool
    message: str


def verify(service: Justera, data: bytes, now) -> Verdict:
    """Does this file carry the hash of a version of justerade minutes in our archive?"""
    found = extract_hash(data)
    if found is None:
        return Verdict(
            False, "Filen bär ingen kontrollsumma: den är ett utkast eller inte från Justera."
        )

    fmt = sniff_format(data)

    def look(tx: Tx) -> Verdict:
        versions = tx.store.find(MinutesVersion, content_hash=found)
        for version in versions:
            meeting = tx.store.get(Meeting, version.meeting_id)
            group = tx.store.get(Group, meeting.group_id)
            latest = max(v.number for v in tx.store.find(MinutesVersion, meeting_id=meeting.id))
            if meeting.status is not MeetingStatus.JUSTERAD or version.number != latest:
                continue
            # The hash line alone proves nothing: the file's words must be the archive's.
            original, _name = render(minutes_export(tx, group, meeting), fmt)
            if words_of(original, fmt) != words_of(data, fmt):
                return Verdict(
                    False,
                    "Filen bär kontrollsumman för ett justerat protokoll men "
                    "texten skiljer sig från arkivets: den är ändrad.",
                )
            day = meeting.starts_at.astimezone(STOCKHOLM).date().isoformat()
            return Verdict(
                True,
                f"Filen stämmer: justerat protokoll för {group.key} (grupp-id {group.id}, "
                f"arkivmapp {group_folder(group)}) {day} (möte #{meeting.number}), "
                f"version {version.number}, SHA-256 {found}.",
            )
        return Verdict(False, f"Ingen justerad version i arkivet har kontrollsumman {found}.")

    return service.run(system(now), look)


def words_of(data: bytes, fmt: str) -> list[str]:
    """A file's words in order: what a reader sees, whatever the bytes around them."""
    if fmt == "pdf":
        from pypdf import PdfReader

        text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    elif fmt == "docx":
        from docx import Document

        document = Document(io.BytesIO(data))
        text = "\n".join(p.text for p in document.paragraphs)
        for section in document.sections:
            text += "\n".join(p.text for p in section.footer.paragraphs)
    else:
        text = data.decode("utf-8", errors="replace")
    return text.split()


Years = dict[int, list[tuple[Meeting, str]]]


@dataclass
class Published:
    """What publish wrote, and the groups it could not write (key, id, why)."""

    count: int = 0
    failed: list[tuple[str, int, str]] = field(default_factory=list)


def group_folder(group: Group) -> str:
    """The group's folder in the archive: its readable key and, last, its id.

    Keys that differ only in punctuation ("FSG!" and "FSG") share a slug; the id after the last
    dash is a number no slug can end in twice, so two groups never share a folder.
    """
    return f"{slug(group.key)}-{group.id}"


def publish(service: Justera, folder: Path, now) -> Published:
    """A static archive of every group's justerade minutes, by group and year, with indexes.

    A group whose minutes cannot be rendered is reported and left as it was; the others are
    written all the same.
    """

    def collect(tx: Tx) -> tuple[dict[int, Group], dict[int, list], list[tuple[str, int, str]]]:
        groups: dict[int, Group] = {}
        exports: dict[int, list[tuple[Meeting, MinutesExport]]] = defaultdict(list)
        failed: list[tuple[str, int, str]] = []
        for meeting in tx.store.find(Meeting, status=MeetingStatus.JUSTERAD):
            group = groups.setdefault(meeting.group_id, tx.store.get(Group, meeting.group_id))
            try:
                exports[group.id].append((meeting, minutes_export(tx, group, meeting)))
            except Exception as error:
                failed.append((group.key, group.id, type(error).__name__))
        return groups, exports, failed

    groups, exports, failed = service.run(system(now), collect)
    report = Published(failed=failed)
    broken = {gid for _key, gid, _why in failed}
    by_group: dict[int, Years] = {}
    for gid, meetings in exports.items():
        if gid in broken:
            continue
        group = groups[gid]
        files: dict[Path, bytes] = {}
        years: Years = defaultdict(list)
        try:
            for meeting, export in meetings:
                year = meeting.starts_at.astimezone(STOCKHOLM).year
                for fmt in ("html", "pdf", "docx"):
                    data, name = render(export, fmt)
                    stem = f"{name.rsplit('.', 1)[0]}-mote-{meeting.id}"
                    files[Path(group_folder(group), str(year), f"{stem}.{fmt}")] = data
                years[year].append((meeting, stem))
        except Exception as error:
            report.failed.append((group.key, group.id, type(error).__name__))
            continue
        # Written only once every file of the group rendered: never a half-written group.
        for path, data in files.items():
            (folder / path).parent.mkdir(parents=True, exist_ok=True)
            (folder / path).write_bytes(data)
        by_group[gid] = years
        report.count += len(meetings)
    _write_indexes(folder, groups, by_group)
    return report


def _write_indexes(
    folder: Path,
    groups: dict[int, Group],
    by_group: dict[int, dict[int, list[tuple[Meeting, str]]]],
) -> None:
    top = ["<h1>Justerade minnesanteckningar</h1>", "<ul>"]
    folder.mkdir(parents=True, exist_ok=True)
    for gid in sorted(by_group, key=lambda g: (groups[g].key, g)):
        group = groups[gid]
        name = group_folder(group)
        top.append(f'<li><a href="{name}/index.html">{html.escape(group.key)}</a></li>')
        years = by_group[gid]
        page = [f"<h1>{html.escape(group.key)} – {html.escape(group.name)}</h1>"]
        for year in sorted(years, reverse=True):
            page.append(f"<h2>{year}</h2><ul>")
            for meeting, stem in sorted(years[year], key=lambda m: m[0].starts_at):
                day = meeting.starts_at.astimezone(STOCKHOLM).date().isoformat()
                base = f"{year}/{stem}"
                page.append(
                    f'<li><a href="{base}.html">{day}</a> '
                    f'(<a href="{base}.pdf">PDF</a>, <a href="{base}.docx">Word</a>)</li>'
                )
            page.append("</ul>")
        (folder / name / "index.html").write_text(_page(group.key, page), encoding="utf-8")
    top.append("</ul>")
    (folder / "index.html").write_text(_page("Arkiv", top), encoding="utf-8")


def _page(title: str, body: list[str]) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="sv"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title></head><body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )


def slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.casefold()).strip("-") or "grupp"
