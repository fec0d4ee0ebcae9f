"""The e-mail channel's sender: an outbox row becomes a mail (mime.py) sent over SMTP with aiosmtplib.

Connections: up to `max_connections` SMTP sessions are kept open and reused (STARTTLS or implicit TLS and
AUTH as the settings say, done once per session); a session is closed after `per_connection` mails or on
any error, and a pooled session the server has meanwhile dropped is replaced once, without costing the
row an attempt.

Outcomes (recorded on the outbox row by the delivery worker): accepted → sent, the platform id is the
mail's Message-ID; a 4xx reply (greylisting, mailbox busy, too many connections) → `RetryLater` with the
worker's backoff; a 5xx reply (no such user, message refused) → `PermanentFailure` with the server's
words; no connection (refused, timed out, dropped, TLS or login trouble, a 530/535 about the session
rather than the mail) → `RetryLater`.

Bounces that arrive later by mail are read by bounces.py: with BOUNCE_ADDRESS set, each mail's envelope
sender (its return path) is the VERP address of its outbox row (verp.py), else MAIL_FROM's address.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parseaddr

import aiosmtplib

from bot.channels.base import Delivery, PermanentFailure, RetryLater
from bot.channels.email.links import LinkMaker
from bot.channels.email.mime import build_mail, wire_bytes
from bot.channels.email.verp import Verp
from bot.config import Settings

TLS_MODES = ("starttls", "tls", "none")
DEFAULT_PORTS = {"starttls": 587, "tls": 465, "none": 25}
# 5xx replies about our session, not the mail: authentication required (530, e.g. "Must issue a STARTTLS
# command first"), too weak (534), refused (535), encryption required (538). Retried, not failed.
SETTINGS_REFUSED = frozenset({530, 534, 535, 538})


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int
    tls: str = "starttls"  # starttls | tls | none
    username: str | None = None
    password: str | None = None
    mail_from: str = "digibot <noreply@digibot.invalid>"
    timeout: float = 30.0
    max_connections: int = 4
    per_connection: int = 200  # mails per SMTP session before it is renewed
    ca_file: str | None = None  # trust this CA bundle instead of the system's (a private relay, tests)

    @classmethod
    def from_settings(cls, settings: Settings) -> SmtpConfig:
        tls = settings.smtp_tls if settings.smtp_tls in TLS_MODES else "starttls"
        return cls(host=settings.smtp_host or "localhost", port=settings.smtp_port or DEFAULT_PORTS[tls], tls=tls,
                   username=settings.smtp_username, password=settings.smtp_password,
                   mail_from=settings.mail_from or f"digibot <{settings.calendar_organizer}>")

    @property
    def envelope_from(self) -> str:
        return parseaddr(self.mail_from)[1]

    def client(self) -> aiosmtplib.SMTP:
        """A client for one session (not connected; `_open` logs in after STARTTLS, with a fresh EHLO)."""
        return aiosmtplib.SMTP(hostname=self.host, port=self.port, use_tls=self.tls == "tls",
                               start_tls=True if self.tls == "starttls" else False, timeout=self.timeout,
                               cert_bundle=self.ca_file)


def _reply(exc: aiosmtplib.SMTPResponseException) -> str:
    return f"SMTP {exc.code} {' '.join(str(exc.message).split())}"[:300]


def classify(exc: Exception) -> RetryLater | PermanentFailure:
    """What an SMTP error means for the row: 4xx and no connection are retried, 5xx are final."""
    if isinstance(exc, aiosmtplib.SMTPRecipientsRefused) and exc.recipients:
        exc = exc.recipients[0]
    if isinstance(exc, aiosmtplib.SMTPConnectError | aiosmtplib.SMTPServerDisconnected | aiosmtplib.SMTPTimeoutError
                  | aiosmtplib.SMTPNotSupported):
        return RetryLater(None, f"SMTP server not reachable: {type(exc).__name__}: {exc}"[:300])
    if isinstance(exc, aiosmtplib.SMTPAuthenticationError) or (
            isinstance(exc, aiosmtplib.SMTPResponseException) and exc.code in SETTINGS_REFUSED):
        return RetryLater(None, f"SMTP login refused: {_reply(exc)}")  # our settings: keep the rows for a fix
    if isinstance(exc, aiosmtplib.SMTPResponseException):
        if 400 <= exc.code < 500:
            return RetryLater(None, _reply(exc))
        if exc.code >= 500:
            return PermanentFailure(_reply(exc))
    return RetryLater(None, f"{type(exc).__name__}: {exc}"[:300])


@dataclass
class _Session:
    client: aiosmtplib.SMTP
    sent: int = 0


class EmailSender:
    """Sends each delivery as one mail to the person's address."""

    def __init__(self, config: SmtpConfig, links: LinkMaker | None = None,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC), *, verp: Verp | None = None) -> None:
        self.config = config
        self.links = links
        self.clock = clock
        self.verp = verp
        self._idle: list[_Session] = []
        self._slots = asyncio.Semaphore(config.max_connections)

    async def send(self, delivery: Delivery) -> str | None:
        address = parseaddr(delivery.recipient)[1]
        if "@" not in address:
            raise PermanentFailure(f"no e-mail address ({delivery.recipient!r})")
        mail = build_mail(delivery, mail_from=self.config.mail_from, links=self.links, now=self.clock())
        raw = wire_bytes(mail, address)
        try:
            await self._send(raw, self.return_path(delivery), address)
        except (aiosmtplib.SMTPException, OSError) as exc:
            raise classify(exc) from exc
        return str(mail["Message-ID"])

    def return_path(self, delivery: Delivery) -> str:
        """The envelope sender, where bounces go: the row's VERP address, else MAIL_FROM's address."""
        return self.verp.address(delivery.id) if self.verp is not None else self.config.envelope_from

    async def _send(self, raw: bytes, sender: str, address: str) -> None:
        async with self._slots:
            session = self._idle.pop() if self._idle else None
            if session is not None:  # a pooled session may have been dropped by the server meanwhile
                try:
                    await self._deliver(session, raw, sender, address)
                    return
                except aiosmtplib.SMTPServerDisconnected:
                    pass
            await self._deliver(await self._open(), raw, sender, address)

    async def _open(self) -> _Session:
        client = self.config.client()
        await client.connect()
        try:
            if self.config.username:
                await client.login(self.config.username, self.config.password or "")
        except BaseException:
            client.close()
            raise
        return _Session(client)

    async def _deliver(self, session: _Session, raw: bytes, sender: str, address: str) -> None:
        try:
            await session.client.sendmail(sender, [address], raw)
        except BaseException:
            await self._close(session)
            raise
        session.sent += 1
        if session.sent >= self.config.per_connection or not session.client.is_connected:
            await self._close(session)
        else:
            self._idle.append(session)

    @staticmethod
    async def _close(session: _Session) -> None:
        with suppress(Exception):
            if session.client.is_connected:
                await asyncio.wait_for(session.client.quit(), timeout=5)
        session.client.close()

    async def close(self) -> None:
        idle, self._idle = self._idle, []
        for session in idle:
            await self._close(session)


@asynccontextmanager
async def email_sender(config: SmtpConfig, links: LinkMaker | None = None,
                       verp: Verp | None = None) -> AsyncIterator[EmailSender]:
    sender = EmailSender(config, links, verp=verp)
    try:
        yield sender
    finally:
        await sender.close()
