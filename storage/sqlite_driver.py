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

`make_engine` (storage/db.py) passes `ONE_HOP_DBAPI` as the engine's `module` for every SQLite URL.
"""

from __future__ import annotations

import collections
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import aiosqlite
from sqlalchemy.dialects.sqlite.aiosqlite import (
    AsyncAdapt_aiosqlite_connection,
    AsyncAdapt_aiosqlite_cursor,
    AsyncAdapt_aiosqlite_dbapi,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql.expression import Executable
from sqlalchemy.util import EMPTY_DICT
from sqlalchemy.util.concurrency import await_


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
        try:
            await_(connection._execute(self._run, operation, parameters, many))  # type: ignore[no-untyped-call]
        except Exception as error:
            self._adapt_connection._handle_exception(error)

    def execute(self, operation: Any, parameters: Any = None) -> None:
        self._one_trip(operation, parameters, False)

    def executemany(self, operation: Any, seq_of_parameters: Sequence[Any]) -> None:
        self._one_trip(operation, seq_of_parameters, True)

    async def _async_soft_close(self) -> None:
        return None

    def close(self) -> None:
        self._rows.clear()


class OneHopConnection(AsyncAdapt_aiosqlite_connection):
    """Also skips the trip for a commit or rollback with no transaction open, which `sqlite3` makes a no-op
    anyway: the pool's rollback when a session that committed returns its connection, a read-only commit."""

    __slots__ = ()
    _cursor_cls = OneHopCursor  # type: ignore[assignment]  # a subclass of the cursor SQLAlchemy names

    def _in_transaction(self) -> bool:
        connection: sqlite3.Connection | None = self._connection._connection
        return connection is not None and connection.in_transaction  # a flag read, safe from this thread

    def rollback(self) -> None:
        if self._in_transaction():
            super().rollback()

    def commit(self) -> None:
        if self._in_transaction():
            super().commit()


class OneHopDbapi(AsyncAdapt_aiosqlite_dbapi):
    """SQLAlchemy's aiosqlite DBAPI shim, its connections using `OneHopCursor`."""

    def connect(self, *arg: Any, **kw: Any) -> OneHopConnection:
        adapted = super().connect(*arg, **kw)
        return OneHopConnection(self, adapted._connection)


ONE_HOP_DBAPI = OneHopDbapi(aiosqlite, sqlite3)


# --- statements run without SQLAlchemy's execution machinery ------------------------------------------------


def driver_connection(connection: AsyncConnection) -> aiosqlite.Connection | None:
    """The aiosqlite connection under `connection` when it runs on `OneHopConnection`, else None (PostgreSQL)."""
    sync = connection.sync_connection
    dbapi = sync.connection.dbapi_connection if sync is not None else None
    return dbapi._connection if isinstance(dbapi, OneHopConnection) else None


class Prepared:
    """A Core or text statement compiled once for SQLite and run there as one function in the connection's
    thread: no execution context, events or result objects, which cost ten times what SQLite takes for a
    lookup by key. Elsewhere (PostgreSQL) it runs through SQLAlchemy as usual.

    Only for statements whose result columns need no conversion (text, integers, booleans as 0/1) and whose
    parameters are plain or have a type's bind processor (datetimes). SQLAlchemy's statement events do not
    see these statements; errors are raised as SQLAlchemy's (DBAPIError), as from any other statement."""

    def __init__(self, statement: Executable) -> None:
        self.statement = statement
        self._sqlite: tuple[str, tuple[str, ...], tuple[Callable[[Any], Any] | None, ...]] | None = None

    def _compiled(self, dialect: Dialect) -> tuple[str, tuple[str, ...], tuple[Callable[[Any], Any] | None, ...]]:
        if self._sqlite is None:
            compiled = self.statement.compile(dialect=dialect)  # type: ignore[attr-defined]
            order = tuple(compiled.positiontup or ())
            processors = tuple(compiled.binds[name].type.bind_processor(dialect) for name in order)
            self._sqlite = (compiled.string, order, processors)
        return self._sqlite

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
        return await _one_trip(raw, _fetch_all, sql, args)  # type: ignore[no-any-return]

    async def write_and_end(self, connection: AsyncConnection, params: Mapping[str, Any], expected: int) -> int | None:
        """Run the (writing) statement and end the transaction in the same trip: commit when it touched
        `expected` rows, else roll back. Returns the rows touched; None when `connection` is not SQLite's,
        and nothing was done. The caller's commit or rollback that follows finds no transaction open."""
        raw = driver_connection(connection)
        if raw is None:
            return None
        sql, args = self._arguments(connection.dialect, params)
        return await _one_trip(raw, _write_and_end, sql, args, expected)  # type: ignore[no-any-return]


def _fetch_all(connection: aiosqlite.Connection, sql: str, args: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    cursor = connection._conn.execute(sql, args)
    try:
        return cursor.fetchall()
    finally:
        cursor.close()


def _write_and_end(connection: aiosqlite.Connection, sql: str, args: tuple[Any, ...], expected: int) -> int:
    sqlite = connection._conn
    try:
        cursor = sqlite.execute(sql, args)
        touched = cursor.rowcount
        cursor.close()
    except BaseException:
        sqlite.rollback()
        raise
    if touched == expected:
        sqlite.commit()
    else:
        sqlite.rollback()
    return touched


async def _one_trip(raw: aiosqlite.Connection, fn: Callable[..., Any], sql: str, args: tuple[Any, ...],
                    *more: Any) -> Any:
    try:
        return await raw._execute(fn, raw, sql, args, *more)  # type: ignore[no-untyped-call]
    except sqlite3.Error as error:
        raise DBAPIError.instance(sql, args, error, sqlite3.Error) from error
