"""One pipeline for every incoming message, whatever the channel (DESIGN.md "Two flows", flow 1).

    pipeline = build_pipeline(sessions, public_url)
    reply = await pipeline.handle(incoming, speaker=Speaker("slack", "U123", email_lookup), dedupe_key=key)

A channel turns its platform event into an `Incoming` (and, when the platform user is not yet known as a
person, a `Speaker`), hands it to `handle`, and renders the `Reply` its own way. The steps (steps.py)
run in one database session with one commit; `handle(..., listener=...)` lets App Home and the
announcement modal use the same identification and Context (the listener replaces flows and router).
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine, Sequence
from typing import Any, TypeVar

from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.orm import Session
from sqlalchemy.util import greenlet_spawn

from bot.pipeline import steps
from bot.pipeline.chain import Listener, Reply, Speaker, Step, Turn, run_steps
from bot.pipeline.context import DEFAULT_PUBLIC_URL, Stranger, build_context
from handlers.app import build_router
from handlers.incoming import Incoming
from handlers.router import Router
from messages.model import Message
from storage.prepared import closes_at_once
from storage.snapshot import SnapshotCache

__all__ = ["DEFAULT_PUBLIC_URL", "Pipeline", "Reply", "Speaker", "Stranger", "build_context", "build_pipeline"]


class Pipeline:
    """The ordered steps (see `names`) and what they share: the sessions and the snapshot cache."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], router: Router,
                 public_url: str = DEFAULT_PUBLIC_URL, snapshots: SnapshotCache | None = None) -> None:
        self.sessions = sessions
        self.router = router
        self.public_url = public_url
        self.snapshots = snapshots if snapshots is not None else SnapshotCache()
        self.steps: Sequence[Step] = (
            steps.transaction,
            steps.dedupe_retries,
            steps.identify,
            steps.LoadContext(self.snapshots, public_url),
            steps.check_input,
            steps.continue_flow,
            steps.Route(router),
        )

    @property
    def names(self) -> list[str]:
        return [getattr(step, "__name__", type(step).__name__) for step in self.steps]

    async def handle(self, incoming: Incoming, *, speaker: Speaker | None = None, dedupe_key: str | None = None,
                     listener: Listener | None = None, message_key: str | None = None) -> Reply | None:
        """The answer to `incoming`; None when it is a platform's retry of a message already handled
        (the same `dedupe_key`), or the same message again under a new one (the same `message_key`)."""
        engine = self.sessions.kw.get("bind")
        if not isinstance(engine, AsyncEngine):  # a sessionmaker bound to something else: its sessions as they are
            async with self.sessions() as own:
                return await run_steps(self.steps, Turn(incoming, own, speaker, dedupe_key, listener,
                                                        message_key=message_key))
        # The turn's one connection, and the session bound to it (which owns its transaction): the identity
        # lookup and the dedupe claim use the connection itself, so a message whose answer needs nothing else
        # of the database never begins the session's (ORM) transaction bookkeeping at all.
        connection = await engine.connect().start()
        session: AsyncSession | None = None
        try:
            session = self.sessions(bind=connection, join_transaction_mode="control_fully")
            turn = Turn(incoming, session, speaker, dedupe_key, listener, message_key=message_key,
                        connection=connection)
            return await run_steps(self.steps, turn)
        finally:
            if closes_at_once(connection) and (session is None or not session.in_transaction()):
                await _close(session, connection)  # never waits, so no cancellation can stop it half-way
            else:
                await to_completion(_close(session, connection))

    async def reply(self, incoming: Incoming) -> Reply:
        """The answer to a message whose person is known (the CLI, the console, tests)."""
        reply = await self.handle(incoming)
        assert reply is not None, "only a dedupe key can make a message a duplicate"
        return reply

    async def respond(self, incoming: Incoming) -> list[Message]:
        return (await self.reply(incoming)).messages


async def _close(session: AsyncSession | None, connection: AsyncConnection) -> None:
    await greenlet_spawn(_close_both, session.sync_session if session is not None else None,
                         connection.sync_connection)


def _close_both(session: Session | None, connection: Connection | None) -> None:
    """`AsyncSession.close` and `AsyncConnection.close` in one trip into SQLAlchemy's sync world."""
    try:
        if session is not None:
            session.close()
    finally:
        if connection is not None:
            connection.close()  # rolls back what is still open, and returns it to the pool


T = TypeVar("T")


async def to_completion(work: Coroutine[Any, Any, T]) -> T:
    """Run `work` (a cleanup) in a task of its own to its end even if the caller is cancelled meanwhile, then
    re-raise the cancellation (as SQLAlchemy's own `async with` exits do)."""
    task = asyncio.ensure_future(work)
    cancelled: asyncio.CancelledError | None = None
    while True:
        try:
            result = await asyncio.shield(task)
        except asyncio.CancelledError as error:
            if task.done():
                raise
            cancelled = error
        else:
            break
    if cancelled is not None:
        raise cancelled
    return result


def build_pipeline(sessions: async_sessionmaker[AsyncSession], public_url: str = DEFAULT_PUBLIC_URL,
                   router: Router | None = None, snapshots: SnapshotCache | None = None) -> Pipeline:
    """The bot's pipeline with its usual router (handlers/app.py); `public_url` is Settings.public_url;
    `snapshots` the process's shared cache of networks (`digibot run` shares one with its planners)."""
    return Pipeline(sessions, router or build_router(), public_url, snapshots)
