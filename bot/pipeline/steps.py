"""The pipeline's steps, in the order they run (see `STEPS`); each is small and named for what it does.

    transaction   one session, one commit at the end; a failing step rolls back and the asker gets an apology
    dedupe        a platform's retry of a message already handled is dropped (storage/dedupe.py), and so is
                  the same message re-sent under a new delivery id (its `message_key`, e.g. Slack channel+ts)
    identify      the platform user becomes a person of a network (storage/identities.py)
    load_context  the network snapshot and the one `Context` (bot/pipeline/context.py)
    check_input   too long to answer
    continue_flow an in-flight conversation gets the message first (handlers/flows)
    route         the router's listener answers (handlers/router.py); nothing typed gets "ask me something"

Deduplication: `dedupe_retries` is middleware around the rest of the chain. It lets the answer be worked
out, then writes the key in the same transaction, just before the one commit: the key is "handled" exactly
when the answer is stored. A retry of a message already answered finds the key taken, and its answer is
rolled back unsent (on PostgreSQL a concurrent duplicate waits on the key's index entry until the first
commits). Writing the key last keeps SQLite's single write lock for the moment of the commit only, not for
the whole answer. Slack retries only when the ack is late, which ack-first listeners make rare, so the
wasted work of a duplicate costs nothing in practice. On SQLite the claim and that commit (or the rollback of
a duplicate) are one call (storage/dedupe.claim_last), and `transaction` then only lets the session close.

Failures: if a step raises, the transaction is rolled back (nothing the answer wrote is kept) and the key
is then recorded on its own and committed before the apology goes out, so a retry of a message the bot
failed on gets no second apology (its second attempt is rolled back like the first).
"""

from __future__ import annotations

import contextlib
import gc
import logging
from dataclasses import replace
from datetime import UTC, datetime

from sqlalchemy.exc import DBAPIError

from bot.pipeline.chain import Next, Reply, Turn
from bot.pipeline.context import Stranger, build_context, stranger_language
from handlers import flows
from handlers.router import Router
from storage import dedupe
from storage import flows as stored_flows
from storage import speaker as speaker_lookup
from storage.identities import Identity, pick, resolve
from storage.snapshot import SnapshotCache

log = logging.getLogger("digibot.pipeline")

MAX_TEXT_LENGTH = 4000
REVISION = "revision"  # turn.notes: (network id, its revision) as `identify` read them in this transaction


class Duplicate(Exception):  # noqa: N818 - an outcome
    """A platform's retry of a message already handled."""


async def transaction(turn: Turn, next_: Next) -> Reply | None:
    session = turn.session
    try:
        reply = await next_()
    except Duplicate:
        if not dedupe.ended_by_claim(session):
            await session.rollback()
        log.info("%s was already handled; ignoring this delivery", turn.dedupe_key)
        return None
    except (OSError, DBAPIError):  # the database (or a platform) is out of reach: the channel apologizes
        with contextlib.suppress(Exception):
            await _roll_back(turn)
        raise
    except Exception:
        log.exception("could not answer %r", turn.incoming)
        await _roll_back(turn)
        if turn.dedupe_key is not None:
            first = await dedupe.claim(session, turn.dedupe_key, datetime.now(UTC), *_also(turn))
            await session.commit()
            if not first:
                return None
        return Reply.say(turn.lang, "error_generic")
    if not dedupe.ended_by_claim(session):  # on SQLite the claim commits; the session is closed by the caller
        await session.commit()
        if turn.connection is not None and turn.connection.in_transaction():  # begun before the session took it
            await turn.connection.commit()
    return reply


async def _roll_back(turn: Turn) -> None:
    """The session's transaction, and what ran on its connection directly before the session began any."""
    await turn.session.rollback()
    if turn.connection is not None and turn.connection.in_transaction():
        await turn.connection.rollback()


def _also(turn: Turn) -> tuple[str, ...]:
    return (turn.message_key,) if turn.message_key is not None else ()


async def dedupe_retries(turn: Turn, next_: Next) -> Reply | None:
    """The delivery's key and the message's own key, claimed in one statement: taken either way, a duplicate."""
    reply = await next_()
    key = turn.dedupe_key
    if key is not None and not await dedupe.claim_last(turn.session, key, datetime.now(UTC), *_also(turn),
                                                       connection=turn.connection):
        raise Duplicate(key)
    return reply


async def identify(turn: Turn, next_: Next) -> Reply | None:
    speaker = turn.speaker
    if speaker is None or turn.incoming.person_id is not None:
        return await next_()
    # One statement for a linked account: the person, their network's revision and whether they have any
    # flow row (storage/speaker.py); resolve() (by e-mail, linking) only for an account not linked yet.
    linked = pick(await speaker_lookup.linked(turn.connection or turn.session, speaker.platform, speaker.user_id),
                  speaker.preferred_network)
    identity: Identity | None = linked
    if linked is not None:
        turn.notes[REVISION] = (linked.network_id, linked.revision)
        if not linked.has_flows:
            stored_flows.none_stored(turn.session, linked.person_id)
    else:
        identity = await resolve(turn.session, speaker.platform, speaker.user_id,  # type: ignore[arg-type]
                                 speaker.email_lookup, speaker.preferred_network, commit=False)
    if identity is None:
        lang = await stranger_language(turn.session, speaker.preferred_network)
        log.info("%s user %s is not registered in any network", speaker.platform, speaker.user_id)
        return Reply.say(lang, "not_registered", registered=False)
    turn.incoming = replace(turn.incoming, network_id=identity.network_id, person_id=identity.person_id)
    if speaker.enrich is not None:
        turn.incoming = await speaker.enrich(turn.session, turn.incoming)
    return await next_()


class LoadContext:
    """The network snapshot (cached, one revision query) and the asker's Context.

    After the first answer from a new snapshot (which builds its indexes too), the process's objects are
    moved out of the garbage collector's sight (`gc.freeze`): a full collection no longer walks the
    hundreds of thousands of long-lived objects of a 5,000-person network (pauses of ~0.5 s at 50 DMs/s).
    Refcounting still frees an old snapshot when an import replaces it.
    """

    def __init__(self, snapshots: SnapshotCache, public_url: str) -> None:
        self.snapshots = snapshots
        self.public_url = public_url
        self._frozen: set[int] = set()  # id() of the snapshots already frozen

    async def __call__(self, turn: Turn, next_: Next) -> Reply | None:
        incoming = turn.incoming
        read = turn.notes.get(REVISION)
        revision = read[1] if isinstance(read, tuple) and read[0] == incoming.network_id else None
        found = await build_context(turn.session, self.snapshots, incoming.network_id, incoming.person_id,
                                    lang=incoming.lang, text=incoming.text, now=incoming.now,
                                    public_url=self.public_url, revision=revision)
        turn.lang = found.lang
        if isinstance(found, Stranger):
            return Reply.say(found.lang, "not_registered", registered=False)
        turn.ctx = found
        reply = await next_()
        if id(found.network) not in self._frozen:
            self._frozen.add(id(found.network))
            gc.freeze()
        return reply


async def check_input(turn: Turn, next_: Next) -> Reply | None:
    text = turn.incoming.text
    if turn.listener is None and len(text) > MAX_TEXT_LENGTH:
        return Reply.say(turn.lang, "text_too_long", length=len(text), limit=MAX_TEXT_LENGTH)
    return await next_()


async def continue_flow(turn: Turn, next_: Next) -> Reply | None:
    # THE call site of the flow engine (handlers/flows, DESIGN.md "Conversations"): an in-flight
    # conversation gets the message before the router. None from it: no flow was waiting for this message.
    if turn.listener is not None or turn.ctx is None:
        return await next_()
    messages = await flows.continue_flow(turn.ctx, turn.incoming)
    if messages is None:
        return await next_()
    return Reply(messages, turn.ctx.lang)


class Route:
    """The router's listener (or the turn's own listener) writes the answer."""

    def __init__(self, router: Router) -> None:
        self.router = router

    async def __call__(self, turn: Turn, next_: Next) -> Reply | None:
        assert turn.ctx is not None, "route runs after load_context"
        incoming = turn.incoming
        said = incoming.text.strip() or incoming.action_id
        listener = turn.listener or (self.router.find(incoming) if said else None)
        if listener is None:  # nothing typed, nothing pressed
            return Reply.say(turn.lang, "empty_question")
        return Reply(await listener(turn.ctx, turn.incoming), turn.ctx.lang)
