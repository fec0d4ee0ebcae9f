"""`digibot run` with Teams: /api/messages in the same web app as /healthz (and Slack), anonymous mode for
local testing said at start, and an answer at the Bot Connector emulator; without Teams, none of the Teams
extension is loaded."""

from __future__ import annotations

import asyncio
import json
import logging
import subprocess
import sys
from pathlib import Path

import aiohttp
import pytest

from bot.config import Settings
from bot.service import serve
from storage.db import make_engine, make_sessionmaker
from tests.emulators.teams_connector import TeamsConnectorEmulator
from tests.fixtures.teams_harness import NETWORK
from tests.service_up import free_port, wait_until_up
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


_SLACK_ONLY = """
import asyncio, json, sys
import aiohttp
from bot.config import Settings
from bot.service import serve
from storage.db import make_engine, make_sessionmaker
from tests.emulators.slack_api import SlackApiEmulator, dm_channel_id
from tests.emulators.slack_signing import event_callback, json_body, json_headers, message_im_event
from tests.fixtures.slack.harness import KARI, SECRET, TOKEN, add_workspace_users, load_network
from tests.service_up import free_port, wait_until_up

async def main() -> None:
    async with SlackApiEmulator(token=TOKEN) as slack:
        add_workspace_users(slack)
        port = free_port()
        settings = Settings(database_url=sys.argv[1], host="127.0.0.1", port=port, network="digitest",
                            slack_bot_token=TOKEN, slack_signing_secret=SECRET, slack_api_url=slack.base_url,
                            log_level="WARNING", **json.loads(sys.argv[2]))
        stop = asyncio.Event()
        service = asyncio.create_task(serve(settings, stop))
        try:
            await wait_until_up(f"http://127.0.0.1:{port}/healthz")
            engine = make_engine(sys.argv[1])
            await load_network(make_sessionmaker(engine))
            await engine.dispose()
            body = json_body(event_callback(message_im_event(KARI, "hjelp")))
            async with aiohttp.ClientSession() as http:
                async with http.post(f"http://127.0.0.1:{port}/slack/events", data=body,
                                     headers=json_headers(SECRET, body)) as ack:
                    assert ack.status == 200
            await slack.wait_for_messages(dm_channel_id(KARI), timeout=10)
        finally:
            stop.set()
            await asyncio.wait_for(service, 20)
    loaded = {name.split(".")[0] + ("." + name.split(".")[2] if name.startswith("microsoft_agents.hosting.") else "")
              for name in sys.modules if name.startswith(("microsoft_agents", "microsoft_teams", "msgraph", "kiota"))}
    print(sorted(loaded))

asyncio.run(main())
"""


@pytest.mark.parametrize("teams", [False, True])
async def test_a_slack_only_digibot_run_loads_no_teams_extension(tmp_path: Path, teams: bool) -> None:
    """Slack without Teams pays nothing for the Teams extension (msgraph, kiota, teams-api: ~25 MB): the
    service answers a Slack message with none of it imported (with Teams configured as well, it is)."""
    extra = {"teams_app_id": "app-digibot", "teams_anonymous": True} if teams else {}
    probe = subprocess.run([sys.executable, "-c", _SLACK_ONLY, f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}",
                            json.dumps(extra)],
                           capture_output=True, text=True, timeout=120, cwd=Path(__file__).resolve().parents[1])
    assert probe.returncode == 0, probe.stderr[-3000:]
    loaded = probe.stdout.strip().splitlines()[-1]
    if teams:
        assert "microsoft_agents.msteams" in loaded and "microsoft_teams" in loaded, loaded
    else:
        assert loaded == "[]", loaded  # not even the Agents SDK
