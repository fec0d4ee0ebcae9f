"""How a message reaches a person in Teams: the `Sender` of channel `teams`.

A row for a person goes to their personal conversation with the bot, from the conversation reference
stored when they installed the app or first wrote to it (storage.identities addresses, platform "teams").
A person with no reference yet cannot be written to (Teams lets a bot open a chat only where its app is
installed): the row waits, pending, with the reason `WAITING` (`digibot outbox list` and the secretariat's
App Home show who must install the app), and is woken when the reference arrives (storage.outbox.wake).

A chat reply is a `Delivery` whose address carries the reference of the conversation it answers (and, in a
channel, the activity to answer in a thread). Both go through the same connector and limiter.

Each payload of messages/render_teams is one message activity with one Adaptive Card. Before each request
the limiter books a slot (per conversation and per tenant); a 429 pauses the conversation for Retry-After
and gives the row back without using up an attempt; 412, 502, 504 (and other 5xx, timeouts) are retried
with backoff; 403/404 on a stored reference means the app was removed or the chat is gone: the reference
is forgotten and the row waits for a new one; other 4xx fail the row with the status.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any, Final

import aiohttp
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.channels.base import Delivery, PermanentFailure, RetryLater
from bot.channels.teams.connector import TeamsConnector
from bot.channels.teams.limits import TeamsLimiter
from bot.delivery.backoff import retry_after_seconds
from bot.delivery.ratelimit import LimiterBusy
from messages.codec import message_from_dict
from messages.render_teams import TeamsPayload, to_adaptive_cards
from storage import identities
from storage.outbox import WAITING_FOR_APP

PLATFORM: Final = "teams"
WAITING = f"{WAITING_FOR_APP}: the person has not installed the Teams app (no conversation with the bot)"
WAIT_SECONDS = 3600.0  # a waiting row looks again after this long (it is woken at once when the app comes)
RETRY_STATUSES = frozenset({408, 412, 429, 500, 502, 503, 504})
GONE_STATUSES = frozenset({403, 404})
_KEEP = 5_000


def classify(exc: aiohttp.ClientResponseError) -> RetryLater | PermanentFailure:
    """What a Bot Connector error means for the row."""
    status = exc.status
    if status == 429:
        after = retry_after_seconds(exc.headers)
        return RetryLater(after, f"ratelimited (Retry-After {after:g} s)", counts=False)
    if status in RETRY_STATUSES or status >= 500 or status == 401:
        after = retry_after_seconds(exc.headers, -1.0)
        return RetryLater(after if after >= 0 else None, f"HTTP {status}")
    return PermanentFailure(f"HTTP {status}")


def tenant_of(reference: dict[str, Any]) -> str:
    conversation = reference.get("conversation") or {}
    return str(conversation.get("tenantId") or reference.get("tenantId") or "teams")


def message_activity(payload: TeamsPayload) -> dict[str, Any]:
    """One card as a message: the card is the content (a `text` would show above it again); `summary` is
    what notifications and the chat list show."""
    return {"type": "message", "summary": payload.text, "attachments": [payload.attachment()]}


class TeamsSender:
    """Messages to Teams conversations through the SDK's connector client, within Teams' limits."""

    def __init__(self, connector: TeamsConnector, limiter: TeamsLimiter,
                 sessions: async_sessionmaker[AsyncSession]) -> None:
        self.connector = connector
        self.limiter = limiter
        self.sessions = sessions
        self._posted: OrderedDict[int | str, list[str]] = OrderedDict()  # parts already sent, per row
        self._references: OrderedDict[int, tuple[str, dict[str, Any]]] = OrderedDict()  # person → (user, ref)
        self._cards: OrderedDict[str, dict[str, Any]] = OrderedDict()  # activity id → the card it carries

    async def send(self, row: Delivery) -> str | None:
        try:
            result = await self._send(row)
        except PermanentFailure:
            self.forget(row.progress_key)
            raise
        except aiohttp.ClientResponseError as exc:
            outcome = classify(exc)
            if isinstance(outcome, PermanentFailure):
                self.forget(row.progress_key)
            raise outcome from exc
        except LimiterBusy as exc:
            raise RetryLater(exc.wait, f"rate limit: next slot in {exc.wait:.1f} s", counts=False) from exc
        except (aiohttp.ClientError, TimeoutError, OSError) as exc:
            raise RetryLater(None, f"{type(exc).__name__}: {exc}"[:500]) from exc
        self.forget(row.progress_key)
        return result

    def forget(self, key: int | str) -> None:
        self._posted.pop(key, None)

    async def _send(self, row: Delivery) -> str | None:
        payloads = to_adaptive_cards([message_from_dict(m) for m in (row.message, *row.more)], row.lang)
        if not payloads:
            raise PermanentFailure("empty message")
        given = row.address.get("reference")
        reference = given if isinstance(given, dict) else await self._reference(row)
        reply_to = row.address.get("reply_to")
        tenant, conversation = tenant_of(reference), str(reference["conversation"]["id"])
        posted = self._posted.setdefault(row.progress_key, [])
        while len(self._posted) > _KEEP:
            self._posted.popitem(last=False)
        for payload in payloads[len(posted):]:
            await self.limiter.acquire(tenant, conversation)
            try:
                activity_id = await self.connector.send(reference, message_activity(payload),
                                                        reply_to=str(reply_to) if reply_to else None)
                posted.append(activity_id)
                self._remember_card(activity_id, payload.card)
            except aiohttp.ClientResponseError as exc:
                if exc.status == 429:
                    self.limiter.pause(tenant, conversation, retry_after_seconds(exc.headers))
                if exc.status in GONE_STATUSES and given is None and row.person_id is not None:
                    await self._gone(row.person_id, reference)
                    raise RetryLater(WAIT_SECONDS, WAITING, counts=False) from exc
                raise
        return posted[0] if posted else None

    async def _reference(self, row: Delivery) -> dict[str, Any]:
        """The person's stored conversation reference; RetryLater(WAITING) when there is none yet."""
        if row.person_id is None:
            raise PermanentFailure("no person to send to in Teams")
        known = self._references.get(row.person_id)
        if known is not None:
            return known[1]
        async with self.sessions() as session:
            user = await identities.platform_id(session, row.person_id, PLATFORM)
            address = await identities.recall_address(session, PLATFORM, user) if user else None
        if not user or not address:
            raise RetryLater(WAIT_SECONDS, WAITING, counts=False)
        self._references[row.person_id] = (user, address)
        while len(self._references) > _KEEP:
            self._references.popitem(last=False)
        return address

    def learned(self, person_ids: list[int]) -> None:
        """A person's reference changed (installed again): read it anew next time."""
        for person_id in person_ids:
            self._references.pop(person_id, None)

    async def _gone(self, person_id: int, reference: dict[str, Any]) -> None:
        """Teams no longer knows the conversation (app removed, chat blocked): forget the reference, unless
        a newer one has been stored meanwhile (the app installed again, seen by another replica)."""
        self._references.pop(person_id, None)
        async with self.sessions() as session:
            user = await identities.platform_id(session, person_id, PLATFORM)
            if user and await identities.recall_address(session, PLATFORM, user) == reference:
                await identities.forget_address(session, PLATFORM, user)
            await session.commit()

    def _remember_card(self, activity_id: str, card: dict[str, Any]) -> None:
        if not activity_id:
            return
        self._cards[activity_id] = card
        while len(self._cards) > _KEEP:
            self._cards.popitem(last=False)

    def card_of(self, activity_id: str) -> dict[str, Any] | None:
        """The card this process sent as `activity_id` (None after a restart, or for another replica's)."""
        return self._cards.get(activity_id)

    async def update(self, reference: dict[str, Any], activity_id: str, payload: TeamsPayload) -> None:
        """Replace a card already sent (a card answered in place), within the same limits."""
        await self.limiter.acquire(tenant_of(reference), str(reference["conversation"]["id"]))
        await self.connector.update(reference, activity_id, message_activity(payload))
        self._remember_card(activity_id, payload.card)
