"""The pipeline every incoming message runs through (bot/pipeline): its steps, identification, dedupe."""

from __future__ import annotations

import gc
from pathlib import Path

from sqlalchemy import func, select

from bot.pipeline import Pipeline, Speaker, build_pipeline
from handlers import help as help_
from handlers.context import Context
from handlers.incoming import Incoming
from handlers.router import Router
from messages.i18n import t
from messages.model import Message
from storage import models as m
from tests.chat import Chat

NETWORK = "tests/fixtures/network_testland.yaml"
INGRID = "ingrid.johansen@digikyst.no"


def test_the_steps_run_in_the_documented_order(tmp_path: Path) -> None:
    pipeline = build_pipeline(None)  # type: ignore[arg-type] - the steps are built without a database
    assert pipeline.names == ["transaction", "dedupe_retries", "identify", "LoadContext", "check_input",
                              "continue_flow", "Route"]


async def test_a_platform_user_is_found_by_e_mail_and_answered_in_their_network(tmp_path: Path) -> None:
    chat = await Chat.start(tmp_path, NETWORK)
    looked_up: list[str] = []

    async def email_lookup() -> str | None:
        looked_up.append("users.info")
        return INGRID.upper()

    try:
        speaker = Speaker("slack", "U0INGRID", email_lookup)
        for _ in range(2):
            reply = await chat.pipeline.handle(Incoming(network_id="", person_id=None, text="hjelp"), speaker=speaker)
            assert reply is not None and reply.registered and reply.messages
    finally:
        await chat.close()
    assert looked_up == ["users.info"]  # the second message found her by the stored Slack id


async def test_a_stranger_is_told_they_are_not_registered(tmp_path: Path) -> None:
    chat = await Chat.start(tmp_path, NETWORK)

    async def nobody() -> str | None:
        return None

    try:
        reply = await chat.pipeline.handle(Incoming(network_id=chat.network_id, person_id=None, text="hjelp"),
                                           speaker=Speaker("slack", "U0WHO", nobody, chat.network_id))
    finally:
        await chat.close()
    assert reply is not None and not reply.registered
    assert reply.messages[0].text == t(reply.lang, "not_registered")


async def test_a_retry_of_a_message_that_failed_gets_no_second_apology_and_nothing_is_stored(tmp_path: Path) -> None:
    # The listener writes, then fails: the asker gets an apology, its write is rolled back, and Slack's
    # retry of the same event is recognized (the dedupe row was kept): no second apology, nothing stored.
    chat = await Chat.start(tmp_path, NETWORK)
    calls: list[str] = []

    async def writes_then_fails(ctx: Context, incoming: Incoming) -> list[Message]:
        calls.append(incoming.text)
        ctx.session.add(m.ProcessedEvent(key="written-by-the-listener", received_at=ctx.now))
        await ctx.session.flush()
        raise RuntimeError("boom")

    router = Router()
    router.command("hjelp")(help_.show_help)
    router.fallback(writes_then_fails)
    pipeline = Pipeline(chat.sessions, router)
    incoming = Incoming(network_id=chat.network_id, person_id=chat.person_id(INGRID), text="kva er dette?")
    try:
        first = await pipeline.handle(incoming, dedupe_key="slack:event:Ev1")
        second = await pipeline.handle(incoming, dedupe_key="slack:event:Ev1")
        async with chat.sessions() as session:
            keys = list((await session.scalars(select(m.ProcessedEvent.key))).all())
            count = await session.scalar(select(func.count()).select_from(m.ProcessedEvent))
    finally:
        await chat.close()
    assert first is not None and first.messages[0].text == t(first.lang, "error_generic")
    assert second is None
    assert calls and set(calls) == {"kva er dette?"}
    assert keys == ["slack:event:Ev1"] and count == 1


async def test_a_retry_of_an_answered_message_is_not_answered_again(tmp_path: Path) -> None:
    chat = await Chat.start(tmp_path, NETWORK)
    incoming = Incoming(network_id=chat.network_id, person_id=chat.person_id(INGRID), text="hjelp")
    try:
        first = await chat.pipeline.handle(incoming, dedupe_key="slack:event:Ev2")
        second = await chat.pipeline.handle(incoming, dedupe_key="slack:event:Ev2")
    finally:
        await chat.close()
    assert first is not None and first.messages
    assert second is None


async def test_twenty_first_questions_at_once_build_the_network_snapshot_once(tmp_path: Path, monkeypatch) -> None:
    # Right after a start, a burst of DMs used to build one network snapshot each (and hold them all).
    import asyncio

    from storage import snapshot

    chat = await Chat.start(tmp_path, NETWORK)
    loads: list[str] = []
    real = snapshot.load_snapshot

    async def counted(session, network_id):  # type: ignore[no-untyped-def]
        loads.append(network_id)
        return await real(session, network_id)

    monkeypatch.setattr(snapshot, "load_snapshot", counted)
    pipeline = build_pipeline(chat.sessions)
    incoming = Incoming(network_id=chat.network_id, person_id=chat.person_id(INGRID), text="hjelp")
    try:
        replies = await asyncio.gather(*(pipeline.reply(incoming) for _ in range(20)))
    finally:
        await chat.close()
    assert all(r.messages for r in replies)
    assert loads == [chat.network_id]


async def test_a_hundred_questions_leave_nothing_for_the_garbage_collector(tmp_path: Path) -> None:
    """Each message's Turn, session and Context are freed when it is answered, not kept in a reference cycle
    until the collector runs (its full collections were pauses of up to 5 ms in the middle of answers)."""
    chat = await Chat.start(tmp_path, NETWORK)
    try:
        await chat.ask("hjelp", as_=INGRID)  # the snapshot and the caches are built
        gc.collect()
        gc.disable()
        try:
            for _ in range(100):
                assert await chat.ask("hvem er med i nettverket?", as_=INGRID)
            left = gc.collect()
        finally:
            gc.enable()
    finally:
        await chat.close()
    assert left < 100, f"{left} objects in reference cycles after 100 questions"


async def test_an_answer_cancelled_at_shutdown_gives_its_database_connection_back(tmp_path: Path) -> None:
    """Shutdown cancels answers still under way: each gives its connection back to the pool, whether its
    transaction had begun (the rollback is awaited to its end) or not, and the bot answers the next message."""
    import asyncio

    chat = await Chat.start(tmp_path, NETWORK)
    incoming = Incoming(network_id=chat.network_id, person_id=chat.person_id(INGRID), text="hjelp")
    reached = asyncio.Event()

    async def stuck(ctx: Context, _incoming: Incoming) -> list[Message]:
        if ctx.person is not None and "read" in _incoming.text:
            await ctx.session.scalar(select(func.count()).select_from(m.Person))  # a transaction has begun
        reached.set()
        await asyncio.Event().wait()
        return []

    try:
        for text in ("hjelp", "read first"):
            reached.clear()
            task = asyncio.create_task(chat.pipeline.handle(Incoming(network_id=chat.network_id,
                                                                     person_id=incoming.person_id, text=text),
                                                            listener=stuck))
            await reached.wait()
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
            assert task.cancelled()
            assert chat.engine.sync_engine.pool.checkedout() == 0, text  # type: ignore[attr-defined]
        assert (await chat.pipeline.reply(incoming)).messages
    finally:
        await chat.close()
