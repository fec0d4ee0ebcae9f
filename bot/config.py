"""Settings from the environment (and a `.env` file, read by python-dotenv)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from email.utils import parseaddr
from pathlib import Path
from urllib.parse import urlsplit

SLACK_DEFAULT_API_URL = "https://slack.com/api/"


def _env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return value if value not in (None, "") else default


def calendar_organizer(explicit: str | None, mail_from: str | None, public_url: str) -> str:
    """The ORGANIZER of invites when a network names nobody: CALENDAR_ORGANIZER, else the address of
    MAIL_FROM ("DigiVestland <post@digivestland.no>" or a bare address), else noreply@ the public host
    (noreply@digibot.invalid when that host is not a domain)."""
    for raw in (explicit, mail_from):
        address = parseaddr(raw or "")[1]
        if "@" in address:
            return address
    host = urlsplit(public_url).hostname or ""
    if "." in host and not host.replace(".", "").isdigit():
        return f"noreply@{host}"
    return "noreply@digibot.invalid"


def _positive_int(raw: str | None, default: int) -> int:
    try:
        value = int(raw) if raw else default
    except ValueError:
        return default
    return value if value > 0 else default


@dataclass(frozen=True)
class Settings:
    database_url: str | None = None
    host: str = "0.0.0.0"
    port: int = 3000
    network: str | None = None  # the network chat users belong to when a person is in several
    slack_bot_token: str | None = None
    slack_signing_secret: str | None = None
    slack_app_token: str | None = None  # set: Socket Mode instead of HTTP events
    slack_api_url: str = SLACK_DEFAULT_API_URL
    slack_workspace_per_minute: int = 600  # messages/minute this process sends to the workspace
    teams_app_id: str | None = None  # the bot's Microsoft app id (its Entra app registration)
    teams_app_password: str | None = None  # that app's client secret
    teams_tenant_id: str | None = None  # the organisation's Entra tenant (single-tenant bots)
    teams_anonymous: bool = False  # TEAMS_ANONYMOUS=1: no JWT validation (local testing only)
    public_url: str = "http://localhost:3000"  # where people reach the web app (calendar feed links)
    calendar_organizer: str = "noreply@digibot.invalid"  # invites' ORGANIZER when a network names nobody
    smtp_host: str | None = None  # set: the e-mail channel is on (bot/channels/email)
    smtp_port: int | None = None  # default by smtp_tls: 587 (starttls), 465 (tls), 25 (none)
    smtp_username: str | None = None
    smtp_password: str | None = None
    smtp_tls: str = "starttls"  # starttls | tls | none
    mail_from: str | None = None  # "DigiVestland <post@digivestland.no>"; default noreply@ the public host
    bounce_address: str | None = None  # set (with secret_key): VERP return paths, bounces@digibot.example
    bounce_smtp_host: str = "127.0.0.1"  # where the bounce receiver listens ...
    bounce_smtp_port: int | None = None  # ... when this is set (`digibot run`)
    secret_key: str | None = None  # DIGIBOT_SECRET_KEY: signs one-click links
    redis_url: str | None = None  # REDIS_URL: rate limits shared by replicas through Redis (else PostgreSQL)
    log_level: str = "INFO"
    extra: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_env(cls, env_file: Path | None = None) -> Settings:
        try:
            from dotenv import load_dotenv

            load_dotenv(env_file or Path.cwd() / ".env", override=False)
        except ImportError:  # pragma: no cover - python-dotenv is a dependency
            pass
        api_url = _env("SLACK_API_URL", SLACK_DEFAULT_API_URL) or SLACK_DEFAULT_API_URL
        port = int(_env("PORT", "3000") or 3000)
        public_url = (_env("DIGIBOT_PUBLIC_URL") or f"http://localhost:{port}").rstrip("/")
        return cls(
            database_url=_env("DATABASE_URL"),
            host=_env("HOST", "0.0.0.0") or "0.0.0.0",
            port=port,
            public_url=public_url,
            calendar_organizer=calendar_organizer(_env("CALENDAR_ORGANIZER"), _env("MAIL_FROM"), public_url),
            network=_env("DIGIBOT_NETWORK"),
            slack_bot_token=_env("SLACK_BOT_TOKEN"),
            slack_signing_secret=_env("SLACK_SIGNING_SECRET"),
            slack_app_token=_env("SLACK_APP_TOKEN"),
            slack_api_url=api_url if api_url.endswith("/") else api_url + "/",
            slack_workspace_per_minute=_positive_int(_env("SLACK_WORKSPACE_PER_MINUTE"), 600),
            teams_app_id=_env("TEAMS_APP_ID"),
            teams_app_password=_env("TEAMS_APP_PASSWORD"),
            teams_tenant_id=_env("TEAMS_TENANT_ID"),
            teams_anonymous=(_env("TEAMS_ANONYMOUS", "") or "").strip().lower() in ("1", "true", "yes", "on"),
            smtp_host=_env("SMTP_HOST"),
            smtp_port=_positive_int(_env("SMTP_PORT"), 0) or None,
            smtp_username=_env("SMTP_USERNAME"),
            smtp_password=_env("SMTP_PASSWORD"),
            smtp_tls=(_env("SMTP_TLS", "starttls") or "starttls").lower(),
            mail_from=_env("MAIL_FROM"),
            bounce_address=_env("BOUNCE_ADDRESS"),
            bounce_smtp_host=_env("BOUNCE_SMTP_HOST", "127.0.0.1") or "127.0.0.1",
            bounce_smtp_port=_positive_int(_env("BOUNCE_SMTP_PORT"), 0) or None,
            secret_key=_env("DIGIBOT_SECRET_KEY"),
            redis_url=_env("REDIS_URL"),
            log_level=(_env("LOG_LEVEL", "INFO") or "INFO").upper(),
        )
