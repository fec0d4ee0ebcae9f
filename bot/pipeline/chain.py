"""The chain every incoming message runs through, in the style of bolt-python's middleware.

A step is `async def step(turn, next) -> Reply | None`: it looks at (or fills in) the `Turn`, then either
answers itself (returns a Reply, or None for "say nothing") or hands on to the rest of the chain by
awaiting `next()`. The steps run in order, all in ONE database session, and the answer is committed
once at the end (the `transaction` step): a Slack DM costs one session and one commit.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from handlers.context import Context
from handlers.incoming import Incoming
from messages.i18n import Lang, t
from messages.model import Message

EmailLookup = Callable[[], Awaitable[str | None]]
Enrich = Callable[[AsyncSession, Incoming], Awaitable[Incoming]]
Listener = Callable[[Context, Incoming], Awaitable[list[Message]]]


@dataclass(frozen=True)
class Speaker:
    """Who is talking, as their platform knows them (the channel fills this in; the pipeline finds the person).

    `email_lookup` is only called when the platform user is not linked to a person yet; `enrich`, once the
    person is known, rewrites platform markup the handlers cannot read (Slack: a mention becomes a name).
    """

    platform: str  # slack | teams | ...
    user_id: str
    email_lookup: EmailLookup
    preferred_network: str | None = None
    enrich: Enrich | None = None


@dataclass
class Reply:
    messages: list[Message]
    lang: Lang
    registered: bool = True  # False: the speaker is not a person of any network we know

    @classmethod
    def say(cls, lang: Lang, key: str, *, registered: bool = True, **params: object) -> Reply:
        return cls([Message(text=t(lang, key, **params))], lang, registered)


@dataclass
class Turn:
    """One incoming message on its way through the steps; each step fills in what it found."""

    incoming: Incoming
    session: AsyncSession
    speaker: Speaker | None = None
    dedupe_key: str | None = None
    listener: Listener | None = None  # answers instead of the conversation and the router (App Home, a modal)
    lang: Lang = "nb"  # the best language known so far (for an apology)
    ctx: Context | None = None
    notes: dict[str, object] = field(default_factory=dict)
    message_key: str | None = None  # the message's own identity: a re-send under a new dedupe_key is a duplicate
    connection: AsyncConnection | None = None  # the one connection `session` is bound to (None: the session's own)


Next = Callable[[], Awaitable[Reply | None]]
Step = Callable[[Turn, Next], Awaitable[Reply | None]]


async def run_steps(steps: Sequence[Step], turn: Turn) -> Reply | None:
    """Run `steps` in order; each step decides whether the next one runs."""
    return await _Rest(steps, turn, 0)()


class _Rest:
    """The `next` a step is handed: the steps from `index` on. A plain object rather than a closure that
    names itself, so a message leaves no reference cycle (its Turn, session and Context) for the collector."""

    __slots__ = ("index", "steps", "turn")

    def __init__(self, steps: Sequence[Step], turn: Turn, index: int) -> None:
        self.steps, self.turn, self.index = steps, turn, index

    async def __call__(self) -> Reply | None:
        if self.index == len(self.steps):
            return None
        return await self.steps[self.index](self.turn, _Rest(self.steps, self.turn, self.index + 1))
