"""One command's view of the world: the open store, the caller and the lookups commands share."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from bot.core.context import STOCKHOLM, Context
from bot.core.model import (
    AgendaItem,
    AuditEntry,
    ChannelBinding,
    Group,
    ImportedMeeting,
    Justerare,
    Meeting,
    MeetingStatus,
    Member,
    Party,
)
from bot.core.permissions import (
    IMPORTED_CORRECTIONS,
    RULES,
    Action,
    Who,
    allowed_by_role,
    allowed_in_state,
)
from bot.core.ports import Store
from bot.core.texts import UserError, say

S = MeetingStatus


class Phase:
    """Which meeting a command means when the user names none."""

    AGENDA = "agenda"
    SESSION = "session"
    MINUTES = "minutes"
    READ_MINUTES = "read_minutes"
    JUSTERING = "justering"


@dataclass
class Tx:
    store: Store
    ctx: Context
    audit: list[AuditEntry] = field(default_factory=list)
    installers: frozenset[str] = frozenset()  # who may create groups; empty: anyone
    _members: dict[tuple[int | None, str], Member] = field(default_factory=dict)

    def may_create_groups(self) -> bool:
        """Configured at install: full references, or bare platform ids such as U123."""
        ref = self.ctx.user_ref
        return not self.installers or bool({ref, ref.split(":")[-1]} & self.installers)

    @property
    def now(self) -> datetime:
        return self.ctx.now

    def say(self, text_key: str, /, **params: object) -> str:
        return say(self.ctx.lang, text_key, **params)

    def record(
        self, action: str, group: Group | None, meeting: Meeting | None, detail: str = ""
    ) -> None:
        """Audit who did what; detail holds references only, never the user's text."""
        self.audit.append(
            AuditEntry(
                at=self.now,
                actor_ref=self.ctx.user_ref,
                action=action,
                group_id=group.id if group else None,
                meeting_id=meeting.id if meeting else None,
                detail=detail,
            )
        )

    # --- groups and members -------------------------------------------------------------

    def bound_group(self) -> Group | None:
        bindings = self.store.find(ChannelBinding, channel_ref=self.ctx.channel_ref)
        if not bindings:
            return None
        # The caller's membership comes with the group: nearly every command asks for it next.
        return self.store.get_group(bindings[0].group_id, self.ctx.user_ref)

    def group(self, key: str | None = None) -> Group:
        """The named group, or the channel's; a named group must be the channel's own."""
        bound = self.bound_group()
        if not key:
            if bound is None:
                raise UserError("no_group_here")
            return bound
        found = self.store.find(Group, key=normalise_key(key))
        if not found:
            raise UserError("unknown_group", key=key)
        group = found[0]
        if bound is not None and bound.id != group.id:
            raise UserError("other_groups_channel", key=group.key, bound=bound.key)
        if bound is None and self.member_or_none(group) is None:
            raise UserError("not_member", group=group.key)
        return group

    def member_or_none(self, group: Group, user_ref: str | None = None) -> Member | None:
        key = (group.id, user_ref or self.ctx.user_ref)
        if key in self._members:
            return self._members[key]
        found = self.store.find(Member, group_id=group.id, user_ref=key[1])
        if found:
            # Kept for this transaction only; a member changed in it is this same object.
            self._members[key] = found[0]
        return found[0] if found else None

    def member(self, group: Group) -> Member:
        me = self.member_or_none(group)
        if me is None:
            raise UserError("not_member", group=group.key)
        return me

    def parties(self, group: Group) -> list[Party]:
        return self.store.find(Party, group_id=group.id)

    def party_named(self, group: Group, name: str) -> Party:
        wanted = name.strip().casefold()
        for party in self.parties(group):
            if wanted in (party.name.casefold(), party.short_name.casefold()):
                return party
        names = ", ".join(p.name for p in self.parties(group)) or "–"
        raise UserError("unknown_party", party=name, parties=names)

    # --- meetings ------------------------------------------------------------------------

    def meetings(self, group: Group) -> list[Meeting]:
        return sorted(self.store.find(Meeting, group_id=group.id), key=lambda m: m.starts_at)

    def meeting(self, group: Group, ref: int | None, phase: str) -> Meeting:
        """The meeting numbered ref in this group, or the one the phase points at."""
        if ref is not None:
            # ref is the group's own number (#1 is its first meeting), never the global id.
            found = self.store.find_locked(Meeting, group_id=group.id, number=ref)
            if not found:
                raise UserError("unknown_meeting", ref=ref)
            return found[0]
        chosen = self._current(group, phase)
        if chosen is None:
            raise UserError(f"no_meeting_{phase}")
        return self.store.lock(Meeting, chosen.id) or chosen

    def _current(self, group: Group, phase: str) -> Meeting | None:
        meetings = self.meetings(group)
        today = self.now.astimezone(STOCKHOLM).date()

        def first(states: set[S], among: list[Meeting] | None = None) -> Meeting | None:
            return next((m for m in (among or meetings) if m.status in states), None)

        def started(m: Meeting) -> bool:
            return m.starts_at.astimezone(STOCKHOLM).date() <= today

        drafts = [m for m in meetings if m.status is S.DRAFT]
        if phase == Phase.AGENDA:
            return first({S.PLANNED, S.PUBLISHED})
        if phase in (Phase.SESSION, Phase.MINUTES, Phase.READ_MINUTES):
            held = first({S.HELD})
            if held:
                return held
            begun = [m for m in meetings if m.status in (S.PLANNED, S.PUBLISHED) and started(m)]
            if begun:
                return begun[-1]
            if drafts:
                return drafts[-1]
            done = [m for m in meetings if m.status is S.JUSTERAD]
            return done[-1] if done and phase == Phase.READ_MINUTES else None
        mine = [m for m in drafts if self.justerare_member(group, m) is not None]
        return (mine or drafts or [None])[0]

    def meeting_in_session_today(self, group: Group) -> Meeting | None:
        today = self.now.astimezone(STOCKHOLM).date()
        for m in self.meetings(group):
            if m.status is S.HELD and m.starts_at.astimezone(STOCKHOLM).date() == today:
                return self.store.lock(Meeting, m.id)
        return None

    def justerare_member(self, group: Group, meeting: Meeting) -> Member | None:
        me = self.member_or_none(group)
        if me is None:
            return None
        chosen = self.store.find(Justerare, meeting_id=meeting.id, member_id=me.id)
        return me if chosen else None

    def item(self, meeting: Meeting, number: int) -> AgendaItem:
        found = self.store.find(AgendaItem, meeting_id=meeting.id, number=number)
        if not found:
            raise UserError("unknown_item", number=number, ref=meeting.number)
        return found[0]

    # --- permission ------------------------------------------------------------------------

    def require(
        self,
        action: Action,
        group: Group,
        meeting: Meeting | None = None,
        *,
        responsible_ref: str = "",
    ) -> Member:
        """The caller as a member allowed to take the action now, or a refusal."""
        me = self.member(group)
        if meeting is not None and self.corrects_imported(action, meeting):
            if not me.is_admin:
                raise UserError("imported_admin_only", ref=meeting.number)
            return me
        # Only the justerare's own actions depend on it: asking for every command was a query.
        is_justerare = (
            RULES[action].who is Who.JUSTERARE
            and meeting is not None
            and self.justerare_member(group, meeting) is not None
        )
        if not allowed_by_role(
            action,
            role=me.role,
            is_admin=me.is_admin,
            is_justerare=is_justerare,
            is_responsible=bool(responsible_ref) and responsible_ref == me.user_ref,
        ):
            raise UserError(f"denied_{RULES[action].who}", what=self.say(f"action_{action}"))
        if meeting is not None:
            self.require_state(action, meeting)
        return me

    def corrects_imported(self, action: Action, meeting: Meeting) -> bool:
        """Whether this is a correction of an imported meeting (see IMPORTED_CORRECTIONS)."""
        if meeting.status is not S.JUSTERAD or action not in IMPORTED_CORRECTIONS:
            return False
        return bool(self.store.find(ImportedMeeting, meeting_id=meeting.id))

    def require_state(self, action: Action, meeting: Meeting) -> None:
        if allowed_in_state(action, meeting.status):
            return
        if meeting.status is S.JUSTERAD:
            raise UserError("meeting_locked", ref=meeting.number)
        if meeting.status is S.CANCELLED:
            raise UserError("meeting_cancelled", ref=meeting.number)
        raise UserError(
            "wrong_state",
            what=self.say(f"action_{action}"),
            ref=meeting.number,
            status=self.say(f"status_{meeting.status.name.lower()}"),
        )


def normalise_key(key: str) -> str:
    return " ".join(key.split()).upper()
