"""Two replicas on one PostgreSQL database move the same flow at the same moment: exactly one wins, the
other is told and changes nothing."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from handlers.incoming import Incoming
from messages.i18n import t
from messages.model import Button
from messages.render_text import to_text
from storage import flows
from storage.db import make_engine, make_sessionmaker
from storage.flows import Lost, Moved
from storage.importer import import_network
from storage.migrate import upgrade
from storage.models import Person
from tests.chat import ROOT, Chat
from tests.conftest import _reset_pg_schema
from tests.flow_form import FORM_ANSWERS, SLOW, TEST_TABLES, add_form

pytestmark = pytest.mark.postgres

NETWORK = ROOT / "tests/fixtures/network_testland.yaml"
MONA = "mona.lien@rana.kommune.no"
NOW = datetime(2026, 3, 4, 9, 0, tzinfo=UTC)


@pytest.fixture
async def replicas(pg_database_url: str) -> AsyncIterator[tuple[Chat, Chat]]:
    """Two bot processes (each its own engine, pool, snapshot cache and responder) on one database."""
    await _reset_pg_schema(pg_database_url)
    chats = []
    for _ in range(2):
        engine = make_engine(pg_database_url)
        chats.append(Chat(engine, make_sessionmaker(engine), "digikyst", "Europe/Oslo"))
    first = chats[0]
    await upgrade(first.engine)
    async with first.engine.begin() as conn:
        await conn.run_sync(TEST_TABLES.create_all)
    async with first.sessions() as session:
        await import_network(session, NETWORK)
        await session.commit()
        people = {email.lower(): pid for email, pid in await session.execute(select(Person.email, Person.id))}
    for chat in chats:
        chat._people = people
        add_form(chat.pipeline.router)
        await chat.ask("hjelp", as_=MONA, now=NOW)  # warm: the network snapshot is loaded before the race
    yield chats[0], chats[1]
    SLOW["seconds"] = 0.0
    for chat in chats:
        await chat.close()


async def press(chat: Chat, button: Button) -> str:
    reply = await chat.pipeline.reply(Incoming(network_id=chat.network_id, person_id=chat.person_id(MONA),
                                                action_id=button.action_id, value=button.value, now=NOW))
    return to_text(reply.messages, reply.lang)


async def answers(chat: Chat) -> list[tuple[str, str]]:
    async with chat.sessions() as session:
        return [(q, a) for q, a in await session.execute(select(FORM_ANSWERS.c.question, FORM_ANSWERS.c.answer))]


async def test_two_replicas_pressing_the_same_button_at_once_move_the_flow_once(replicas: tuple[Chat, Chat]) -> None:
    one, two = replicas
    await one.ask("form", as_=MONA, now=NOW)
    assert one.last is not None
    red, blue = (b for m in one.last.messages for b in m.buttons)
    SLOW["seconds"] = 0.5  # the winner is still inside its step when the other replica reads the flow
    replies = await asyncio.gather(press(one, red), press(two, blue))
    invalid = t("nb", "flow_button_invalid")
    assert sorted(r == invalid for r in replies) == [False, True]
    assert "Which size?" in next(r for r in replies if r != invalid)
    assert len(await answers(one)) == 1  # the loser's answer was never written
    async with one.sessions() as session:
        (state,) = await flows.load(session, one.person_id(MONA), NOW)
    assert (state.step, state.version) == ("size", 2)


async def test_two_replicas_typing_into_the_same_flow_at_once_move_it_once(replicas: tuple[Chat, Chat]) -> None:
    one, two = replicas
    await one.ask("form", as_=MONA, now=NOW)
    SLOW["seconds"] = 0.5
    first, second = await asyncio.gather(one.ask("red", as_=MONA, now=NOW), two.ask("blue", as_=MONA, now=NOW))
    busy = t("nb", "flow_busy")
    assert sorted([first == busy, second == busy]) == [False, True]
    assert len(await answers(one)) == 1


async def test_a_flow_whose_move_comes_first_is_moved_once_by_two_replicas_pressing_at_once(
        replicas: tuple[Chat, Chat]) -> None:
    one, two = replicas
    await one.ask("firstform", as_=MONA, now=NOW)
    assert one.last is not None
    red, blue = (b for m in one.last.messages for b in m.buttons)
    SLOW["seconds"] = 0.5  # both replicas read the flow and run the step before either moves it
    replies = await asyncio.gather(press(one, red), press(two, blue))
    invalid = t("nb", "flow_button_invalid")
    assert sorted(r == invalid for r in replies) == [False, True]
    assert len(await answers(one)) == 1  # the loser's answer was never written
    first, second = await asyncio.gather(one.ask("S", as_=MONA, now=NOW), two.ask("L", as_=MONA, now=NOW))
    assert sorted(["Thanks" in first, "Thanks" in second]) == [False, True]
    assert len(await answers(one)) == 2  # the last step too: one answer, the loser's never written


async def test_a_move_from_a_version_already_moved_on_is_lost_and_overwrites_nothing(
        replicas: tuple[Chat, Chat]) -> None:
    """Storage level, step by step: the second move waits for the first transaction, then finds the
    version changed and reports Lost."""
    one, _ = replicas
    mona = one.person_id(MONA)
    async with one.sessions() as session:
        started = await flows.start(session, mona, "test_form", "", "colour", {}, NOW, None)
        await session.commit()
    assert isinstance(started, Moved) and started.state is not None
    seen = started.state
    async with one.sessions() as a, one.sessions() as b:
        assert isinstance(await flows.advance(a, seen, step="size", data={"colour": "red"}, now=NOW,
                                              expires_at=None), Moved)
        racing = asyncio.create_task(flows.advance(b, seen, step="size", data={"colour": "blue"}, now=NOW,
                                                   expires_at=None))
        await asyncio.sleep(0.3)
        assert not racing.done()  # waits for the first transaction's row lock
        await a.commit()
        assert await racing == Lost(seen.id, seen.version)
        await b.commit()
        assert not await flows.hold(b, seen)
        assert isinstance(await flows.finish(b, seen), Lost)
    async with one.sessions() as session:
        now_state = await flows.get(session, seen.id)
    assert now_state is not None and (now_state.data, now_state.version) == ({"colour": "red"}, 2)


async def test_two_starts_of_the_same_flow_at_once_make_one_row(replicas: tuple[Chat, Chat]) -> None:
    one, _ = replicas
    mona = one.person_id(MONA)
    later = NOW + timedelta(minutes=1)
    async with one.sessions() as a, one.sessions() as b:
        assert isinstance(await flows.start(a, mona, "test_form", "s1", "colour", {}, NOW, later), Moved)
        racing = asyncio.create_task(flows.start(b, mona, "test_form", "s1", "colour", {}, NOW, later))
        await asyncio.sleep(0.3)
        await a.commit()
        assert isinstance(await racing, Lost)
        await b.commit()

