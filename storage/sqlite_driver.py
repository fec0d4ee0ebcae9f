"""SQLite under asyncio with one trip to the driver's thread per statement (SQLAlchemy's aiosqlite adapter takes four).

aiosqlite runs every call of a `sqlite3` connection in the connection's own thread; each call is a round
trip (a queue put, a thread switch, a wake-up of the event loop) plus two greenlet switches in SQLAlchemy's
adapter. SQLAlchemy's cursor makes four of them for a SELECT (open a cursor, execute, fetch all, close) and
three for an INSERT, and that, not SQLite, was most of what a Slack DM's database work cost (a SELECT by
primary key: 4 µs in SQLite, 170 µs through the adapter).

`OneHopCursor` does the same work as one function run in the connection's thread: open a `sqlite3` cursor,
execute, keep the description, row count, last row id and all rows, close. What SQLAlchemy then reads comes
from memory. Transactions are unchanged (the same `sqlite3` connection, its implicit BEGIN before a write;
commit and rollback were one trip each already). Server-side cursors (`stream`) keep SQLAlchemy's own.

`make_engine` (storage/db.py) passes `ONE_HOP_DBAPI` as the engine's `module` for every SQLite URL. The hottest
statements skip even that, and SQLAlchemy's execution too: storage/prepared.py.
"""

from __future__ import annotations

import collections
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import aiosqlite
from sqlalchemy.dialects.sqlite.aiosqlite import (
    AsyncAdapt_aiosqlite_connection,
    AsyncAdapt_aiosqlite_cursor,
    AsyncAdapt_aiosqlite_dbapi,
)
from sqlalchemy.util import EMPTY_DICT
from sqlalchemy.util.concurrency import await_

from storage import sqlite_gate
from storage.sqlite_gate import BUSY_TIMEOUT_MS

__all__ = ["BUSY_TIMEOUT_MS", "ONE_HOP_DBAPI", "OneHopConnection", "OneHopCursor", "OneHopDbapi"]


class OneHopCursor(AsyncAdapt_aiosqlite_cursor):
    """A DBAPI cursor whose `execute` is one call in the aiosqlite thread; results are kept in memory."""

    __slots__ = ("_description", "_rowcount", "_lastrowid", "_arraysize")

    def __init__(self, adapt_connection: AsyncAdapt_aiosqlite_connection) -> None:  # no sqlite3 cursor kept
        self._adapt_connection = adapt_connection
        self._connection = adapt_connection._connection
        self._cursor = None  # type: ignore[assignment]
        self._soft_closed_memoized = EMPTY_DICT
        self._rows = collections.deque()
        self._description: Any = None
        self._rowcount = -1
        self._lastrowid: int | None = None
        self._arraysize = 1

    @property
    def description(self) -> Any:
        return self._description

    @property
    def rowcount(self) -> int:
        return self._rowcount

    @property
    def lastrowid(self) -> int:
        return self._lastrowid  # type: ignore[return-value]

    @property
    def arraysize(self) -> int:
        return self._arraysize

    @arraysize.setter
    def arraysize(self, value: int) -> None:
        self._arraysize = value

    def _run(self, operation: str, parameters: Any, many: bool) -> None:
        """In the aiosqlite thread: the whole statement, start to end."""
        connection: sqlite3.Connection = self._connection._conn
        cursor = connection.cursor()
        try:
            if many:
                cursor.executemany(operation, parameters)
            elif parameters is None:
                cursor.execute(operation)
            else:
                cursor.execute(operation, parameters)
            self._description = cursor.description
            self._rowcount = cursor.rowcount
            self._lastrowid = cursor.lastrowid
            if cursor.description:
                self._rows = collections.deque(cursor.fetchall())
        finally:
            cursor.close()

    def _one_trip(self, operation: str, parameters: Any, many: bool) -> None:
        connection: aiosqlite.Connection = self._connection  # type: ignore[assignment]
        if sqlite_gate.must_wait(connection, operation):  # a write transaction begins: queue for the lock
            await_(sqlite_gate.enter(connection))
        try:
            if many or not sqlite_gate.on_loop(connection, operation) or not here(
                    connection._conn, self._run, operation, parameters, many):
                await_(connection._execute(self._run, operation, parameters, many))  # type: ignore[no-untyped-call]
        except Exception as error:
            self._adapt_connection._handle_exception(error)
        finally:
            sqlite_gate.leave_if_done(connection)

    def execute(self, operation: Any, parameters: Any = None) -> None:
        self._one_trip(operation, parameters, False)

    def executemany(self, operation: Any, seq_of_parameters: Sequence[Any]) -> None:
        self._one_trip(operation, seq_of_parameters, True)

    async def _async_soft_close(self) -> None:
        return None

    def close(self) -> None:
        self._rows.clear()


_SQLITE_BUSY, _SQLITE_LOCKED = 5, 6
_NO_WAIT = "PRAGMA busy_timeout = 0"
_WAIT = f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}"


def busy(error: sqlite3.OperationalError) -> bool:
    """SQLITE_BUSY or SQLITE_LOCKED: a lock held by another connection."""
    return getattr(error, "sqlite_errorcode", 0) & 0xFF in (_SQLITE_BUSY, _SQLITE_LOCKED)


@contextmanager
def no_wait(sqlite: sqlite3.Connection) -> Iterator[None]:
    """SQLite's busy timeout at 0 for the block (a lock held elsewhere fails at once instead of being waited
    for on the event loop's thread), then `BUSY_TIMEOUT_MS` again."""
    sqlite.execute(_NO_WAIT)
    try:
        yield
    finally:
        sqlite.execute(_WAIT)


def here(sqlite: sqlite3.Connection, fn: Callable[..., Any], *args: Any) -> bool:
    """Run `fn(*args)` on this (the event loop's) thread with SQLite's busy timeout at 0: True when it ran;
    False when a lock held elsewhere was in the way (nothing was written; the caller runs it in aiosqlite's
    thread, which waits for the lock). Other errors are raised."""
    with no_wait(sqlite):
        try:
            fn(*args)
        except sqlite3.OperationalError as error:
            if busy(error):
                return False
            raise
    return True


class OneHopConnection(AsyncAdapt_aiosqlite_connection):
    """Also skips the trip for a commit or rollback with no transaction open, which `sqlite3` makes a no-op
    anyway: the pool's rollback when a session that committed returns its connection, a read-only commit."""

    __slots__ = ()
    _cursor_cls = OneHopCursor  # type: ignore[assignment]  # a subclass of the cursor SQLAlchemy names

    def _in_transaction(self) -> bool:
        connection: sqlite3.Connection | None = self._connection._connection
        return connection is not None and connection.in_transaction  # a flag read, safe from this thread

    def rollback(self) -> None:
        try:
            if self._in_transaction():
                super().rollback()
        finally:
            sqlite_gate.leave_if_done(self._connection, ended=True)

    def commit(self) -> None:
        try:
            raw = self._connection
            if self._in_transaction() and not (sqlite_gate.on_loop(raw, "COMMIT")
                                               and here(raw._conn, raw._conn.commit)):
                super().commit()
        finally:
            sqlite_gate.leave_if_done(self._connection, ended=True)

    def close(self) -> None:
        try:
            super().close()
        finally:
            sqlite_gate.leave_if_done(self._connection, ended=True)


class OneHopDbapi(AsyncAdapt_aiosqlite_dbapi):
    """SQLAlchemy's aiosqlite DBAPI shim, its connections using `OneHopCursor`."""

    def connect(self, *arg: Any, **kw: Any) -> OneHopConnection:
        adapted = super().connect(*arg, **kw)
        sqlite_gate.attach(adapted._connection, arg[0] if arg else kw.get("database"))
        return OneHopConnection(self, adapted._connection)


ONE_HOP_DBAPI = OneHopDbapi(aiosqlite, sqlite3)

