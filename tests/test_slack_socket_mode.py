"""Socket Mode (SLACK_APP_TOKEN set): the bot dials out to Slack over a WebSocket instead of serving /slack/events.

Slack's side is played by a small loopback server: apps.connections.open hands out a WebSocket URL, envelopes
go down that socket and must come back acked; every other Web API call is passed on to the SlackApiEmulator.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any
from urllib.parse import parse_qsl

import aiohttp
from aiohttp import web

from bot.channels.slack.app import SLACK_KEY, attach_slack
from bot.config import Settings
from bot.web import build_web_app
from messages.i18n import t
from tests.emulators.slack_api import SlackApiEmulator, dm_channel_id
from tests.emulators.slack_signing import event_callback, message_im_event, slash_command_form
from tests.fixtures.slack.harness import KARI, TOKEN, add_workspace_users, load_network

APP_TOKEN = "xapp-1-A0TEST-1-socketmodetoken"
JsonDict = dict[str, Any]


class SocketModeSlack:
    """Slack's Socket Mode endpoint on loopback, in front of the Web API emulator."""

    def __init__(self, emulator: SlackApiEmulator) -> None:
        self.emulator = emulator
        self.connections: list[web.WebSocketResponse] = []
        self.acks: dict[str, asyncio.Future[JsonDict]] = {}
        self.opened_with: list[str] = []
        self._ids = itertools.count(1)
        self._connected = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self._http: aiohttp.ClientSession | None = None
        self.port = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/api/apps.connections.open", self._open)
        app.router.add_get("/link", self._socket)
        app.router.add_route("*", "/api/{method}", self._pass_on)
        self._http = aiohttp.ClientSession()
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.port = int(self._runner.addresses[0][1])

    async def stop(self) -> None:
        for ws in self.connections:
            await ws.close()
        if self._runner is not None:
            await self._runner.cleanup()
        if self._http is not None:
            await self._http.close()

    async def _open(self, request: web.Request) -> web.Response:
        self.opened_with.append(request.headers.get("Authorization", ""))
        return web.json_response({"ok": True, "url": f"ws://127.0.0.1:{self.port}/link"})

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(autoping=True)
        await ws.prepare(request)
        self.connections.append(ws)
        await ws.send_json({"type": "hello", "num_connections": 1, "connection_info": {"app_id": "A0TEST"}})
        self._connected.set()
        async for message in ws:
            if message.type == aiohttp.WSMsgType.TEXT:
                data = json.loads(message.data)
                future = self.acks.get(str(data.get("envelope_id")))
                if future is not None and not future.done():
                    future.set_result(data)
        return ws

    async def _pass_on(self, request: web.Request) -> web.Response:
        assert self._http is not None
        headers = {k: v for k, v in request.headers.items() if k in ("Content-Type", "Authorization")}
        url = self.emulator.root_url + request.path_qs
        async with self._http.request(request.method, url, data=await request.read(), headers=headers) as answer:
            return web.Response(body=await answer.read(), status=answer.status, content_type=answer.content_type)

    async def deliver(self, kind: str, payload: JsonDict, retry_attempt: int = 0) -> JsonDict:
        """Send one envelope down the socket; returns the bot's ack."""
        await asyncio.wait_for(self._connected.wait(), 5)
        envelope_id = f"env-{next(self._ids)}"
        self.acks[envelope_id] = asyncio.get_running_loop().create_future()
        envelope: JsonDict = {"envelope_id": envelope_id, "type": kind, "payload": payload,
                              "accepts_response_payload": kind != "events_api"}
        if kind == "events_api":
            envelope |= {"retry_attempt": retry_attempt, "retry_reason": "timeout" if retry_attempt else ""}
        await self.connections[-1].send_json(envelope)
        return await asyncio.wait_for(self.acks[envelope_id], 5)


@asynccontextmanager
async def socket_mode_slack() -> AsyncIterator[SocketModeSlack]:
    async with SlackApiEmulator(token=TOKEN) as emulator:
        add_workspace_users(emulator)
        server = SocketModeSlack(emulator)
        await server.start()
        try:
            yield server
        finally:
            await server.stop()


async def test_with_an_app_token_the_bot_answers_over_socket_mode(engine, sessions) -> None:
    await load_network(sessions)
    async with socket_mode_slack() as slack:
        app = build_web_app(engine)
        settings = Settings(slack_bot_token=TOKEN, slack_app_token=APP_TOKEN, slack_api_url=slack.base_url,
                            network="digitest")
        close = await attach_slack(app, settings, sessions)
        answers = app[SLACK_KEY].answers
        try:
            assert slack.opened_with == [f"Bearer {APP_TOKEN}"]
            assert not any(r.resource and r.resource.canonical == "/slack/events" for r in app.router.routes())

            envelope = event_callback(message_im_event(KARI, "hjelp"))
            ack = await slack.deliver("events_api", envelope)
            retry_ack = await slack.deliver("events_api", envelope, retry_attempt=1)
            [answer] = await slack.emulator.wait_for_messages(dm_channel_id(KARI))

            response_url = slack.emulator.new_response_url()
            command = dict(parse_qsl(slash_command_form("/digi", "hjelp", KARI, response_url=response_url).decode()))
            command_ack = await slack.deliver("slash_commands", command)
            [post] = await slack.emulator.wait_for("response_url")
            assert await answers.drain(5)
        finally:
            await close()

    assert ack["envelope_id"] and retry_ack["envelope_id"] and command_ack["envelope_id"]
    assert answer.blocks and answer.blocks[0]["text"]["text"] == t("nb", "help_title")
    assert len(slack.emulator.messages) == 1  # the retried envelope was acked, not answered again
    assert post.args["_url"] == response_url and post.args["response_type"] == "ephemeral"
    assert all(ws.closed for ws in slack.connections)  # closing the channel hung up the socket
