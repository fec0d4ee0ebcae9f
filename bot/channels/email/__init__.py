"""E-mail as a channel (DESIGN.md "Channels"): notices, reminders, digests, survey invitations and
announcements to people whose channel is `email`, over SMTP (aiosmtplib).

    sender.py   SmtpConfig and EmailSender: an outbox delivery → a mail → the SMTP server; outcomes
    mime.py     the mail itself: multipart/alternative text + HTML (messages/render_email.py), a meeting's
                calendar file as a text/calendar; method=REQUEST|CANCEL part, the headers
    links.py    one-click answer links and the digests' unsubscribe link in a mail
    tokens.py   the HMAC-signed tokens those links carry (DIGIBOT_SECRET_KEY)
    web.py      the pages the links open, in the bot's web app
    verp.py     each mail's return path names its outbox row, signed (BOUNCE_ADDRESS)
    dsn.py      delivery status notifications (RFC 3464) read with the `email` package
    bounces.py  the bounce receiver (aiosmtpd, BOUNCE_SMTP_PORT): a bounce fails the row, a delay is noted

    platform = EmailPlatform.from_settings(settings)   # enabled when SMTP_HOST is set
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from bot.channels.email.links import LinkMaker
from bot.channels.email.sender import EmailSender, SmtpConfig
from bot.channels.email.verp import Verp
from bot.config import Settings

log = logging.getLogger(__name__)


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass
class EmailPlatform:
    """The e-mail channel of one process: its SMTP sender and the links it signs."""

    sender: EmailSender
    links: LinkMaker | None  # None without DIGIBOT_SECRET_KEY: no one-click links, no unsubscribe link
    verp: Verp | None = None  # None without BOUNCE_ADDRESS (or the key): MAIL_FROM's address is the return path

    @classmethod
    def from_settings(cls, settings: Settings, clock: Callable[[], datetime] = utcnow) -> EmailPlatform:
        links = LinkMaker(settings.secret_key, settings.public_url, clock) if settings.secret_key else None
        verp = return_paths(settings)
        return cls(EmailSender(SmtpConfig.from_settings(settings), links, clock, verp=verp), links, verp)

    async def close(self) -> None:
        await self.sender.close()


def return_paths(settings: Settings) -> Verp | None:
    """VERP return paths when BOUNCE_ADDRESS and DIGIBOT_SECRET_KEY are set (a warning when only one is)."""
    if not settings.bounce_address:
        return None
    if not settings.secret_key:
        log.warning("BOUNCE_ADDRESS is set but DIGIBOT_SECRET_KEY is not: bounces cannot be signed, so "
                    "mails keep MAIL_FROM's address as their return path and bounces are not read")
        return None
    try:
        return Verp(settings.bounce_address, settings.secret_key)
    except ValueError as exc:
        log.warning("%s; bounces are not read", exc)
        return None
