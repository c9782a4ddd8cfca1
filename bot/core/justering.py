"""Draft minutes, their versions and the justerare's approvals, until the minutes are locked."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from bot.core.agenda_text import ordered
from bot.core.content import check_content
from bot.core.context import Event, Result
from bot.core.entries import entries_by_item, party_names
from bot.core.followups import for_minutes
from bot.core.housestyle import style_of
from bot.core.imported import imported_facts
from bot.core.minutes import (
    EntryLine,
    ItemMinutes,
    MinutesDoc,
    PersonLine,
    Stamp,
    content_hash,
    is_justerare_item,
    render_final,
    render_minutes,
)
from bot.core.model import (
    AgendaItem,
    Approval,
    Decision,
    Group,
    ItemStatus,
    Justerare,
    Meeting,
    MeetingStatus,
    Member,
    MinutesVersion,
    PartyKind,
    PostingStatus,
    Role,
    Verdict,
)
from bot.core.permissions import Action
from bot.core.search import index_minutes
from bot.core.texts import UserError, say
from bot.core.tx import Phase, Tx

S = MeetingStatus
MAX_CHANGE_LINES = 20


def draft_items(doc: MinutesDoc) -> tuple[tuple[str, int, str], ...]:
    """The items a posted draft shows, (section, number, title), for an adapter's edit action."""
    return tuple((e.item.section.value, e.item.number, e.item.title) for e in doc.items)


def build_doc(tx: Tx, group: Group, meeting: Meeting, poster_ref: str | None = None) -> MinutesDoc:
    """Everything the minutes show; who kept them is whoever posted first (else the secretary)."""
    parties = {p.id: p for p in tx.parties(group)}
    items = [
        i
        for i in ordered(tx.store.find(AgendaItem, meeting_id=meeting.id))
        if i.status is ItemStatus.ACCEPTED
    ]
    ids = [i.id for i in items]
    recorded = entries_by_item(tx.store, items)
    decisions = {d.item_id: d for d in tx.store.find(Decision, item_id=ids)}
    promised = for_minutes(tx.store, meeting, ids)
    entries = []
    chosen = _justerare(tx, meeting)
    for item in items:
        decision = decisions.get(item.id)
        # Commitments stand under the item after what was said; the outcomes it reports too.
        made, reported = promised.made.get(item.id, []), promised.closed.get(item.id, [])
        if (
            not recorded[item.id]
            and not made
            and not reported
            and decision is None
            and not (is_justerare_item(item) and chosen)
        ):
            continue  # nothing was recorded on it: no empty heading in the minutes
        entries.append(
            ItemMinutes(
                item=item,
                entries=[
                    EntryLine(e.kind, e.text, party_names(parties, e), f"{item.number}.{e.seq}")
                    for e in recorded[item.id]
                ],
                commitments=made,
                outcomes=reported,
                decision=decision,
                decision_party=(
                    parties[decision.party_id].name if decision and decision.party_id else ""
                ),
            )
        )
    justerare = [
        PersonLine(
            m.display_name,
            parties[m.party_id].name,
            parties[m.party_id].kind is PartyKind.EMPLOYER,
        )
        for m in chosen
    ]
    # The first version still kept (older drafts may have been pruned).
    versions = sorted(tx.store.find(MinutesVersion, meeting_id=meeting.id), key=lambda v: v.number)
    keeper = tx.member_or_none(group, versions[0].posted_by if versions else poster_ref or "")
    if keeper is None:
        secretaries = tx.store.find(Member, group_id=group.id, role=Role.SECRETARY)
        keeper = secretaries[0] if secretaries else None
    return MinutesDoc(
        group=group,
        meeting=meeting,
        items=entries,
        justerare=justerare,
        secretary=keeper.display_name if keeper else "",
        style=style_of(group.style, group.style_text),
        outcomes=promised.closed_elsewhere,
    )


def show_minutes(tx: Tx, ref: int | None) -> Result:
    group = tx.group()
    tx.require(Action.VIEW, group)
    meeting = tx.meeting(group, ref, Phase.READ_MINUTES)
    if meeting.status is S.JUSTERAD:
        facts = imported_facts(tx, meeting)
        text = final_text(tx, group, meeting)
        return Result(f"{facts}\n\n{text}" if facts else text, meeting_id=meeting.id)
    doc = build_doc(tx, group, meeting)
    body = render_minutes(doc)
    latest = _latest(tx, meeting)
    if latest is None:
        header = tx.say("draft_unposted", ref=meeting.number)
    elif latest.text == body:
        header = tx.say("draft_is_version", ref=meeting.number, version=latest.number)
        header += " " + _approval_status(tx, meeting, latest, tx.ctx.lang)
    else:
        header = tx.say("draft_changed", ref=meeting.number, version=latest.number)
    # The references ("[4.2]") are for correcting; the posted text never has them.
    return Result(f"{header}\n\n{render_minutes(doc, refs=True)}", meeting_id=meeting.id)


def post_minutes(tx: Tx, ref: int | None) -> Result:
    """Post the draft as a new immutable version; approvals of older versions stop counting."""
    group = tx.group()
    meeting = tx.meeting(group, ref, Phase.MINUTES)
    tx.require(Action.POST_MINUTES, group, meeting)
    if meeting.status in (S.PLANNED, S.PUBLISHED) and meeting.starts_at > tx.now:
        raise UserError("minutes_before_meeting", ref=meeting.number)
    if not _justerare(tx, meeting):
        raise UserError("no_justerare_yet")
    previous = _latest(tx, meeting)
    doc = build_doc(tx, group, meeting, poster_ref=tx.ctx.user_ref)
    body = render_minutes(doc)
    if previous is not None and previous.text == body:
        return _post_again(tx, meeting, previous)
    version = tx.store.add(
        MinutesVersion(
            meeting_id=meeting.id,
            number=(previous.number if previous else 0) + 1,
            text=body,
            content_hash=content_hash(body),
            posted_by=tx.ctx.user_ref,
            posted_at=tx.now,
        )
    )
    meeting.status = S.DRAFT
    tx.store.update(meeting)
    tx.record("post_minutes", group, meeting, detail=f"version={version.number}")
    changes = _changes(previous.text, body) if previous else ()
    refs = tuple(m.user_ref for m in _justerare(tx, meeting))
    event = Event(
        "minutes_posted",
        meeting.id,
        meeting_number=meeting.number,
        text=body,
        changes=changes,
        version=version.number,
        user_refs=refs,
        status=_approval_status(tx, meeting, version, "sv"),
        body=body,
        items=draft_items(doc),
    )
    message = tx.say("minutes_posted", ref=meeting.number, version=version.number)
    return Result(message, [event], meeting.id)


def _post_again(tx: Tx, meeting: Meeting, version: MinutesVersion) -> Result:
    """An unchanged draft is posted again only when its posting never arrived (given up)."""
    from bot.core import outbox  # here: the outbox knows postings, which know justering

    posting = outbox.version_posting(tx.store, meeting.id, version.number)
    if posting is None or posting.status is PostingStatus.SENT:
        raise UserError("minutes_unchanged", version=version.number)
    if posting.status is PostingStatus.PENDING:
        raise UserError("minutes_post_waiting", version=version.number, ref=meeting.number)
    tx.record("repost_minutes", tx.group(), meeting, detail=f"version={version.number}")
    event = Event(
        "minutes_posted",
        meeting.id,
        meeting_number=meeting.number,
        text=version.text,
        version=version.number,
        user_refs=tuple(m.user_ref for m in _justerare(tx, meeting)),
        status=_approval_status(tx, meeting, version, "sv"),
        body=version.text,
        items=draft_items(build_doc(tx, tx.group(), meeting)),
    )
    message = tx.say("minutes_reposted", ref=meeting.number, version=version.number)
    return Result(message, [event], meeting.id)


def approve(tx: Tx, ref: int | None, version_number: int | None = None) -> Result:
    """Approve the latest posted version (or refuse when the clicked version is an older one)."""
    group, meeting, me, version = _as_justerare(tx, ref, version_number)
    doc = build_doc(tx, group, meeting)
    if render_minutes(doc) != version.text:
        # Approving the posted text while edits wait unposted would lock the minutes without them.
        raise UserError("draft_changed_wait", version=version.number)
    mine = tx.store.find(Approval, version_id=version.id, member_id=me.id)
    if mine and mine[0].verdict is Verdict.APPROVED:
        raise UserError("already_approved", version=version.number)
    _set_verdict(tx, version, me, Verdict.APPROVED, "")
    tx.record("approve", group, meeting, detail=f"version={version.number}")
    status = _approval_status(tx, meeting, version, "sv")
    pending = _pending(tx, meeting, version)
    if pending:
        message = tx.say("approved_waiting", version=version.number, count=len(pending))
        event = Event(
            "approved",
            meeting.id,
            version=version.number,
            status=status,
            body=version.text,
            meeting_number=meeting.number,
            items=draft_items(doc),
        )
        return Result(message, [event], meeting.id)
    meeting.status = S.JUSTERAD
    tx.store.update(meeting)
    tx.record("justerad", group, meeting, detail=f"version={version.number}")
    index_minutes(tx, build_doc(tx, group, meeting))
    event = Event(
        "minutes_justerade",
        meeting.id,
        meeting_number=meeting.number,
        text=final_text(tx, group, meeting),
        version=version.number,
        status=status,
        body=version.text,
    )
    message = tx.say("minutes_justerade", ref=meeting.number, version=version.number)
    return Result(message, [event], meeting.id)


def request_change(
    tx: Tx, ref: int | None, comment: str, version_number: int | None = None
) -> Result:
    group, meeting, me, version = _as_justerare(tx, ref, version_number)
    check_content(group, "comment", comment, required=True)
    _set_verdict(tx, version, me, Verdict.CHANGE_REQUESTED, comment.strip())
    tx.record("request_change", group, meeting, detail=f"version={version.number}")
    # The note in the thread names the secretary, as the reply promises it is sent to them.
    secretaries = tx.store.find(Member, group_id=group.id, role=Role.SECRETARY)
    event = Event(
        "change_requested",
        meeting.id,
        meeting_number=meeting.number,
        changes=(f"{me.display_name}: {comment.strip()}",),
        user_refs=tuple(m.user_ref for m in secretaries),
        version=version.number,
        status=_approval_status(tx, meeting, version, "sv"),
        body=version.text,
        items=draft_items(build_doc(tx, group, meeting)),
    )
    return Result(tx.say("change_requested", version=version.number), [event], meeting.id)


def _set_verdict(
    tx: Tx, version: MinutesVersion, me: Member, verdict: Verdict, comment: str
) -> None:
    """One verdict per justerare and version; a later one replaces the earlier."""
    mine = tx.store.find(Approval, version_id=version.id, member_id=me.id)
    if mine:
        mine[0].verdict, mine[0].at, mine[0].comment = verdict, tx.now, comment
        tx.store.update(mine[0])
    else:
        tx.store.add(
            Approval(
                version_id=version.id, member_id=me.id, verdict=verdict, at=tx.now, comment=comment
            )
        )


def final_text(tx: Tx, group: Group, meeting: Meeting) -> str:
    version = _latest(tx, meeting)
    heading = style_of(group.style, group.style_text).final_heading
    return render_final(version.text, version.number, _stamps(tx, group, version), heading)


def _as_justerare(
    tx: Tx, ref: int | None, version_number: int | None = None
) -> tuple[Group, Meeting, Member, MinutesVersion]:
    group = tx.group()
    meeting = tx.meeting(group, ref, Phase.JUSTERING)
    tx.require(Action.APPROVE, group, meeting)
    version = _latest(tx, meeting)
    if version is None:
        raise UserError("nothing_posted", ref=meeting.number)
    if version_number is not None and version_number != version.number:
        raise UserError("not_the_latest_draft")
    return group, meeting, tx.member(group), version


def _justerare(tx: Tx, meeting: Meeting) -> list[Member]:
    chosen = tx.store.find(Justerare, meeting_id=meeting.id)
    return [tx.store.get(Member, j.member_id) for j in chosen]


def _latest(tx: Tx, meeting: Meeting) -> MinutesVersion | None:
    versions = tx.store.find(MinutesVersion, meeting_id=meeting.id)
    return max(versions, key=lambda v: v.number) if versions else None


def _pending(tx: Tx, meeting: Meeting, version: MinutesVersion) -> list[Member]:
    approved = {
        a.member_id
        for a in tx.store.find(Approval, version_id=version.id)
        if a.verdict is Verdict.APPROVED
    }
    return [m for m in _justerare(tx, meeting) if m.id not in approved]


def _approval_status(tx: Tx, meeting: Meeting, version: MinutesVersion, lang: str) -> str:
    verdicts = {a.member_id: a for a in tx.store.find(Approval, version_id=version.id)}
    parts = []
    for m in _justerare(tx, meeting):
        a = verdicts.get(m.id)
        key = "verdict_waiting" if a is None else f"verdict_{a.verdict.name.lower()}"
        parts.append(f"{m.display_name}: {say(lang, key)}")
    return say(lang, "approval_status", version=version.number, states="; ".join(parts))


def _changes(old: str, new: str) -> tuple[str, ...]:
    diff = [
        line
        for line in difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    if len(diff) > MAX_CHANGE_LINES:
        diff = [*diff[:MAX_CHANGE_LINES], f"… ({len(diff) - MAX_CHANGE_LINES})"]
    return tuple(diff)


@dataclass(frozen=True)
class MinutesExport:
    """What a document of the minutes shows: the text's parts, which version, whose approval."""

    doc: MinutesDoc
    version: int
    content_hash: str
    status: str  # "draft" or "justerad"
    stamps: list[Stamp]


def minutes_for_export(tx: Tx, ref: int | None) -> MinutesExport:
    """The justerade minutes as approved, or the current draft, for a file."""
    group = tx.group()
    tx.require(Action.VIEW, group)
    meeting = tx.meeting(group, ref, Phase.READ_MINUTES)
    return minutes_export(tx, group, meeting)


def minutes_export(tx: Tx, group: Group, meeting: Meeting) -> MinutesExport:
    doc = build_doc(tx, group, meeting)
    latest = _latest(tx, meeting)
    if meeting.status is S.JUSTERAD and latest is not None:
        return MinutesExport(
            doc, latest.number, latest.content_hash, "justerad", _stamps(tx, group, latest)
        )
    body = render_minutes(doc)
    posted = latest is not None and latest.text == body
    number = latest.number if posted else (latest.number + 1 if latest else 1)
    return MinutesExport(doc, number, content_hash(body), "draft", [])


def _stamps(tx: Tx, group: Group, version: MinutesVersion) -> list[Stamp]:
    members = {m.id: m for m in tx.store.find(Member, group_id=group.id)}
    parties = {p.id: p for p in tx.parties(group)}
    return [
        Stamp(
            PersonLine(
                members[a.member_id].display_name, parties[members[a.member_id].party_id].name
            ),
            a.at,
        )
        for a in tx.store.find(Approval, version_id=version.id)
        if a.verdict is Verdict.APPROVED
    ]


@dataclass(frozen=True)
class JusteringView:
    """The justering as one person sees it on a card: may they still approve this version?"""

    meeting_id: int
    version: int
    status: str
    heading: str
    may_approve: bool
    justerad: bool
    justerare_refs: tuple[str, ...]
    meeting_number: int = 0  # the group's own number, as "#N" shows it


def justering_view(tx: Tx, meeting_id: int) -> JusteringView:
    """For a card's refresh: read only, and only within the channel's own group."""
    group = tx.group()
    meeting = tx.store.get(Meeting, meeting_id)
    if meeting is None or meeting.group_id != group.id:
        raise UserError("not_the_latest_draft")
    version = _latest(tx, meeting)
    if version is None:
        raise UserError("nothing_posted", ref=meeting.number)
    pending = {m.user_ref for m in _pending(tx, meeting, version)}
    justerad = meeting.status is S.JUSTERAD
    return JusteringView(
        meeting_number=meeting.number,
        meeting_id=meeting.id,
        version=version.number,
        status=_approval_status(tx, meeting, version, tx.ctx.lang),
        heading=f"Utkast version {version.number}, möte #{meeting.number}",
        may_approve=not justerad and tx.ctx.user_ref in pending,
        justerad=justerad,
        justerare_refs=tuple(m.user_ref for m in _justerare(tx, meeting)),
    )
