"""Teams notices through the real delivery worker: a person without the app waits (and the secretariat sees
who must install it), installing stores the reference and wakes their messages, the card's button is pressed
in Teams, and a storm of 429s loses and repeats nothing."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.pipeline.context import build_context
from handlers.announce import DraftInput, announce
from handlers.context import Context
from handlers.home_queue import queue_messages
from messages.render_text import to_text
from storage import identities
from storage import models as m
from storage.models_notify import OutboxMessage
from storage.outbox_waiting import waiting_for_app
from storage.snapshot import SnapshotCache
from tests.fixtures.teams_harness import teams_bot

BJORN, BJORN_EMAIL = "29:bjorn", "bjorn.eriksen@rana.kommune.no"
SAMI, SAMI_EMAIL = "29:sami", "sami.laiti@hattfjelldal.kommune.no"
SECRETARIAT = "ingrid.johansen@digikyst.no"


async def _announce(sessions: async_sessionmaker[AsyncSession], text: str, roles: list[str],
                    confirm: bool = True, organizations: tuple[str, ...] = ("1833", "1826")) -> None:
    async with sessions() as session:
        author = await session.scalar(select(m.Person.id).where(m.Person.email == SECRETARIAT))
        ctx = await build_context(session, SnapshotCache(), "digikyst", author)
        assert isinstance(ctx, Context)
        await announce(ctx, DraftInput(text=text, title="Ny avtale", audience={"roles": roles,
                                                                          "organizations": list(organizations)},
                                       require_confirmation=confirm))
        await session.commit()


async def _teams_rows(sessions: async_sessionmaker[AsyncSession]) -> list[OutboxMessage]:
    async with sessions() as session:
        return list((await session.scalars(select(OutboxMessage).where(OutboxMessage.channel == "teams")
                                           .order_by(OutboxMessage.id))).all())


async def test_a_notice_waits_for_the_app_then_arrives_and_its_read_button_works(
        sessions: async_sessionmaker[AsyncSession], monkeypatch: pytest.MonkeyPatch) -> None:
    async with teams_bot(sessions, monkeypatch) as tb:
        tb.emulator.add_user(BJORN, aad="aad-bjorn", email=BJORN_EMAIL)
        await _announce(sessions, "Les den nye avtalen før møtet.", ["ict_lead"])
        worker = tb.worker()
        assert await worker.run_once() == 1
        [row] = await _teams_rows(sessions)
        assert row.status == "pending" and row.recipient == BJORN_EMAIL
        assert "Teams app" in (row.last_error or "") and row.attempts == 0
        async with sessions() as session:
            assert await waiting_for_app(session, "digikyst") == [(BJORN_EMAIL, "teams", 1)]
        assert tb.emulator.sent == []

        assert await tb.post(tb.emulator.installed(BJORN)) == 202  # Bjørn adds the app
        await tb.idle()
        [row] = await _teams_rows(sessions)
        assert row.not_before is None  # due again at once
        assert await worker.run_once() == 1
        [notice] = tb.emulator.sent_to(f"a:personal-{BJORN}")
        assert "Les den nye avtalen" in notice.text
        [row] = await _teams_rows(sessions)
        assert row.status == "sent" and row.platform_message_id == notice.id and row.confirmed_at is None

        assert await tb.post(tb.emulator.submit(BJORN, notice, "Lest")) == 202
        await tb.idle()
        [row] = await _teams_rows(sessions)
        assert row.confirmed_at is not None
        thanks = tb.emulator.sent_to(f"a:personal-{BJORN}")[-1]
        assert thanks.id != notice.id
        # the card is answered in place: its button is gone and it says what was chosen
        [updated] = [s for s in tb.emulator.sent if s.updated]
        assert updated.id == notice.id and "Les den nye avtalen" in updated.text
        assert "Du valgte «Lest»." in updated.texts
        assert all(e["type"] != "ActionSet" for e in updated.card["body"])
        async with sessions() as session:
            assert await waiting_for_app(session, "digikyst") == []


async def test_outbox_list_names_who_must_install_the_app(
        sessions: async_sessionmaker[AsyncSession], monkeypatch: pytest.MonkeyPatch) -> None:
    async with teams_bot(sessions, monkeypatch) as tb:
        await _announce(sessions, "Husk møtet.", ["ict_lead"], confirm=False)
        await tb.worker().run_once()
    url = sessions.kw["bind"].url.render_as_string(hide_password=False)
    out = subprocess.run([sys.executable, "-c", "import sys; from bot.cli import main; sys.exit(main())",
                          "outbox", "list", "--db", url],
                         capture_output=True, text=True, check=True).stdout
    assert "must install the Teams app" in out and BJORN_EMAIL in out


async def test_a_storm_of_429s_delays_but_loses_and_repeats_nothing(
        sessions: async_sessionmaker[AsyncSession], monkeypatch: pytest.MonkeyPatch) -> None:
    async with teams_bot(sessions, monkeypatch) as tb:
        tb.emulator.add_user(BJORN, aad="aad-bjorn", email=BJORN_EMAIL)
        tb.emulator.add_user(SAMI, aad="aad-sami", email=SAMI_EMAIL)
        for user in (BJORN, SAMI):
            assert await tb.post(tb.emulator.installed(user)) == 202
        await tb.idle()
        async with sessions() as session:  # Sami, a coordinator, gets Teams too
            await session.execute(update(m.Person).where(m.Person.email == SAMI_EMAIL).values(channel="teams"))
            await session.commit()
        for n in range(3):
            await _announce(sessions, f"Melding {n}", ["ict_lead", "coordinator"], confirm=False)
        rows = await _teams_rows(sessions)
        assert len(rows) == 6
        tb.emulator.fail_next(429, 4, retry_after=0)
        tb.emulator.fail_next(412, 1)
        tb.emulator.fail_next(504, 1)
        now = [datetime.now(UTC)]
        worker = tb.worker(clock=lambda: now[0])
        for _ in range(10):
            await worker.run_once()
            now[0] += timedelta(minutes=5)
        rows = await _teams_rows(sessions)
        assert [r.status for r in rows] == ["sent"] * 6
        sent = tb.emulator.sent
        assert len(sent) == 6 and len({(s.conversation, s.text) for s in sent}) == 6
        assert sum(1 for _, _, status in tb.emulator.requests if status == 429) == 4
        assert all(r.attempts <= 2 for r in rows)  # a 429 costs no attempt


async def test_an_app_removed_makes_the_rows_wait_again_and_the_secretariat_sees_it_on_app_home(
        sessions: async_sessionmaker[AsyncSession], monkeypatch: pytest.MonkeyPatch) -> None:
    async with teams_bot(sessions, monkeypatch) as tb:
        tb.emulator.add_user(BJORN, aad="aad-bjorn", email=BJORN_EMAIL)
        assert await tb.post(tb.emulator.installed(BJORN)) == 202
        await tb.idle()
        await _announce(sessions, "Husk møtet.", ["ict_lead"], confirm=False)
        tb.emulator.fail_next(403)  # Bjørn removed the app: Teams refuses the conversation
        await tb.worker().run_once()
        [row] = await _teams_rows(sessions)
        assert row.status == "pending" and "Teams app" in (row.last_error or "")
        async with sessions() as session:
            assert await identities.recall_address(session, "teams", "aad-bjorn") is None
            author = await session.scalar(select(m.Person.id).where(m.Person.email == SECRETARIAT))
            ctx = await build_context(session, SnapshotCache(), "digikyst", author)
            assert isinstance(ctx, Context)
            home = to_text(await queue_messages(ctx), "nb")
        assert "Venter på at appen blir installert" in home and f"{BJORN_EMAIL}: 1 melding(er) venter" in home
