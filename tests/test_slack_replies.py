"""Answers are never lost: a chat reply goes through the outbox's Slack sender and rate limiter, and is
retried after a 429 (honouring Retry-After) instead of being dropped."""

from __future__ import annotations

import asyncio
import logging

import pytest

from tests.emulators.slack_api import dm_channel_id
from tests.fixtures.slack.harness import KARI, OLA, running_bot


async def test_every_dm_gets_its_answer_through_a_429_storm(engine, sessions) -> None:
    # Kari and Ola each write three DMs while Slack answers 429 (Retry-After 1 s) to the next eight posts.
    async with running_bot(engine, sessions) as bot:
        bot.slack.fail_next("chat.postMessage", 429, retry_after=1, times=8)
        for n in range(3):
            await asyncio.gather(bot.dm(KARI, f"hvem er koordinator i Bergen? ({n})"),
                                 bot.dm(OLA, f"hvem er koordinator i Askøy? ({n})"))
        kari = await bot.slack.wait_for_messages(dm_channel_id(KARI), count=3, timeout=20)
        ola = await bot.slack.wait_for_messages(dm_channel_id(OLA), count=3, timeout=20)
        await bot.idle(20)

    assert len(bot.slack.calls_to("chat.postMessage")) >= 6 + 8  # every 429 was followed by a retry
    assert all("Bergen" in (m.text or "") for m in kari), [m.text for m in kari]
    assert all("Askøy" in (m.text or "") for m in ola), [m.text for m in ola]


async def test_a_reply_slack_keeps_refusing_is_logged_with_the_reason(
    engine, sessions, caplog: pytest.LogCaptureFixture
) -> None:
    # Slack refuses the DM channel for good: the answer cannot be delivered, and the log says why.
    async with running_bot(engine, sessions) as bot:
        bot.slack.fail_next("chat.postMessage", 200, error="is_archived", times=2)
        with caplog.at_level(logging.ERROR, logger="digibot.delivery"):
            await bot.dm(KARI, "hjelp")
            await bot.slack.wait_for("chat.postMessage", count=2)
            await bot.idle()

    lost = [r.getMessage() for r in caplog.records if "was not delivered" in r.getMessage()]
    assert lost and "is_archived" in lost[0] and KARI in lost[0], lost
