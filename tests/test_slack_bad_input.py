"""Signed requests with fields of the wrong shape: a coordinator's Slack workspace (or an attacker who has the
signing secret) sends something the bot cannot read. Each gets 400 "malformed" (Slack retries a 500), none
crashes the bot, none writes anything, and the bot keeps answering genuine messages."""

from __future__ import annotations

import json
import logging
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode

from sqlalchemy import func, select

from storage.models import ProcessedEvent
from storage.models_notify import Announcement, OutboxMessage
from tests.emulators.slack_api import dm_channel_id
from tests.emulators.slack_signing import (
    DEFAULT_RESPONSE_URL,
    app_mention_event,
    block_actions_payload,
    event_callback,
    form_headers,
    interactive_form,
    json_body,
    json_headers,
    message_im_event,
    sign,
    slash_command_form,
)
from tests.fixtures.slack.harness import KARI, SECRET, SlackBot, running_bot

JsonDict = dict[str, Any]


def event(mutate: JsonDict, base: JsonDict | None = None) -> tuple[bytes, str]:
    inner = {**(base or message_im_event(KARI, "hjelp")), **mutate}
    return json_body(event_callback(inner)), "json"


def envelope(mutate: JsonDict) -> tuple[bytes, str]:
    return json_body({**event_callback(message_im_event(KARI, "hjelp")), **mutate}), "json"


def command(drop: str | None = None, **fields: str) -> tuple[bytes, str]:
    pairs = dict(parse_qsl(slash_command_form("/digi", "hjelp", KARI).decode()))
    pairs.update(fields)
    if drop:
        pairs.pop(drop)
    return urlencode(pairs).encode(), "form"


def action(mutate: JsonDict) -> tuple[bytes, str]:
    return interactive_form({**block_actions_payload(KARI, "calendar_link", "1"), **mutate}), "form"


def view(view_fields: JsonDict | None, **top: Any) -> tuple[bytes, str]:
    payload: JsonDict = {
        "type": "view_submission", "team": {"id": "T0TEST"}, "user": {"id": KARI}, "api_app_id": "A0TEST",
        "view": view_fields, **top,
    }
    return interactive_form(payload), "form"


def compose(values: JsonDict) -> JsonDict:
    """The announcement form as submitted, its state values replaced by `values`."""
    return {"id": "V1", "type": "modal", "callback_id": "announce_compose", "state": {"values": values}}


CRAFTED: dict[str, tuple[bytes, str]] = {
    "event text is an object": event({"text": {"evil": 1}}),
    "event text is a list": event({"text": ["hjelp"]}),
    "event text is a number": event({"text": 42}),
    "event user is a number": event({"user": 12345}),
    "event user is an object": event({"user": {"id": KARI}}),
    "event channel is missing": event({"channel": None}),
    "event channel is left out": (json_body(event_callback({k: v for k, v in message_im_event(KARI, "hjelp").items()
                                                            if k != "channel"})), "json"),
    "mention without a channel": (json_body(event_callback({k: v for k, v in app_mention_event(KARI, "hjelp").items()
                                                             if k != "channel"})), "json"),
    "event channel is a list": event({"channel": ["D1"]}),
    "mention text is an object": event({"text": {"a": "b"}}, app_mention_event(KARI, "hjelp")),
    "event is a string": envelope({"event": "message"}),
    "event_id is an object": envelope({"event_id": {"id": 1}}),
    "slash command without user_id": command(drop="user_id"),
    "slash command without command": command(drop="command"),
    "slash command with an empty user_id": command(user_id=""),
    "actions is empty": action({"actions": []}),
    "actions is an object": action({"actions": {"action_id": "x"}}),
    "an action is a string": action({"actions": ["calendar_link"]}),
    "an action_id is a number": action({"actions": [{"action_id": 7, "value": "1", "type": "button"}]}),
    "block_actions user is a string": action({"user": KARI}),
    "block_actions without user": action({"user": None}),
    "a view without type": view({"id": "V1", "callback_id": "announce_compose", "state": {"values": {}}}),
    "a view that is a string": view("announce_compose"),  # type: ignore[arg-type]
    "view state values is a list": view({"id": "V1", "type": "modal", "callback_id": "announce_compose",
                                         "state": {"values": []}}),
    "view_submission user is a number": view({"id": "V1", "type": "modal", "callback_id": "announce_compose",
                                              "state": {"values": {}}}, user=5),
    "a form's text is a list": view(compose({"text": {"value": {"type": "plain_text_input", "value": ["a", "b"]}}})),
    "a form's send_at is a string": view(compose({"send_at": {"value": {"type": "datetimepicker",
                                                                        "selected_date_time": "tomorrow"}}})),
    "a form's chosen option has a number value": view(compose({"roles": {"value": {
        "type": "multi_static_select", "selected_options": [{"value": 3}]}}})),
    "a form's chosen options are a string": view(compose({"roles": {"value": {
        "type": "multi_static_select", "selected_options": "coordinator"}}})),
    "a button's value is a number": action({"actions": [{"action_id": "calendar_link", "value": 1, "type": "button"}]}),
    "a button's value is null": action({"actions": [{"action_id": "calendar_link", "value": None, "type": "button"}]}),
    "a button's value is an object": action({"actions": [{"action_id": "calendar_link", "value": {"id": "1"},
                                                          "type": "button"}]}),
    "a menu's chosen value is a number": action({"actions": [{"action_id": "calendar_link", "type": "static_select",
                                                              "selected_option": {"value": 1}}]}),
    "interactivity payload is a list": (interactive_form([1, 2]), "form"),  # type: ignore[arg-type]
    "interactivity payload type is a number": (interactive_form({"type": 3}), "form"),
}


async def count_rows(sessions) -> tuple[int, int, int]:
    async with sessions() as session:
        return (
            int(await session.scalar(select(func.count()).select_from(ProcessedEvent)) or 0),
            int(await session.scalar(select(func.count()).select_from(Announcement)) or 0),
            int(await session.scalar(select(func.count()).select_from(OutboxMessage)) or 0),
        )


async def post(bot: SlackBot, body: bytes, kind: str) -> tuple[int, str]:
    # Never let a crafted request send the bot to the real Slack: its response_url is the emulator's.
    ours = quote(bot.slack.new_response_url(), safe="").encode()
    body = body.replace(quote(DEFAULT_RESPONSE_URL, safe="").encode(), ours)
    headers = json_headers(SECRET, body) if kind == "json" else form_headers(SECRET, body)
    answer = await bot.post(body, headers)
    return answer.status, answer.text


async def test_crafted_signed_requests_get_400_and_change_nothing(engine, sessions, caplog) -> None:
    async with running_bot(engine, sessions) as bot:
        before = await count_rows(sessions)
        with caplog.at_level(logging.ERROR):
            answers = {name: await post(bot, body, kind) for name, (body, kind) in CRAFTED.items()}
            await bot.idle()
        assert {name: status for name, (status, _) in answers.items() if status != 400} == {}
        assert all("malformed" in text for _, text in answers.values())
        assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []  # nothing crashed
        assert bot.slack.messages == [] and bot.slack.response_url_posts == []
        assert await count_rows(sessions) == before

        await bot.dm(KARI, "hjelp")  # and Kari's next question is answered as always
        await bot.slack.wait_for_messages(dm_channel_id(KARI))
        await bot.idle()


async def test_a_signed_body_that_is_not_utf8_is_malformed_not_a_bad_signature(engine, sessions, caplog) -> None:
    body = b'{"type": "event_callback", "event": {"text": "\xff\xfe"}}'
    async with running_bot(engine, sessions) as bot:
        with caplog.at_level(logging.INFO, logger="bot.channels"):
            answer = await bot.post(body, {"Content-Type": "application/json", **sign(SECRET, body)})
            forged = await bot.post(body, {"Content-Type": "application/json", **sign("0" * 32, body)})
        await bot.idle()

    assert (answer.status, forged.status) == (400, 401)
    assert "malformed" in answer.text
    logged = [r.getMessage() for r in caplog.records]
    assert sum("bad or stale signature" in line for line in logged) == 1, logged  # only the forged one
    assert bot.slack.messages == []


def test_the_table_covers_each_kind_of_request() -> None:
    kinds = {json.loads(body).get("type") if kind == "json" else "form" for body, kind in CRAFTED.values()}
    assert kinds == {"event_callback", "form"} and len(CRAFTED) >= 20
