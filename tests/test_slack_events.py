"""Slack conversations end to end: signed events into the real /slack/events endpoint, answers posted by the
real slack_sdk client to the Slack Web API emulator. The dedup and identity stories run on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import logging
import socket

import pytest
from sqlalchemy import func, select

from messages.i18n import t
from storage.db import make_engine, make_sessionmaker
from storage.models import Person, ProcessedEvent
from tests.emulators.slack_api import SlackApiEmulator, dm_channel_id
from tests.emulators.slack_models import BOT_ID, BOT_USER_ID
from tests.emulators.slack_signing import message_im_event
from tests.fixtures.slack.harness import (
    KARI,
    KARI_EMAIL,
    NETWORK_FILE,
    OLA,
    OLA_EMAIL,
    STRANGER,
    TOKEN,
    add_workspace_users,
    running_bot,
)
from tests.linking import account_of, linked_accounts
from tests.testbot import TestBot

HELP_TITLE_NB = t("nb", "help_title")


def header_of(blocks: list[dict] | None) -> str | None:
    for block in blocks or []:
        if block["type"] == "header":
            return block["text"]["text"]
    return None


async def test_a_coordinator_asks_in_a_dm_and_gets_one_answer(bot: TestBot) -> None:
    await bot.load(NETWORK_FILE)
    kari = bot.person(KARI_EMAIL, channel="slack")  # linked as U0KARI in the network file
    assert kari.slack_id == KARI

    answer = (await kari.says("hjelp")).slack  # the harness checks that Slack got a 200 ack
    assert answer is not None and [m.ts for m in bot.slack_api.messages_to(dm_channel_id(KARI))] == [answer.ts]
    assert header_of(answer.blocks) == HELP_TITLE_NB
    assert "Kari Koordinator (Askøy)" in str(answer.blocks)  # she was recognised by her Slack user id
    assert answer.thread_ts is None and answer.text  # a plain DM reply, with a notification text
    assert [c.method for c in bot.slack_api.calls] == ["chat.postMessage"]  # no users.info: her id is on file


async def test_a_mention_in_a_channel_is_answered_in_its_thread(bot: TestBot) -> None:
    await bot.load(NETWORK_FILE)
    kari = bot.person(KARI_EMAIL, channel="slack")
    answer = (await kari.says("  hjelp", in_channel="C0PROSJEKT")).slack  # "@digibot   hjelp"

    asked = bot.slack_api.calls_to("chat.postMessage")[0].args
    assert answer is not None and header_of(answer.blocks) == HELP_TITLE_NB  # it reached the help command
    assert answer.thread_ts is not None and asked["thread_ts"] == answer.thread_ts
    assert len(bot.slack_api.messages) == 1


async def test_a_retried_event_is_answered_only_once(engine, sessions) -> None:
    async with running_bot(engine, sessions) as bot:
        event = message_im_event(KARI, "hjelp")
        first_ts = event["ts"]
        first, event_id = await bot.event(event)
        await bot.slack.wait_for_messages(dm_channel_id(KARI))
        again = [await bot.event(event, event_id=event_id, retry=n) for n in (1, 2, 3)]
        await bot.idle()

        assert first.status == 200 and [ack.status for ack, _ in again] == [200, 200, 200]
        assert len(bot.slack.messages) == 1
        async with sessions() as session:
            keys = (await session.scalars(select(ProcessedEvent.key))).all()
        assert sorted(keys) == sorted([f"slack:event:{event_id}",
                                       f"slack:message:{dm_channel_id(KARI)}:{first_ts}"])


async def test_a_retry_that_arrives_while_the_first_answer_is_under_way_is_ignored(engine, sessions) -> None:
    async with running_bot(engine, sessions) as bot:
        bot.slack.latency = 0.5  # the first answer is still being posted when Slack's retry comes in
        event = message_im_event(KARI, "hjelp")
        (first, _), (retry, _) = await asyncio.gather(
            bot.event(event, event_id="Ev0RACE"), bot.event(event, event_id="Ev0RACE", retry=1)
        )
        await bot.idle()

    assert first.status == retry.status == 200
    assert len(bot.slack.messages) == 1


async def test_kari_s_message_sent_again_under_a_new_event_id_is_answered_once(engine, sessions) -> None:
    # Slack (or a replay) can deliver the same message (same channel and ts) as a new event: one answer.
    async with running_bot(engine, sessions) as bot:
        event = message_im_event(KARI, "hjelp")
        await bot.event(event, event_id="Ev0FIRST")
        await bot.slack.wait_for_messages(dm_channel_id(KARI))
        again, _ = await bot.event(dict(event), event_id="Ev0SECOND")
        await bot.idle()
        await bot.event(message_im_event(KARI, "hjelp"), event_id="Ev0THIRD")  # the same words anew: answered
        await bot.slack.wait_for_messages(dm_channel_id(KARI), 2)
        await bot.idle()

    assert again.status == 200
    assert len(bot.slack.messages) == 2


async def test_a_retry_delivered_to_another_replica_is_not_answered_again(engine, sessions) -> None:
    async with running_bot(engine, sessions) as first:
        async with running_bot(engine, sessions, slack=first.slack, load=False) as second:
            _, event_id = await first.dm(KARI, "hjelp")
            await first.slack.wait_for_messages(dm_channel_id(KARI))
            ack, _ = await second.dm(KARI, "hjelp", event_id=event_id, retry=1)
            await first.idle()
            await second.idle()

    assert ack.status == 200
    assert len(first.slack.messages) == 1


async def test_bots_edits_joins_and_the_bot_itself_are_not_answered(sqlite_engine) -> None:
    sessions = make_sessionmaker(sqlite_engine)
    edit = message_im_event(KARI, "hjelp") | {"subtype": "message_changed"}
    join = message_im_event(KARI, "har blitt med") | {"subtype": "channel_join"}
    other_bot = message_im_event("U0OTHERBOT", "hjelp") | {"subtype": "bot_message", "bot_id": "B0OTHER"}
    own = message_im_event(BOT_USER_ID, "hjelp") | {"bot_id": BOT_ID}
    in_a_channel = message_im_event(KARI, "hjelp", channel="C0GENERAL") | {"channel_type": "channel"}
    async with running_bot(sqlite_engine, sessions) as bot:
        acks = [await bot.event(event) for event in (edit, join, other_bot, own, in_a_channel)]
        await asyncio.sleep(0.2)
        await bot.idle()

    assert [ack.status for ack, _ in acks] == [200] * 5
    assert bot.slack.calls == []


async def test_a_user_matched_by_email_is_remembered(engine, sessions) -> None:
    async with running_bot(engine, sessions) as bot:
        await bot.dm(OLA, "hjelp")
        [first] = await bot.slack.wait_for_messages(dm_channel_id(OLA))
        await bot.idle()
        assert len(bot.slack.calls_to("users.info")) == 1
        async with sessions() as session:
            ola = await session.scalar(select(Person).where(func.lower(Person.email) == OLA_EMAIL))
            ola_account = await account_of(session, ola.id) if ola is not None else None
        assert ola_account == OLA

        await bot.dm(OLA, "hjelp")
        await bot.slack.wait_for_messages(dm_channel_id(OLA), count=2)
        await bot.idle()

    assert "Ola Direktør (Bergen)" in str(first.blocks)
    assert len(bot.slack.calls_to("users.info")) == 1  # the second message needed no lookup


@pytest.mark.parametrize(
    ("network", "lang"), [("digitest", "nn"), (None, "nb")], ids=["network-language", "no-network-set"]
)
async def test_an_unknown_slack_user_is_told_they_are_not_registered(engine, sessions, network, lang) -> None:
    async with running_bot(engine, sessions, network=network) as bot:
        await bot.dm(STRANGER, "hvem er koordinator i Askøy?")
        await bot.dm("U0GHOST", "hjelp")  # not even in the workspace: users.info says user_not_found
        await bot.slack.wait_for_messages(count=2)
        await bot.idle()

    texts = {m.channel: m.text for m in bot.slack.messages}
    expected = t(lang, "not_registered")
    assert texts == {dm_channel_id(STRANGER): expected, dm_channel_id("U0GHOST"): expected}
    assert sorted(c.method for c in bot.slack.calls) == ["chat.postMessage"] * 2 + ["users.info"] * 2
    async with sessions() as session:
        linked = await linked_accounts(session)
    assert linked == [KARI]  # nobody was linked to the strangers


async def test_a_second_slack_account_with_karis_email_is_not_answered_as_kari(engine, sessions, caplog) -> None:
    """Kari is linked to U0KARI. Another Slack account shows Kari's e-mail in its profile and asks for her
    calendar: it is told it is not registered, nothing is linked, and the refusal is logged."""
    async with running_bot(engine, sessions) as bot:
        bot.slack.add_user("U0KARI2", KARI_EMAIL, "kari-andre")
        with caplog.at_level(logging.WARNING, logger="storage.identities"):
            await bot.dm("U0KARI2", "hvem er koordinator i Askøy?")
            [reply] = await bot.slack.wait_for_messages(dm_channel_id("U0KARI2"))
            await bot.idle()

    assert reply.text == t("nn", "not_registered")
    assert "U0KARI2" in caplog.text
    async with sessions() as session:
        assert await linked_accounts(session) == [KARI]


async def test_slack_gets_its_ack_before_the_bot_starts_answering(engine, sessions) -> None:
    async with running_bot(engine, sessions) as bot:
        bot.slack.latency = 2.0  # every Web API call and response_url post takes two seconds
        dm, _ = await bot.dm(OLA, "hjelp")  # needs users.info and chat.postMessage: 4 s of work
        slash, response_url = await bot.slash(KARI, "hjelp")

        assert dm.status == 200 and dm.elapsed < 0.5
        assert slash.status == 200 and slash.elapsed < 0.5
        assert bot.slack.calls == []  # nothing had been answered when Slack got its acks
        await bot.slack.wait_for_messages(dm_channel_id(OLA), timeout=10)
        await bot.slack.wait_for("response_url", timeout=10)
        await bot.idle()

    assert bot.slack.response_url_posts[0]["_url"] == response_url


async def test_a_slack_api_error_while_answering_is_retried_logged_and_the_bot_carries_on(
    sqlite_engine, caplog: pytest.LogCaptureFixture
) -> None:
    # Before the pipeline a 500 on chat.postMessage dropped the answer (only a log line); now the reply
    # is retried through the outbox's sender, so Kari still gets her answer, and the failure is logged.
    sessions = make_sessionmaker(sqlite_engine)
    async with running_bot(sqlite_engine, sessions) as bot:
        bot.slack.fail_next("chat.postMessage", 500)
        with caplog.at_level(logging.INFO, logger="digibot.delivery"):
            await bot.dm(KARI, "hjelp")
            [answer] = await bot.slack.wait_for_messages(dm_channel_id(KARI))
            await bot.idle()
        assert header_of(answer.blocks) == HELP_TITLE_NB
        assert any("waits" in r.getMessage() and "HTTP 500" in r.getMessage() for r in caplog.records)

        await bot.dm(KARI, "hjelp")  # the next message is answered as usual
        await bot.slack.wait_for_messages(dm_channel_id(KARI), count=2)
        await bot.idle()


async def test_a_failed_user_lookup_gets_an_apology_and_the_next_message_works(engine, sessions) -> None:
    async with running_bot(engine, sessions) as bot:
        bot.slack.fail_next("users.info", 503)
        await bot.dm(OLA, "hjelp")
        [apology] = await bot.slack.wait_for_messages(dm_channel_id(OLA))
        await bot.idle()
        assert apology.text == t("nb", "error_generic")

        await bot.dm(OLA, "hjelp")
        [_, answer] = await bot.slack.wait_for_messages(dm_channel_id(OLA), count=2)
        await bot.idle()

    assert header_of(answer.blocks) == HELP_TITLE_NB


async def test_a_database_outage_while_answering_gets_an_apology_and_the_process_lives_on(
    sqlite_engine, caplog: pytest.LogCaptureFixture
) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed_port = sock.getsockname()[1]
    unreachable = make_engine(f"postgresql://postgres@127.0.0.1:{closed_port}/digibot")
    try:
        async with running_bot(sqlite_engine, make_sessionmaker(unreachable), load=False) as bot:
            with caplog.at_level(logging.ERROR, logger="bot.channels"):
                first, _ = await bot.dm(KARI, "hjelp")
                second, _ = await bot.dm(KARI, "hjelp")
                await bot.slack.wait_for_messages(dm_channel_id(KARI), count=2)
                await bot.idle()
    finally:
        await unreachable.dispose()

    assert first.status == second.status == 200
    # nothing known about Kari or the network without the database: bokmål, and it says "temporary"
    assert [m.text for m in bot.slack.messages] == [t("nb", "error_unavailable")] * 2
    assert any("could not answer" in r.getMessage() for r in caplog.records)


async def test_a_real_question_is_answered_from_the_network(bot: TestBot) -> None:
    await bot.load(NETWORK_FILE)
    ola = bot.person(OLA_EMAIL, channel="slack", slack_id=OLA)  # known only by his e-mail
    answer = (await ola.says("hvem er koordinator i Askøy?", in_channel="C0GENERAL")).slack

    assert answer is not None
    assert "Kari Koordinator" in str(answer.blocks) and "Kari Koordinator" in (answer.text or "")
    assert answer.thread_ts is not None


async def test_dms_while_slack_did_not_answer_auth_test_at_start_are_answered_like_the_rest(engine, sessions) -> None:
    """The bot could not learn who it is at start (auth.test failed), and fails once more on Kari's first DM:
    that DM goes the way of every other delivery (bolt, whose authorization asks again) and is answered; the
    next goes the endpoint's own way for DMs. Both get the same answer, once each."""
    async with SlackApiEmulator(token=TOKEN) as slack:
        add_workspace_users(slack)
        slack.fail_next("auth.test", 500, times=2)  # at start, and on the first DM
        async with running_bot(engine, sessions, slack=slack) as bot:
            first, _ = await bot.dm(KARI, "hjelp")
            await bot.slack.wait_for_messages(dm_channel_id(KARI), timeout=10)
            second, _ = await bot.dm(KARI, "hjelp")
            await bot.slack.wait_for_messages(dm_channel_id(KARI), count=2, timeout=10)
            await bot.idle()

    answers = bot.slack.messages_to(dm_channel_id(KARI))
    assert first.status == second.status == 200
    assert [header_of(a.blocks) for a in answers] == [HELP_TITLE_NB, HELP_TITLE_NB]
    assert [c.method for c in slack.calls].count("auth.test") == 3  # start, the bolt way, then known
