"""`digibot run` with SMTP_HOST set: e-mail is a channel like Slack. The delivery worker sends an e-mail
person's announcement to the SMTP server, with a one-click read link the service's own web app answers."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import aiohttp
from sqlalchemy import select

from bot.channels import enabled_channels
from bot.config import Settings
from bot.service import serve
from messages.i18n import t
from messages.model import Button, Message
from storage import outbox
from storage.db import make_engine, make_sessionmaker
from storage.models import Person
from tests.fixtures.slack.harness import KARI_EMAIL, load_network
from tests.service_up import free_port, wait_until_up
from tests.smtp_server import LocalSmtp
from tests.testbot_inbox import from_mail


def test_email_is_on_when_smtp_host_is_set() -> None:
    assert enabled_channels(Settings()) == ()
    assert enabled_channels(Settings(smtp_host="smtp.example.no", secret_key="k")) == ("email",)
    assert enabled_channels(Settings(smtp_host="smtp.example.no", slack_bot_token="x", slack_signing_secret="y")) \
        == ("slack", "email")


async def test_digibot_run_delivers_email_and_serves_its_links(db_url: str) -> None:
    async with LocalSmtp() as smtp:
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        settings = Settings(database_url=db_url, host="127.0.0.1", port=port, network="digitest",
                            smtp_host="127.0.0.1", smtp_port=smtp.port, smtp_tls="none",
                            mail_from="Digi Test <post@digitest.no>", secret_key="service secret", public_url=base,
                            log_level="WARNING")
        stop = asyncio.Event()
        service = asyncio.create_task(serve(settings, stop))
        try:
            await wait_until_up(f"{base}/healthz")
            engine = make_engine(db_url)
            try:
                sessions = make_sessionmaker(engine)
                await load_network(sessions)
                async with sessions() as session:
                    kari = await session.scalar(select(Person).where(Person.email == KARI_EMAIL))
                    assert kari is not None
                    now = datetime.now(UTC)
                    message = Message(title="Ny avtale", text="Les før møtet.",
                                      buttons=[Button("Lest", "announcement_read", "1")])
                    await outbox.enqueue(session, "digitest", [outbox.Planned(
                        key=f"announcement:1:{kari.email}", kind="announcement", person_id=kari.id,
                        recipient=kari.email, channel="email", lang="nb", message=message, due_at=now)], now)
                    await session.commit()
            finally:
                await engine.dispose()
            async with asyncio.timeout(20):
                while not smtp.received:
                    await asyncio.sleep(0.05)
            mail = from_mail(smtp.received[0].mail)
            link = mail.links["Lest"]
            assert link.startswith(f"{base}/email/answer/")
            async with aiohttp.ClientSession() as http:
                async with http.get(link) as page:
                    assert page.status == 200 and t("nb", "email_page_confirm_title") in await page.text()
                async with http.post(link) as done:
                    # the announcement row is not one of announcement 1's (made by hand): nothing to confirm
                    assert done.status == 200 and t("nb", "ann_read_not_recipient") in await done.text()
                async with http.post(link) as again:
                    assert again.status == 409
        finally:
            stop.set()
            await asyncio.wait_for(service, 20)
    assert smtp.received[0].recipients == [KARI_EMAIL]
