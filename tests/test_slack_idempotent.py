"""A post whose answer was lost is looked for before it is made again: no message twice."""

from __future__ import annotations

from tests.slack_harness import SlackHarness, set_up


def top_level(h: SlackHarness) -> list[dict]:
    return [m for m in h.slack.posted("CFSG") if m["thread_ts"] is None]


def test_a_post_whose_answer_was_lost_is_not_made_twice(store_factory) -> None:
    with SlackHarness(store_factory) as h:
        set_up(h)
        # Slack makes the ärendelista, then the connection closes before its answer.
        h.slack.drop_answer("chat.postMessage")
        assert "publicerad" in h.command("UMARIA", "/mote publicera")
        (agenda,) = top_level(h)
        assert h.snapshot()["Meeting"][0].agenda_message_ref == agenda["ts"]
        assert len(h.slack.calls_to("chat.postMessage")) == 1
        (look,) = h.slack.calls_to("conversations.history")
        assert look.args["include_all_metadata"] in (True, "1", "true")
        assert h.sender.posters[0].found_again == 1

        # In a thread the same: the change's note is made once, found in the replies.
        h.slack.drop_answer("chat.postMessage")
        h.command("UMARIA", "/arende Dialog; Ny punkt")
        notes = [m for m in h.slack.posted("CFSG") if m["thread_ts"] == agenda["ts"]]
        assert len(notes) == 1 and "Ny punkt" in notes[0]["text"]
        assert len(h.slack.calls_to("conversations.replies")) == 1
        assert h.slack.violations == []
        assert h.sender.failures == []


def test_a_post_that_failed_is_made_after_the_look_finds_nothing(store_factory) -> None:
    with SlackHarness(store_factory) as h:
        set_up(h)
        h.slack.fail_next("chat.postMessage", status=500)  # refused: nothing was made
        h.command("UMARIA", "/mote publicera")
        assert len(top_level(h)) == 1
        assert [c.status for c in h.slack.calls_to("chat.postMessage")] == [500, 200]
        assert len(h.slack.calls_to("conversations.history")) == 1
        assert h.sender.posters[0].found_again == 0


def test_every_posted_message_carries_its_posting_in_metadata(store_factory) -> None:
    with SlackHarness(store_factory) as h:
        set_up(h)
        h.command("UMARIA", "/mote publicera")
        (call,) = h.slack.calls_to("chat.postMessage")
        meta = call.args["metadata"]
        assert meta["event_type"] == "justera_posting"
        assert set(meta["event_payload"]) == {"posting", "step"}


def test_the_fake_shows_metadata_only_when_asked_as_slack_does(store_factory) -> None:
    import asyncio

    with SlackHarness(store_factory) as h:
        set_up(h)
        h.command("UMARIA", "/mote publicera")
        client = h.sender.posters[0].client

        async def read(**kw):
            return (await client.conversations_history(channel="CFSG", **kw))["messages"]

        plain = asyncio.run_coroutine_threadsafe(read(), h.loop).result(timeout=10)
        full = asyncio.run_coroutine_threadsafe(read(include_all_metadata=True), h.loop).result(
            timeout=10
        )
        assert "metadata" not in plain[0] and full[0]["metadata"]["event_type"]


def test_a_posting_taken_over_looks_for_its_next_step_before_making_it(store_factory) -> None:
    """An owner killed after Slack made a step's message but before the record: the next owner
    finds the message by its metadata instead of posting it again."""
    import asyncio

    from bot.core.model import Posting, PostingStatus

    with SlackHarness(store_factory) as h:
        set_up(h)
        h.command("UMARIA", "/mote publicera")
        h.command("UMARIA", "/arende Dialog; Ny punkt")
        agenda = top_level(h)[0]
        with store_factory() as store:
            (change,) = [p for p in store.find(Posting) if p.kind == "agenda_changed"]
            # As the database stood when the owner died: the update recorded, the note made in
            # Slack but not recorded.
            change.status, change.steps_done, change.sent_at = PostingStatus.PENDING, 1, None
            change.made = change.made.rsplit(",", 1)[0] + "]"
            store.update(change)
            store.commit()
        asyncio.run_coroutine_threadsafe(h.sender.drain(), h.loop).result(timeout=30)
        notes = [m for m in h.slack.posted("CFSG") if m["thread_ts"] == agenda["ts"]]
        assert len(notes) == 1, [n["text"] for n in notes]
        assert h.sender.posters[0].found_again == 1
        assert {p.status for p in h.snapshot()["Posting"]} == {PostingStatus.SENT}


def tick(h: SlackHarness) -> None:
    """Due reminders handed to the outbox, and everything sent."""
    import asyncio

    asyncio.run_coroutine_threadsafe(h.bot.reminders.tick(), h.loop).result(timeout=30)
    h.settle()


def reminders_due_to_members(h: SlackHarness) -> int:
    """Meeting #1's agenda reminder goes to the channel; then the clock stands where the next
    tick sends the five members' day-before DMs. How many posts were made before."""
    from tests.harness import at

    h.command("UMARIA", "/mote publicera")
    h.now = at("2026-03-06T09:00")
    tick(h)
    h.now = at("2026-03-17T09:00")
    return len(h.slack.calls_to("chat.postMessage"))


def direct_messages(h: SlackHarness, since: int) -> list[str]:
    calls = h.slack.calls_to("chat.postMessage")[since:]
    assert all(c.args["channel"].startswith("U") for c in calls), "not only DMs"
    return sorted(m["channel"] for u in MEMBERS for m in h.slack.posted(u))


MEMBERS = ("UJONAS", "ULINA", "UMARIA", "UPETRA", "USARA")


def test_a_reminder_dm_whose_answer_was_lost_is_not_sent_twice(store_factory) -> None:
    """The DM is made, its answer lost: the retry opens the person's DM with the bot, finds the
    message there by its metadata, and does not send the reminder again."""
    with SlackHarness(store_factory) as h:
        set_up(h)
        since = reminders_due_to_members(h)
        h.slack.drop_answer("chat.postMessage")
        tick(h)
        assert direct_messages(h, since) == list(MEMBERS)
        (opened,) = h.slack.calls_to("conversations.open")
        (look,) = [
            c for c in h.slack.calls_to("conversations.history") if c.args["channel"][0] == "D"
        ]
        assert look.args["channel"] == f"D{opened.args['users']}"
        assert h.sender.posters[0].found_again == 1
        assert h.sender.failures == []


def test_a_dm_look_refused_for_good_sends_the_reminder_again_rather_than_never(
    store_factory,
) -> None:
    """An installation without im:history: Slack refuses the look. The reminder is made again
    (maybe twice, as before the look), not given up."""
    with SlackHarness(store_factory) as h:
        set_up(h)
        since = reminders_due_to_members(h)
        h.slack.drop_answer("chat.postMessage")
        # Every look is refused, as by an installation without the scope: which lane looks, and
        # how often (a lane whose task was cut looks again), is the sender's timing, not the
        # test's (the CI once saw the one refusal taken by another look and the DM found).
        looks = len(h.slack.calls_to("conversations.history"))
        h.slack.fail_next(
            "conversations.history", status=200, error="missing_scope", times=len(MEMBERS) + 1
        )
        tick(h)
        sent = direct_messages(h, since)
        assert len(h.slack.calls_to("conversations.history")) > looks  # the lost answer's look
        assert sorted(set(sent)) == list(MEMBERS) and len(sent) == len(MEMBERS) + 1
        assert h.sender.posters[0].found_again == 0
        assert h.sender.failures == []


class _Killed:
    """A sender's poster that makes its first call at Slack and then does not come back until
    told, as a process killed (kill -9) or one frozen past its lease mid-call: nothing recorded
    after the call while another sender works."""

    def __init__(self, poster, at: str = "") -> None:
        import asyncio

        self.poster, self.made, self.wakes = poster, asyncio.Event(), asyncio.Event()
        self.platform, self.at = poster.platform, at  # the step it dies at: its first unnamed

    def __getattr__(self, name: str):
        return getattr(self.poster, name)

    async def perform(self, posting, step, refs) -> str:
        ref = await self.poster.perform(posting, step, refs)
        if self.at and step.op != self.at:
            return ref
        self.made.set()
        await self.wakes.wait()  # no answer, no record, no renewal meanwhile
        return ref


def _sender(h: SlackHarness, store_factory, worker: str, poster, lanes: int = 50):
    from bot.outbox.sender import OutboxSender

    return OutboxSender(
        store_factory,
        [poster],
        worker=worker,
        lanes_at_once=lanes,
        now=lambda: h.now,
        clock=h.clock.time,
        sleep=h.clock.asleep,
        run_db=h.bot.run_db,
    )


def _killed_mid_first_call_then_taken_over(
    h: SlackHarness, store_factory, act, at: str = "", poster=None
) -> object:
    """act() writes postings while no sender runs; a sender makes the first one's first call and
    dies; once its lease is over another sender (a fresh process: nothing in memory) takes the
    lane. The taker's Slack poster, for its counts."""
    import asyncio
    from datetime import timedelta

    from bot.core.outbox import LEASE
    from bot.slack.poster import SlackPoster

    asyncio.run_coroutine_threadsafe(h.sender.shutdown(grace=5), h.loop).result(timeout=30)
    act()
    client = h.sender.posters[0].client
    made = poster or (lambda: SlackPoster(client, interval=0))
    killed = _Killed(made(), at)
    dead = _sender(h, store_factory, "replica-a", killed, lanes=1)  # one call, then dead

    async def die() -> None:
        await dead.tick()
        await killed.made.wait()

    asyncio.run_coroutine_threadsafe(die(), h.loop).result(timeout=30)
    h.now += LEASE + timedelta(seconds=1)
    taker = made()
    alive = _sender(h, store_factory, "replica-b", taker)
    asyncio.run_coroutine_threadsafe(alive.drain(), h.loop).result(timeout=60)
    # The frozen one comes back with its answer: the lane is no longer its own, so its record
    # is refused and it sends nothing more.
    h.loop.call_soon_threadsafe(killed.wakes.set)
    asyncio.run_coroutine_threadsafe(dead.shutdown(grace=30), h.loop).result(timeout=60)
    assert alive.failures == [] and dead.failures == []
    return taker


def test_a_post_whose_sender_was_killed_mid_first_call_is_found_not_made_again(
    store_factory,
) -> None:
    """The ärendelista's only call made at Slack by a sender that then died before recording
    it: the replica taking the lane over finds it by its metadata and posts nothing."""
    from bot.core.model import PostingStatus

    with SlackHarness(store_factory) as h:
        set_up(h)

        def publish() -> None:
            assert "publicera" in h.command("UMARIA", "/mote publicera")
            assert top_level(h) == []  # no sender runs: written, not sent

        taker = _killed_mid_first_call_then_taken_over(h, store_factory, publish)
        (agenda,) = top_level(h)
        assert taker.found_again == 1
        assert len(h.slack.calls_to("chat.postMessage")) == 1
        snapshot = h.snapshot()
        assert snapshot["Meeting"][0].agenda_message_ref == agenda["ts"]
        assert {p.status for p in snapshot["Posting"]} == {PostingStatus.SENT}
        assert h.slack.violations == []


def test_a_reminder_dm_whose_sender_was_killed_mid_call_is_found_not_sent_again(
    store_factory,
) -> None:
    """A day-before DM made by a sender that died before recording it: the next owner of the
    person's lane finds it in the bot's DM with them; every member has their DM once."""
    with SlackHarness(store_factory) as h:
        set_up(h)
        since = reminders_due_to_members(h)
        taker = _killed_mid_first_call_then_taken_over(h, store_factory, lambda: hand_over(h))
        assert direct_messages(h, since) == list(MEMBERS)
        assert taker.found_again == 1
        assert h.slack.violations == []


def hand_over(h: SlackHarness) -> None:
    """Due reminders handed to the outbox (no sender runs to send them)."""
    import asyncio

    asyncio.run_coroutine_threadsafe(h.bot.reminders.tick(), h.loop).result(timeout=30)


def export(h: SlackHarness) -> None:
    assert "Filen görs nu" in h.command("USARA", "/protokoll export html #1")


def test_a_file_whose_share_answer_was_lost_is_not_shared_twice(store_factory) -> None:
    """files.completeUploadExternal shares the file, then the connection closes before its
    answer: the retry asks files.info about the upload it kept, finds it in the channel and
    shares nothing more. Retried whole, the export was uploaded and shared a second time."""
    with SlackHarness(store_factory) as h:
        set_up(h)
        h.slack.drop_answer("files.completeUploadExternal")
        export(h)
        (shared,) = h.slack.files
        (look,) = h.slack.calls_to("files.info")
        assert look.args["file"] == shared["id"]
        assert len(h.slack.calls_to("files.getUploadURLExternal")) == 1
        assert h.sender.posters[0].found_again == 1
        (told,) = h.slack.responses_to("cmd-USARA")  # the private "it is there" still comes
        assert shared["filename"] in told["text"]
        assert h.sender.failures == [] and h.slack.violations == []


def test_a_share_slack_has_not_shown_yet_is_waited_for_not_made_twice(store_factory) -> None:
    """Slack shares a completed upload asynchronously: the look right after the lost answer
    finds the file but not yet in the channel. It looks again after a pause (fake clock)
    instead of completing the file a second time."""
    with SlackHarness(store_factory) as h:
        set_up(h)
        h.slack.share_delay = 5.0
        h.slack.drop_answer("files.completeUploadExternal")
        export(h)
        assert len(h.slack.files) == 1
        assert len(h.slack.calls_to("files.info")) >= 2
        assert len(h.slack.calls_to("files.completeUploadExternal")) == 1
        assert h.sender.posters[0].found_again == 1
        assert h.sender.failures == [] and h.slack.violations == []


def test_a_share_never_completed_is_completed_by_the_retry(store_factory) -> None:
    """The look's other answer: Slack refused the completion with a 500 before doing it, and
    files.info does not know the file; the retry completes the same upload, once."""
    with SlackHarness(store_factory) as h:
        set_up(h)
        h.slack.fail_next("files.completeUploadExternal", status=500)
        export(h)
        assert len(h.slack.files) == 1
        assert [c.status for c in h.slack.calls_to("files.completeUploadExternal")] == [500, 200]
        assert [c.error for c in h.slack.calls_to("files.info")] == ["file_not_found"]
        assert len(h.slack.calls_to("files.getUploadURLExternal")) == 1
        assert h.sender.posters[0].found_again == 0
        assert h.sender.failures == [] and h.slack.violations == []


def test_a_file_whose_sender_was_killed_mid_share_is_found_not_shared_again(
    store_factory,
) -> None:
    """The share made at Slack by a sender that then died before recording it: the replica
    taking the lane over asks files.info about the upload the posting kept, and shares
    nothing more."""
    from bot.slack.poster import SlackPoster

    with SlackHarness(store_factory) as h:
        set_up(h)
        loader = h.sender.posters[0].load_export
        client = h.sender.posters[0].client
        taker = _killed_mid_first_call_then_taken_over(
            h,
            store_factory,
            lambda: export(h),
            at="share_file",
            poster=lambda: SlackPoster(client, load_export=loader, interval=0),
        )
        assert len(h.slack.files) == 1
        assert len(h.slack.calls_to("files.getUploadURLExternal")) == 1
        assert taker.found_again == 1
        assert h.slack.violations == []


def test_the_justerade_pdf_whose_share_answer_was_lost_is_shared_once(store_factory) -> None:
    """The notice in the channel is the PDF's share comment: its completion answered with a
    lost connection, the retry finds the PDF in the channel and does not share it again."""
    from tests.slack_harness import draft_message
    from tests.test_slack_reliability import reaction, to_draft

    with SlackHarness(store_factory) as h:
        set_up(h)
        to_draft(h)
        ts = draft_message(h)["ts"]
        h.slack.drop_answer("files.completeUploadExternal")
        for user, n in (("UJONAS", 1), ("ULINA", 2)):
            assert h.event(reaction(user, ts), f"Ev{n}") == 200
        h.settle()
        (pdf,) = h.slack.files
        assert pdf["filename"].endswith(".pdf") and "är justerat" in pdf["initial_comment"]
        assert h.sender.posters[0].found_again == 1
        assert h.sender.failures == [] and h.slack.violations == []


def test_a_file_look_refused_for_good_shares_the_file_again_rather_than_never(
    store_factory,
) -> None:
    """An installation without files:read: Slack refuses the look, and the same upload is
    completed again (maybe twice, as before the look), not given up."""
    with SlackHarness(store_factory) as h:
        set_up(h)
        h.slack.drop_answer("files.completeUploadExternal")
        h.slack.fail_next("files.info", status=200, error="missing_scope")
        export(h)
        assert len(h.slack.files) == 2
        assert len({f["id"] for f in h.slack.files}) == 1  # the one upload, completed twice
        assert h.sender.posters[0].found_again == 0
        assert h.sender.failures == []
