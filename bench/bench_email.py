"""E-mail benchmark: a weekly digest to 5,000 people through a local SMTP server (aiosmtpd).

    .venv/bin/python -m bench.bench_email [--people 5000] [--runs 1] [--connections 4] [--db URL]

The SMTP server (tests/smtp_server.py) runs in a child process on loopback, so the figures are the bot's:
the production delivery worker (bot/delivery) with the e-mail channel's sender (bot/channels/email:
multipart text + HTML from the Jinja2 templates, a signed unsubscribe link and List-Unsubscribe headers
per mail, pooled SMTP sessions), on a fresh SQLite file unless --db names a database.

Figures:
- messages/s: mails the server accepted per second, first claim to last acceptance;
- lost / duplicated: people without a mail / extra mails, from the server's record of recipients;
- mail size: the mean size of one digest as sent;
- peak memory: the bench process's peak RSS (the SMTP server runs in its own process).
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import statistics
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from bench.bench_questions import emit, rss_mb
from bot.channels.email.links import LinkMaker
from bot.channels.email.sender import EmailSender, SmtpConfig
from bot.delivery.metrics import DeliveryMetrics
from bot.delivery.worker import DeliveryWorker
from messages.model import Field, Message
from storage import outbox
from storage.db import make_engine, make_sessionmaker
from storage.migrate import upgrade
from storage.models import Network, Organization, Person
from storage.models_notify import OutboxMessage
from tests.smtp_server import LocalSmtp

LANGS = ("nb", "nn", "en")

# --- the SMTP server, in its own process ---------------------------------------------------------------


def _server_process(conn: Connection) -> None:
    asyncio.run(_server_main(conn))


async def _server_main(conn: Connection) -> None:
    loop = asyncio.get_running_loop()
    recipients: Counter[str] = Counter()
    async with LocalSmtp(keep=False) as smtp:
        handle = smtp.handler.handle_DATA

        async def counting(server: Any, session: Any, envelope: Any) -> str:
            reply = await handle(server, session, envelope)
            recipients.update(a.lower() for a in envelope.rcpt_tos)
            return reply

        smtp.handler.handle_DATA = counting  # type: ignore[method-assign]
        conn.send(smtp.port)
        while True:
            command = await loop.run_in_executor(None, conn.recv)
            if command == "stop":
                conn.send(None)
                return
            if command == "reset":
                recipients.clear()
                smtp.handler.count = smtp.handler.bytes = 0
                conn.send(None)
            elif command == "record":
                conn.send({"recipients": dict(recipients), "count": smtp.handler.count, "bytes": smtp.handler.bytes,
                           "connections": smtp.connections, "at": time.time()})


class Server:
    def __init__(self) -> None:
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_server_process, args=(child,), daemon=True)
        self.process.start()
        self.port: int = self.conn.recv()

    async def ask(self, message: str) -> Any:
        def roundtrip() -> Any:
            self.conn.send(message)
            return self.conn.recv()

        return await asyncio.to_thread(roundtrip)

    async def close(self) -> None:
        await self.ask("stop")
        self.process.join(timeout=10)


# --- database and run ----------------------------------------------------------------------------------


async def seed(sessions: Any, n: int) -> tuple[str, list[tuple[int, str, str]]]:
    network = f"bench-{uuid.uuid4().hex[:8]}"
    async with sessions() as s:
        s.add(Network(id=network, name="Benchnett"))
        await s.flush()
        org = Organization(network_id=network, key="4601", name="Bergen")
        s.add(org)
        await s.flush()
        people = [Person(network_id=network, email=f"p{i}@{network}.no", name=f"Person {i}", organization_id=org.id,
                         channel="email", digest="weekly", language=LANGS[i % 3]) for i in range(n)]
        s.add_all(people)
        await s.commit()
        return network, [(p.id, p.email, LANGS[i % 3]) for i, p in enumerate(people)]


def digest(lang: str, n: int) -> Message:
    """A digest of the usual size: two deadlines, two meetings, an announcement, a status change."""
    return Message(
        title=f"Oppsummering for uke 49 ({lang})",
        text="Dette skjer de neste 14 dagene i Digi Vestland.",
        fields=[Field("Frister", "2"), Field("Møter", "2")],
        items=[f"Frist 4. desember 2026 kl. 12.00: Rapportering til Statsforvaltaren #{n}",
               "Frist 11. desember 2026 kl. 15.00: Søknad til Ærøy-fondet",
               "Møte 8. desember 2026 kl. 09.00–11.30: Styringsgruppemøte, Bergen rådhus",
               "Møte 15. desember 2026 kl. 13.00–14.00: Faggruppe velferdsteknologi (Teams)",
               "Kunngjøring: Ny samarbeidsavtale for 2027 – les før møtet",
               "Prosjekt «Felles journal» er endret fra planlagt til aktiv"],
        context="Du får denne oppsummeringen hver mandag.",
    )


async def enqueue(sessions: Any, network: str, people: list[tuple[int, str, str]]) -> None:
    tag, now = uuid.uuid4().hex[:8], datetime.now(UTC)
    plan = [outbox.Planned(key=f"digest:{tag}:{email}", kind="digest", person_id=pid, recipient=email,
                           channel="email", lang=lang, message=digest(lang, pid), due_at=now)
            for pid, email, lang in people]
    async with sessions() as s:
        for start in range(0, len(plan), 1000):
            await outbox.enqueue(s, network, plan[start:start + 1000], now)
        await s.commit()


async def settled(sessions: Any, network: str) -> int:
    async with sessions() as s:
        return int(await s.scalar(select(func.count()).where(
            OutboxMessage.network_id == network, OutboxMessage.status.in_(["sent", "failed"]))) or 0)


@dataclass
class Run:
    seconds: float
    sent: int
    lost: int
    duplicated: int
    mean_bytes: float
    connections: int


async def send_all(sessions: Any, server: Server, network: str, people: list[tuple[int, str, str]],
                   connections: int) -> Run:
    await server.ask("reset")
    await enqueue(sessions, network, people)
    config = SmtpConfig(host="127.0.0.1", port=server.port, tls="none", mail_from="Digi Vestland <post@digi.no>",
                        max_connections=connections)
    sender = EmailSender(config, LinkMaker("bench secret", "https://digibot.example.no", lambda: datetime.now(UTC)))
    worker = DeliveryWorker(sessions, {"email": sender}, metrics=DeliveryMetrics())
    stop = asyncio.Event()
    started = time.time()
    task = asyncio.create_task(worker.run_forever(stop, idle_sleep=0.05))
    try:
        async with asyncio.timeout(600):
            while await settled(sessions, network) < len(people):
                await asyncio.sleep(0.2)
    finally:
        stop.set()
        await task
        await sender.close()
    record = await server.ask("record")
    got = Counter(record["recipients"])
    wanted = {email.lower() for _, email, _ in people}
    return Run(seconds=record["at"] - started if record["count"] else 0.0, sent=record["count"],
               lost=len(wanted - set(got)), duplicated=sum(c - 1 for c in got.values() if c > 1),
               mean_bytes=record["bytes"] / max(1, record["count"]), connections=record["connections"])


async def bench(args: argparse.Namespace) -> list[tuple[str, str, str, bool | None]]:
    tmp = tempfile.TemporaryDirectory()
    url = args.db or f"sqlite:///{Path(tmp.name) / 'bench.sqlite3'}"
    engine = make_engine(url)
    await upgrade(engine)
    sessions = make_sessionmaker(engine)
    server = Server()
    try:
        network, people = await seed(sessions, args.people)
        rss_before = rss_mb()
        runs = []
        for _ in range(args.runs):
            runs.append(await send_all(sessions, server, network, people, args.connections))
            async with sessions() as s:  # the next run's digests are new rows
                await s.execute(OutboxMessage.__table__.delete().where(OutboxMessage.network_id == network))
                await s.commit()
    finally:
        await server.close()
        await engine.dispose()
        tmp.cleanup()
    med = statistics.median
    backend = "PostgreSQL" if url.startswith("postgres") else "SQLite"
    print(f"weekly digest to {args.people:,} people by e-mail through aiosmtpd on loopback (own process), "
          f"{args.connections} SMTP sessions, {backend}; {args.runs} run(s), medians over runs\n")
    rate = med(r.sent / r.seconds for r in runs if r.seconds) if any(r.seconds for r in runs) else 0.0
    lost, duplicated = max(r.lost for r in runs), max(r.duplicated for r in runs)
    return [
        ("messages/s", f"{rate:,.0f} ({med(r.seconds for r in runs):.1f} s for {args.people:,})", "", None),
        ("mails lost", str(lost), "0", lost == 0),
        ("mails duplicated", str(duplicated), "0", duplicated == 0),
        ("mail size", f"{med(r.mean_bytes for r in runs) / 1024:.1f} KB (text + HTML, signed link)", "", None),
        ("SMTP sessions opened", str(max(r.connections for r in runs)), "", None),
        ("peak RSS", f"{rss_mb():.0f} MB (before the digests {rss_before:.0f} MB)", "", None),
    ]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--people", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--connections", type=int, default=4, help="SMTP sessions at once")
    parser.add_argument("--db", help="database URL (default: a fresh SQLite file)")
    args = parser.parse_args(argv)
    rows = asyncio.run(bench(args))
    emit("email", rows, command="python -m bench.bench_email")


if __name__ == "__main__":
    main()
