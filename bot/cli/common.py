"""What several commands share: the error that ends a command, the database of `--db`, the asking person
of `--as`, the clock of `--now`, and loading a network file.

Only the standard library is imported here at module level: the command modules import this one, and
`digibot ask` must start quickly (SQLAlchemy and the storage modules are imported when first used).
"""

from __future__ import annotations

import argparse
import os
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncEngine

    from storage.snapshot_file import SnapshotFile

NO_NETWORK = "the database has no network yet: run `digibot import FILE` first"
NO_DATABASE = ("there is no database ({path} does not exist, and DATABASE_URL is not set): make one with "
               "`digibot import FILE` (your network) or `digibot demo` (a made-up one), or pass --db")


class CommandError(Exception):
    """Ends a command: `digibot: <message>` on stderr and the exit code (1 refused or failed, 2 bad usage)."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", help="database URL (default: DATABASE_URL, else ./digibot.sqlite3)")


def engine_of(args: argparse.Namespace) -> AsyncEngine:
    """The engine of `--db` (not migrated; see `open_database`)."""
    from storage.db import make_engine

    try:
        return make_engine(args.db)
    except Exception as exc:  # noqa: BLE001 - a bad URL is the user's input
        raise CommandError(f"bad database URL: {exc}", 2) from exc


async def open_database(args: argparse.Namespace, *, create: bool = True) -> AsyncEngine:
    """The database of `--db`, migrated to the newest schema if it is older (e.g. after an upgrade).

    With `create=False` (a command that only reads a network, like ask and chat) a SQLite file that does
    not exist is not created: CommandError, saying how to make a database."""
    from storage.migrate import ensure_current

    engine = engine_of(args)
    if not create and (missing := _missing_file(engine)) is not None:
        await engine.dispose()
        raise CommandError(NO_DATABASE.format(path=missing), 1)
    try:
        await ensure_current(engine)
    except Exception as exc:
        await engine.dispose()
        raise CommandError(f"cannot open the database: {exc}", 1) from exc
    return engine


def _missing_file(engine: AsyncEngine) -> Path | None:
    """The SQLite file of `engine` when it does not exist yet (a command that only reads must not create it)."""
    from storage.snapshot_file import sqlite_file

    database = sqlite_file(engine.url.render_as_string(hide_password=True))
    return database if database is not None and not database.exists() else None


async def import_file(engine: AsyncEngine, path: Path, prune: bool) -> str:
    """Load a network file into a migrated database; the import's summary, or CommandError with every problem."""
    from storage.db import make_sessionmaker
    from storage.importer import ImportFailed, import_network
    from storage.migrate import upgrade

    await upgrade(engine)
    stored = snapshot_file(engine)
    if stored is not None:
        stored.forget_all()
    async with make_sessionmaker(engine)() as session:
        try:
            report = await import_network(session, path, prune=prune)
        except ImportFailed as exc:
            await session.rollback()
            problems = "\n".join(f"  {p}" for p in exc.problems)
            raise CommandError(f"{path}: nothing was imported, the file has errors:\n{problems}") from exc
        await session.commit()
    return report.summary()


def snapshot_file(engine: AsyncEngine) -> SnapshotFile | None:
    """The stored snapshots of a SQLite database file (None for PostgreSQL or an in-memory database)."""
    from storage.snapshot_file import SnapshotFile, sqlite_file

    database = sqlite_file(engine.url.render_as_string(hide_password=True))
    return SnapshotFile(database) if database is not None else None


def add_speaker_options(parser: argparse.ArgumentParser, who: str) -> None:
    """--as, --lang, --now, --network and --db: who talks to the bot, in which language, at what time."""
    parser.add_argument("--as", dest="as_email", metavar="EMAIL", help=f"{who} (default: DIGIBOT_AS)")
    parser.add_argument("--lang", choices=["nb", "nn", "en"])
    parser.add_argument("--now", metavar="ISO-DATETIME", help="fix the clock (local time of the network)")
    parser.add_argument("--network", help="the network, when the person is in several")
    add_db_option(parser)


async def speaker(engine: AsyncEngine, args: argparse.Namespace) -> tuple[str, int, datetime | None]:
    """The network and person of `--as` (see `whoami`) and the fixed clock of `--now`, if given."""
    network_id, person_id = await whoami(engine, args.as_email, args.network)
    now = parse_now(args.now, await network_timezone(engine, network_id)) if args.now else None
    return network_id, person_id, now


async def whoami(engine: AsyncEngine, email: str | None, network: str | None) -> tuple[str, int]:
    """The network and person id of `--as` (default DIGIBOT_AS, else the network's first secretariat member)."""
    from sqlalchemy import select
    from sqlalchemy.exc import OperationalError, ProgrammingError

    from storage.db import make_sessionmaker
    from storage.identities import by_email
    from storage.models import Network, Person

    network = network or os.environ.get("DIGIBOT_NETWORK")
    email = email or os.environ.get("DIGIBOT_AS")
    async with make_sessionmaker(engine)() as session:
        try:
            if email:
                identity = await by_email(session, email, network)
                if identity is None:
                    raise CommandError(f"{email} is not registered in any network in this database", 1)
                return identity.network_id, identity.person_id
            net_query = select(Network.id).order_by(Network.id).limit(1)
            network = network or await session.scalar(net_query)
            people = (await session.scalars(select(Person).where(Person.network_id == network))).all()
        except (OperationalError, ProgrammingError) as exc:
            raise CommandError(NO_NETWORK, 1) from exc
    if not people:
        raise CommandError(NO_NETWORK, 1)
    chosen = next((p for p in people if "secretariat" in (p.roles or [])), people[0])
    return chosen.network_id, chosen.id


async def network_timezone(engine: AsyncEngine, network_id: str) -> str:
    from sqlalchemy import select

    from storage.db import make_sessionmaker
    from storage.models import Network

    async with make_sessionmaker(engine)() as session:
        return (await session.scalar(select(Network.timezone).where(Network.id == network_id))) or "Europe/Oslo"


def parse_now(value: str, tz: str) -> datetime:
    """`--now`: ISO 8601; without an offset it is the network's local time."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--now: not an ISO 8601 date-time: {value!r}", 2) from exc
    return moment.replace(tzinfo=ZoneInfo(tz)) if moment.tzinfo is None else moment
