"""A posted draft's item corrected from the draft itself: the change and its new version at once."""

from __future__ import annotations

from bot.core import corrections, followups, justering
from bot.core.context import Result
from bot.core.model import MeetingStatus
from bot.core.texts import UserError
from bot.core.tx import Phase, Tx

# The re-post is skipped, not refused, when it has nothing new to post or one is still on its way.
NOT_REPOSTED = {"minutes_unchanged", "minutes_post_waiting"}


def edit_posted_item(
    tx: Tx,
    ref: int,
    number: int,
    title: str,
    presenter: str,
    texts: dict[int, str],
    commitments: dict[int, followups.CommitmentChanges | None] | None = None,
) -> Result:
    """The item changed as corrections.edit_item does (leads only, until justerad); when the
    draft is posted, the next version is posted with it: its changed lines listed in the
    thread, the old approvals no longer counting, the justerare reminded again."""
    changed = corrections.edit_item(tx, ref, number, title, presenter, texts, commitments)
    meeting = tx.meeting(tx.group(), ref, Phase.MINUTES)
    if meeting.status is not MeetingStatus.DRAFT:
        return changed
    try:
        posted = justering.post_minutes(tx, ref)
    except UserError as error:
        if error.key not in NOT_REPOSTED:
            raise
        return changed
    return Result(f"{changed.message} {posted.message}", posted.events, posted.meeting_id)
