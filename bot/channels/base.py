"""The two narrow interfaces every channel implements (DESIGN.md "Channels").

    inbound:  a platform event  ──► `Incoming`   (each channel's own adapter; then bot/pipeline)
    outbound: a `Delivery`      ──► the platform  (`Sender.send`, used by the delivery worker and for replies)

A sender gets plain data, never an ORM row: who it is for, what to say (a rendered-model `Message` as
a dict, see messages/codec.py), in which language, and the idempotency key. It returns the platform's
message id, or raises `RetryLater` (the worker puts the row back, after Retry-After or a backoff) or
`PermanentFailure` (the row is failed with the reason).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass(frozen=True)
class Delivery:
    """One message on its way to one person (or room)."""

    id: int  # the outbox row id (a reply that is not in the outbox uses 0)
    key: str  # idempotency key
    kind: str  # reminder | meeting_notice | ... | reply
    channel: str  # slack | teams | email | webhook | console
    network_id: str
    person_id: int | None
    recipient: str  # the person's e-mail (kept if the person is removed), or a room's name
    lang: str
    message: dict[str, Any]  # messages.codec form of a Message
    attachment: dict[str, Any] | None = None  # {"filename", "content_type", "text" or "base64" (binary)}
    address: dict[str, Any] = field(default_factory=dict)  # a platform address when already known (a reply target)
    attempts: int = 0
    more: tuple[dict[str, Any], ...] = ()  # further messages sent with `message` (a reply of several messages)

    @property
    def progress_key(self) -> int | str:
        """What identifies this delivery while it is being sent: the outbox row, else (a reply) its key."""
        return self.id or self.key


class RetryLater(Exception):  # noqa: N818 - an outcome, as named by the protocol
    """Try again later: after `after_seconds` (Retry-After), or after a backoff when it is None.

    `counts=False` (rate limits) gives the attempt back: waiting for a rate limit is not a failure.
    """

    def __init__(self, after_seconds: float | None, reason: str, *, counts: bool = True) -> None:
        super().__init__(reason)
        self.after_seconds = after_seconds
        self.reason = reason
        self.counts = counts


class PermanentFailure(Exception):  # noqa: N818 - an outcome, as named by the protocol
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Sender(Protocol):
    async def send(self, delivery: Delivery) -> str | None:
        """Deliver it; returns the platform message id (None if the platform has none)."""
        ...
