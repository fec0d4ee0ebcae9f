"""The bot's Slack client logs as slack_sdk's own would, but tells slack_sdk the level that is in effect.

slack_sdk builds its debug lines (the whole request JSON, the response's headers and body) whenever its
logger's `level` is at most DEBUG, and a logger left at NOTSET (0) always is: every reply built two long
strings that logging then dropped. The operator who turns debug logging on still gets them.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

import pytest

from bot.channels.slack.sender import make_slack_client
from tests.emulators.slack_api import SlackApiEmulator

TOKEN = "xoxb-logging"
SDK_LOGGER = "slack_sdk.web.async_client"


@pytest.fixture
async def slack() -> AsyncIterator[SlackApiEmulator]:
    async with SlackApiEmulator(token=TOKEN) as emulator:
        yield emulator


async def test_at_info_level_no_debug_line_is_built_or_logged(slack: SlackApiEmulator,
                                                               caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    client = make_slack_client(TOKEN, slack.base_url)

    await client.chat_postMessage(channel="D1", text="Hei")

    assert client.logger.level == logging.INFO  # slack_sdk tests `level <= DEBUG` before formatting
    assert not [r for r in caplog.records if r.name == SDK_LOGGER and r.levelno == logging.DEBUG]


async def test_debug_logging_turned_on_later_still_shows_slack_sdk_requests(
        slack: SlackApiEmulator, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    client = make_slack_client(TOKEN, slack.base_url)
    caplog.set_level(logging.DEBUG, logger="slack_sdk")  # after the client was made

    await client.chat_postMessage(channel="D1", text="Hei på deg")

    lines = [r.getMessage() for r in caplog.records if r.name == SDK_LOGGER and r.levelno == logging.DEBUG]
    assert any("chat.postMessage" in line and "Hei på deg" in line for line in lines), lines
    assert client.logger.level == logging.DEBUG
