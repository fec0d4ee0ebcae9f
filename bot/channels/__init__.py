"""The chat channels (DESIGN.md "Channels"): one package per platform, each implementing base.py's two
narrow interfaces. Which channels this process serves is decided here, and only here.

    enabled_channels(settings)          "slack", "teams", "email", each when it is configured
    await open_channels(settings, sessions)   the platforms' shared clients and senders, for `digibot run`

Rooms (channel "webhook") need no setting of their own: each room names the environment variable with its
URL, so the webhook sender is always open.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

    from bot.channels.base import Sender
    from bot.channels.email import EmailPlatform
    from bot.channels.slack.platform import SlackPlatform
    from bot.channels.teams.platform import TeamsPlatform
    from bot.channels.webhook import WebhookSender
    from bot.config import Settings
    from bot.delivery.shared_limits import SharedBuckets

log = logging.getLogger("digibot")

# Every channel an outbox row may name (storage/models_notify.py OutboxMessage.channel).
CHANNEL_NAMES = ("slack", "teams", "email", "webhook", "console")


def enabled_channels(settings: Settings) -> tuple[str, ...]:
    """The chat platforms this process talks to. Slack is on when its bot token is set together with a way
    to receive its events (the signing secret for HTTP, or an app token for Socket Mode)."""
    slack = bool(settings.slack_bot_token and (settings.slack_signing_secret or settings.slack_app_token))
    if settings.slack_bot_token and not slack:
        log.warning("SLACK_BOT_TOKEN is set but neither SLACK_SIGNING_SECRET nor SLACK_APP_TOKEN: Slack is off")
    teams = bool((settings.teams_app_id and settings.teams_app_password) or settings.teams_anonymous)
    if settings.teams_app_id and not teams:
        log.warning("TEAMS_APP_ID is set but TEAMS_APP_PASSWORD is not (nor TEAMS_ANONYMOUS): Teams is off")
    email = bool(settings.smtp_host)
    if email and not settings.secret_key:
        log.warning("SMTP_HOST is set but DIGIBOT_SECRET_KEY is not: mails go out without one-click answers "
                    "and without an unsubscribe link")
    return (("slack",) if slack else ()) + (("teams",) if teams else ()) + (("email",) if email else ())


@dataclass
class OpenChannels:
    """The platforms of the enabled channels: one client and one rate limiter each, shared by the
    channel's listeners, its chat replies and the delivery worker."""

    slack: SlackPlatform | None = None
    teams: TeamsPlatform | None = None
    email: EmailPlatform | None = None
    webhook: WebhookSender | None = None
    shared: SharedBuckets | None = None  # the rate limits every replica shares (Slack's workspace, Teams' tenant)
    names: tuple[str, ...] = field(default_factory=tuple)

    def senders(self) -> dict[str, Sender]:
        senders: dict[str, Sender] = {}
        if self.slack is not None:
            senders["slack"] = self.slack.sender
        if self.teams is not None:
            senders["teams"] = self.teams.sender
        if self.email is not None:
            senders["email"] = self.email.sender
        if self.webhook is not None:
            senders["webhook"] = self.webhook
        return senders

    async def close(self) -> None:
        if self.slack is not None:
            await self.slack.close()
        if self.teams is not None:
            await self.teams.close()
        if self.email is not None:
            await self.email.close()
        if self.webhook is not None:
            await self.webhook.close()
        if self.shared is not None:
            await self.shared.close()


async def open_channels(settings: Settings, sessions: async_sessionmaker[AsyncSession]) -> OpenChannels:
    names = enabled_channels(settings)
    opened = OpenChannels(names=names)
    if "slack" in names or "teams" in names:
        from bot.delivery.shared_limits import shared_buckets

        opened.shared = shared_buckets(settings.redis_url, sessions.kw.get("bind"))
    if "slack" in names:
        from bot.channels.slack.platform import SlackPlatform

        opened.slack = SlackPlatform(settings, sessions, shared=opened.shared)
    if "teams" in names:
        from bot.channels.teams.platform import TeamsPlatform

        opened.teams = TeamsPlatform(settings, sessions, shared=opened.shared)
    if "email" in names:
        from bot.channels.email import EmailPlatform

        opened.email = EmailPlatform.from_settings(settings)
    from bot.channels.webhook import WebhookSender

    opened.webhook = WebhookSender(sessions)
    return opened
