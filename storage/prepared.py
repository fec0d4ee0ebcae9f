"""The hottest statements (a chat message's identity lookup and dedupe claim) run on SQLite without SQLAlchemy's
execution machinery and, when no lock is in the way, without a trip to aiosqlite's thread.

A lookup by key takes SQLite a few microseconds; through SQLAlchemy's execution context, its events and result
objects, a greenlet switch and a trip to aiosqlite's thread and back (a queue put, a thread switch, a wake-up
of the event loop, all while other threads want the GIL) it took about fifty times that in CPU, and more in
latency. `Prepared` compiles its statement once for SQLite and runs it on the session's own `sqlite3`
connection (the same transaction) directly on the event loop's thread.

The event loop must never wait for a lock: while the statement runs there, SQLite's busy timeout is 0, so a
lock held by another connection (which may be waiting for this very loop to go on) fails at once, and the
statement is then run in aiosqlite's thread as any other, waiting there as long as `BUSY_TIMEOUT_MS`. Reads in
WAL mode take no lock a writer holds; a write takes SQLite's write lock for the INSERT and the COMMIT only.

On PostgreSQL (or any connection not on storage/sqlite_driver.py) a `Prepared` runs through SQLAlchemy as
usual. SQLAlchemy's statement events do not see these statements on SQLite (tests count them with SQLite's
trace callback); their errors are raised as SQLAlchemy's (DBAPIError), as from any other statement.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping
from typing import Any, cast

import aiosqlite
from sqlalchemy.engine import CursorResult, Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession
from sqlalchemy.sql.expression import Executable

from storage import sqlite_gate
from storage.sqlite_driver import OneHopConnection, busy, no_wait

Processor = Callable[[Any], Any] | None


class Busy(Exception):  # noqa: N818 - an outcome
    """A lock is held elsewhere: the statement goes to aiosqlite's thread, which may wait for it."""


def driver_connection(connection: AsyncConnection) -> aiosqlite.Connection | None:
    """The aiosqlite connection under `connection` when it runs on `OneHopConnection`, else None (PostgreSQL)."""
    sync = connection.sync_connection
    dbapi = sync.connection.dbapi_connection if sync is not None else None
    return dbapi._connection if isinstance(dbapi, OneHopConnection) else None


def closes_at_once(connection: AsyncConnection) -> bool:
    """Whether giving `connection` back is bookkeeping in this process only, with nothing to wait for: a SQLite
    connection (storage/sqlite_driver.py) with no transaction open, whose rollback on return is then a no-op.
    Elsewhere (PostgreSQL) the pool's rollback is a round trip to the server."""
    return not connection.in_transaction() and driver_connection(connection) is not None


async def short_writes(session: AsyncSession) -> None:
    """The session's transaction writes a few rows by key (a conversation's step): on SQLite, once it writes,
    its statements and its commit run on the event loop's thread, so it never holds the write lock across a
    wait for the loop (storage/sqlite_gate.py). Nothing elsewhere."""
    if session.get_bind().dialect.name != "sqlite":
        return
    raw = driver_connection(await session.connection())
    if raw is not None:
        sqlite_gate.mark_short(raw)


class Prepared:
    """A Core or text statement compiled once for SQLite and run there directly (see the module's text).

    Parameters are plain or have their type's bind processor (datetimes, JSON). Result columns come back as
    SQLite holds them (text, integers, booleans as 0/1), or with `convert` as SQLAlchemy would return them
    (their types' result processors: aware datetimes, JSON, booleans)."""

    def __init__(self, statement: Executable, *, convert: bool = False) -> None:
        self.statement = statement
        self.convert = convert
        self._sqlite: tuple[str, tuple[str, ...], tuple[Processor, ...]] | None = None
        self._results: tuple[Processor, ...] = ()

    def _compiled(self, dialect: Dialect) -> tuple[str, tuple[str, ...], tuple[Processor, ...]]:
        if self._sqlite is None:
            compiled = self.statement.compile(dialect=dialect)  # type: ignore[attr-defined]
            order = tuple(compiled.positiontup or ())
            processors = tuple(compiled.binds[name].type.bind_processor(dialect) for name in order)
            if self.convert:
                results = tuple(column.type._cached_result_processor(dialect, None)
                                for column in compiled._result_columns)
                self._results = results if any(results) else ()
            self._sqlite = (compiled.string, order, processors)
        return self._sqlite

    def _converted(self, rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
        if not self._results:
            return rows
        processors = self._results
        return [tuple(value if process is None or value is None else process(value)
                      for value, process in zip(row, processors, strict=True)) for row in rows]

    def _arguments(self, dialect: Dialect, params: Mapping[str, Any]) -> tuple[str, tuple[Any, ...]]:
        sql, order, processors = self._compiled(dialect)
        return sql, tuple(params[name] if process is None else process(params[name])
                          for name, process in zip(order, processors, strict=True))

    async def rows(self, connection: AsyncConnection, params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        """Every row the statement returns, in `connection`'s transaction."""
        raw = driver_connection(connection)
        if raw is None:
            return [tuple(row) for row in await connection.execute(self.statement, params)]
        sql, args = self._arguments(connection.dialect, params)
        return self._converted(await _run(raw, _fetch_all, sql, args))

    async def touched(self, connection: AsyncConnection, params: Mapping[str, Any]) -> int:
        """Run the (writing) statement in `connection`'s transaction; the rows it touched."""
        raw = driver_connection(connection)
        if raw is None:
            return int(cast(CursorResult[Any], await connection.execute(self.statement, params)).rowcount or 0)
        sql, args = self._arguments(connection.dialect, params)
        return await _run(raw, _touch, sql, args)  # type: ignore[no-any-return]

    async def write_and_end(self, connection: AsyncConnection, params: Mapping[str, Any], expected: int) -> int | None:
        """Run the (writing) statement and end the transaction with it: commit when it touched `expected`
        rows, else roll back. Returns the rows touched; None when `connection` is not SQLite's, and nothing
        was done. The caller's commit or rollback that follows finds no transaction open."""
        raw = driver_connection(connection)
        if raw is None:
            return None
        sql, args = self._arguments(connection.dialect, params)
        return await _run(raw, _write_and_end, sql, args, expected)  # type: ignore[no-any-return]


def _fetch_all(sqlite: Any, sql: str, args: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    cursor = sqlite.execute(sql, args)
    try:
        rows: list[tuple[Any, ...]] = cursor.fetchall()
        return rows
    finally:
        cursor.close()


def _touch(sqlite: Any, sql: str, args: tuple[Any, ...]) -> int:
    cursor = sqlite.execute(sql, args)
    touched: int = cursor.rowcount
    cursor.close()
    return touched


def _write_and_end(sqlite: Any, sql: str, args: tuple[Any, ...], expected: int) -> int:
    opened = not sqlite.in_transaction  # this statement begins the transaction (sqlite3's implicit BEGIN)
    try:
        cursor = sqlite.execute(sql, args)
    except Busy:
        if opened:
            sqlite.rollback()  # nothing was written: the thread begins again, and waits for the lock
        raise
    touched: int = cursor.rowcount
    cursor.close()
    if touched != expected:
        sqlite.rollback()
        return touched
    try:
        sqlite.commit()
    except Busy:  # not in WAL mode (readers hold the file): the thread commits, waiting for them
        return -1 - touched
    return touched


def _on_loop(sqlite: sqlite3.Connection, fn: Callable[..., Any], sql: str, args: tuple[Any, ...], *more: Any) -> Any:
    """`fn` here, on the event loop's thread, with SQLite's busy timeout at 0: a held lock raises `Busy`."""
    with no_wait(sqlite):
        return fn(_NoWait(sqlite), sql, args, *more)


class _NoWait:
    """The `sqlite3` connection, with SQLITE_BUSY and SQLITE_LOCKED raised as `Busy`."""

    def __init__(self, sqlite: sqlite3.Connection) -> None:
        self._sqlite = sqlite

    @property
    def in_transaction(self) -> bool:
        return self._sqlite.in_transaction

    def execute(self, sql: str, args: tuple[Any, ...]) -> sqlite3.Cursor:
        return self._call(self._sqlite.execute, sql, args)  # type: ignore[no-any-return]

    def commit(self) -> None:
        self._call(self._sqlite.commit)

    def rollback(self) -> None:
        self._sqlite.rollback()

    @staticmethod
    def _call(fn: Callable[..., Any], *args: Any) -> Any:
        try:
            return fn(*args)
        except sqlite3.OperationalError as error:
            if busy(error):
                raise Busy from error
            raise


async def _run(raw: aiosqlite.Connection, fn: Callable[..., Any], sql: str, args: tuple[Any, ...], *more: Any) -> Any:
    """`fn` on the event loop's thread, else (a lock in the way) in aiosqlite's thread; SQLite's errors as
    SQLAlchemy's. A write that begins a transaction first queues for the process's turn to write
    (storage/sqlite_gate.py)."""
    if sqlite_gate.must_wait(raw, sql):
        await sqlite_gate.enter(raw)
    try:
        try:
            outcome = _on_loop(raw._conn, fn, sql, args, *more)
        except Busy:
            return await raw._execute(lambda: fn(raw._conn, sql, args, *more))  # type: ignore[no-untyped-call]
        if fn is _write_and_end and outcome < 0:  # written, but the commit must wait for readers
            await raw._execute(raw._conn.commit)  # type: ignore[no-untyped-call]
            return -1 - outcome
        return outcome
    except sqlite3.Error as error:
        raise DBAPIError.instance(sql, args, error, sqlite3.Error) from error
    finally:
        sqlite_gate.leave_if_done(raw)
