"""Webhook rooms (the network file's `rooms:`): a group's Slack-compatible room and the network's Teams
Workflows room get the meeting notices, updates, cancellations and announcements meant for them, through the
planner, the outbox and the real DeliveryWorker, posted to webhooks on loopback (tests/emulators/webhooks.py).
The URL is a secret: it is nowhere in the log, the database or `digibot outbox list`."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from sqlalchemy import select, text, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.channels.webhook import WebhookSender
from bot.delivery.metrics import DeliveryMetrics
from bot.delivery.ratelimit import RateLimiter
from bot.delivery.worker import DeliveryWorker
from bot.pipeline import build_context
from handlers.announce import DraftInput, announce
from handlers.context import Context
from handlers.notify.planner import plan_due
from messages.model import Message
from storage.importer import ImportFailed, import_network
from storage.models import Meeting
from storage.models_notify import OutboxMessage
from storage.outbox import Planned, enqueue
from storage.snapshot import SnapshotCache
from tests.emulators.webhooks import WebhookEmulator

SCHEMA = json.loads((Path(__file__).parent / "schemas" / "adaptive_card_1_5_subset.json").read_text())
VALIDATOR = jsonschema.Draft7Validator(SCHEMA)
Sessions = async_sessionmaker[AsyncSession]

NETWORK = """
network: {id: digivest, name: DigiVest, language: nn}
organizations:
  - {id: "4601", name: Bergen}
people:
  - {email: hanne@digivest.no, name: Hanne Sekretær, organization: "4601", roles: [secretariat], channel: email}
  - {email: kari@bergen.kommune.no, name: Kari Nordmann, organization: "4601", roles: [coordinator],
     channel: email}
groups:
  - {id: ressursgruppe, name: Ressursgruppa, members: [kari@bergen.kommune.no]}
  - {id: styringsgruppe, name: Styringsgruppa, members: [hanne@digivest.no]}
meetings:
  - {id: rg-des, title: Ressursgruppemøte, group: ressursgruppe, start: 2026-12-10T10:00, end: 2026-12-10T12:00,
     location: Bergen rådhus, notices: [P1D], agenda: "1. Portefølje\\n2. Budsjett"}
  - {id: sg-des, title: Styringsgruppemøte, group: styringsgruppe, start: 2026-12-10T09:00,
     notices: [P1D]}
rooms:
  - {id: ressursgruppa-kanal, kind: slack_webhook, url_env: ROOMS_TEST_SLACK_URL, groups: [ressursgruppe]}
  - {id: heile-nettverket, kind: teams_workflow, url_env: ROOMS_TEST_TEAMS_URL, language: en}
  - {id: utan-adresse, kind: slack_webhook, url_env: ROOMS_TEST_UNSET_URL, groups: [ressursgruppe]}
  - {id: styret-kunngjeringar, kind: slack_webhook, url_env: ROOMS_TEST_BOARD_URL, groups: [styringsgruppe],
     kinds: [announcement]}
"""
OSLO_NOTICE = datetime(2026, 12, 9, 9, 0, tzinfo=UTC)  # P1D before 10 December 10:00 Oslo, in office hours


def valid_card(card: dict[str, Any]) -> None:
    assert [e.message for e in VALIDATOR.iter_errors(card)] == []


@dataclass
class World:
    sessions: Sessions
    hooks: WebhookEmulator
    env: dict[str, str]
    slack: str
    teams: str
    board: str
    later: timedelta = timedelta(days=30)  # the worker's clock: this long after now (every row is due)
    senders: list[WebhookSender] = field(default_factory=list)

    def worker(self) -> DeliveryWorker:
        sender = WebhookSender(self.sessions, environ=self.env,
                               limiter=RateLimiter(workspace_per_minute=None, channel_per_second=None))
        self.senders.append(sender)
        return DeliveryWorker(self.sessions, {"webhook": sender}, metrics=DeliveryMetrics(),
                              clock=lambda: datetime.now(UTC) + self.later)

    async def rows(self) -> list[OutboxMessage]:
        async with self.sessions() as session:
            query = select(OutboxMessage).where(OutboxMessage.channel == "webhook").order_by(OutboxMessage.key)
            return list((await session.scalars(query)).all())


@pytest.fixture
async def world(sessions: Sessions) -> AsyncIterator[World]:
    async with sessions() as session:
        await import_network(session, NETWORK.encode())
        await session.commit()
    async with WebhookEmulator() as hooks:
        slack, teams, board = (hooks.new_hook("slack_webhook"), hooks.new_hook("teams_workflow"),
                               hooks.new_hook("slack_webhook"))
        env = {"ROOMS_TEST_SLACK_URL": slack, "ROOMS_TEST_TEAMS_URL": teams, "ROOMS_TEST_BOARD_URL": board}
        w = World(sessions, hooks, env, slack, teams, board)
        yield w
        for sender in w.senders:
            await sender.close()


async def plan(w: World, now: datetime) -> int:
    async with w.sessions() as session:
        return await plan_due(session, "digivest", now)


async def announce_as_hanne(w: World, given: DraftInput) -> int:
    async with w.sessions() as session:
        snapshots = SnapshotCache()
        network = await snapshots.get(session, "digivest")
        assert network is not None
        ctx = await build_context(session, snapshots, "digivest", network.people_by_email["hanne@digivest.no"].id,
                                  now=OSLO_NOTICE)
        assert isinstance(ctx, Context)
        sent = await announce(ctx, given)
        await session.commit()
        return sent.announcement_id


async def test_meeting_notices_reach_the_groups_room_and_the_networks_teams_room(world: World) -> None:
    await plan(world, OSLO_NOTICE)
    rows = await world.rows()
    assert sorted((r.kind, r.recipient, r.person_id) for r in rows) == [
        ("meeting_notice", "heile-nettverket", None),  # the whole network: both meetings
        ("meeting_notice", "heile-nettverket", None),
        ("meeting_notice", "ressursgruppa-kanal", None),  # its group's meeting only
        ("meeting_notice", "utan-adresse", None),
    ]  # the board's room takes announcements only
    assert await world.worker().run_once() == 4

    [slack] = world.hooks.hook(world.slack).received
    assert "Ressursgruppemøte" in slack["text"] and "Bergen rådhus" in slack["text"]  # nynorsk, the network's
    assert slack["blocks"][0]["type"] == "header"
    assert not [b for b in slack["blocks"] if b["type"] == "actions"]
    assert "kalender" not in json.dumps(slack, ensure_ascii=False).lower()  # no calendar file goes to a room

    teams = world.hooks.hook(world.teams).received
    assert len(teams) == 2
    for body in teams:
        assert body["type"] == "message"
        [attachment] = body["attachments"]
        assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
        valid_card(attachment["content"])
        assert attachment["content"]["lang"] == "en" if "lang" in attachment["content"] else True
    titles = " ".join(json.dumps(b, ensure_ascii=False) for b in teams)
    assert "Ressursgruppemøte" in titles and "Styringsgruppemøte" in titles and "Meeting" in titles

    status = {r.recipient: (r.status, r.last_error) for r in await world.rows()}
    assert status["ressursgruppa-kanal"] == ("sent", None)
    assert status["utan-adresse"] == ("pending", "waiting for the webhook URL: environment variable "
                                                 "ROOMS_TEST_UNSET_URL is not set")
    assert await plan(world, OSLO_NOTICE + timedelta(minutes=1)) == 0  # planned once


async def test_a_moved_meeting_updates_and_a_cancelled_one_cancels_in_the_rooms_that_were_told(world: World) -> None:
    await plan(world, OSLO_NOTICE)
    await world.worker().run_once()
    async with world.sessions() as session:
        await session.execute(update(Meeting).where(Meeting.key == "rg-des")
                              .values(location="Zoom", sequence=Meeting.sequence + 1))
        await session.execute(update(Meeting).where(Meeting.key == "sg-des")
                              .values(cancelled_at=OSLO_NOTICE, sequence=Meeting.sequence + 1))
        await session.commit()
    later = OSLO_NOTICE + timedelta(hours=1)
    await plan(world, later)
    new = [(r.kind, r.recipient) for r in await world.rows() if r.due_at == later]
    assert sorted(new) == [("meeting_cancel", "heile-nettverket"),  # only that room was told of sg-des
                           ("meeting_update", "heile-nettverket"), ("meeting_update", "ressursgruppa-kanal"),
                           ("meeting_update", "utan-adresse")]
    await world.worker().run_once()
    update_post = world.hooks.hook(world.slack).received[-1]
    assert "Zoom" in update_post["text"] and "Bergen rådhus" in update_post["text"]  # old → new


async def test_an_announcement_to_a_group_reaches_its_rooms_without_a_read_button(world: World) -> None:
    await announce_as_hanne(world, DraftInput(text="Nytt budsjett er klart.", title="Budsjett",
                                              audience={"groups": ["styringsgruppe"]}, require_confirmation=True))
    rooms = sorted(r.recipient for r in await world.rows() if r.kind == "announcement")
    assert rooms == ["heile-nettverket", "styret-kunngjeringar"]  # not the ressursgruppe's rooms
    await world.worker().run_once()
    [board] = world.hooks.hook(world.board).received
    assert "Nytt budsjett er klart." in board["text"]
    assert not [b for b in board["blocks"] if b["type"] == "actions"]  # nobody in particular confirms a room
    [card] = [b["attachments"][0]["content"] for b in world.hooks.hook(world.teams).received]
    valid_card(card)
    assert "Action.Submit" not in json.dumps(card)


async def test_a_huge_message_is_split_or_shortened_within_28_kb_never_refused(world: World) -> None:
    """No announcement is this long (3,000 characters at most), but a room row may carry any message: an
    agenda of 400 points with emoji (4 bytes each in UTF-8) is about 130 KB."""
    items = [f"Punkt {i}: " + "Æøå kommunesamarbeid 🙂 " * 12 for i in range(400)]
    message = Message(title="Lang sakliste", text="Sjå sakene under.", items=items)
    planned = [Planned(key=f"test:{room}", kind="announcement", person_id=None, recipient=room, channel="webhook",
                       lang="nn", message=message, due_at=OSLO_NOTICE)
               for room in ("ressursgruppa-kanal", "heile-nettverket", "styret-kunngjeringar")]
    async with world.sessions() as session:
        await enqueue(session, "digivest", planned, OSLO_NOTICE)
        await session.commit()
    await world.worker().run_once()
    for url in (world.slack, world.teams, world.board):
        hook = world.hooks.hook(url)
        assert hook.refused == 0 and 2 <= len(hook.received) <= 3  # split over several posts
        assert max(hook.sizes) <= 28_000
        last = json.dumps(hook.received[-1], ensure_ascii=False)
        assert "Punkt 0:" in json.dumps(hook.received[0], ensure_ascii=False) and "Punkt 399:" not in last
        assert "ikkje vist" in last  # the note says how much was left out
    for body in world.hooks.hook(world.teams).received:
        valid_card(body["attachments"][0]["content"])
    assert {r.status for r in await world.rows()} == {"sent"}


async def test_429_waits_and_retries_404_fails_with_the_reason(world: World) -> None:
    world.hooks.fail_next(world.teams, 429, retry_after=7)
    world.hooks.hook(world.slack).gone = True
    await plan(world, OSLO_NOTICE)
    await world.worker().run_once()
    rows = {(r.recipient, r.ref): r for r in await world.rows()}
    gone = rows[("ressursgruppa-kanal", "meeting:rg-des")]
    assert (gone.status, gone.last_error) == ("failed", "HTTP 404 no_service")
    limited = [r for (room, _), r in rows.items() if room == "heile-nettverket" and r.status == "pending"]
    assert len(limited) == 1 and limited[0].last_error == "ratelimited (Retry-After 7 s)"
    assert limited[0].attempts == 0  # a rate limit costs no attempt
    world.later += timedelta(seconds=8)  # after Retry-After, it goes
    await world.worker().run_once()
    assert (await world.rows())[0].status in ("sent", "failed")
    assert len(world.hooks.hook(world.teams).received) == 2 and world.hooks.hook(world.teams).refused == 1
    assert {r.recipient: r.status for r in await world.rows() if r.ref == "meeting:rg-des"}["ressursgruppa-kanal"] \
        == "failed"  # a gone hook is not tried again


async def test_a_5xx_is_retried_with_backoff_and_then_sent(world: World) -> None:
    world.hooks.fail_next(world.slack, 503)
    await plan(world, OSLO_NOTICE)
    await world.worker().run_once()
    [row] = [r for r in await world.rows() if r.recipient == "ressursgruppa-kanal"]
    assert (row.status, row.last_error, row.attempts) == ("pending", "HTTP 503 error", 1)
    assert row.not_before is not None
    world.later += timedelta(minutes=5)
    await world.worker().run_once()
    [row] = [r for r in await world.rows() if r.recipient == "ressursgruppa-kanal"]
    assert row.status == "sent" and len(world.hooks.hook(world.slack).received) == 1


async def test_the_secret_url_is_not_in_the_log_the_database_or_the_outbox_list(
        world: World, engine: AsyncEngine, db_url: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    world.hooks.hook(world.slack).gone = True  # failures are logged too
    world.hooks.fail_next(world.teams, 500)
    await plan(world, OSLO_NOTICE)
    await announce_as_hanne(world, DraftInput(text="Hei", title="Hei"))
    await world.worker().run_once()
    secrets = [url.rsplit("/", 1)[1] for url in (world.slack, world.teams, world.board)]
    logged = caplog.text + "\n".join(str(r.__dict__) for r in caplog.records)
    assert "webhook" in logged  # the log did see these sends
    async with engine.connect() as conn:
        dump = []
        for table in ("outbox", "rooms", "networks"):
            dump += [repr(tuple(row)) for row in (await conn.execute(text(f"SELECT * FROM {table}"))).all()]
    database = "\n".join(dump)
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", **world.env}
    listing = subprocess.run([sys.executable, "-m", "bot.cli", "outbox", "list", "--db", db_url, "--limit", "100"],
                             capture_output=True, text=True, env=env, timeout=60, check=True).stdout
    assert "room utan-adresse is waiting for the webhook URL: environment variable ROOMS_TEST_UNSET_URL is " \
           "not set" in listing
    assert "HTTP 404" in listing and "ressursgruppa-kanal" in listing
    for secret in secrets:
        assert secret not in logged and secret not in database and secret not in listing


async def test_a_bad_room_is_refused_with_clear_errors_that_never_repeat_a_url(sessions: Sessions) -> None:
    bad = NETWORK.replace("url_env: ROOMS_TEST_SLACK_URL", "url_env: https://hooks.example.invalid/T0/B0/sekret")
    bad = bad.replace("url_env: ROOMS_TEST_TEAMS_URL,", "url: \"ftp://hooks.example.invalid/sekret2\",")
    bad = bad.replace("kind: slack_webhook, url_env: ROOMS_TEST_UNSET_URL, groups: [ressursgruppe]",
                      "kind: irc, url_env: ROOMS_TEST_UNSET_URL, groups: [ressursgruppe]")
    bad = bad.replace("groups: [styringsgruppe],\n     kinds: [announcement]", "groups: [styret], kinds: [digest]")
    async with sessions() as session:
        with pytest.raises(ImportFailed) as refused:
            await import_network(session, bad.encode())
    problems = refused.value.problems
    assert problems == [
        "rooms[0].url_env: this is a URL, not the name of an environment variable: put the URL in an environment "
        "variable and name it here (the value is not repeated, it is a secret)",
        "rooms[1].url: not a webhook URL (expected https://...; the value is not repeated here, it is a secret)",
        'rooms[2].kind: unknown value "irc" (expected slack_webhook, teams_workflow)',
        'rooms[3].kinds[0]: unknown value "digest" (expected announcement, meeting_notice, meeting_update, '
        'meeting_cancel)',
    ]
    async with sessions() as session:
        assert (await session.execute(text("SELECT count(*) FROM rooms"))).scalar() == 0  # nothing written
    fixed = bad.replace("kind: irc", "kind: slack_webhook").replace("url_env: https://hooks.example.invalid/T0/B0/"
                                                                    "sekret", "url_env: OK_URL")
    fixed = fixed.replace("url: \"ftp://hooks.example.invalid/sekret2\",", "url_env: OK_TOO,")
    fixed = fixed.replace("kinds: [digest]", "kinds: [announcement]")
    async with sessions() as session:
        with pytest.raises(ImportFailed) as refused:
            await import_network(session, fixed.encode())
    assert refused.value.problems == ['rooms[3].groups[0]: no group with id "styret"']
