"""Durable flows, told as stories: a form with buttons, a restart in the middle, buttons that are stale,
pressed by someone else, forged or from a finished flow, expiry, pause and resume, and the ask-back."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.pipeline import build_pipeline
from handlers.incoming import Incoming
from messages.i18n import t
from messages.model import Button
from messages.render_slack import base_action_id, to_blocks
from messages.render_text import to_text
from storage.db import make_engine, make_sessionmaker
from storage.flows import forget_expired
from storage.models_flows import FlowRow
from tests.chat import ROOT, Answer, Chat
from tests.flow_form import FORM_ANSWERS, TEST_TABLES, add_form

NETWORK = ROOT / "tests/fixtures/network_testland.yaml"
NOW = "2026-03-04T10:00"
MONA = "mona.lien@rana.kommune.no"
KARI_B = "kari.bakke@orsta.kommune.no"  # nn
EMMA = "emma.wilson@vagan.kommune.no"  # en
INVALID_NB = t("nb", "flow_button_invalid")


async def form_chat(tmp_path: Path) -> Chat:
    chat = await Chat.start(tmp_path, NETWORK)
    async with chat.engine.begin() as conn:
        await conn.run_sync(TEST_TABLES.create_all)
    add_form(chat.pipeline.router)
    return chat


def restart(chat: Chat) -> None:
    """A new process: new engine, sessions and responder; only the database file is the same."""
    chat.engine = make_engine(str(chat.engine.url))
    chat.sessions = make_sessionmaker(chat.engine)
    chat.pipeline = build_pipeline(chat.sessions)
    add_form(chat.pipeline.router)


def buttons(chat: Chat) -> dict[str, Button]:
    assert chat.last is not None
    return {b.label: b for m in chat.last.messages for b in m.buttons}


async def press(chat: Chat, button: Button, *, as_: str, now: str = NOW) -> str:
    incoming = Incoming(network_id=chat.network_id, person_id=chat.person_id(as_), action_id=button.action_id,
                        value=button.value, channel="slack", now=chat.clock(now))
    reply = await chat.pipeline.reply(incoming)
    chat.last = Answer(to_text(reply.messages, reply.lang), reply.messages, reply.lang)
    return chat.last.text


async def stored_answers(chat: Chat) -> list[tuple[str, str]]:
    async with chat.sessions() as session:
        rows = await session.execute(select(FORM_ANSWERS.c.question, FORM_ANSWERS.c.answer).order_by(FORM_ANSWERS.c.id))
        return [(q, a) for q, a in rows]


async def flow_rows(chat: Chat) -> list[tuple[str, str, int]]:
    async with chat.sessions() as session:
        rows = await session.execute(select(FlowRow.flow, FlowRow.step, FlowRow.version).order_by(FlowRow.id))
        return [(f, s, v) for f, s, v in rows]


async def test_a_form_answered_with_buttons_survives_a_restart_between_the_questions(tmp_path: Path) -> None:
    chat = await form_chat(tmp_path)
    try:
        assert "Which colour?" in await chat.ask("form", as_=MONA, now=NOW)
        red = buttons(chat)["Red"]
        assert red.action_id == "flow:test_form" and red.value.endswith(":colour:red")
        assert "Which size?" in await press(chat, red, as_=MONA)
        assert await flow_rows(chat) == [("test_form", "size", 2)]
        await chat.engine.dispose()
        restart(chat)
        assert "Which colour?" not in await chat.ask("hjelp", as_=MONA, now=NOW)  # a command is not an answer
        assert "Thanks: red, size L." in await chat.ask("l", as_=MONA, now=NOW)  # typed instead of pressed
        assert await stored_answers(chat) == [("colour", "red"), ("size", "L")]
        assert await flow_rows(chat) == []  # a finished flow leaves no row
    finally:
        await chat.close()


async def test_a_button_of_an_earlier_question_is_answered_politely_and_changes_nothing(tmp_path: Path) -> None:
    chat = await form_chat(tmp_path)
    try:
        await chat.ask("form", as_=MONA, now=NOW)
        first = buttons(chat)
        await press(chat, first["Red"], as_=MONA)
        stale = await press(chat, first["Blue"], as_=MONA)  # the colour question again, already answered
        assert stale == INVALID_NB
        assert await stored_answers(chat) == [("colour", "red")]
        assert await flow_rows(chat) == [("test_form", "size", 2)]
        # a restarted form makes the buttons of the first run stale, even at the same step
        await chat.ask("form", as_=MONA, now=NOW)
        second = buttons(chat)
        assert await press(chat, first["Red"], as_=MONA) == INVALID_NB
        assert "Which size?" in await press(chat, second["Blue"], as_=MONA)
    finally:
        await chat.close()


async def test_a_button_pressed_by_another_person_changes_nothing(tmp_path: Path) -> None:
    chat = await form_chat(tmp_path)
    try:
        await chat.ask("form", as_=MONA, now=NOW)
        monas = buttons(chat)
        assert await press(chat, monas["Red"], as_=KARI_B) == t("nn", "flow_button_invalid")
        assert await press(chat, monas["Red"], as_=EMMA) == t("en", "flow_button_invalid")
        assert await stored_answers(chat) == [] and await flow_rows(chat) == [("test_form", "colour", 1)]
        assert "Which size?" in await press(chat, monas["Red"], as_=MONA)  # Mona's own press still works
    finally:
        await chat.close()


@pytest.mark.parametrize("action_id, value", [
    ("flow:test_form", "1:1:colour"),  # no choice part
    ("flow:test_form", "x:1:colour:red"),
    ("flow:test_form", "1:99999999999:colour:red"),  # a version no column can hold
    ("flow:test_form", "999:1:colour:red"),  # no such flow row
    ("flow:question_ask_back", "1:1:colour:red"),  # the row is of another flow
    ("flow:test_form", "1:1:size:S"),  # a step the flow is not at
    ("flow", "red"),  # an unstamped button
    ("flow:", ""),
])
async def test_a_forged_or_malformed_flow_button_changes_nothing(tmp_path: Path, action_id: str, value: str) -> None:
    chat = await form_chat(tmp_path)
    try:
        await chat.ask("form", as_=MONA, now=NOW)
        forged = Button("Red", action_id, value)
        assert await press(chat, forged, as_=MONA) == INVALID_NB
        assert await stored_answers(chat) == [] and await flow_rows(chat) == [("test_form", "colour", 1)]
    finally:
        await chat.close()


async def test_a_button_of_a_finished_form_changes_nothing(tmp_path: Path) -> None:
    chat = await form_chat(tmp_path)
    try:
        await chat.ask("form", as_=MONA, now=NOW)
        await press(chat, buttons(chat)["Blue"], as_=MONA)
        sizes = buttons(chat)
        assert "Thanks: blue, size S." in await press(chat, sizes["Small"], as_=MONA)
        assert await press(chat, sizes["Large"], as_=MONA) == INVALID_NB
        assert await stored_answers(chat) == [("colour", "blue"), ("size", "S")]
    finally:
        await chat.close()


async def test_a_form_left_alone_expires(tmp_path: Path) -> None:
    chat = await form_chat(tmp_path)
    try:
        await chat.ask("form", as_=MONA, now=NOW)
        red = buttons(chat)["Red"]
        assert await press(chat, red, as_=MONA, now="2026-03-04T11:01") == INVALID_NB  # the form lives an hour
        # typed text after the expiry is a question like any other
        assert "Koordinator i Rana er Mona Lien" in await chat.ask("Hvem er koordinator i Rana?", as_=MONA,
                                                                   now="2026-03-04T11:02")
        assert await stored_answers(chat) == []
        # within the hour, each move gives the form another hour
        await chat.ask("form", as_=MONA, now="2026-03-04T12:00")
        assert "Which size?" in await press(chat, buttons(chat)["Red"], as_=MONA, now="2026-03-04T12:50")
        assert "Thanks" in await press(chat, buttons(chat)["Small"], as_=MONA, now="2026-03-04T13:40")
    finally:
        await chat.close()


async def test_a_paused_form_lets_questions_through_and_resumes_where_it_was(tmp_path: Path) -> None:
    chat = await form_chat(tmp_path)
    try:
        await chat.ask("form", as_=MONA, now=NOW)
        await press(chat, buttons(chat)["Red"], as_=MONA)
        old_sizes = buttons(chat)
        assert "Which size?" in await chat.ask("form again", as_=MONA, now=NOW)  # resumed while in flight
        assert "Paused" not in await chat.ask("pause", as_=MONA, now=NOW)  # "pause" is not a size: the router's
        await chat.ask("form", as_=MONA, now=NOW)
        assert "Paused" in await chat.ask("pause", as_=MONA, now=NOW)
        assert "Koordinator i Rana er Mona Lien" in await chat.ask("Hvem er koordinator i Rana?", as_=MONA, now=NOW)
        assert await press(chat, old_sizes["Large"], as_=MONA) == INVALID_NB
        assert "Which colour?" in await chat.ask("form again", as_=MONA, now=NOW)
        assert "Which size?" in await chat.ask("blue", as_=MONA, now=NOW)
    finally:
        await chat.close()


async def test_a_question_asked_during_an_ask_back_leaves_it_waiting_for_a_command_only(tmp_path: Path) -> None:
    """ "hjelp" between "Herøy or Hareid?" and the answer is answered and the ask-back still waits; a new
    question ends it."""
    chat = await Chat.start(tmp_path, NETWORK)
    try:
        assert "Meiner du Herøy eller Hareid?" in await chat.ask("kven er koordinator i Herøi?", as_=MONA, now=NOW)
        assert "Meiner du" not in await chat.ask("hjelp", as_=MONA, now="2026-03-04T10:01")
        assert "Koordinator i Hareid" in await chat.ask("Hareid", as_=MONA, now="2026-03-04T10:02")
        assert "Meiner du Herøy eller Hareid?" in await chat.ask("kven er koordinator i Herøi?", as_=MONA, now=NOW)
        assert "Mona Lien" in await chat.ask("Hvem er koordinator i Rana?", as_=MONA, now="2026-03-04T10:01")
        assert "Koordinator i Hareid er" not in await chat.ask("Hareid", as_=MONA, now="2026-03-04T10:02")
        assert await flow_rows(chat) == []
    finally:
        await chat.close()


async def test_the_ask_back_is_answered_after_a_new_process_on_the_same_database(tmp_path: Path) -> None:
    chat = await Chat.start(tmp_path, NETWORK)
    try:
        assert "Meiner du Herøy eller Hareid?" in await chat.ask("kven er koordinator i Herøi?", as_=MONA, now=NOW)
        async with chat.sessions() as session:
            assert await session.scalar(select(func.count()).select_from(FlowRow)) == 1
        await chat.engine.dispose()
        restart(chat)
        second = await chat.ask("Hareid", as_=MONA, now="2026-03-04T10:14")
        assert "Eirik Hareide" in second and "Koordinator i Hareid" in second
        assert await flow_rows(chat) == []
    finally:
        await chat.close()


async def test_the_housekeeping_sweep_removes_only_expired_flows(tmp_path: Path) -> None:
    chat = await form_chat(tmp_path)
    try:
        await chat.ask("form", as_=MONA, now=NOW)  # expires at 11:00
        await chat.ask("form", as_=EMMA, now="2026-03-04T10:30")  # expires at 11:30
        async with chat.sessions() as session:
            assert await forget_expired(session, chat.clock("2026-03-04T11:00")) == 0  # 11:00 itself is live
            assert await forget_expired(session, chat.clock("2026-03-04T11:01")) == 1
            await session.commit()
        assert await flow_rows(chat) == [("test_form", "colour", 1)]
        assert "Which size?" in await chat.ask("red", as_=EMMA, now="2026-03-04T11:05")
    finally:
        await chat.close()


async def test_a_flow_button_rendered_for_slack_comes_back_as_the_same_press(tmp_path: Path) -> None:
    """Block Kit makes repeated action_ids unique ("flow:test_form#2"); the press still finds its flow."""
    chat = await form_chat(tmp_path)
    try:
        await chat.ask("form", as_=MONA, now=NOW)
        assert chat.last is not None
        rendered = [e for block in to_blocks(chat.last.messages[0], "nb") if block["type"] == "actions"
                    for e in block["elements"]]
        assert [e["action_id"] for e in rendered] == ["flow:test_form", "flow:test_form#2"]
        blue = rendered[1]
        pressed = Button(blue["text"]["text"], base_action_id(blue["action_id"]), blue["value"])
        assert "Which size?" in await press(chat, pressed, as_=MONA)
        assert await stored_answers(chat) == [("colour", "blue")]
    finally:
        await chat.close()


async def test_a_form_with_a_fixed_end_is_not_extended_by_answering(tmp_path: Path) -> None:
    chat = await form_chat(tmp_path)
    try:
        await chat.ask("deadlineform", as_=MONA, now=NOW)  # ends at 10:30
        assert "Which size?" in await press(chat, buttons(chat)["Red"], as_=MONA, now="2026-03-04T10:29")
        assert await press(chat, buttons(chat)["Small"], as_=MONA, now="2026-03-04T10:31") == INVALID_NB
        assert await stored_answers(chat) == [("colour", "red")]
    finally:
        await chat.close()
