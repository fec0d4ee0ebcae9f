"""What each `digibot` subcommand does (argument parsing lives in bot/cli.py)."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.exc import OperationalError, ProgrammingError
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.db import make_engine, make_sessionmaker


class CommandError(Exception):
    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


# Commands that live in their own modules: name -> (module, function).
_ELSEWHERE = {
    "plan": ("bot.cmd_plan", "cmd_plan"),
    "outbox": ("bot.cmd_outbox", "cmd_outbox"),
    "announce": ("bot.cmd_announce", "cmd_announce"),
}


async def dispatch(args: argparse.Namespace) -> int:
    if args.command in _ELSEWHERE:
        import importlib

        module, function = _ELSEWHERE[args.command]
        code: int = await getattr(importlib.import_module(module), function)(args)
        return code
    handler = {
        "import": cmd_import,
        "ask": cmd_ask,
        "chat": cmd_chat,
        "run": cmd_run,
        "migrate": cmd_migrate,
        "demo": cmd_demo,
    }[args.command]
    return await handler(args)


def _engine(args: argparse.Namespace) -> AsyncEngine:
    try:
        return make_engine(args.db)
    except Exception as exc:  # noqa: BLE001 - a bad URL is the user's input
        raise CommandError(f"bad database URL: {exc}", 2) from exc


async def open_database(args: argparse.Namespace) -> AsyncEngine:
    """The database of `--db`, migrated to the newest schema if it is older (e.g. after an upgrade)."""
    from storage.migrate import ensure_current

    engine = _engine(args)
    try:
        await ensure_current(engine)
    except Exception as exc:
        await engine.dispose()
        raise CommandError(f"cannot open the database: {exc}", 1) from exc
    return engine


async def cmd_migrate(args: argparse.Namespace) -> int:
    from storage.migrate import upgrade

    engine = _engine(args)
    try:
        await upgrade(engine)
    finally:
        await engine.dispose()
    print("database is up to date")
    return 0


async def _import_file(engine: AsyncEngine, path: Path, prune: bool) -> str:
    from storage.importer import ImportFailed, import_network
    from storage.migrate import upgrade

    await upgrade(engine)
    async with make_sessionmaker(engine)() as session:
        try:
            report = await import_network(session, path, prune=prune)
        except ImportFailed as exc:
            await session.rollback()
            problems = "\n".join(f"  {p}" for p in exc.problems)
            raise CommandError(f"{path}: nothing was imported, the file has errors:\n{problems}") from exc
        await session.commit()
    return report.summary()


async def cmd_import(args: argparse.Namespace) -> int:
    if not args.file.is_file():
        raise CommandError(f"no such file: {args.file}", 2)
    engine = _engine(args)
    try:
        print(await _import_file(engine, args.file, args.prune))
    finally:
        await engine.dispose()
    return 0


async def cmd_demo(args: argparse.Namespace) -> int:
    from bot.demo import write_demo_file

    engine = _engine(args)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            path = args.file or Path(tmp) / "digivestland.yaml"
            write_demo_file(path, date.today())
            print(await _import_file(engine, path, prune=True))
    finally:
        await engine.dispose()
    return 0


async def _whoami(engine: AsyncEngine, email: str | None, network: str | None) -> tuple[str, int]:
    """The network and person id of `--as` (default DIGIBOT_AS, else the network's first secretariat member)."""
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
            raise CommandError("the database has no network yet: run `digibot import FILE` first", 1) from exc
    if not people:
        raise CommandError("the database has no network yet: run `digibot import FILE` first", 1)
    chosen = next((p for p in people if "secretariat" in (p.roles or [])), people[0])
    return chosen.network_id, chosen.id


async def _network_timezone(engine: AsyncEngine, network_id: str) -> str:
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


async def cmd_ask(args: argparse.Namespace) -> int:
    from handlers.app import build_responder
    from handlers.incoming import Incoming
    from messages.render_text import to_text

    engine = await open_database(args)
    try:
        network_id, person_id = await _whoami(engine, args.as_email, args.network)
        now = parse_now(args.now, await _network_timezone(engine, network_id)) if args.now else None
        from bot.config import Settings

        responder = build_responder(make_sessionmaker(engine), Settings.from_env().public_url)
        text = " ".join(args.question)
        incoming = Incoming(network_id=network_id, person_id=person_id, text=text, lang=args.lang, now=now)
        reply = await responder.reply(incoming)
    finally:
        await engine.dispose()
    print(to_text(reply.messages, reply.lang))
    return 0


async def cmd_chat(args: argparse.Namespace) -> int:
    from bot.channels.console import run_console
    from bot.config import Settings

    engine = await open_database(args)
    settings = Settings.from_env()
    skip = ["slack"] if settings.slack_bot_token else []  # a running service sends those
    try:
        network_id, person_id = await _whoami(engine, args.as_email, args.network)
        await run_console(make_sessionmaker(engine), network_id, person_id, args.lang, sys.stdin, sys.stdout, skip,
                          settings.public_url)
    finally:
        await engine.dispose()
    return 0


async def cmd_run(args: argparse.Namespace) -> int:
    from bot.config import Settings
    from bot.service import serve

    settings = Settings.from_env()
    if args.db:
        settings = Settings(**{**settings.__dict__, "database_url": args.db})
    await serve(settings)
    return 0
