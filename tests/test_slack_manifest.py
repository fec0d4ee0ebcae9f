"""slack-manifest.yml creates an app that sends the bot exactly what the code listens to."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.channels.slack.app import EVENTS_PATH
from bot.channels.slack.listeners import EVENT_SUBSCRIPTIONS, SLASH_COMMAND
from storage.db import make_sessionmaker
from tests.emulators.slack_signing import (
    app_home_opened_event,
    app_mention_event,
    form_headers,
    message_im_event,
    slash_command_form,
)
from tests.fixtures.slack.harness import KARI, SECRET, running_bot

MANIFEST = Path(__file__).resolve().parent.parent / "slack-manifest.yml"
REQUEST_URL = f"https://YOUR-HOST{EVENTS_PATH}"
NEEDED_SCOPES = {
    "app_mentions:read", "chat:write", "commands", "im:history", "im:read", "im:write",
    "users:read", "users:read.email", "files:write",
}


def manifest() -> dict[str, Any]:
    data = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_the_manifest_parses_and_declares_everything_the_code_listens_to() -> None:
    data = manifest()
    settings, features = data["settings"], data["features"]

    assert set(settings["event_subscriptions"]["bot_events"]) == set(EVENT_SUBSCRIPTIONS.values())
    assert [c["command"] for c in features["slash_commands"]] == [SLASH_COMMAND]
    assert settings["interactivity"]["is_enabled"] is True
    assert set(data["oauth_config"]["scopes"]["bot"]) == NEEDED_SCOPES


def test_everything_arrives_at_one_request_url_over_http() -> None:
    data = manifest()
    settings = data["settings"]

    urls = [settings["event_subscriptions"]["request_url"], settings["interactivity"]["request_url"]]
    urls += [c["url"] for c in data["features"]["slash_commands"]]
    assert urls == [REQUEST_URL] * 3
    assert settings["socket_mode_enabled"] is False


def test_the_app_has_a_bot_user_a_home_tab_and_a_norwegian_usage_hint() -> None:
    data = manifest()
    features = data["features"]

    assert data["display_information"]["name"] == "digibot"
    assert len(data["display_information"]["description"]) <= 140
    assert features["bot_user"]["display_name"] == "digibot"
    assert features["app_home"]["home_tab_enabled"] is True and features["app_home"]["messages_tab_enabled"] is True
    [digi] = features["slash_commands"]
    assert "spørsmål" in digi["usage_hint"] and "hjelp" in digi["usage_hint"]


async def test_every_declared_event_and_the_command_reach_a_listener(sqlite_engine: AsyncEngine) -> None:
    """Bolt answers 404 to what no listener takes; everything the manifest subscribes to is taken."""
    sessions = make_sessionmaker(sqlite_engine)
    by_subscription = {
        "message.im": message_im_event(KARI, "hjelp") | {"subtype": "message_changed"},
        "app_mention": app_mention_event(KARI, "hjelp"),
        "app_home_opened": app_home_opened_event(KARI, tab="messages"),
    }
    async with running_bot(sqlite_engine, sessions) as bot:
        declared = {s: (await bot.event(by_subscription[s]))[0].status for s in manifest()["settings"]
                    ["event_subscriptions"]["bot_events"]}
        undeclared = (await bot.event({"type": "reaction_added", "user": KARI, "reaction": "tada"}))[0].status
        command = slash_command_form(SLASH_COMMAND, "hjelp", KARI, response_url=bot.slack.new_response_url())
        command_status = (await bot.post(command, form_headers(SECRET, command))).status
        other = slash_command_form("/annet", "hjelp", KARI)
        other_status = (await bot.post(other, form_headers(SECRET, other))).status
        await bot.idle()

    assert declared == dict.fromkeys(by_subscription, 200)
    assert command_status == 200
    assert undeclared == other_status == 404
