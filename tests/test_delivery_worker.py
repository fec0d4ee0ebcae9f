"""The delivery worker with the real slack_sdk client against the Slack emulator, on SQLite and PostgreSQL.

Time is a fake clock shared by the worker, the rate limiter and every wait: tests move it, never sleep.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from bot.delivery.metrics import DeliveryMetrics
from bot.delivery.worker import DeliveryWorker
from storage import outbox
from storage.models_notify import OutboxMessage
from tests.delivery_world import (  # noqa: F401 - slack is a fixture
    ICS,
    NOW,
    FakeClock,
    Someone,
    all_rows,
    enqueue,
    make_worker,
    planned,
    register,
    seed_people,
    slack_fixture,  # noqa: F401 - provides the `slack` fixture
)
from tests.emulators.slack_api import SlackApiEmulator, dm_channel_id
from tests.linking import account_of


async def test_a_due_row_is_sent_as_a_dm_and_recorded_with_its_ts(sessions, slack, caplog) -> None:
    (who,) = await seed_people(sessions, 1)
    register(slack, [who])
    later = planned(who, due=NOW + timedelta(hours=1), key="reminder:later")
    await enqueue(sessions, [planned(who, title="Frist: Kartlegging"), later])
    clock = FakeClock()
    worker = make_worker(sessions, slack, clock)
    caplog.set_level(logging.INFO, logger="digibot.delivery")

    assert await worker.run_once() == 1

    dm = dm_channel_id(who.slack_id)
    assert [c.args["users"] for c in slack.calls_to("conversations.open")] == [who.slack_id]
    (message,) = slack.messages_to(dm)
    assert message.blocks[0] == {"type": "header", "text": {"type": "plain_text", "text": "Frist: Kartlegging",
                                                            "emoji": True}}
    assert "Frist i morgon" in message.text
    sent, waiting = await all_rows(sessions)
    assert (sent.status, sent.platform_message_id, sent.claimed_by, sent.attempts) == ("sent", message.ts, "w1", 1)
    assert sent.sent_at == NOW and sent.last_error is None
    assert waiting.status == "pending"  # not due yet
    line = next(r.getMessage() for r in caplog.records if "event=sent" in r.getMessage())
    for part in (f"id={sent.id}", f"key={sent.key}", "kind=reminder", "channel=slack", f"recipient={who.email}",
                 "attempt=1", "latency_ms="):
        assert part in line

    clock.advance(3600)
    assert await worker.run_once() == 1
    assert len(slack.calls_to("conversations.open")) == 1  # the DM channel is cached
    assert len(slack.messages_to(dm)) == 2


async def test_a_restarted_worker_reuses_the_dm_channel_and_forgets_a_vanished_one(sessions, slack) -> None:
    """DM channels are kept in the database: a new process does not open every conversation again."""
    (who,) = await seed_people(sessions, 1)
    register(slack, [who])
    clock = FakeClock()
    await enqueue(sessions, [planned(who, key="reminder:first")])
    assert await make_worker(sessions, slack, clock, worker_id="before-restart").run_once() == 1

    await enqueue(sessions, [planned(who, key="reminder:second")])
    assert await make_worker(sessions, slack, clock, worker_id="after-restart").run_once() == 1
    assert len(slack.calls_to("conversations.open")) == 1
    assert len(slack.messages_to(dm_channel_id(who.slack_id))) == 2

    # Slack says the stored channel is gone: the row fails with the reason, and the next send opens a new one.
    slack.fail_next("chat.postMessage", 200, error="channel_not_found")
    await enqueue(sessions, [planned(who, key="reminder:third")])
    assert await make_worker(sessions, slack, clock, worker_id="third").run_once() == 1
    await enqueue(sessions, [planned(who, key="reminder:fourth")])
    assert await make_worker(sessions, slack, clock, worker_id="fourth").run_once() == 1
    assert len(slack.calls_to("conversations.open")) == 2
    statuses = {row.key: row.status for row in await all_rows(sessions)}
    assert statuses == {"reminder:first": "sent", "reminder:second": "sent", "reminder:third": "failed",
                        "reminder:fourth": "sent"}


async def test_a_person_without_a_slack_id_is_looked_up_by_email_and_remembered(sessions, slack) -> None:
    (who,) = await seed_people(sessions, 1, slack=False)
    slack.add_user("U0LOOKUP", who.email, "kari")
    await enqueue(sessions, [planned(who)])
    worker = make_worker(sessions, slack, FakeClock())

    assert await worker.run_once() == 1

    assert [c.args["email"] for c in slack.calls_to("users.lookupByEmail")] == [who.email]
    assert len(slack.messages_to("U0LOOKUP")) == 1
    async with sessions() as s:
        assert await account_of(s, who.id) == "U0LOOKUP"
    assert (await all_rows(sessions))[0].status == "sent"


async def test_unknown_in_slack_fails_with_the_reason(sessions, slack) -> None:
    (who,) = await seed_people(sessions, 1, slack=False)
    await enqueue(sessions, [planned(who)])
    worker = make_worker(sessions, slack, FakeClock())

    await worker.run_once()

    (row,) = await all_rows(sessions)
    assert row.status == "failed"
    assert row.last_error == "no Slack user id (users.lookupByEmail: users_not_found)"
    assert slack.messages == []


# --- 429, 5xx, permanent errors, exhausted attempts --------------------------------------------------


async def test_429_waits_exactly_retry_after_then_sends_once(sessions, slack) -> None:
    (who,) = await seed_people(sessions, 1)
    register(slack, [who])
    await enqueue(sessions, [planned(who)])
    clock = FakeClock()
    metrics = DeliveryMetrics()
    worker = make_worker(sessions, slack, clock, metrics=metrics)
    slack.fail_next("chat.postMessage", 429, retry_after=7)

    await worker.run_once()
    (row,) = await all_rows(sessions)
    assert row.status == "pending"
    assert row.not_before == NOW + timedelta(seconds=7)
    assert row.attempts == 0  # a rate limit is not a failed attempt
    assert row.last_error == "ratelimited (Retry-After 7 s)"

    clock.advance(6.999)
    assert await worker.run_once() == 0
    clock.advance(0.001)
    assert await worker.run_once() == 1

    (row,) = await all_rows(sessions)
    assert row.status == "sent" and row.attempts == 1
    assert len(slack.messages) == 1
    assert [c.status for c in slack.calls_to("chat.postMessage")] == [429, 200]
    assert metrics.retries.value(channel="slack", cause="ratelimited") == 1


async def test_a_429_storm_is_ridden_out_without_losing_or_failing_anything(sessions, slack) -> None:
    people = await seed_people(sessions, 20)
    register(slack, people)
    await enqueue(sessions, [planned(p) for p in people])
    clock = FakeClock()
    worker = make_worker(sessions, slack, clock, concurrency=4)
    slack.fail_next("chat.postMessage", 429, retry_after=3, times=60)  # more 429s than MAX_ATTEMPTS per row

    for _ in range(200):
        await worker.run_once()
        if all(r.status == "sent" for r in await all_rows(sessions)):
            break
        clock.advance(1)

    rows = await all_rows(sessions)
    assert {r.status for r in rows} == {"sent"}
    assert sorted(m.channel for m in slack.messages) == sorted(dm_channel_id(p.slack_id) for p in people)
    assert len([c for c in slack.calls_to("chat.postMessage") if c.status == 429]) == 60


async def test_a_5xx_storm_backs_off_then_succeeds(sessions, slack) -> None:
    (who,) = await seed_people(sessions, 1)
    register(slack, [who])
    await enqueue(sessions, [planned(who)])
    clock = FakeClock()
    worker = make_worker(sessions, slack, clock)
    slack.fail_next("chat.postMessage", 503, times=3)

    delays = []
    while (await worker.run_once()) == 0 or (await all_rows(sessions))[0].status != "sent":
        (row,) = await all_rows(sessions)
        assert row.status == "pending"
        delays.append((row.not_before - clock.now()).total_seconds())
        clock.advance(delays[-1])

    assert delays == [1.0, 2.0, 4.0]  # full jitter at 0.5 of 2, 4, 8 s
    (row,) = await all_rows(sessions)
    assert row.status == "sent" and row.attempts == 4
    assert len(slack.messages) == 1


async def test_a_permanent_error_fails_the_row_with_the_reason(sessions, slack) -> None:
    (who,) = await seed_people(sessions, 1)
    register(slack, [who])
    await enqueue(sessions, [planned(who)])
    metrics = DeliveryMetrics()
    worker = make_worker(sessions, slack, FakeClock(), metrics=metrics)
    slack.fail_next("chat.postMessage", 200, error="account_inactive")

    await worker.run_once()

    (row,) = await all_rows(sessions)
    assert (row.status, row.last_error, row.attempts) == ("failed", "account_inactive", 1)
    assert metrics.failures.value(channel="slack", reason="permanent") == 1
    assert await worker.run_once() == 0


async def test_attempts_exhausted_fail_the_row(sessions, slack) -> None:
    (who,) = await seed_people(sessions, 1)
    register(slack, [who])
    await enqueue(sessions, [planned(who)])
    clock = FakeClock()
    worker = make_worker(sessions, slack, clock)
    slack.fail_next("chat.postMessage", 500, times=100)

    for _ in range(outbox.MAX_ATTEMPTS):
        assert await worker.run_once() == 1
        clock.advance(3600)

    (row,) = await all_rows(sessions)
    assert row.status == "failed"
    assert row.attempts == outbox.MAX_ATTEMPTS
    assert row.last_error == f"gave up after {outbox.MAX_ATTEMPTS} attempts: HTTP 500 internal_error"
    assert await worker.run_once() == 0
    assert slack.messages == []


async def test_connection_errors_are_retried_with_backoff(sessions, slack) -> None:
    (who,) = await seed_people(sessions, 1)
    register(slack, [who])
    await enqueue(sessions, [planned(who)])
    clock = FakeClock()
    dead = SlackApiEmulator(token=slack.token)
    await dead.start()
    dead_url = dead.base_url
    await dead.stop()  # nothing listens there now
    worker = make_worker(sessions, slack, clock, base_url=dead_url)

    await worker.run_once()

    (row,) = await all_rows(sessions)
    assert row.status == "pending" and row.attempts == 1
    assert row.not_before == NOW + timedelta(seconds=1)
    assert "ClientConnectorError" in (row.last_error or "") or "Connect" in (row.last_error or "")


# --- channels without a sender ------------------------------------------------------------------------


async def test_email_and_teams_rows_wait_marked_not_configured(sessions, slack) -> None:
    people = await seed_people(sessions, 3)
    register(slack, people)
    await enqueue(sessions, [planned(people[0]), planned(people[1], channel="email"),
                             planned(people[2], channel="teams")])
    worker = make_worker(sessions, slack, FakeClock())

    assert await worker.run_once() == 1

    by_channel = {r.channel: r for r in await all_rows(sessions)}
    assert by_channel["slack"].status == "sent" and by_channel["slack"].status_text is None
    for channel in ("email", "teams"):
        row = by_channel[channel]
        assert (row.status, row.status_text, row.attempts) == ("pending", outbox.NOT_CONFIGURED, 0)
    assert len(slack.messages) == 1


async def test_a_worker_without_senders_only_marks_rows(sessions) -> None:
    (who,) = await seed_people(sessions, 1)
    await enqueue(sessions, [planned(who)])
    worker = DeliveryWorker(sessions, {}, worker_id="idle", clock=FakeClock().now)
    assert await worker.run_once() == 0
    (row,) = await all_rows(sessions)
    assert (row.status, row.status_text) == ("pending", outbox.NOT_CONFIGURED)


# --- attachments and long messages --------------------------------------------------------------------


async def test_a_meeting_notice_carries_its_calendar_invite(sessions, slack) -> None:
    (who,) = await seed_people(sessions, 1)
    register(slack, [who])
    invite = {"filename": "styringsgruppe.ics", "content_type": "text/calendar", "text": ICS}
    await enqueue(sessions, [planned(who, text="Møte torsdag kl. 10", attachment=invite)])
    worker = make_worker(sessions, slack, FakeClock())

    await worker.run_once()

    dm = dm_channel_id(who.slack_id)
    (message,) = slack.messages_to(dm)
    (upload,) = slack.files
    assert upload.completed and upload.channel_id == dm
    assert upload.filename == "styringsgruppe.ics"
    assert upload.content == ICS.encode("utf-8")
    (row,) = await all_rows(sessions)
    assert (row.status, row.platform_message_id) == ("sent", message.ts)


async def test_a_failed_upload_is_retried_without_posting_the_message_again(sessions, slack) -> None:
    (who,) = await seed_people(sessions, 1)
    register(slack, [who])
    invite = {"filename": "mote.ics", "content_type": "text/calendar", "text": ICS}
    await enqueue(sessions, [planned(who, attachment=invite)])
    clock = FakeClock()
    worker = make_worker(sessions, slack, clock)
    slack.fail_next("files.completeUploadExternal", 502)

    await worker.run_once()
    (row,) = await all_rows(sessions)
    assert row.status == "pending"
    clock.advance(60)
    await worker.run_once()

    (row,) = await all_rows(sessions)
    assert row.status == "sent"
    assert len(slack.messages) == 1  # the post was remembered; only the upload was done again
    assert row.platform_message_id == slack.messages[0].ts
    assert [f.completed for f in slack.files] == [False, True]


async def test_a_long_message_split_into_posts_is_not_reposted_on_retry(sessions, slack) -> None:
    (who,) = await seed_people(sessions, 1)
    register(slack, [who])
    long_text = "\n\n".join(f"Avsnitt {i}: " + "ord " * 500 for i in range(60))
    await enqueue(sessions, [planned(who, text=long_text)])
    clock = FakeClock()
    worker = make_worker(sessions, slack, clock)
    post = slack.handlers["chat.postMessage"]

    def first_then_fail(args: dict) -> dict:
        slack.handlers["chat.postMessage"] = post
        slack.fail_next("chat.postMessage", 503)
        return post(args)

    slack.handlers["chat.postMessage"] = first_then_fail

    await worker.run_once()
    assert len(slack.messages) == 1
    clock.advance(60)
    await worker.run_once()

    (row,) = await all_rows(sessions)
    assert row.status == "sent"
    assert len(slack.messages) >= 2
    assert len({m.ts for m in slack.messages}) == len(slack.messages)
    texts = [m.blocks for m in slack.messages]
    assert len({str(t) for t in texts}) == len(texts)  # no payload posted twice
    assert row.platform_message_id == slack.messages[0].ts


# --- leases, stopping ---------------------------------------------------------------------------------


async def test_a_stopping_worker_hands_unstarted_rows_back(sessions, slack) -> None:
    people = await seed_people(sessions, 3)
    register(slack, people)
    await enqueue(sessions, [planned(p) for p in people])
    worker = make_worker(sessions, slack, FakeClock())
    worker.stop()

    assert await worker.run_once() == 3

    rows = await all_rows(sessions)
    assert {(r.status, r.attempts, r.not_before) for r in rows} == {("pending", 0, NOW)}
    assert slack.calls == []


async def test_a_row_whose_lease_ran_low_before_its_turn_is_handed_back_unsent(sessions, slack) -> None:
    (who,) = await seed_people(sessions, 1)
    register(slack, [who])
    await enqueue(sessions, [planned(who)])
    clock = FakeClock()

    class SlowStart(DeliveryWorker):
        async def _claim(self, limit: int) -> list[OutboxMessage]:
            rows = await super()._claim(limit)
            clock.advance(61)  # more than half of the 2-minute lease gone before the send would start
            return rows

    worker = make_worker(sessions, slack, clock)
    worker.__class__ = SlowStart
    assert await worker.run_once() == 1

    (row,) = await all_rows(sessions)
    assert (row.status, row.attempts, row.not_before) == ("pending", 0, NOW + timedelta(seconds=61))
    assert row.last_error == "lease running out before the send started"
    assert slack.calls == []


async def test_run_forever_delivers_and_stops(sessions, slack) -> None:
    people = await seed_people(sessions, 5)
    register(slack, people)
    await enqueue(sessions, [planned(p) for p in people])
    clock = FakeClock()
    worker = make_worker(sessions, slack, clock, batch=2)
    stop = asyncio.Event()

    async def idle_wait(event: asyncio.Event, seconds: float) -> None:
        stop.set()  # the queue is empty: end the test run

    worker.idle_wait = idle_wait
    await asyncio.wait_for(worker.run_forever(stop), timeout=30)
    assert {r.status for r in await all_rows(sessions)} == {"sent"}
    assert len(slack.messages) == 5


# --- /metrics and the console --------------------------------------------------------------------------
