"""`digibot outbox`: the operator lists the queue, retries what failed and cancels what should not go out."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from sqlalchemy import select, update

from bot.cli import main
from storage.db import make_engine, make_sessionmaker
from storage.models_notify import OutboxMessage
from tests.test_announce import KARI, OLA, PER
from tests.test_cmd_announce import db, text  # noqa: F401 - fixtures: DigiTest on SQLite, an announcement text


def change(url: str, recipient: str, **values: object) -> None:
    async def run() -> None:
        engine = make_engine(url)
        async with make_sessionmaker(engine)() as session:
            await session.execute(update(OutboxMessage).where(OutboxMessage.recipient == recipient).values(**values))
            await session.commit()
        await engine.dispose()

    asyncio.run(run())


def statuses(url: str) -> dict[str, tuple[int, str]]:
    async def run() -> dict[str, tuple[int, str]]:
        engine = make_engine(url)
        async with make_sessionmaker(engine)() as session:
            rows = (await session.scalars(select(OutboxMessage))).all()
            found = {r.recipient: (r.id, r.status) for r in rows}
        await engine.dispose()
        return found

    return asyncio.run(run())


@pytest.fixture
def queue(db: str, text: Path, capsys) -> str:  # noqa: F811 - the imported fixtures
    """An announcement to the three chief executives at 10:00: Kari's went out, Per's failed, Ola's waits."""
    assert main(["announce", "--db", db, "--now", "2026-12-01T10:00", "--audience", "roles=chief_executive",
                 "--file", str(text), "--yes"]) == 0
    change(db, KARI, status="sent", attempts=1)
    change(db, PER, status="failed", attempts=8, last_error="smtp: 550 mailbox unavailable " + "x" * 100)
    capsys.readouterr()
    return db


def outbox(url: str, *args: str) -> int:
    return main(["outbox", *args, "--db", url])


def test_list_shows_each_row_with_local_due_time_and_why_it_failed(queue, capsys) -> None:
    assert outbox(queue) == 0

    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["id", "status", "due", "kind", "to", "channel", "attempts", "note"]
    rows = {line.split()[5]: line.split(None, 8) for line in lines[1:4]}
    assert rows[PER][1:8] == ["failed", "2026-12-01", "10:00", "announcement", PER, "email", "8"]
    assert rows[PER][8].startswith("smtp: 550 mailbox unavailable xxx") and rows[PER][8].endswith("…")
    assert len(rows[PER][8]) == 60
    assert rows[KARI][1] == "sent" and rows[OLA][1] == "pending"
    assert lines[4] == "3 of 3 rows shown, newest first; the outbox: failed 1, pending 1, sent 1"


def test_list_filters_by_status_and_network_and_stops_at_the_limit(queue, capsys) -> None:
    assert outbox(queue, "list", "--status", "failed") == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split()[5] for line in out[1:-1]] == [PER]
    assert out[-1].startswith("1 of 1 rows shown")

    assert outbox(queue, "--limit", "1", "--network", "digitest") == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("1 of 3 rows shown")

    assert outbox(queue, "--network", "elsewhere") == 0
    assert capsys.readouterr().out.splitlines()[-1] == "0 of 0 rows shown, newest first; the outbox: empty"


def test_retry_puts_a_failed_row_back_and_says_what_it_left_alone(queue, capsys) -> None:
    ids = statuses(queue)

    assert outbox(queue, "retry", str(ids[PER][0]), str(ids[KARI][0]), "999") == 0

    assert capsys.readouterr().out.splitlines() == [
        f"retried 1: {ids[PER][0]} (pending, due now)",
        f"  {ids[KARI][0]}: left alone, it is sent",
        "  999: no such row",
    ]
    assert statuses(queue)[PER][1] == "pending"


def test_retry_failed_takes_every_failed_row(queue, capsys) -> None:
    change(queue, OLA, status="failed", last_error="teams: 403")

    assert outbox(queue, "retry", "--failed") == 0

    assert capsys.readouterr().out.startswith("retried 2: ")
    assert {status for _, status in statuses(queue).values()} == {"pending", "sent"}
    assert outbox(queue, "retry", "--failed") == 0
    assert capsys.readouterr().out == "nothing to retry: no failed rows\n"


def test_cancel_stops_a_pending_row_and_leaves_the_rest(queue, capsys) -> None:
    ids = statuses(queue)

    assert outbox(queue, "cancel", str(ids[OLA][0]), str(ids[PER][0])) == 0

    assert capsys.readouterr().out.splitlines() == [
        f"cancelled 1: {ids[OLA][0]}",
        f"  {ids[PER][0]}: left alone, it is failed",
    ]
    assert statuses(queue)[OLA][1] == "cancelled"


@pytest.mark.parametrize(("args", "error"), [
    (["retry"], "outbox retry needs row ids, or --failed for every failed row"),
    (["cancel"], "outbox cancel needs row ids"),
    (["list", "3"], "outbox list takes no ids"),
    (["list", "--failed"], "--failed goes with retry"),
    (["list", "--limit", "0"], "--limit must be at least 1"),
])
def test_a_wrong_combination_is_explained(queue, capsys, args, error) -> None:
    assert outbox(queue, *args) == 2
    assert capsys.readouterr().err.startswith(f"digibot: {error}")


def test_a_database_that_does_not_exist_is_named_and_not_made(tmp_path, capsys) -> None:
    assert outbox(f"sqlite:///{tmp_path / 'empty.sqlite3'}") == 1
    assert "there is no database" in capsys.readouterr().err and list(tmp_path.iterdir()) == []
