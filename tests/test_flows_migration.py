"""Upgrading in the middle of an ask-back: migration 0006 carries the question waiting in the old
conversation_state table over into flows, so the reply "Hareid" still answers it."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from handlers.context import Context
from handlers.questions import answer_with_context
from storage.db import make_engine, make_sessionmaker
from storage.importer import import_network
from storage.migrate import alembic_config, upgrade
from storage.snapshot import load_snapshot
from tests.chat import ROOT, Chat

NETWORK = ROOT / "tests/fixtures/network_testland.yaml"
MONA = "mona.lien@rana.kommune.no"
ASKED = datetime(2026, 3, 4, 9, 0, tzinfo=UTC)  # 10:00 in Oslo


async def _waiting_ask_back(tmp_path: Path) -> tuple[int, dict[str, object]]:
    """Mona's ask-back as the old version kept it: asked on a copy of the network at today's schema (the
    snapshot reads columns that later migrations added), with the same ids as the database under test."""
    engine = make_engine(f"sqlite:///{tmp_path / 'today.sqlite3'}")
    await upgrade(engine)
    async with make_sessionmaker(engine)() as session:
        await import_network(session, NETWORK)
        await session.commit()
        network = await load_snapshot(session, "digikyst")
        assert network is not None
        mona = next(p for p in network.people.values() if p.email == MONA)
        ctx = Context(session=session, network=network, person=mona, lang="nn", now=ASKED)
        _, pending = answer_with_context(ctx, "kven er koordinator i Herøi?", None)
        assert pending is not None
    await engine.dispose()
    return mona.id, pending.to_data()


async def test_an_ask_back_waiting_during_the_upgrade_is_answered_after_it(db_url: str, tmp_path: Path) -> None:
    before = ScriptDirectory.from_config(alembic_config()).get_revision("0006").down_revision
    assert isinstance(before, str)
    mona_id, pending = await _waiting_ask_back(tmp_path)
    engine = make_engine(db_url)
    await upgrade(engine, before)
    sessions = make_sessionmaker(engine)
    async with sessions() as session:
        await import_network(session, NETWORK)
        await session.execute(
            text("INSERT INTO conversation_state (person_id, topic, data, updated_at) VALUES (:p, :t, :d, :u)"),
            {"p": mona_id, "t": "question_ask_back", "d": json.dumps(pending), "u": ASKED.replace(tzinfo=None)})
        await session.commit()

    await upgrade(engine)

    async with engine.connect() as conn:
        tables = await conn.run_sync(lambda c: set(inspect(c).get_table_names()))
        moved = (await conn.execute(text("SELECT flow, step, version, expires_at FROM flows"))).all()
    assert "conversation_state" not in tables
    assert [(f, s, v) for f, s, v, _ in moved] == [("question_ask_back", "choose", 1)]
    assert datetime.fromisoformat(str(moved[0][3])) == (ASKED + timedelta(minutes=15)).replace(tzinfo=None)
    await engine.dispose()
    engine = make_engine(db_url)
    chat = Chat(engine, make_sessionmaker(engine), "digikyst", "Europe/Oslo")
    chat._people = {MONA: mona_id}
    try:
        answer = await chat.ask("Hareid", as_=MONA, now="2026-03-04T10:05")
        assert "Eirik Hareide" in answer and "Koordinator i Hareid" in answer
        late = await chat.ask("kven er koordinator i Herøi?", as_=MONA, now="2026-03-04T10:06")
        assert "Meiner du Herøy eller Hareid?" in late
        assert "Koordinator i Hareid er" not in await chat.ask("Hareid", as_=MONA, now="2026-03-04T10:22")
    finally:
        await chat.close()
