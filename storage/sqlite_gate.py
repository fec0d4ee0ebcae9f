"""SQLite's one write lock, queued for on the event loop instead of in SQLite's busy handler.

SQLite lets one connection write at a time. A connection that wants the lock while another holds it waits in
SQLite's busy handler, which does not wake when the lock is let go: it sleeps and looks again, 1, 2, 5, 10,
15, 20, 25, 25, 25, 50, 50, 100 ms apart (sqliteDefaultBusyCallback). With 40 survey answers a second, each
holding the lock for a millisecond or two, a write that came a moment too late slept 8, 18 or 33 ms after
the lock was free, and a few waited behind each other for hundreds: the p99 of a survey answer was that
sleeping (bench/bench_survey_answers.py).

The connections of one process now queue for the lock on the event loop: before a connection begins a
write transaction (its first INSERT, UPDATE or DELETE, when it has no transaction open), it takes the gate of
its database file, an `asyncio.Lock` (first come, first served), and gives it back once its transaction has
ended (commit, rollback, close). The next writer is woken the moment the lock is free. SQLite's busy handler
still guards against other processes (the CLI beside `digibot run`), as before.

A writer that cannot have the gate within `BUSY_TIMEOUT_MS` (a transaction left open by the same task while
it writes through another connection, which SQLite would refuse too) goes on without it, and SQLite decides.
In-memory databases (one per connection) have no gate.

Short writes (`mark_short`, storage/prepared.py `short_writes`): a transaction that writes a few rows by key
(a conversation's step: its flow row, an answer, the response's version) runs its statements and its commit
on the event loop's thread once it writes, with SQLite's busy timeout at 0 (a lock held by another process
sends the statement to aiosqlite's thread, which waits for it). Such a transaction never waits for the event
loop while it holds the write lock: it holds it for the CPU time of its few statements (a fraction of a
millisecond) instead of several turns of a busy loop, and the next writer's wait is that short.
"""

from __future__ import annotations

import asyncio
import weakref
from typing import Any

BUSY_TIMEOUT_MS = 10_000  # how long a statement waits for a lock held by another connection (storage/db.py)

_READS = ("SELECT", "PRAGMA", "EXPLAIN")  # a WITH may write: it takes the gate, and gives it back at once if not
_PATH = "_digibot_gate_path"  # attributes kept on the aiosqlite.Connection
_HELD = "_digibot_gate_held"
_SHORT = "_digibot_short_writes"

_gates: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[str, asyncio.Lock]] = weakref.WeakKeyDictionary()


def attach(raw: Any, database: object) -> None:
    """Give the aiosqlite connection `raw` the gate of `database` (a path; none for an in-memory database)."""
    path = str(database or "")
    if not path or path == ":memory:" or "mode=memory" in path:
        path = ""
    setattr(raw, _PATH, path)
    setattr(raw, _HELD, None)
    setattr(raw, _SHORT, False)


def mark_short(raw: Any) -> None:
    """The transaction `raw` is in (or begins next) writes a few rows by key: see the module's text."""
    setattr(raw, _SHORT, True)


def on_loop(raw: Any, sql: str) -> bool:
    """Whether `sql` runs on the event loop's thread: the connection's transaction is short and writes (or is
    about to with this statement)."""
    if not getattr(raw, _SHORT, False):
        return False
    sqlite = raw._connection
    return sqlite is not None and (sqlite.in_transaction or writes(sql))


def writes(sql: str) -> bool:
    """Whether `sql` may begin a write (anything but a read; a read inside a transaction needs nothing)."""
    return not sql.lstrip()[:7].upper().startswith(_READS)


def must_wait(raw: Any, sql: str) -> bool:
    """Whether `raw` has to take the gate before running `sql`: a write, with no transaction of its own open."""
    if not getattr(raw, _PATH, "") or getattr(raw, _HELD, None) is not None:
        return False
    sqlite = raw._connection
    return sqlite is not None and not sqlite.in_transaction and writes(sql)


async def enter(raw: Any) -> None:
    """Take the gate of `raw`'s database (see `must_wait`); after `BUSY_TIMEOUT_MS`, go on without it."""
    lock = _gates.setdefault(asyncio.get_running_loop(), {}).setdefault(getattr(raw, _PATH), asyncio.Lock())
    try:
        async with asyncio.timeout(BUSY_TIMEOUT_MS / 1000):
            await lock.acquire()
    except TimeoutError:
        return
    setattr(raw, _HELD, lock)


def leave_if_done(raw: Any, *, ended: bool = False) -> None:
    """Give the gate back once `raw` has no transaction open (committed, rolled back, autocommitted, closed);
    the transaction's `mark_short` ends with it (`ended`: a commit, rollback or close, which the pool's
    rollback on every return of a connection is)."""
    sqlite = raw._connection
    if sqlite is not None and sqlite.in_transaction:
        return
    lock: asyncio.Lock | None = getattr(raw, _HELD, None)
    if ended or lock is not None:
        setattr(raw, _SHORT, False)
    if lock is not None:
        setattr(raw, _HELD, None)
        lock.release()
