"""Requests INTO the bot the way Slack sends them: signatures and payload builders.

A test then reads like a chat::

    body = json_body(event_callback(message_im_event("U1", "hei")))
    await http.post("/slack/events", data=body, headers=json_headers(SECRET, body))
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
import json
import time
import uuid
from typing import Any
from urllib.parse import urlencode

from tests.emulators.slack_models import API_APP_ID, BOT_USER_ID, TEAM_DOMAIN, TEAM_ID, dm_channel_id

JsonDict = dict[str, Any]

VERIFICATION_TOKEN = "verification-token-test"  # legacy "token" field Slack still sends
DEFAULT_RESPONSE_URL = f"https://hooks.slack.com/commands/{TEAM_ID}/1234567890/abcdEFGHijkl"

_counter = itertools.count(1)
_last_ts_us = 0


# ---------------------------------------------------------------------- signing


def sign(signing_secret: str, body: bytes, timestamp: int | None = None) -> dict[str, str]:
    """``X-Slack-Request-Timestamp`` and ``X-Slack-Signature`` (v0 HMAC-SHA256 of "v0:{ts}:{body}")."""
    ts = int(time.time()) if timestamp is None else timestamp
    base = b"v0:" + str(ts).encode() + b":" + body
    digest = hmac.new(signing_secret.encode(), base, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": str(ts), "X-Slack-Signature": f"v0={digest}"}


def json_headers(signing_secret: str, body: bytes, timestamp: int | None = None) -> dict[str, str]:
    """Signed headers for an Events API (JSON) request."""
    return {"Content-Type": "application/json", **sign(signing_secret, body, timestamp)}


def form_headers(signing_secret: str, body: bytes, timestamp: int | None = None) -> dict[str, str]:
    """Signed headers for a slash command / interactivity (form-encoded) request."""
    return {"Content-Type": "application/x-www-form-urlencoded", **sign(signing_secret, body, timestamp)}


def retry_headers(retry_num: int, reason: str = "http_timeout") -> dict[str, str]:
    """Headers Slack adds when it re-delivers an event the app did not ack in 3 s."""
    return {"X-Slack-Retry-Num": str(retry_num), "X-Slack-Retry-Reason": reason}


def json_body(payload: JsonDict) -> bytes:
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()


# ---------------------------------------------------------------------- ids


def new_event_id() -> str:
    return f"Ev0{uuid.uuid4().hex[:9].upper()}"


def new_trigger_id() -> str:
    return f"{next(_counter)}{int(time.time())}.{TEAM_ID[1:]}.{uuid.uuid4().hex}"


def new_ts() -> str:
    """A fresh message timestamp "1700000000.123456" (wall clock, strictly increasing per process)."""
    global _last_ts_us
    _last_ts_us = max(time.time_ns() // 1000, _last_ts_us + 1)
    seconds, micros = divmod(_last_ts_us, 1_000_000)
    return f"{seconds}.{micros:06d}"


def _event_context(event: JsonDict, team_id: str, api_app_id: str) -> str:
    raw = json.dumps({"et": event.get("type"), "tid": team_id, "aid": api_app_id, "cid": event.get("channel")})
    return "4-" + base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


# ---------------------------------------------------------------------- Events API


def event_callback(
    event: JsonDict,
    event_id: str | None = None,
    team_id: str = TEAM_ID,
    api_app_id: str = API_APP_ID,
    *,
    bot_user_id: str = BOT_USER_ID,
    event_time: int | None = None,
) -> JsonDict:
    """The outer Events API envelope around ``event`` (``event_id`` generated if None)."""
    return {
        "token": VERIFICATION_TOKEN,
        "team_id": team_id,
        "context_team_id": team_id,
        "context_enterprise_id": None,
        "api_app_id": api_app_id,
        "event": event,
        "type": "event_callback",
        "event_id": event_id or new_event_id(),
        "event_time": int(time.time()) if event_time is None else event_time,
        "authorizations": [
            {
                "enterprise_id": None,
                "team_id": team_id,
                "user_id": bot_user_id,
                "is_bot": True,
                "is_enterprise_install": False,
            }
        ],
        "is_ext_shared_channel": False,
        "event_context": _event_context(event, team_id, api_app_id),
    }


def url_verification(challenge: str = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P") -> JsonDict:
    return {"token": VERIFICATION_TOKEN, "challenge": challenge, "type": "url_verification"}


def _rich_text(text: str) -> list[JsonDict]:
    return [
        {
            "type": "rich_text",
            "block_id": uuid.uuid4().hex[:5],
            "elements": [{"type": "rich_text_section", "elements": [{"type": "text", "text": text}]}],
        }
    ]


def message_im_event(
    user: str,
    text: str,
    channel: str | None = None,
    ts: str | None = None,
    *,
    thread_ts: str | None = None,
    team_id: str = TEAM_ID,
) -> JsonDict:
    """A user's DM to the bot (``message`` event, ``channel_type`` "im").

    ``channel`` defaults to the same stable DM id the emulator's conversations.open returns."""
    ts = ts or new_ts()
    event: JsonDict = {
        "client_msg_id": str(uuid.uuid4()),
        "type": "message",
        "text": text,
        "user": user,
        "ts": ts,
        "blocks": _rich_text(text),
        "team": team_id,
        "channel": channel or dm_channel_id(user),
        "event_ts": ts,
        "channel_type": "im",
    }
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def app_mention_event(
    user: str,
    text: str,
    channel: str = "C0GENERAL",
    *,
    ts: str | None = None,
    thread_ts: str | None = None,
    bot_user_id: str = BOT_USER_ID,
    team_id: str = TEAM_ID,
) -> JsonDict:
    """``@digibot text`` in a channel; the ``<@BOT>`` mention is prepended unless present."""
    mention = f"<@{bot_user_id}>"
    full = text if mention in text else f"{mention} {text}"
    ts = ts or new_ts()
    event: JsonDict = {
        "client_msg_id": str(uuid.uuid4()),
        "type": "app_mention",
        "text": full,
        "user": user,
        "ts": ts,
        "blocks": _rich_text(full),
        "team": team_id,
        "channel": channel,
        "event_ts": ts,
    }
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def app_home_opened_event(user: str, *, tab: str = "home", view: JsonDict | None = None) -> JsonDict:
    """The user opened the bot's App Home (``view`` is present if one was published before)."""
    event: JsonDict = {
        "type": "app_home_opened",
        "user": user,
        "channel": dm_channel_id(user),
        "tab": tab,
        "event_ts": new_ts(),
    }
    if view is not None:
        event["view"] = view
    return event


# ---------------------------------------------------------------------- slash commands & interactivity


def slash_command_form(
    command: str,
    text: str,
    user_id: str,
    channel_id: str = "C0GENERAL",
    response_url: str = DEFAULT_RESPONSE_URL,
    *,
    user_name: str | None = None,
    channel_name: str = "general",
    trigger_id: str | None = None,
    team_id: str = TEAM_ID,
    api_app_id: str = API_APP_ID,
) -> bytes:
    """Form-encoded body of a slash command exactly as Slack POSTs it."""
    fields = {
        "token": VERIFICATION_TOKEN,
        "team_id": team_id,
        "team_domain": TEAM_DOMAIN,
        "channel_id": channel_id,
        "channel_name": "directmessage" if channel_id.startswith("D") else channel_name,
        "user_id": user_id,
        "user_name": user_name or user_id.lower(),
        "command": command,
        "text": text,
        "api_app_id": api_app_id,
        "is_enterprise_install": "false",
        "response_url": response_url,
        "trigger_id": trigger_id or new_trigger_id(),
    }
    return urlencode(fields).encode()


def _interactive_user(user_id: str, team_id: str) -> JsonDict:
    return {"id": user_id, "username": user_id.lower(), "name": user_id.lower(), "team_id": team_id}


def block_actions_payload(
    user_id: str,
    action_id: str,
    value: str,
    *,
    block_id: str = "actions",
    action_type: str = "button",
    channel_id: str | None = "C0GENERAL",
    message: JsonDict | None = None,
    message_ts: str | None = None,
    view: JsonDict | None = None,
    response_url: str = DEFAULT_RESPONSE_URL,
    trigger_id: str | None = None,
    team_id: str = TEAM_ID,
    api_app_id: str = API_APP_ID,
) -> JsonDict:
    """A ``block_actions`` payload. With ``view`` (e.g. App Home) the container is the view,
    otherwise the message ``message_ts`` in ``channel_id``."""
    action: JsonDict = {
        "type": action_type,
        "action_id": action_id,
        "block_id": block_id,
        "action_ts": new_ts(),
    }
    if action_type in ("static_select", "external_select", "radio_buttons"):
        action["selected_option"] = {"text": {"type": "plain_text", "text": value}, "value": value}
    else:
        action["value"] = value
        action["text"] = {"type": "plain_text", "text": value, "emoji": True}
    payload: JsonDict = {
        "type": "block_actions",
        "user": _interactive_user(user_id, team_id),
        "api_app_id": api_app_id,
        "token": VERIFICATION_TOKEN,
        "trigger_id": trigger_id or new_trigger_id(),
        "team": {"id": team_id, "domain": TEAM_DOMAIN},
        "enterprise": None,
        "is_enterprise_install": False,
        "state": {"values": {}},
        "actions": [action],
    }
    if view is not None:
        payload["container"] = {"type": "view", "view_id": view.get("id", "V0VIEW")}
        payload["view"] = view
        return payload
    ts = message_ts or (message or {}).get("ts") or new_ts()
    payload["container"] = {"type": "message", "message_ts": ts, "channel_id": channel_id, "is_ephemeral": False}
    payload["channel"] = {"id": channel_id, "name": "general"}
    payload["message"] = message or {"type": "message", "ts": ts, "user": BOT_USER_ID, "text": "", "blocks": []}
    payload["response_url"] = response_url
    return payload


def block_actions_form(user_id: str, action_id: str, value: str, **kwargs: Any) -> bytes:
    """Form body ``payload=<json>`` of a block action (see :func:`block_actions_payload`)."""
    return interactive_form(block_actions_payload(user_id, action_id, value, **kwargs))


def view_submission_form(
    user_id: str,
    callback_id: str,
    values: dict[str, dict[str, JsonDict]],
    *,
    view_id: str = "V0MODAL",
    private_metadata: str = "",
    team_id: str = TEAM_ID,
    api_app_id: str = API_APP_ID,
) -> bytes:
    """Form body of a modal submission; ``values`` is ``{block_id: {action_id: {"type":..., "value":...}}}``."""
    payload: JsonDict = {
        "type": "view_submission",
        "team": {"id": team_id, "domain": TEAM_DOMAIN},
        "user": _interactive_user(user_id, team_id),
        "api_app_id": api_app_id,
        "token": VERIFICATION_TOKEN,
        "trigger_id": new_trigger_id(),
        "view": {
            "id": view_id,
            "team_id": team_id,
            "type": "modal",
            "callback_id": callback_id,
            "private_metadata": private_metadata,
            "state": {"values": values},
            "app_id": api_app_id,
        },
        "response_urls": [],
        "is_enterprise_install": False,
        "enterprise": None,
    }
    return interactive_form(payload)


def interactive_form(payload: JsonDict) -> bytes:
    return urlencode({"payload": json.dumps(payload, separators=(",", ":"))}).encode()
