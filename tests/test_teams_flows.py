"""A conversation of several steps in Teams: each question is a card, each button press moves the flow one step
(the same flow engine and state as in Slack and the console), the answered card is updated in place, and a
stale press changes nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.pipeline import build_pipeline
from handlers.app import build_router
from tests.fixtures.teams_harness import teams_bot
from tests.flow_form import FORM_ANSWERS, TEST_TABLES, add_form

BJORN = "29:bjorn"
CHAT = f"a:personal-{BJORN}"


async def _answers(sessions: async_sessionmaker[AsyncSession]) -> list[tuple[str, str]]:
    async with sessions() as session:
        rows = await session.execute(select(FORM_ANSWERS.c.question, FORM_ANSWERS.c.answer).order_by(FORM_ANSWERS.c.id))
        return [(q, a) for q, a in rows]


async def test_a_form_is_answered_with_card_buttons_and_each_card_is_answered_in_place(
        sessions: async_sessionmaker[AsyncSession], monkeypatch: pytest.MonkeyPatch) -> None:
    async with sessions.kw["bind"].begin() as conn:
        await conn.run_sync(TEST_TABLES.create_all)
    router = build_router()
    add_form(router)
    async with teams_bot(sessions, monkeypatch, pipeline=build_pipeline(sessions, router=router)) as tb:
        tb.emulator.add_user(BJORN, aad="aad-bjorn", email="bjorn.eriksen@rana.kommune.no")
        await tb.post(tb.emulator.message(BJORN, "form"))
        await tb.idle()
        [colour] = tb.emulator.sent_to(CHAT)
        assert "Which colour?" in colour.texts

        red = tb.emulator.submit(BJORN, colour, "Red")
        await tb.post(red)
        await tb.idle()
        size = tb.emulator.sent_to(CHAT)[-1]
        assert "Which size?" in size.texts
        [updated] = [s for s in tb.emulator.sent if s.updated]
        assert updated.id == colour.id and "Du valgte «Red»." in updated.texts

        await tb.post(tb.emulator.submit(BJORN, size, "Large"))
        await tb.idle()
        assert "Thanks: red, size L." in tb.emulator.sent_to(CHAT)[-1].texts
        assert await _answers(sessions) == [("colour", "red"), ("size", "L")]

        # the old colour card pressed again (a second client that had not refreshed): nothing changes
        stale = tb.emulator.submit(BJORN, colour, "Blue")
        await tb.post(stale)
        await tb.idle()
        assert await _answers(sessions) == [("colour", "red"), ("size", "L")]
        [*_, polite] = tb.emulator.sent_to(CHAT)
        assert len(tb.emulator.sent_to(CHAT)) == 4 and "error" not in polite.text.lower(), polite.text
