"""Bounces that come back by mail after the SMTP server had accepted a mail (RFC 3464 delivery status
notifications). Each mail's return path names its outbox row, signed (VERP, BOUNCE_ADDRESS); a receiving
server that cannot deliver sends a report there, and the bounce receiver (aiosmtpd) writes it on the row:
the secretariat's report says why in their language. Anyone can send mail to the receiver, so forged,
unknown and garbled mail must change nothing.

Mails go through the real sender to a real SMTP server on loopback (tests/smtp_server.py); bounces are
built the way Postfix builds them and sent to the receiver over SMTP (tests/bounce_mail.py).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage

import aiosmtplib
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.channels.email import EmailPlatform
from bot.channels.email.bounces import BounceHandler, BounceReceiver
from bot.channels.email.dsn import read_dsn
from bot.channels.email.sender import EmailSender, SmtpConfig
from bot.channels.email.verp import Forged, NotOurs, Verp
from bot.config import Settings
from bot.delivery.metrics import DeliveryMetrics
from bot.delivery.worker import DeliveryWorker
from messages.delivery_status import reason_text
from messages.i18n import catalog, t
from messages.model import Message
from storage import outbox
from storage.db import make_engine, make_sessionmaker
from storage.models_notify import Announcement, OutboxMessage
from tests.bounce_mail import dsn, out_of_office, send_bounce
from tests.fixtures.slack.harness import KARI_EMAIL, NETWORK_ID, load_network
from tests.smtp_server import LocalSmtp, Received
from tests.test_email_sender import delivery
from tests.test_stories import INGRID, NETWORK
from tests.testbot import MAIL_FROM, TestBot

SECRET = "bounce test secret"
VERP = Verp("bounces@digibot.example", SECRET)
KARI_N = "kari.nordmann@rana.kommune.no"
USER_UNKNOWN = ("smtp; 550 5.1.1 <kari.nordmann@rana.kommune.no>: Recipient address rejected: User unknown in "
                "virtual mailbox table")


def utcnow() -> datetime:
    return datetime.now(UTC)


def sender_to(smtp: LocalSmtp, clock: Callable[[], datetime] = utcnow, verp: Verp | None = VERP) -> EmailSender:
    config = SmtpConfig(host="127.0.0.1", port=smtp.port, tls="none", mail_from=MAIL_FROM, timeout=5)
    return EmailSender(config, clock=clock, verp=verp)


async def deliver_due(sessions: async_sessionmaker[AsyncSession], sender: EmailSender,
                      clock: Callable[[], datetime] = utcnow) -> None:
    """The delivery worker, with the e-mail channel as `digibot run` opens it when BOUNCE_ADDRESS is set."""
    worker = DeliveryWorker(sessions, {"email": sender}, worker_id="bounces", clock=clock, concurrency=1,
                            metrics=DeliveryMetrics())
    try:
        while await worker.run_once():
            pass
    finally:
        await sender.close()


async def row_of(sessions: async_sessionmaker[AsyncSession], row_id: int) -> OutboxMessage:
    async with sessions() as session:
        row = await session.get(OutboxMessage, row_id)
    assert row is not None
    return row


# --------------------------------------------------------------------------- the story


async def test_a_mail_that_bounces_later_fails_and_the_secretariat_reads_why(bot: TestBot) -> None:
    """Ingrid's announcement to Kari Nordmann is accepted by the SMTP server; an hour later Rana's mail server
    reports that the mailbox does not exist. The row is failed with the reason, and Ingrid's report says so."""
    await bot.load(NETWORK)
    bot.person(KARI_N, channel="email")
    ingrid = bot.person(INGRID, channel="console")
    assert bot.smtp is not None
    async with bot.smtp, await BounceReceiver(BounceHandler(VERP, bot.sessions), "127.0.0.1", 0).start() as receiver:
        await bot.at("2026-03-04T10:00")
        await bot.announce(ingrid, "Les den nye avtalen før møtet.", {"roles": ["chief_executive"]},
                           title="Ny samarbeidsavtale")
        await bot.run_planner()
        await deliver_due(bot.sessions, sender_to(bot.smtp, bot.now), bot.now)
        # Kari also gets the open calls for interest; this story is about the announcement's mail
        [sent] = [r for r in bot.smtp.received
                  if r.recipients == [KARI_N] and "Ny samarbeidsavtale" in r.mail["Subject"]]
        async with bot.sessions() as session:
            row = await session.scalar(select(OutboxMessage).where(OutboxMessage.recipient == KARI_N,
                                                                   OutboxMessage.kind == "announcement"))
            announcement_id = await session.scalar(select(Announcement.id))
        assert row is not None and row.status == "sent"
        assert sent.sender == VERP.address(row.id) == f"bounces+b{row.id}.{VERP.signature(row.id)}@digibot.example"

        await send_bounce(dsn(sent.mail, action="failed", status="5.1.1", diagnostic=USER_UNKNOWN,
                              return_path=sent.sender), to=sent.sender, port=receiver.port)

    row = await row_of(bot.sessions, row.id)
    assert row.status == "failed"
    assert row.last_error == ("bounced: 5.1.1 550 5.1.1 <kari.nordmann@rana.kommune.no>: Recipient address "
                              "rejected: User unknown in virtual mailbox table")
    report = await ingrid.says(f"rapport {announcement_id}")
    assert "Feilet for 1: e-postadressen finnes ikke (e-posten kom i retur, 5.1.1)" in report.text


# --------------------------------------------------------------------------- one sent row, many kinds of mail


@dataclass
class World:
    sessions: async_sessionmaker[AsyncSession]
    smtp: LocalSmtp
    receiver: BounceReceiver
    row_id: int

    @property
    def sent(self) -> Received:
        return self.smtp.received[-1]

    async def bounce(self, raw: bytes, to: str | None = None) -> None:
        await send_bounce(raw, to=to or self.sent.sender, port=self.receiver.port)


async def enqueue(sessions: async_sessionmaker[AsyncSession], key: str, channel: str = "email") -> int:
    now = datetime.now(UTC)
    async with sessions() as session:
        await outbox.enqueue(session, NETWORK_ID, [outbox.Planned(
            key=key, kind="reminder", person_id=None, recipient=KARI_EMAIL, channel=channel, lang="nb",
            message=Message(title="Frist om 1 dag", text="Husk søknaden."), due_at=now)], now)
        await session.commit()
        row_id = await session.scalar(select(OutboxMessage.id).where(OutboxMessage.key == key))
    assert row_id is not None
    return row_id


@pytest.fixture
async def world(sessions: async_sessionmaker[AsyncSession]) -> AsyncIterator[World]:
    """Kari's reminder, sent and accepted; the bounce receiver listening."""
    await load_network(sessions)
    row_id = await enqueue(sessions, "reminder:1")
    async with LocalSmtp() as smtp, await BounceReceiver(BounceHandler(VERP, sessions), "127.0.0.1", 0).start() as rx:
        await deliver_due(sessions, sender_to(smtp))
        assert (await row_of(sessions, row_id)).status == "sent"
        yield World(sessions, smtp, rx, row_id)


async def test_a_delayed_mail_stays_sent_with_a_note(world: World) -> None:
    await world.bounce(dsn(world.sent.mail, action="delayed", status="4.4.1",
                           diagnostic="X-Postfix; connect to mail.askoy.kommune.no[10.0.0.7]:25: Connection timed out"))
    row = await row_of(world.sessions, world.row_id)
    assert (row.status, row.last_error) == ("sent", None)
    assert row.status_text == ("delayed: 4.4.1 connect to mail.askoy.kommune.no[10.0.0.7]:25: Connection timed out")
    assert reason_text(row.status_text, "nn") == ("e-posten er forseinka, e-postserveren til mottakaren prøver igjen "
                                                  "(4.4.1)")

    await world.bounce(dsn(world.sent.mail, action="failed", status="5.2.2",  # five days later it gives up
                           diagnostic="smtp; 552 5.2.2 Mailbox full"))
    row = await row_of(world.sessions, world.row_id)
    assert (row.status, row.last_error) == ("failed", "bounced: 5.2.2 552 5.2.2 Mailbox full")
    assert reason_text(row.last_error, "en") == "the recipient's mailbox is full (5.2.2)"


async def test_forged_unknown_and_garbled_mail_changes_nothing(world: World, caplog: pytest.LogCaptureFixture) -> None:
    console_row = await enqueue(world.sessions, "reminder:console", channel="console")
    failed = dsn(world.sent.mail, action="failed", status="5.1.1", diagnostic=USER_UNKNOWN)
    forged_signature = f"bounces+b{world.row_id}.{'0' * 12}@digibot.example"
    another_key = Verp("bounces@digibot.example", "someone else's key").address(world.row_id)
    cases = [
        (failed, forged_signature),  # a forged return path: the row id without its signature
        (failed, another_key),  # signed with another key
        (failed, VERP.bare),  # the bare bounce address names no row
        (failed, VERP.address(world.row_id + 1000)),  # signed, but no such row
        (failed, VERP.address(console_row)),  # signed, but not an e-mail row
        (out_of_office(world.sent.sender), world.sent.sender),  # a reply, not a report
        (dsn(world.sent.mail, action="delivered", status="2.0.0", diagnostic="smtp; 250 2.0.0 OK"), world.sent.sender),
        (b"\x00\xff garbage \r\n\r\n--\r\nContent-Type: multipart/report\r\n", world.sent.sender),
        (failed.replace(b"Status: 5.1.1", b"Status: soon"), world.sent.sender),  # a report without a status code
        (failed.replace(b"message/delivery-status", b"text/plain"), world.sent.sender),
    ]
    with caplog.at_level(logging.INFO, logger="bot.channels.email.bounces"):
        for raw, to in cases:
            await world.bounce(raw, to=to)  # accepted: 250, or aiosmtplib would raise
    row = await row_of(world.sessions, world.row_id)
    assert (row.status, row.last_error, row.status_text) == ("sent", None, None)
    assert (await row_of(world.sessions, console_row)).status == "pending"
    ignored = [r.getMessage() for r in caplog.records if "ignored a mail" in r.getMessage()]
    assert len(ignored) == len(cases)
    assert sum("not a return path of ours" in line for line in ignored) == 3
    assert sum("not a delivery status notification" in line for line in ignored) == 5


async def test_mail_for_anyone_else_is_refused_at_the_door(world: World) -> None:
    raw = dsn(world.sent.mail, action="failed", status="5.1.1", diagnostic=USER_UNKNOWN)
    for stranger in ("kari.koordinator@askoy.kommune.no", "bounces+b1.abc@elsewhere.example",
                     "postmaster@digibot.example"):
        with pytest.raises(aiosmtplib.SMTPRecipientsRefused):
            await world.bounce(raw, to=stranger)
    assert (await row_of(world.sessions, world.row_id)).status == "sent"


# --------------------------------------------------------------------------- the pieces


async def test_the_return_path_is_the_rows_signed_address_and_without_bounce_address_mail_from() -> None:
    async with LocalSmtp() as smtp:
        with_verp, without = sender_to(smtp), sender_to(smtp, verp=None)
        await with_verp.send(delivery())  # outbox row 7
        await without.send(delivery())
        await with_verp.close()
        await without.close()
    assert [r.sender for r in smtp.received] == [f"bounces+b7.{VERP.signature(7)}@digibot.example", "post@digikyst.no"]


def test_a_return_path_is_read_back_only_when_signed_by_this_bot() -> None:
    address = VERP.address(42)
    assert VERP.row_id(address) == VERP.row_id(address.upper()) == VERP.row_id(f"<{address}>") == 42
    assert len(VERP.signature(42)) == 12 and VERP.signature(42) != VERP.signature(43)
    for forged in (VERP.bare, address.replace("b42.", "b43."), "bounces+b42@digibot.example",
                   "bounces+x@digibot.example"):
        with pytest.raises(Forged):
            VERP.row_id(forged)
    for foreign in ("kari@digibot.example", "bounces+b42.abc@other.example", "not an address"):
        with pytest.raises(NotOurs):
            VERP.row_id(foreign)
    with pytest.raises(ValueError, match="BOUNCE_ADDRESS"):
        Verp("bounces+x@digibot.example", SECRET)


def test_return_paths_need_the_bounce_address_and_the_secret_key(monkeypatch: pytest.MonkeyPatch) -> None:
    assert EmailPlatform.from_settings(Settings(smtp_host="smtp.example.no", secret_key="k")).verp is None
    assert EmailPlatform.from_settings(Settings(smtp_host="smtp.example.no", bounce_address="b@x.no")).verp is None
    platform = EmailPlatform.from_settings(Settings(smtp_host="smtp.example.no", bounce_address="b@x.no",
                                                    secret_key="k"))
    assert platform.verp is not None and platform.sender.verp is platform.verp
    for name, value in {"BOUNCE_ADDRESS": "bounces@digibot.example", "BOUNCE_SMTP_PORT": "2525"}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("BOUNCE_SMTP_HOST", raising=False)
    settings = Settings.from_env()
    assert (settings.bounce_address, settings.bounce_smtp_host, settings.bounce_smtp_port) == (
        "bounces@digibot.example", "127.0.0.1", 2525)


@pytest.mark.parametrize(("raw", "en"), [
    ("bounced: 5.1.1 550 5.1.1 <kari@rana.kommune.no>: User unknown",
     "the e-mail address does not exist (the mail bounced, 5.1.1)"),
    ("bounced: 5.1.2 Host or domain name not found", "the e-mail address does not exist (the mail bounced, 5.1.2)"),
    ("bounced: 5.7.1 550 5.7.1 Message rejected as spam", "the recipient's mail server refused the mail (5.7.1)"),
    ("bounced: 4.4.7 Delivery time expired", "the mail bounced (4.4.7)"),
    ("delayed: 4.4.1 Connection timed out", "the mail is delayed; the recipient's mail server keeps trying (4.4.1)"),
])
def test_bounce_reasons_read_as_words_in_every_language(raw: str, en: str) -> None:
    assert reason_text(raw, "en") == en
    for key in ("dr_mail_no_address", "dr_mail_full", "dr_mail_refused", "dr_mail_bounced", "dr_mail_delayed"):
        assert set(catalog()[key]) == {"nb", "nn", "en"}
    assert reason_text(raw, "nb") != reason_text(raw, "en") and "{" not in reason_text(raw, "nn")
    assert t("nb", "dr_mail_bounced", code="5.4.4") == "e-posten kom i retur (5.4.4)"


async def test_a_bounce_is_answered_try_later_while_the_database_is_down() -> None:
    """The sending server keeps the bounce and tries again, rather than it being lost."""
    engine = make_engine("postgresql://digibot@127.0.0.1:1/nowhere")  # nothing listens on port 1
    try:
        receiver = BounceReceiver(BounceHandler(VERP, make_sessionmaker(engine)), "127.0.0.1", 0)
        async with LocalSmtp() as smtp, receiver:
            sender = sender_to(smtp)
            await sender.send(delivery())
            await sender.close()
            sent = smtp.received[0]
            with pytest.raises(aiosmtplib.SMTPDataError) as refused:
                await send_bounce(dsn(sent.mail, action="failed", status="5.1.1", diagnostic=USER_UNKNOWN),
                                  to=sent.sender, port=receiver.port)
    finally:
        await engine.dispose()
    assert refused.value.code == 451


@pytest.mark.parametrize("whole", [False, True])
def test_a_report_is_read_with_its_status_the_servers_words_and_the_returned_message_id(whole: bool) -> None:
    original = EmailMessage()
    original["From"], original["To"], original["Message-ID"] = MAIL_FROM, KARI_N, "<reminder.4f2a@digikyst.no>"
    original.set_content("Husk søknaden.")
    raw = dsn(original, action="failed", status="5.1.10", whole=whole,
              diagnostic="smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup")
    notice = read_dsn(raw)
    assert (notice.outcome, notice.status, notice.recipient, notice.message_id) == (
        "bounced", "5.1.10", KARI_N, "<reminder.4f2a@digikyst.no>")
    assert notice.reason == ("bounced: 5.1.10 550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by "
                             "SMTP address lookup")
