"""`digibot run` as a whole: the web app's /healthz, and Slack served by bot.service.serve itself."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import aiohttp
from aiohttp import web
from sqlalchemy import select

from bot.config import Settings
from bot.service import serve
from bot.web import build_web_app
from messages.model import Message
from storage import outbox
from storage.db import make_engine, make_sessionmaker
from storage.models import Person
from tests.emulators.slack_api import SlackApiEmulator, dm_channel_id
from tests.emulators.slack_signing import event_callback, json_body, json_headers, message_im_event
from tests.fixtures.slack.harness import KARI, KARI_EMAIL, SECRET, TOKEN, add_workspace_users, load_network
from tests.service_up import free_port, wait_until_up


async def get_healthz(app: web.Application) -> tuple[int, dict]:
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        async with aiohttp.ClientSession() as http:
            async with http.get(f"http://127.0.0.1:{runner.addresses[0][1]}/healthz") as response:
                return response.status, await response.json()
    finally:
        await runner.cleanup()


async def test_healthz_reports_database_reachability(engine) -> None:
    assert await get_healthz(build_web_app(engine)) == (200, {"status": "ok", "database": "ok"})

    nowhere = make_engine(f"postgresql://postgres@127.0.0.1:{free_port()}/digibot")  # nobody listens there
    try:
        status, body = await get_healthz(build_web_app(nowhere))
    finally:
        await nowhere.dispose()
    assert (status, body) == (503, {"status": "unhealthy", "database": "unreachable"})


async def test_digibot_run_serves_slack_end_to_end(db_url: str) -> None:
    async with SlackApiEmulator(token=TOKEN) as slack:
        add_workspace_users(slack)
        port = free_port()
        settings = Settings(
            database_url=db_url, host="127.0.0.1", port=port, network="digitest", slack_bot_token=TOKEN,
            slack_signing_secret=SECRET, slack_api_url=slack.base_url, log_level="WARNING",
        )
        stop = asyncio.Event()
        service = asyncio.create_task(serve(settings, stop))
        base = f"http://127.0.0.1:{port}"
        try:
            await wait_until_up(f"{base}/healthz")  # serve() has migrated the empty database by now
            engine = make_engine(db_url)
            try:
                await load_network(make_sessionmaker(engine))
            finally:
                await engine.dispose()

            body = json_body(event_callback(message_im_event(KARI, "hjelp")))
            async with aiohttp.ClientSession() as http:
                async with http.post(f"{base}/slack/events", data=body, headers=json_headers(SECRET, body)) as ack:
                    assert ack.status == 200
                async with http.post(f"{base}/slack/events", data=body, headers={"X-Slack-Signature": "v0=0"}) as bad:
                    assert bad.status == 401
            [answer] = await slack.wait_for_messages(dm_channel_id(KARI), timeout=10)
        finally:
            stop.set()
            await asyncio.wait_for(service, 20)

    assert answer.blocks and answer.blocks[0]["type"] == "header"
    assert len(slack.calls_to("chat.postMessage")) == 1  # one answer; the forged request got none


async def test_a_chat_answer_during_a_broadcast_to_the_same_dm_waits_its_turn_and_arrives(db_url: str) -> None:
    # Slack allows about one message a second into a DM. Three announcements are being sent to Kari when
    # she asks for help: the answer shares the outbox's client and rate limiter in `digibot run`, so it
    # waits for its turn (or is retried after a 429) instead of being refused and dropped.
    async with SlackApiEmulator(token=TOKEN) as slack:
        add_workspace_users(slack)
        slack.set_rate_limit(per_channel_per_second=1.0)
        port = free_port()
        settings = Settings(
            database_url=db_url, host="127.0.0.1", port=port, network="digitest", slack_bot_token=TOKEN,
            slack_signing_secret=SECRET, slack_api_url=slack.base_url, log_level="WARNING",
        )
        stop = asyncio.Event()
        service = asyncio.create_task(serve(settings, stop))
        base = f"http://127.0.0.1:{port}"
        try:
            await wait_until_up(f"{base}/healthz")
            engine = make_engine(db_url)
            try:
                sessions = make_sessionmaker(engine)
                await load_network(sessions)
                async with sessions() as session:
                    kari = await session.scalar(select(Person).where(Person.email == KARI_EMAIL))
                    assert kari is not None
                    now = datetime.now(UTC)
                    rows = [outbox.Planned(key=f"announcement:{n}:{kari.email}", kind="announcement",
                                           person_id=kari.id, recipient=kari.email, channel="slack", lang="nb",
                                           message=Message(text=f"Kunngjering {n}"), due_at=now)
                            for n in range(3)]
                    await outbox.enqueue(session, "digitest", rows, now)
                    await session.commit()
            finally:
                await engine.dispose()

            await slack.wait_for_messages(dm_channel_id(KARI), count=1, timeout=20)  # the broadcast is under way
            body = json_body(event_callback(message_im_event(KARI, "hjelp")))
            async with aiohttp.ClientSession() as http:
                async with http.post(f"{base}/slack/events", data=body, headers=json_headers(SECRET, body)) as ack:
                    assert ack.status == 200
            messages = await slack.wait_for_messages(dm_channel_id(KARI), count=4, timeout=20)
        finally:
            stop.set()
            await asyncio.wait_for(service, 20)

    texts = [m.text or "" for m in messages]
    assert sorted(t for t in texts if t.startswith("Kunngjering")) == [f"Kunngjering {n}" for n in range(3)]
    answers = [t for t in texts if not t.startswith("Kunngjering")]
    assert len(answers) == 1 and answers[0].startswith("Dette kan jeg hjelpe med"), texts
