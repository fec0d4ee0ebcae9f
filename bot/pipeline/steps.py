"""The pipeline's steps, in the order they run (see `STEPS`); each is small and named for what it does.

    transaction   one session, one commit at the end; a failing step rolls back and the asker gets an apology
    dedupe        a platform's retry of a message already handled is dropped (storage/dedupe.py)
    identify      the platform user becomes a person of a network (storage/identities.py)
    load_context  the network snapshot and the one `Context` (bot/pipeline/context.py)
    check_input   nothing to answer, or too long
    continue_flow an in-flight conversation gets the message first (handlers/flows)
    route         the router's listener answers (handlers/router.py)

Deduplication and failures: the dedupe key is written in the same transaction as the answer, so it is
"handled" exactly when the answer is stored. If a later step fails, the transaction is rolled back and the
key is then recorded on its own (and committed) before the apology goes out: a retry of a message the
bot failed on gets no second apology and no second attempt. (Slack retries only when the ack is late,
which our ack-first listeners make rare; a second attempt would repeat any side effect.)
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import UTC, datetime
from importlib import import_module
from typing import Any

from bot.pipeline.chain import Next, Reply, Turn
from bot.pipeline.context import Stranger, build_context, stranger_language
from handlers.router import Router
from storage import dedupe
from storage.identities import resolve
from storage.snapshot import SnapshotCache

log = logging.getLogger("digibot.pipeline")

MAX_TEXT_LENGTH = 4000


def _flows_entry() -> Any:
    """handlers.flows.continue_flow(ctx, incoming) -> list[Message] | None, once the flow engine is there."""
    try:
        module = import_module("handlers.flows")
    except ModuleNotFoundError as exc:
        if exc.name != "handlers.flows":
            raise
        return None
    return getattr(module, "continue_flow", None)


CONTINUE_FLOW = _flows_entry()


async def transaction(turn: Turn, next_: Next) -> Reply | None:
    session = turn.session
    try:
        reply = await next_()
    except Exception:
        log.exception("could not answer %r", turn.incoming)
        await session.rollback()
        if turn.recorded and turn.dedupe_key is not None:
            await dedupe.record(session, turn.dedupe_key, datetime.now(UTC))
            await session.commit()
        return Reply.say(turn.lang, "error_generic")
    if reply is None and not turn.recorded:  # a duplicate: nothing to keep
        await session.rollback()
        return None
    await session.commit()
    return reply


async def dedupe_retries(turn: Turn, next_: Next) -> Reply | None:
    if turn.dedupe_key is None:
        return await next_()
    if not await dedupe.record(turn.session, turn.dedupe_key, datetime.now(UTC)):
        log.info("%s was already handled; ignoring this delivery", turn.dedupe_key)
        return None
    turn.recorded = True
    return await next_()


async def identify(turn: Turn, next_: Next) -> Reply | None:
    speaker = turn.speaker
    if speaker is None or turn.incoming.person_id is not None:
        return await next_()
    identity = await resolve(turn.session, speaker.platform, speaker.user_id,  # type: ignore[arg-type]
                             speaker.email_lookup, speaker.preferred_network)
    if identity is None:
        lang = await stranger_language(turn.session, speaker.preferred_network)
        log.info("%s user %s is not registered in any network", speaker.platform, speaker.user_id)
        return Reply.say(lang, "not_registered", registered=False)
    turn.incoming = replace(turn.incoming, network_id=identity.network_id, person_id=identity.person_id)
    return await next_()


class LoadContext:
    """The network snapshot (cached, one revision query) and the asker's Context."""

    def __init__(self, snapshots: SnapshotCache, public_url: str) -> None:
        self.snapshots = snapshots
        self.public_url = public_url

    async def __call__(self, turn: Turn, next_: Next) -> Reply | None:
        incoming = turn.incoming
        found = await build_context(turn.session, self.snapshots, incoming.network_id, incoming.person_id,
                                    lang=incoming.lang, text=incoming.text, now=incoming.now,
                                    public_url=self.public_url)
        turn.lang = found.lang
        if isinstance(found, Stranger):
            return Reply.say(found.lang, "not_registered", registered=False)
        turn.ctx = found
        return await next_()


async def check_input(turn: Turn, next_: Next) -> Reply | None:
    if turn.listener is not None:  # App Home, a modal: not a typed message
        return await next_()
    text = turn.incoming.text
    if len(text) > MAX_TEXT_LENGTH:
        return Reply.say(turn.lang, "text_too_long", length=len(text), limit=MAX_TEXT_LENGTH)
    if not text.strip() and not turn.incoming.action_id:
        return Reply.say(turn.lang, "empty_question")
    return await next_()


async def continue_flow(turn: Turn, next_: Next) -> Reply | None:
    # >>> THE call site of the flow engine (handlers/flows, DESIGN.md "Conversations"): an in-flight
    # conversation gets the message before the router. None from it: no flow was waiting for this message.
    if CONTINUE_FLOW is None or turn.listener is not None or turn.ctx is None:
        return await next_()
    messages = await CONTINUE_FLOW(turn.ctx, turn.incoming)
    if messages is None:
        return await next_()
    return Reply(messages, turn.ctx.lang)


class Route:
    """The router's listener (or the turn's own listener) writes the answer."""

    def __init__(self, router: Router) -> None:
        self.router = router

    async def __call__(self, turn: Turn, next_: Next) -> Reply | None:
        assert turn.ctx is not None, "route runs after load_context"
        listener = turn.listener or self.router.find(turn.incoming)
        if listener is None:
            return Reply.say(turn.lang, "empty_question")
        return Reply(await listener(turn.ctx, turn.incoming), turn.ctx.lang)
