"""`digibot run` with BOUNCE_ADDRESS and BOUNCE_SMTP_PORT set: mails go out with their row's signed return
path, and the bounce receiver the service started takes the report a receiving server sends back later."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from bot.channels.email import EmailPlatform
from bot.channels.email.bounces import start_bounce_receiver
from bot.config import Settings
from bot.service import serve
from messages.model import Message
from storage import outbox
from storage.db import make_engine, make_sessionmaker
from storage.models_notify import OutboxMessage
from tests.bounce_mail import dsn, send_bounce
from tests.fixtures.slack.harness import KARI_EMAIL, load_network
from tests.service_up import free_port, wait_until_up
from tests.smtp_server import LocalSmtp

USER_UNKNOWN = f"smtp; 550 5.1.1 <{KARI_EMAIL}>: Recipient address rejected: User unknown"


async def test_digibot_run_starts_the_bounce_receiver_and_a_bounce_fails_the_row(db_url: str) -> None:
    async with LocalSmtp() as smtp:
        port, bounce_port = free_port(), free_port()
        settings = Settings(database_url=db_url, host="127.0.0.1", port=port, network="digitest",
                            smtp_host="127.0.0.1", smtp_port=smtp.port, smtp_tls="none",
                            mail_from="Digi Test <post@digitest.no>", secret_key="service secret",
                            public_url=f"http://127.0.0.1:{port}", bounce_address="bounces@digitest.no",
                            bounce_smtp_port=bounce_port, log_level="WARNING")
        stop = asyncio.Event()
        service = asyncio.create_task(serve(settings, stop))
        engine = make_engine(db_url)
        try:
            await wait_until_up(f"http://127.0.0.1:{port}/healthz")
            sessions = make_sessionmaker(engine)
            await load_network(sessions)
            async with sessions() as session:
                now = datetime.now(UTC)
                await outbox.enqueue(session, "digitest", [outbox.Planned(
                    key="reminder:bounce", kind="reminder", person_id=None, recipient=KARI_EMAIL, channel="email",
                    lang="nb", message=Message(title="Frist om 1 dag", text="Husk søknaden."), due_at=now)], now)
                await session.commit()
            async with asyncio.timeout(20):
                while not smtp.received:
                    await asyncio.sleep(0.05)
            [sent] = smtp.received
            async with sessions() as session:
                row_id = await session.scalar(select(OutboxMessage.id).where(OutboxMessage.key == "reminder:bounce"))
            assert sent.sender.startswith(f"bounces+b{row_id}.") and sent.sender.endswith("@digitest.no")

            await send_bounce(dsn(sent.mail, action="failed", status="5.1.1", diagnostic=USER_UNKNOWN),
                              to=sent.sender, port=bounce_port)
            async with asyncio.timeout(20):
                while True:
                    async with sessions() as session:
                        row = await session.get(OutboxMessage, row_id)
                    if row is not None and row.status == "failed":
                        break
                    await asyncio.sleep(0.05)
            assert row.last_error == f"bounced: 5.1.1 {USER_UNKNOWN.removeprefix('smtp; ')}"
        finally:
            stop.set()
            await asyncio.wait_for(service, 20)
            await engine.dispose()
    with pytest.raises(OSError):  # stopped with the service
        await send_bounce(b"", to=sent.sender, port=bounce_port)


async def test_no_receiver_without_a_way_to_match_bounces(caplog: pytest.LogCaptureFixture) -> None:
    settings = Settings(smtp_host="127.0.0.1", bounce_smtp_port=free_port())  # no BOUNCE_ADDRESS, no key
    with caplog.at_level(logging.WARNING):
        assert await start_bounce_receiver(settings, EmailPlatform.from_settings(settings), None) is None  # type: ignore[arg-type]
        assert await start_bounce_receiver(settings, None, None) is None  # type: ignore[arg-type]
    assert "the bounce receiver is off" in caplog.text
