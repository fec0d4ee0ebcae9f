"""E-mail as a channel (DESIGN.md "Channels"): notices, reminders, digests, survey invitations and
announcements to people whose channel is `email`, over SMTP (aiosmtplib).

    sender.py   SmtpConfig and EmailSender: an outbox delivery → a mail → the SMTP server; outcomes
    mime.py     the mail itself: multipart/alternative text + HTML (messages/render_email.py), a meeting's
                calendar file as a text/calendar; method=REQUEST|CANCEL part, the headers
    links.py    one-click answer links and the digests' unsubscribe link in a mail
    tokens.py   the HMAC-signed tokens those links carry (DIGIBOT_SECRET_KEY)
    web.py      the pages the links open, in the bot's web app

    platform = EmailPlatform.from_settings(settings)   # enabled when SMTP_HOST is set
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from bot.channels.email.links import LinkMaker
from bot.channels.email.sender import EmailSender, SmtpConfig
from bot.config import Settings


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass
class EmailPlatform:
    """The e-mail channel of one process: its SMTP sender and the links it signs."""

    sender: EmailSender
    links: LinkMaker | None  # None without DIGIBOT_SECRET_KEY: no one-click links, no unsubscribe link

    @classmethod
    def from_settings(cls, settings: Settings, clock: Callable[[], datetime] = utcnow) -> EmailPlatform:
        links = LinkMaker(settings.secret_key, settings.public_url, clock) if settings.secret_key else None
        return cls(EmailSender(SmtpConfig.from_settings(settings), links, clock), links)

    async def close(self) -> None:
        await self.sender.close()
