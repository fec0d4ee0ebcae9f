"""The Slack Web API emulator, exercised with the real slack_sdk AsyncWebClient over HTTP."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from urllib.parse import parse_qs

import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from tests.emulators.slack_api import UPLOAD_CALL, SlackApiEmulator
from tests.emulators.slack_signing import (
    app_home_opened_event,
    app_mention_event,
    block_actions_form,
    event_callback,
    json_body,
    json_headers,
    message_im_event,
    sign,
    slash_command_form,
)

TOKEN = "xoxb-test"
SECRET = "8f742231b10e8888abcd99yyyzzz85a5"


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
async def slack() -> AsyncIterator[SlackApiEmulator]:
    async with SlackApiEmulator(token=TOKEN) as emulator:
        yield emulator


def client_for(slack: SlackApiEmulator, token: str = TOKEN) -> AsyncWebClient:
    # No retry handlers: errors must surface exactly as the emulator sent them.
    return AsyncWebClient(token=token, base_url=slack.base_url, retry_handlers=[])


@pytest.mark.asyncio
async def test_post_message_is_recorded_with_increasing_ts(slack: SlackApiEmulator) -> None:
    client = client_for(slack)
    assert slack.base_url.startswith("http://127.0.0.1:") and slack.base_url.endswith("/api/")

    first = await client.chat_postMessage(channel="C1", text="Hei, kommune!")
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "*Møte* i morgen"}}]
    second = await client.chat_postMessage(channel="C1", text="fallback", blocks=blocks, thread_ts=first["ts"])

    assert first["channel"] == "C1" and first["message"]["text"] == "Hei, kommune!"
    assert float(second["ts"]) > float(first["ts"])
    assert [m.text for m in slack.messages_to("C1")] == ["Hei, kommune!", "fallback"]
    reply = slack.messages[1]
    assert reply.blocks == blocks and reply.thread_ts == first["ts"] and reply.ts == second["ts"]
    assert [c.method for c in slack.calls] == ["chat.postMessage", "chat.postMessage"]
    assert slack.calls[0].args["channel"] == "C1" and "token" not in slack.calls[0].args


@pytest.mark.asyncio
async def test_dm_update_ephemeral_and_reactions(slack: SlackApiEmulator) -> None:
    client = client_for(slack)
    opened = await client.conversations_open(users="U1")
    again = await client.conversations_open(users="U1")
    dm = opened["channel"]["id"]
    assert dm.startswith("D") and again["channel"]["id"] == dm and again["already_open"] is True
    assert message_im_event("U1", "hei")["channel"] == dm

    posted = await client.chat_postMessage(channel="U1", text="Hei!")  # user id → the DM
    assert posted["channel"] == dm and slack.messages_to("U1") == slack.messages_to(dm)

    updated = await client.chat_update(channel=dm, ts=posted["ts"], text="Hei igjen!")
    assert updated["text"] == "Hei igjen!" and slack.messages[0].edit_count == 1
    with pytest.raises(SlackApiError) as missing:
        await client.chat_update(channel=dm, ts="1.000001", text="x")
    assert missing.value.response["error"] == "message_not_found"

    eph = await client.chat_postEphemeral(channel="C1", user="U1", text="Bare til deg")
    assert slack.ephemerals[0].user == "U1" and slack.ephemerals[0].message_ts == eph["message_ts"]

    await client.reactions_add(channel=dm, timestamp=posted["ts"], name="white_check_mark")
    with pytest.raises(SlackApiError) as dup:
        await client.reactions_add(channel=dm, timestamp=posted["ts"], name="white_check_mark")
    assert dup.value.response["error"] == "already_reacted"
    assert [(r.channel, r.name) for r in slack.reactions] == [(dm, "white_check_mark")]


@pytest.mark.asyncio
@pytest.mark.filterwarnings("ignore:The top-level `text` argument is missing")
@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"channel": "", "text": "x"}, "channel_not_found"),
        ({"channel": "C1"}, "no_text"),
        ({"channel": "C1", "text": "x", "blocks": [{"type": "divider"}] * 51}, "invalid_blocks"),
        ({"channel": "C1", "text": "x" * 40_001}, "msg_too_long"),
    ],
)
async def test_post_message_validation(slack: SlackApiEmulator, kwargs: dict[str, object], error: str) -> None:
    with pytest.raises(SlackApiError) as exc:
        await client_for(slack).chat_postMessage(**kwargs)  # type: ignore[arg-type]
    assert exc.value.response.status_code == 200 and exc.value.response["error"] == error
    assert slack.messages == [] and slack.calls[0].error == error


@pytest.mark.asyncio
async def test_bad_or_missing_token(slack: SlackApiEmulator) -> None:
    with pytest.raises(SlackApiError) as bad:
        await client_for(slack, token="xoxb-wrong").auth_test()
    assert bad.value.response.status_code == 200 and bad.value.response["error"] == "invalid_auth"

    no_token = AsyncWebClient(base_url=slack.base_url, retry_handlers=[])
    with pytest.raises(SlackApiError) as missing:
        await no_token.chat_postMessage(channel="C1", text="x")
    assert missing.value.response["error"] == "not_authed"

    with pytest.raises(SlackApiError) as unknown:
        await client_for(slack).api_call("nope.nothing")
    assert unknown.value.response["error"] == "unknown_method"

    me = await client_for(slack).auth_test()
    assert me["user_id"] == slack.bot_user_id and me["team_id"] == slack.team_id
    assert slack.messages == []


@pytest.mark.asyncio
async def test_fail_next_429_surfaces_status_and_retry_after(slack: SlackApiEmulator) -> None:
    client = client_for(slack)
    slack.fail_next("chat.postMessage", 429, retry_after=7)

    with pytest.raises(SlackApiError) as exc:
        await client.chat_postMessage(channel="C1", text="x")
    response = exc.value.response
    assert response.status_code == 429 and response.headers["Retry-After"] == "7"
    assert response["error"] == "ratelimited"

    await client.chat_postMessage(channel="C1", text="x")  # only the next call fails
    assert [c.status for c in slack.calls] == [429, 200] and len(slack.messages) == 1


@pytest.mark.asyncio
async def test_fail_next_5xx_and_slack_errors(slack: SlackApiEmulator) -> None:
    client = client_for(slack)
    slack.fail_next(None, 503, times=2)
    for _ in range(2):
        with pytest.raises(SlackApiError) as exc:
            await client.auth_test()
        assert exc.value.response.status_code == 503
    slack.fail_next("chat.postMessage", 500)
    slack.fail_next("chat.postMessage", 200, error="not_in_channel")
    with pytest.raises(SlackApiError) as e500:
        await client.chat_postMessage(channel="C1", text="x")
    with pytest.raises(SlackApiError) as e200:
        await client.chat_postMessage(channel="C1", text="x")
    assert e500.value.response.status_code == 500
    assert e200.value.response.status_code == 200 and e200.value.response["error"] == "not_in_channel"
    assert (await client.auth_test())["ok"] is True


@pytest.mark.asyncio
async def test_sdk_retry_handler_honours_retry_after() -> None:
    from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler

    async with SlackApiEmulator(token=TOKEN) as slack:
        slack.fail_next("chat.postMessage", 429, retry_after=1)
        client = AsyncWebClient(TOKEN, base_url=slack.base_url, retry_handlers=[AsyncRateLimitErrorRetryHandler()])
        started = time.monotonic()
        await client.chat_postMessage(channel="C1", text="x")
        assert time.monotonic() - started >= 1.0
        calls = slack.calls_to("chat.postMessage")
        assert [c.status for c in calls] == [429, 200] and calls[1].at - calls[0].at >= 1.0


@pytest.mark.asyncio
async def test_rate_limiter_per_channel_and_workspace() -> None:
    clock = FakeClock()
    async with SlackApiEmulator(token=TOKEN, clock=clock) as slack:
        client = client_for(slack)
        slack.set_rate_limit(per_channel_per_second=1, workspace_per_minute=3)

        await client.chat_postMessage(channel="C1", text="1")
        with pytest.raises(SlackApiError) as exc:
            await client.chat_postMessage(channel="C1", text="2")
        assert exc.value.response.status_code == 429 and exc.value.response.headers["Retry-After"] == "1"
        await client.chat_postMessage(channel="C2", text="other channel is fine")

        clock.now += 1.0
        await client.chat_postMessage(channel="C1", text="2 after waiting")
        clock.now += 5.0
        with pytest.raises(SlackApiError) as ws:  # 3 per minute used up
            await client.chat_postMessage(channel="C3", text="4")
        assert ws.value.response.status_code == 429 and ws.value.response.headers["Retry-After"] == "54"

        clock.now += 54.0
        await client.chat_postMessage(channel="C3", text="4")
        assert [m.text for m in slack.messages] == ["1", "other channel is fine", "2 after waiting", "4"]

        slack.set_rate_limit(None, None)
        for i in range(5):
            await client.chat_postMessage(channel="C1", text=str(i))


@pytest.mark.asyncio
async def test_files_upload_v2_round_trip(slack: SlackApiEmulator) -> None:
    content = "dato;kommune\n2024-05-01;Bodø\n".encode()
    result = await client_for(slack).files_upload_v2(
        channel="C1", filename="rapport.csv", content=content, title="Rapport", initial_comment="Her er den"
    )
    assert result["file"]["name"] == "rapport.csv" and result["file"]["size"] == len(content)
    [uploaded] = slack.files
    assert uploaded.content == content and uploaded.filename == "rapport.csv" and uploaded.completed
    assert uploaded.channel_id == "C1" and uploaded.title == "Rapport" and uploaded.initial_comment == "Her er den"
    methods = [c.method for c in slack.calls]
    assert methods == ["files.getUploadURLExternal", UPLOAD_CALL, "files.completeUploadExternal"]


@pytest.mark.asyncio
async def test_users_info_and_lookup(slack: SlackApiEmulator) -> None:
    slack.add_user("U1", "kari.nordmann@bodo.kommune.no", "kari", real_name="Kari Nordmann")
    client = client_for(slack)

    info = await client.users_info(user="U1")
    assert info["user"]["profile"]["email"] == "kari.nordmann@bodo.kommune.no"
    assert info["user"]["tz"] == "Europe/Oslo" and info["user"]["tz_offset"] in (3600, 7200)
    found = await client.users_lookupByEmail(email="Kari.Nordmann@bodo.kommune.no")
    assert found["user"]["id"] == "U1"

    with pytest.raises(SlackApiError) as unknown:
        await client.users_info(user="U404")
    assert unknown.value.response["error"] == "user_not_found"
    with pytest.raises(SlackApiError) as unknown_mail:
        await client.users_lookupByEmail(email="ingen@example.no")
    assert unknown_mail.value.response["error"] == "users_not_found"


@pytest.mark.asyncio
async def test_views_publish_and_open(slack: SlackApiEmulator) -> None:
    client = client_for(slack)
    home = {"type": "home", "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "Velkommen"}}]}
    first = await client.views_publish(user_id="U1", view=home)
    second = await client.views_publish(user_id="U1", view=home)
    assert first["view"]["id"] == second["view"]["id"] and slack.home_views["U1"].view == home

    modal = {"type": "modal", "title": {"type": "plain_text", "text": "Meld på"}, "blocks": []}
    opened = await client.views_open(trigger_id="123.456.abc", view=modal)
    assert opened["view"]["type"] == "modal" and slack.opened_views[0].trigger_id == "123.456.abc"
    with pytest.raises(SlackApiError) as bad:
        await client.views_publish(user_id="U1", view=modal)
    assert bad.value.response["error"] == "invalid_arguments"


@pytest.mark.asyncio
async def test_wait_for_and_latency(slack: SlackApiEmulator) -> None:
    client = client_for(slack)
    slack.latency = 0.05

    async def bot() -> None:
        await asyncio.sleep(0.05)
        await client.chat_postMessage(channel="C1", text="a")
        await client.chat_postMessage(channel="C1", text="b")

    task = asyncio.create_task(bot())
    calls = await slack.wait_for("chat.postMessage", count=2, timeout=2.0)
    assert [c.args["text"] for c in calls] == ["a", "b"]
    assert [m.text for m in await slack.wait_for_messages("C1", count=2)] == ["a", "b"]
    await task
    with pytest.raises(TimeoutError, match="views.publish"):
        await slack.wait_for("views.publish", timeout=0.05)


@pytest.mark.asyncio
async def test_response_url_served_by_emulator(slack: SlackApiEmulator) -> None:
    url = slack.new_response_url()
    webhook = AsyncWebhookClient(url)
    resp = await webhook.send(text="Takk, registrert", response_type="ephemeral")
    assert resp.status_code == 200
    assert slack.response_url_posts[0]["text"] == "Takk, registrert"


def test_sign_is_accepted_by_slack_sdk_verifier_and_tampering_fails() -> None:
    verifier = SignatureVerifier(SECRET)
    body = json_body(event_callback(message_im_event("U1", "Når er neste nettverksmøte?")))
    headers = sign(SECRET, body)
    assert verifier.is_valid_request(body, headers)
    assert not verifier.is_valid_request(body.replace(b"neste", b"forrige"), headers)
    assert not SignatureVerifier("other-secret").is_valid_request(body, headers)
    stale = sign(SECRET, body, timestamp=int(time.time()) - 600)
    assert not verifier.is_valid_request(body, stale)

    known = sign("secret", b"body", timestamp=1_700_000_000)
    assert known["X-Slack-Request-Timestamp"] == "1700000000"
    assert known["X-Slack-Signature"] == verifier.__class__("secret").generate_signature(
        timestamp="1700000000", body=b"body"
    )


def test_payload_builders_look_like_slack() -> None:
    envelope = event_callback(app_mention_event("U1", "hjelp"), event_id="Ev123")
    assert envelope["type"] == "event_callback" and envelope["event_id"] == "Ev123"
    assert envelope["authorizations"][0]["user_id"] == "U0BOT" and envelope["event_context"].startswith("4-")
    assert envelope["event"]["text"] == "<@U0BOT> hjelp" and envelope["event"]["channel"] == "C0GENERAL"
    assert app_home_opened_event("U1")["tab"] == "home"

    command = parse_qs(slash_command_form("/digibot", "abonner Bodø", "U1").decode())
    assert command["command"] == ["/digibot"] and command["text"] == ["abonner Bodø"]
    assert command["user_id"] == ["U1"] and command["response_url"][0].startswith("https://hooks.slack.com/")

    form = parse_qs(block_actions_form("U1", "rsvp_yes", "event-42").decode())
    payload = json.loads(form["payload"][0])
    assert payload["type"] == "block_actions" and payload["user"]["id"] == "U1"
    assert payload["actions"][0] == payload["actions"][0] | {"action_id": "rsvp_yes", "value": "event-42"}


@pytest.mark.asyncio
async def test_bolt_app_end_to_end_with_signed_event(slack: SlackApiEmulator) -> None:
    from slack_bolt.async_app import AsyncApp
    from slack_bolt.request.async_request import AsyncBoltRequest

    app = AsyncApp(client=slack.client(), signing_secret=SECRET)

    @app.event("message")
    async def on_dm(event: dict[str, str], say: Callable[..., Awaitable[object]]) -> None:
        await say(f"Du skrev: {event['text']}")

    body = json_body(event_callback(message_im_event("U1", "hei")))
    response = await app.async_dispatch(AsyncBoltRequest(body=body.decode(), headers=json_headers(SECRET, body)))
    assert response.status == 200
    [reply] = await slack.wait_for_messages("U1")
    assert reply.text == "Du skrev: hei" and slack.calls[0].method == "auth.test"

    tampered = body.replace(b"hei", b"hallo")
    rejected = await app.async_dispatch(AsyncBoltRequest(body=tampered.decode(), headers=json_headers(SECRET, body)))
    assert rejected.status == 401
