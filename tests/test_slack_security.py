"""Only Slack may talk to /slack/events: forged, unsigned, replayed, tampered and malformed requests are
turned away before anything is parsed, stored or posted, and the bot keeps answering genuine ones."""

from __future__ import annotations

import time

from sqlalchemy import select

from storage.models import ProcessedEvent
from tests.emulators.slack_api import dm_channel_id
from tests.emulators.slack_signing import (
    block_actions_form,
    event_callback,
    form_headers,
    json_body,
    json_headers,
    message_im_event,
    sign,
    slash_command_form,
    url_verification,
)
from tests.fixtures.slack.harness import KARI, SECRET, SlackBot, running_bot

FORGED_SECRET = "0000aaaa1111bbbb2222cccc3333dddd"


async def assert_nothing_happened(bot: SlackBot, sessions) -> None:
    await bot.idle()
    assert bot.slack.calls == []
    async with sessions() as session:
        assert (await session.scalars(select(ProcessedEvent))).all() == []


async def assert_still_answering(bot: SlackBot) -> None:
    before = len(bot.slack.messages_to(KARI))
    await bot.dm(KARI, "hjelp")
    await bot.slack.wait_for_messages(dm_channel_id(KARI), count=before + 1)
    await bot.idle()


async def test_a_forged_signature_gets_401_and_nothing_is_posted(engine, sessions) -> None:
    async with running_bot(engine, sessions) as bot:
        envelope = event_callback(message_im_event(KARI, "hjelp"))
        body = json_body(envelope)
        forged = await bot.post(body, json_headers(FORGED_SECRET, body))
        command = slash_command_form("/digi", "hjelp", KARI, response_url=bot.slack.new_response_url())
        forged_command = await bot.post(command, form_headers(FORGED_SECRET, command))
        button = block_actions_form(KARI, "anything", "1", response_url=bot.slack.new_response_url())
        forged_button = await bot.post(button, form_headers(FORGED_SECRET, button))

        assert [forged.status, forged_command.status, forged_button.status] == [401, 401, 401]
        await assert_nothing_happened(bot, sessions)

        # The forgery did not use up the event id: Slack's genuine delivery of it is answered.
        genuine = await bot.post(body, json_headers(SECRET, body))
        assert genuine.status == 200
        await bot.slack.wait_for_messages(dm_channel_id(KARI))
        await bot.idle()


async def test_an_unsigned_request_gets_401(engine, sessions) -> None:
    async with running_bot(engine, sessions) as bot:
        body = json_body(event_callback(message_im_event(KARI, "hjelp")))
        no_headers = await bot.post(body, {"Content-Type": "application/json"})
        only_timestamp = await bot.post(
            body, {"Content-Type": "application/json", "X-Slack-Request-Timestamp": str(int(time.time()))}
        )
        challenge = json_body(url_verification("abc"))
        unsigned_challenge = await bot.post(challenge, {"Content-Type": "application/json"})

        assert [no_headers.status, only_timestamp.status, unsigned_challenge.status] == [401, 401, 401]
        assert "abc" not in unsigned_challenge.text
        await assert_nothing_happened(bot, sessions)


async def test_a_request_older_than_five_minutes_is_rejected(engine, sessions) -> None:
    async with running_bot(engine, sessions) as bot:
        body = json_body(event_callback(message_im_event(KARI, "hjelp")))
        now = int(time.time())
        replayed = await bot.post(body, json_headers(SECRET, body, timestamp=now - 5 * 60 - 2))
        from_the_future = await bot.post(body, json_headers(SECRET, body, timestamp=now + 5 * 60 + 60))
        assert replayed.status == from_the_future.status == 401
        await assert_nothing_happened(bot, sessions)

        recent = await bot.post(body, json_headers(SECRET, body, timestamp=now - 4 * 60))  # still inside the window
        assert recent.status == 200
        await bot.slack.wait_for_messages(dm_channel_id(KARI))
        await bot.idle()


async def test_a_tampered_body_is_rejected(engine, sessions) -> None:
    async with running_bot(engine, sessions) as bot:
        body = json_body(event_callback(message_im_event(KARI, "hjelp")))
        headers = json_headers(SECRET, body)
        tampered = body.replace(b'"text":"hjelp"', b'"text":"slett alt"')
        assert tampered != body

        answer = await bot.post(tampered, headers)
        assert answer.status == 401
        await assert_nothing_happened(bot, sessions)


async def test_malformed_json_is_rejected_without_crashing(engine, sessions) -> None:
    signed_garbage = [
        (b'{"type": "event_callback", "event": {', "application/json"),  # cut off
        (b"[1, 2, 3]", "application/json"),  # JSON, but not an object
        (b"payload=%7Bnot-json", "application/x-www-form-urlencoded"),  # interactivity with a broken payload
    ]
    async with running_bot(engine, sessions) as bot:
        statuses = []
        for body, content_type in signed_garbage:
            answer = await bot.post(body, {"Content-Type": content_type, **sign(SECRET, body)})
            statuses.append(answer.status)
        unsigned = await bot.post(b"{not json", {"Content-Type": "application/json"})
        not_utf8_body = b'{"text": "\xff\xfe"}'  # signed, but not UTF-8: malformed (see test_slack_bad_input)
        not_utf8 = await bot.post(not_utf8_body, {"Content-Type": "application/json", **sign(SECRET, not_utf8_body)})
        bad_timestamp = await bot.post(
            b"{}", {"Content-Type": "application/json", "X-Slack-Request-Timestamp": "yesterday",
                    "X-Slack-Signature": "v0=abc"}
        )
        not_ascii_signature = await bot.post(
            b"{}", {"Content-Type": "application/json", "X-Slack-Request-Timestamp": str(int(time.time())),
                    "X-Slack-Signature": "v0=ææææ"}
        )

        assert statuses == [400, 400, 400]
        assert [unsigned.status, bad_timestamp.status, not_ascii_signature.status] == [401] * 3
        assert not_utf8.status == 400  # signed correctly, but no text: malformed, not forged
        await assert_nothing_happened(bot, sessions)
        await assert_still_answering(bot)


async def test_signed_but_meaningless_requests_do_no_harm(engine, sessions) -> None:
    odd = [b"{}", b'{"type": "event_callback"}', b'{"type": "event_callback", "event": {"type": "message"}}',
           b'{"type": "something_new", "event_id": "Ev0ODD"}']
    async with running_bot(engine, sessions) as bot:
        answers = [await bot.post(body, json_headers(SECRET, body)) for body in odd]
        assert all(answer.status < 500 for answer in answers), [(a.status, a.text) for a in answers]
        await bot.idle()
        assert bot.slack.messages == []
        await assert_still_answering(bot)


async def test_slacks_url_verification_gets_the_challenge_back(engine, sessions) -> None:
    async with running_bot(engine, sessions) as bot:
        body = json_body(url_verification("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"))
        answer = await bot.post(body, json_headers(SECRET, body))

    assert answer.status == 200
    assert answer.json() == {"challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"}
