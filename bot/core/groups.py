"""Setting up a samverkansgrupp: the group, its channel, its parties and its members."""

from __future__ import annotations

from bot.core.content import words_of
from bot.core.context import Result
from bot.core.limits import check_length
from bot.core.model import ChannelBinding, Group, Member, Party, PartyKind, Role
from bot.core.permissions import Action
from bot.core.texts import UserError
from bot.core.tx import Tx, normalise_key

EMPLOYER_PARTY = "Arbetsgivaren"


def create_group(tx: Tx, key: str, name: str) -> Result:
    """Create a group bound to this channel; the creator becomes its admin and chair."""
    if not tx.may_create_groups():
        raise UserError("denied_create_group")
    key = normalise_key(key)
    check_length("group_key", key)
    check_length("group_name", name)
    if tx.store.find(Group, key=key):
        raise UserError("group_exists", key=key)
    bound = tx.bound_group()
    if bound is not None:
        raise UserError("channel_taken", bound=bound.key)
    group = tx.store.add(Group(key=key, name=name.strip(), created_at=tx.now))
    tx.store.add(ChannelBinding(channel_ref=tx.ctx.channel_ref, group_id=group.id))
    employer = tx.store.add(Party(group_id=group.id, name=EMPLOYER_PARTY, kind=PartyKind.EMPLOYER))
    display = tx.ctx.display_name or tx.ctx.user_ref
    tx.store.add(
        Member(
            group_id=group.id,
            user_ref=tx.ctx.user_ref,
            display_name=display,
            party_id=employer.id,
            role=Role.CHAIR,
            is_admin=True,
        )
    )
    tx.record("create_group", group, None)
    return Result(tx.say("group_created", key=key, name=group.name, user=display))


def bind_channel(tx: Tx, key: str) -> Result:
    found = tx.store.find(Group, key=normalise_key(key))
    if not found:
        raise UserError("unknown_group", key=key)
    group = found[0]
    tx.require(Action.MANAGE_GROUP, group)
    bound = tx.bound_group()
    if bound is not None:
        raise UserError("channel_taken", bound=bound.key)
    tx.store.add(ChannelBinding(channel_ref=tx.ctx.channel_ref, group_id=group.id))
    tx.record("bind_channel", group, None)
    return Result(tx.say("channel_bound", key=group.key))


def add_party(tx: Tx, name: str, kind: PartyKind, short_name: str = "") -> Result:
    group = tx.group()
    tx.require(Action.MANAGE_GROUP, group)
    check_length("party_name", name)
    check_length("party_name", short_name)
    wanted = {name.strip().casefold(), short_name.strip().casefold()} - {""}
    for party in tx.parties(group):
        if wanted & {party.name.casefold(), party.short_name.casefold()}:
            raise UserError("party_exists", party=party.name)
    party = tx.store.add(
        Party(group_id=group.id, name=name.strip(), kind=kind, short_name=short_name.strip())
    )
    tx.record("add_party", group, None, detail=f"party={party.id}")
    return Result(tx.say("party_added", party=party.name, kind=tx.say(f"kind_{kind.name.lower()}")))


def set_member(
    tx: Tx, user_ref: str, display_name: str, party_name: str, role: Role, is_admin: bool = False
) -> Result:
    """Add a member, or change the party, role or name of one already there."""
    group = tx.group()
    tx.require(Action.MANAGE_GROUP, group)
    check_length("display_name", display_name)
    party = tx.party_named(group, party_name)
    existing = tx.member_or_none(group, user_ref)
    if existing is None:
        tx.store.add(
            Member(
                group_id=group.id,
                user_ref=user_ref,
                display_name=display_name.strip(),
                party_id=party.id,
                role=role,
                is_admin=is_admin,
            )
        )
    else:
        if existing.user_ref == tx.ctx.user_ref and existing.is_admin and not is_admin:
            # Removing one's own admin right could leave the group with no admin at all.
            raise UserError("keep_own_admin")
        existing.display_name = display_name.strip()
        existing.party_id = party.id
        existing.role = role
        existing.is_admin = is_admin
        tx.store.update(existing)
    tx.record("set_member", group, None, detail=f"user={user_ref}")
    return Result(
        tx.say(
            "member_set",
            user=display_name.strip(),
            party=party.label,
            role=tx.say(f"role_{role.name.lower()}"),
        )
    )


def show_group(tx: Tx) -> Result:
    group = tx.group()
    tx.require(Action.VIEW, group)
    parties = {p.id: p for p in tx.parties(group)}
    lines = [f"{group.key} – {group.name}", tx.say("parties_heading")]
    for party in parties.values():
        label = f" ({party.short_name})" if party.short_name else ""
        lines.append(f"  {party.name}{label}, {tx.say(f'kind_{party.kind.name.lower()}')}")
    lines.append(tx.say("members_heading"))
    for m in tx.store.find(Member, group_id=group.id):
        admin = ", admin" if m.is_admin else ""
        role = tx.say(f"role_{m.role.name.lower()}")
        lines.append(f"  {m.display_name}: {parties[m.party_id].label}, {role}{admin}")
    return Result("\n".join(lines))


def show_forbidden_words(tx: Tx) -> Result:
    group = tx.group()
    tx.require(Action.MANAGE_GROUP, group)
    words = words_of(group)
    if not words:
        return Result(tx.say("forbidden_words_none"))
    return Result("\n".join([tx.say("forbidden_words_heading"), *(f"  {w}" for w in words)]))


def change_forbidden_words(tx: Tx, word: str, *, add: bool) -> Result:
    """Names of units or places that would point out a client; admins keep the list."""
    group = tx.group()
    tx.require(Action.MANAGE_GROUP, group)
    check_length("forbidden_word", word, required=True)
    words = [w for w in words_of(group) if w.casefold() != word.strip().casefold()]
    if add:
        words.append(word.strip())
    group.forbidden_words = "\n".join(words)
    tx.store.update(group)
    tx.record("forbidden_words", group, None, detail=f"count={len(words)}")
    return Result(tx.say("forbidden_words_changed", count=len(words)))
