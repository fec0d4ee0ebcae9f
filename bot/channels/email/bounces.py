"""The bounce receiver: an SMTP server (aiosmtpd) that takes the delivery status notifications mail
servers send back to a mail's return path, and writes what they say on the mail's outbox row.

    receiver = await start_bounce_receiver(settings, platform, sessions)   # BOUNCE_SMTP_PORT set; else None
    ... receiver.port ...
    await receiver.close()

The return path is a VERP address (verp.py) naming the row, signed. Only our bounce mailbox is accepted
as a recipient (anything else: 550); every mail to it is accepted, then read:

    a permanent failure (Action: failed)   the row is failed with "bounced: <status> <diagnostic>", even if
                                           it was marked sent (storage/email_bounces.py)
    a delay (Action: delayed, 4.x.x)       a sent row keeps its status, with "delayed: <status> ..." as note
    a forged or bare address, a mail that is no report, garbage, a row that is not ours to change
                                           nothing changes; one log line says why

Nothing a sender can write makes the receiver fail or crash; if the database cannot be reached, the mail
is answered 451 so the sending server tries again later. Put it behind the organisation's MX (a transport
for the bounce address to BOUNCE_SMTP_HOST:BOUNCE_SMTP_PORT), on loopback or a private network: it does
no TLS and takes mail from anyone who can connect.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from aiosmtpd.smtp import SMTP as SmtpProtocol
from aiosmtpd.smtp import Envelope, Session
from sqlalchemy.exc import SQLAlchemyError

from bot.channels.email.dsn import BOUNCED, NotADsn, Notice, read_dsn
from bot.channels.email.verp import Forged, NotOurs, Verp
from storage.email_bounces import fail_bounced, note_delayed

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

    from bot.channels.email import EmailPlatform
    from bot.config import Settings

log = logging.getLogger(__name__)

MAX_BYTES = 10 * 1024 * 1024  # a report with the whole returned mail (attachments included) fits
ACCEPTED = "250 OK: bounce received"
NOT_HERE = "550 5.1.1 Not a bounce address of this server"
TRY_LATER = "451 4.3.0 Cannot record bounces right now, try again later"


@dataclass(frozen=True)
class Outcome:
    """What one bounce did (each is logged)."""

    address: str
    row_id: int | None
    changed: bool
    why: str  # "failed", "noted", or why nothing changed


class BounceHandler:
    """aiosmtpd's handler: RCPT only to our bounce mailbox, DATA read and recorded."""

    def __init__(self, verp: Verp, sessions: async_sessionmaker[AsyncSession]) -> None:
        self.verp = verp
        self.sessions = sessions

    async def handle_RCPT(self, server: SmtpProtocol, session: Session, envelope: Envelope,  # noqa: N802
                          address: str, rcpt_options: list[str]) -> str:
        if not self.verp.is_ours(address):
            log.info("bounce receiver: refused a mail to %s (not our bounce address)", address)
            return NOT_HERE
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SmtpProtocol, session: Session, envelope: Envelope) -> str:  # noqa: N802
        raw = envelope.original_content or envelope.content or b""
        try:
            for address in envelope.rcpt_tos:
                await self.receive(raw if isinstance(raw, bytes) else raw.encode(), address)
        except (SQLAlchemyError, OSError):
            log.exception("bounce receiver: could not record a bounce; the sending server will try again")
            return TRY_LATER
        except Exception:  # never a crash for what a stranger sent
            log.exception("bounce receiver: a bounce to %s could not be read; ignored", envelope.rcpt_tos)
        return ACCEPTED

    async def receive(self, raw: bytes, address: str) -> Outcome:
        """Read one mail sent to `address` and record it on the row the address names."""
        try:
            row_id = self.verp.row_id(address)
        except (NotOurs, Forged) as exc:
            return _ignored(address, None, f"not a return path of ours ({exc})")
        try:
            notice = read_dsn(raw)
        except NotADsn as exc:
            return _ignored(address, row_id, f"not a delivery status notification: {exc}")
        async with self.sessions() as session:
            if notice.outcome == BOUNCED:
                changed = await fail_bounced(session, row_id, notice.reason)
            else:
                changed = await note_delayed(session, row_id, notice.reason)
        if not changed:
            return _ignored(address, row_id, f"{notice.reason!r} for a row that is not a sent e-mail")
        return _recorded(address, row_id, notice)


def _ignored(address: str, row_id: int | None, why: str) -> Outcome:
    log.warning("bounce receiver: ignored a mail to %s: %s", address, why)
    return Outcome(address, row_id, False, why)


def _recorded(address: str, row_id: int, notice: Notice) -> Outcome:
    what = "failed" if notice.outcome == BOUNCED else "noted"
    log.info("bounce receiver: outbox row %d %s: %s (final recipient %s, message %s)", row_id, what,
             notice.reason, notice.recipient or "?", notice.message_id or "?")
    return Outcome(address, row_id, True, what)


class BounceReceiver:
    """The listening server (in this event loop)."""

    def __init__(self, handler: BounceHandler, host: str, port: int) -> None:
        self.handler, self.host, self.port = handler, host, port
        self.server: asyncio.Server | None = None

    def _protocol(self) -> SmtpProtocol:
        return SmtpProtocol(self.handler, hostname=self.handler.verp.domain, data_size_limit=MAX_BYTES,
                            enable_SMTPUTF8=True)

    async def start(self) -> BounceReceiver:
        self.server = await asyncio.get_running_loop().create_server(self._protocol, self.host, self.port)
        self.port = self.server.sockets[0].getsockname()[1]
        log.info("bounce receiver listening on %s:%d for %s", self.host, self.port, self.handler.verp.bare)
        return self

    async def __aenter__(self) -> BounceReceiver:
        return self if self.server is not None else await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def close(self) -> None:
        if self.server is not None:
            self.server.close()
            await self.server.wait_closed()
            self.server = None


async def start_bounce_receiver(settings: Settings, platform: EmailPlatform | None,
                                sessions: async_sessionmaker[AsyncSession]) -> BounceReceiver | None:
    """The receiver `digibot run` starts when BOUNCE_SMTP_PORT is set (None, with a warning, when the
    e-mail channel or its VERP return paths are not set up)."""
    if settings.bounce_smtp_port is None:
        return None
    if platform is None or platform.verp is None:
        log.warning("BOUNCE_SMTP_PORT is set but bounces cannot be matched to mails (needs SMTP_HOST, "
                    "BOUNCE_ADDRESS and DIGIBOT_SECRET_KEY): the bounce receiver is off")
        return None
    receiver = BounceReceiver(BounceHandler(platform.verp, sessions), settings.bounce_smtp_host,
                              settings.bounce_smtp_port)
    return await receiver.start()
