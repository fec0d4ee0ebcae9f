"""`digibot run` with Teams: /api/messages in the same web app as /healthz (and Slack), anonymous mode for
local testing said at start, and an answer at the Bot Connector emulator."""

from __future__ import annotations

import asyncio
import logging

import aiohttp
import pytest

from bot.config import Settings
from bot.service import serve
from storage.db import make_engine, make_sessionmaker
from tests.emulators.teams_connector import TeamsConnectorEmulator
from tests.fixtures.teams_harness import NETWORK
from tests.test_slack_service import free_port, wait_until_up
from tests.testbot import import_file


async def test_digibot_run_serves_teams_next_to_healthz(sqlite_url: str, caplog: pytest.LogCaptureFixture) -> None:
    async with TeamsConnectorEmulator() as teams:
        teams.add_user("29:bjorn", aad="aad-bjorn", email="bjorn.eriksen@rana.kommune.no")
        port = free_port()
        settings = Settings(database_url=sqlite_url, host="127.0.0.1", port=port, network="digikyst",
                            teams_app_id="app-digibot", teams_anonymous=True, log_level="WARNING")
        stop = asyncio.Event()
        with caplog.at_level(logging.WARNING):
            service = asyncio.create_task(serve(settings, stop))
            base = f"http://127.0.0.1:{port}"
            try:
                await wait_until_up(f"{base}/healthz")
                engine = make_engine(sqlite_url)
                try:
                    await import_file(make_sessionmaker(engine), NETWORK)
                finally:
                    await engine.dispose()
                async with aiohttp.ClientSession() as http:
                    async with http.post(f"{base}/api/messages",
                                         json=teams.message("29:bjorn", "Hvem er koordinator i Rana?")) as response:
                        assert response.status == 202
                    async with http.post(f"{base}/api/messages", data=b"{not json",
                                         headers={"Content-Type": "application/json"}) as response:
                        assert response.status == 400
                async with asyncio.timeout(10):
                    while not teams.sent:
                        await asyncio.sleep(0.05)
            finally:
                stop.set()
                await asyncio.wait_for(service, 20)
    [answer] = teams.sent
    assert "Mona Lien" in answer.text
    assert any("TEAMS_ANONYMOUS" in r.getMessage() for r in caplog.records if r.levelno == logging.WARNING)
