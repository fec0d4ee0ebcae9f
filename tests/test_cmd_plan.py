"""`digibot plan`: the secretariat sees what would be sent, when and to whom, and nothing is sent or stored."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.cli import main
from handlers.notify.planner import plan_due
from storage.db import make_engine, make_sessionmaker
from storage.migrate import upgrade
from storage.models_notify import OutboxMessage
from tests.fixtures.notify.world import KARI, NETWORK, OLA, PER, load_network, local


def _run(coro_factory):  # noqa: ANN001, ANN202 - a tiny helper for sync tests
    return asyncio.run(coro_factory())


@pytest.fixture
def db(tmp_path: Path) -> str:
    """A SQLite file with DigiTest imported and Thursday 17 December 12:00 already planned."""
    url = f"sqlite:///{tmp_path / 'digibot.sqlite3'}"

    async def setup() -> None:
        engine = make_engine(url)
        await upgrade(engine)
        sessions = make_sessionmaker(engine)
        await load_network(sessions)
        async with sessions() as session:
            await plan_due(session, NETWORK, local(2026, 12, 17, 12, 0))
        await engine.dispose()

    _run(setup)
    return url


def _outbox_size(url: str) -> int:
    async def count() -> int:
        engine = make_engine(url)
        async with make_sessionmaker(engine)() as session:
            n = await session.scalar(select(func.count()).select_from(OutboxMessage))
        await engine.dispose()
        return int(n or 0)

    return _run(count)


def test_json_lists_every_message_of_the_days_with_time_recipient_kind_channel_and_key(db, capsys) -> None:
    before = _outbox_size(db)
    code = main(["plan", "--from", "2026-12-17", "--to", "2026-12-18", "--json", "--now", "2026-12-17T12:30",
                 "--db", db])
    assert code == 0
    listed = json.loads(capsys.readouterr().out)
    assert _outbox_size(db) == before  # a preview writes nothing
    assert [(x["at"], x["to"], x["kind"], x["channel"], x["status"]) for x in listed] == [
        ("2026-12-17T08:00:00+01:00", OLA, "digest", "teams", "pending"),
        ("2026-12-17T12:00:00+01:00", KARI, "reminder", "slack", "pending"),
        ("2026-12-17T12:00:00+01:00", OLA, "reminder", "teams", "pending"),
        ("2026-12-17T12:00:00+01:00", PER, "reminder", "email", "pending"),
        ("2026-12-18T08:00:00+01:00", OLA, "digest", "teams", "planned"),
        ("2026-12-18T09:00:00+01:00", "eva@askoy.kommune.no", "meeting_notice", "email", "planned"),
        ("2026-12-18T09:00:00+01:00", "siri@bergen.kommune.no", "meeting_notice", "slack", "planned"),
    ]
    assert listed[1]["key"] == f"reminder:budsjett-2027:{KARI}:P1D"
    assert listed[5]["key"] == "meeting_notice:ressurs-2026-12:eva@askoy.kommune.no:P1D"
    assert listed[5]["attachment"] == "invitation-ressurs-2026-12.ics"  # Eva reads English
    assert listed[4]["title"] == "Dagens oversikt frå DigiTest"


def test_the_table_shows_local_time_kind_recipient_and_channel(db, capsys) -> None:
    assert main(["plan", "--from", "2026-12-24", "--to", "2026-12-24", "--now", "2026-12-17T12:30",
                 "--network", NETWORK, "--db", db]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["time", "kind", "to", "channel", "status", "about"]
    assert any(line.startswith("2026-12-24 09:00  reminder") and KARI in line and "slack" in line for line in out)
    assert any(line.startswith("2026-12-24 10:00  meeting_notice") and "Møteinnkalling: Julemøte" in line
               for line in out)
    # Ola's digest, five reminders and five notices
    assert out[-1].startswith("11 messages (11 still to be planned, 0 in the outbox)")


def test_bad_dates_and_unknown_networks_are_clear_errors(db, tmp_path, capsys) -> None:
    assert main(["plan", "--from", "2026-12-18", "--to", "2026-12-17", "--db", db]) == 2
    assert "--to 2026-12-17 is before --from 2026-12-18" in capsys.readouterr().err
    assert main(["plan", "--from", "17.12.2026", "--to", "2026-12-17", "--db", db]) == 2
    assert "--from: not an ISO date" in capsys.readouterr().err
    assert main(["plan", "--from", "2026-12-17", "--to", "2026-12-17", "--network", "nope", "--db", db]) == 1
    assert "no network 'nope'" in capsys.readouterr().err
    empty = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    assert main(["plan", "--from", "2026-12-17", "--to", "2026-12-17", "--db", empty]) == 1
    assert "there is no database" in capsys.readouterr().err and not (tmp_path / "empty.sqlite3").exists()
