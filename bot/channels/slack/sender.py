"""How an outbox row leaves the building: the `Sender` protocol and the Slack sender.

A sender returns the platform message id, or raises `RetryLater` (the worker puts the row back,
after Retry-After or a backoff) or `PermanentFailure` (the row is failed with the reason).

SlackSender posts a row as a DM: the person's Slack identity (else users.lookupByEmail on the recipient,
stored for next time) → conversations.open (DM channel cached in memory) → chat.postMessage for each
rendered payload → files_upload_v2 into the same DM when the row has an attachment. The first
payload's ts is the row's platform message id. Parts already posted are remembered per row id (a reply:
per key), so a retry in this process does not post them again.

A chat reply is a `Delivery` whose address already names the Slack channel (and thread): it goes through
the same client and rate limiter as the outbox, so a reply and a broadcast to the same DM take turns.

The client must be made without slack_sdk's retry handlers (`make_slack_client`): the outbox retries.
"""

from __future__ import annotations

import asyncio
import base64
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Final

import aiohttp
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.channels.base import Delivery, PermanentFailure, RetryLater
from bot.channels.slack.sdk_log import following
from bot.delivery.backoff import retry_after_seconds
from bot.delivery.ratelimit import LimiterBusy, RateLimiter
from messages.codec import message_from_dict
from messages.render_slack import to_slack_messages
from storage import identities

PLATFORM: Final = "slack"  # the platform of identities and remembered DM channels (storage.identities)
REPLY = "reply"  # the kind of a chat answer: it goes ahead of broadcasts in the workspace bucket

SLACK_TIMEOUT = 20  # seconds per Web API call; a send must fit well inside the lease
_PROGRESS_KEEP = 5_000

# Errors that no amount of retrying will fix; anything else unknown is retried with backoff.
PERMANENT_ERRORS = frozenset({
    "channel_not_found", "user_not_found", "users_not_found", "invalid_auth", "not_authed",
    "account_inactive", "invalid_blocks", "invalid_blocks_format", "msg_too_long", "no_text",
    "is_archived", "cannot_dm_bot", "user_disabled", "not_in_channel", "token_revoked", "token_expired",
    "missing_scope", "no_permission", "restricted_action", "team_access_not_granted", "invalid_arguments",
    "messages_tab_disabled", "ekm_access_denied", "as_user_not_supported", "too_many_attachments",
})


def make_slack_client(token: str, base_url: str, *, session: aiohttp.ClientSession | None = None,
                      timeout: int = SLACK_TIMEOUT) -> AsyncWebClient:
    """An AsyncWebClient with no built-in retry handlers (the outbox retries, with its own bookkeeping), whose
    logger shows slack_sdk the level in effect (bot/channels/slack/sdk_log.py: no debug lines built for nothing)."""
    return AsyncWebClient(token=token, base_url=base_url, session=session, timeout=timeout, retry_handlers=[],
                          logger=following("slack_sdk.web.async_client"))


def classify(exc: SlackApiError) -> RetryLater | PermanentFailure:
    """What a Slack API error means for the row."""
    response = exc.response
    status = int(getattr(response, "status_code", 200) or 200)
    data = getattr(response, "data", None)
    error = str(data.get("error") or "") if isinstance(data, dict) else ""
    if status == 429 or error == "ratelimited":
        after = retry_after_seconds(getattr(response, "headers", None))
        return RetryLater(after, f"ratelimited (Retry-After {after:g} s)", counts=False)
    if status >= 500:
        return RetryLater(None, f"HTTP {status} {error}".strip())
    if error in PERMANENT_ERRORS:
        return PermanentFailure(error)
    return RetryLater(None, error or f"HTTP {status}")


@dataclass
class _Progress:
    posted: list[str] = field(default_factory=list)  # ts of the payloads already posted
    uploaded: bool = False


class SlackSender:
    """Slack DMs through a real slack_sdk AsyncWebClient, within the rate limiter's buckets."""

    def __init__(
        self,
        client: AsyncWebClient,
        limiter: RateLimiter,
        sessions: async_sessionmaker[AsyncSession],
        *,
        workspace: str = "slack",
        lookup_by_email: bool = True,
    ) -> None:
        self.client = client
        self.limiter = limiter
        self.sessions = sessions
        self.workspace = workspace
        self.lookup_by_email = lookup_by_email
        self._dm: dict[str, str] = {}
        self._progress: OrderedDict[int | str, _Progress] = OrderedDict()

    async def send(self, row: Delivery) -> str | None:
        try:
            result = await self._send(row)
        except PermanentFailure:
            self.forget(row.progress_key)
            raise
        except SlackApiError as exc:
            outcome = classify(exc)
            if isinstance(outcome, PermanentFailure):
                self.forget(row.progress_key)
            raise outcome from exc
        except LimiterBusy as exc:
            raise RetryLater(exc.wait, f"rate limit: next slot in {exc.wait:.1f} s", counts=False) from exc
        except (SlackClientError, aiohttp.ClientError, TimeoutError, OSError) as exc:
            raise RetryLater(None, f"{type(exc).__name__}: {exc}"[:500]) from exc
        self.forget(row.progress_key)
        return result

    def forget(self, key: int | str) -> None:
        """Drop what is remembered about a row's partial delivery (done, or given up)."""
        self._progress.pop(key, None)

    def _progress_of(self, key: int | str) -> _Progress:
        progress = self._progress.get(key)
        if progress is None:
            progress = self._progress[key] = _Progress()
            while len(self._progress) > _PROGRESS_KEEP:
                self._progress.popitem(last=False)
        return progress

    async def _send(self, row: Delivery) -> str | None:
        payloads = to_slack_messages([message_from_dict(m) for m in (row.message, *row.more)], row.lang)
        if not payloads and not row.attachment:
            raise PermanentFailure("empty message")
        channel = str(row.address.get("channel") or "") or await self._dm_channel(await self._user_id(row))
        thread_ts = row.address.get("thread_ts")
        progress = self._progress_of(row.progress_key)
        for index, payload in enumerate(payloads):
            if index < len(progress.posted):
                continue
            await self.limiter.acquire(self.workspace, channel, priority=row.kind == REPLY)
            response = await self._post(channel, payload.text, payload.blocks, thread_ts)
            progress.posted.append(str(response["ts"]))
        if row.attachment and not progress.uploaded:
            await self._upload(channel, row.attachment)
            progress.uploaded = True
        return progress.posted[0] if progress.posted else None

    async def _post(self, channel: str, text: str, blocks: list[dict[str, Any]], thread_ts: str | None = None) -> Any:
        try:
            return await self.client.chat_postMessage(channel=channel, text=text, blocks=blocks, thread_ts=thread_ts,
                                                      unfurl_links=False, unfurl_media=False)
        except SlackApiError as exc:
            outcome = classify(exc)
            if isinstance(outcome, RetryLater) and not outcome.counts and outcome.after_seconds:
                self.limiter.pause(self.workspace, channel, outcome.after_seconds)
            if isinstance(outcome, PermanentFailure) and outcome.reason == "channel_not_found":
                gone = [u for u, c in self._dm.items() if c == channel]
                self._dm = {u: c for u, c in self._dm.items() if c != channel}
                async with self.sessions() as session:
                    for user in gone:
                        await identities.forget_address(session, PLATFORM, user)
                    await session.commit()
            raise

    async def _upload(self, channel: str, attachment: dict[str, Any]) -> None:
        filename = str(attachment.get("filename") or "attachment.txt")
        text, encoded = attachment.get("text"), attachment.get("base64")
        if isinstance(encoded, str):  # a binary file (a PNG chart) travels base64-encoded in the JSON column
            content = base64.b64decode(encoded)
        else:
            content = text.encode("utf-8") if isinstance(text, str) else bytes(text or b"")
        await self.limiter.acquire(self.workspace, None)
        await self.client.files_upload_v2(channel=channel, filename=filename, title=filename, content=content)

    async def _dm_channel(self, user: str) -> str:
        """The user's DM channel: remembered in memory and in the database (shared by every worker and
        kept across restarts), else opened with conversations.open."""
        channel = self._dm.get(user)
        if channel is not None:
            return channel
        async with self.sessions() as session:
            address = await identities.recall_address(session, PLATFORM, user)
        channel = str(address["channel"]) if address and address.get("channel") else None
        if channel is None:  # no transaction is open while Slack is called
            response = await self.client.conversations_open(users=user)
            channel = str(response["channel"]["id"])
            async with self.sessions() as session:
                await identities.remember_address(session, PLATFORM, user, {"channel": channel}, datetime.now(UTC))
                await session.commit()
        self._dm[user] = channel
        return channel

    async def _user_id(self, row: Delivery) -> str:
        """The person's Slack user id; looked up by e-mail (and stored) when the directory lacks it."""
        if row.person_id is not None:
            async with self.sessions() as session:
                found = await identities.platform_id(session, row.person_id, PLATFORM)
            if found:
                return found
        if not (self.lookup_by_email and row.recipient):
            raise PermanentFailure("no Slack user id")
        try:
            response = await self.client.users_lookupByEmail(email=row.recipient)
        except SlackApiError as exc:
            outcome = classify(exc)
            if isinstance(outcome, PermanentFailure):
                raise PermanentFailure(f"no Slack user id (users.lookupByEmail: {outcome.reason})") from exc
            raise
        user = str(response["user"]["id"])
        if row.person_id is not None:
            await self._store_user_id(row.person_id, user)
        return user

    async def _store_user_id(self, person_id: int, user: str) -> None:
        async with self.sessions() as session:
            await identities.link(session, person_id, PLATFORM, user)
            await session.commit()


async def close_client(client: AsyncWebClient) -> None:
    """Close the aiohttp session a client was given (if any)."""
    session = getattr(client, "session", None)
    if session is not None and not session.closed:
        await session.close()
        await asyncio.sleep(0)
