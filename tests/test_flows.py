"""Durable flows, told as stories: a form with buttons, a restart in the middle, buttons that are stale,
pressed by someone else, forged or from a finished flow, expiry, pause and resume, and the ask-back."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from messages.i18n import t
from storage.flows import forget_expired
from storage.models_flows import FlowRow
from tests.flow_form import stored_answers, with_form
from tests.testbot import Button, Person, TestBot

NETWORK = "tests/fixtures/network_testland.yaml"
NOW = "2026-03-04T10:00"
MONA = "mona.lien@rana.kommune.no"
KARI_B = "kari.bakke@orsta.kommune.no"  # nn
EMMA = "emma.wilson@vagan.kommune.no"  # en
INVALID_NB = t("nb", "flow_button_invalid")


async def form_bot(bot: TestBot, channel: str = "console") -> Person:
    """The bot with the test form, at NOW; returns Mona, talking through `channel`."""
    await with_form(bot)
    await bot.load(NETWORK)
    await bot.at(NOW)
    return bot.person(MONA, channel=channel)


async def says(who: Person, text: str, now: str = NOW) -> str:
    await who.bot.at(now)
    return (await who.says(text)).text


async def presses(who: Person, button: Button, now: str = NOW) -> str:
    await who.bot.at(now)
    [answer] = await who.presses_button(button)
    return answer.text


def buttons(who: Person) -> dict[str, Button]:
    return {b.label: b for b in who.received[-1].buttons}


async def flow_rows(bot: TestBot) -> list[tuple[str, str, int]]:
    async with bot.sessions() as session:
        rows = await session.execute(select(FlowRow.flow, FlowRow.step, FlowRow.version).order_by(FlowRow.id))
        return [(f, s, v) for f, s, v in rows]


async def test_a_form_answered_with_buttons_survives_a_restart_between_the_questions(bot: TestBot) -> None:
    mona = await form_bot(bot)
    assert "Which colour?" in await says(mona, "form")
    red = buttons(mona)["Red"]
    assert red.action_id == "flow:test_form" and red.value.endswith(":colour:red")
    assert "Which size?" in await presses(mona, red)
    assert await flow_rows(bot) == [("test_form", "size", 2)]
    await bot.restart()
    assert "Which colour?" not in await says(mona, "hjelp")  # a command is not an answer
    assert "Thanks: red, size L." in await says(mona, "l")  # typed instead of pressed
    assert await stored_answers(bot) == [("colour", "red"), ("size", "L")]
    assert await flow_rows(bot) == []  # a finished flow leaves no row


async def test_a_button_of_an_earlier_question_is_answered_politely_and_changes_nothing(bot: TestBot) -> None:
    mona = await form_bot(bot)
    await says(mona, "form")
    first = buttons(mona)
    await presses(mona, first["Red"])
    stale = await presses(mona, first["Blue"])  # the colour question again, already answered
    assert stale == INVALID_NB
    assert await stored_answers(bot) == [("colour", "red")]
    assert await flow_rows(bot) == [("test_form", "size", 2)]
    # a restarted form makes the buttons of the first run stale, even at the same step
    await says(mona, "form")
    second = buttons(mona)
    assert await presses(mona, first["Red"]) == INVALID_NB
    assert "Which size?" in await presses(mona, second["Blue"])


async def test_a_button_pressed_by_another_person_changes_nothing(bot: TestBot) -> None:
    mona = await form_bot(bot)
    await says(mona, "form")
    monas = buttons(mona)
    assert await presses(bot.person(KARI_B), monas["Red"]) == t("nn", "flow_button_invalid")
    assert await presses(bot.person(EMMA), monas["Red"]) == t("en", "flow_button_invalid")
    assert await stored_answers(bot) == [] and await flow_rows(bot) == [("test_form", "colour", 1)]
    assert "Which size?" in await presses(mona, monas["Red"])  # Mona's own press still works


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
async def test_a_forged_or_malformed_flow_button_changes_nothing(bot: TestBot, action_id: str, value: str) -> None:
    mona = await form_bot(bot)
    await says(mona, "form")
    forged = Button("Red", action_id, value)
    assert await presses(mona, forged) == INVALID_NB
    assert await stored_answers(bot) == [] and await flow_rows(bot) == [("test_form", "colour", 1)]


async def test_a_button_of_a_finished_form_changes_nothing(bot: TestBot) -> None:
    mona = await form_bot(bot)
    await says(mona, "form")
    await presses(mona, buttons(mona)["Blue"])
    sizes = buttons(mona)
    assert "Thanks: blue, size S." in await presses(mona, sizes["Small"])
    assert await presses(mona, sizes["Large"]) == INVALID_NB
    assert await stored_answers(bot) == [("colour", "blue"), ("size", "S")]


async def test_a_form_left_alone_expires(bot: TestBot) -> None:
    mona = await form_bot(bot)
    await says(mona, "form")
    red = buttons(mona)["Red"]
    assert await presses(mona, red, now="2026-03-04T11:01") == INVALID_NB  # the form lives an hour
    # typed text after the expiry is a question like any other
    assert "Koordinator i Rana er Mona Lien" in await says(mona, "Hvem er koordinator i Rana?", now="2026-03-04T11:02")
    assert await stored_answers(bot) == []
    # within the hour, each move gives the form another hour
    await says(mona, "form", now="2026-03-04T12:00")
    assert "Which size?" in await presses(mona, buttons(mona)["Red"], now="2026-03-04T12:50")
    assert "Thanks" in await presses(mona, buttons(mona)["Small"], now="2026-03-04T13:40")


async def test_a_paused_form_lets_questions_through_and_resumes_where_it_was(bot: TestBot) -> None:
    mona = await form_bot(bot)
    await says(mona, "form")
    await presses(mona, buttons(mona)["Red"])
    old_sizes = buttons(mona)
    assert "Which size?" in await says(mona, "form again")  # resumed while in flight
    assert "Paused" not in await says(mona, "pause")  # "pause" is not a size: the router's
    await says(mona, "form")
    assert "Paused" in await says(mona, "pause")
    assert "Koordinator i Rana er Mona Lien" in await says(mona, "Hvem er koordinator i Rana?")
    assert await presses(mona, old_sizes["Large"]) == INVALID_NB
    assert "Which colour?" in await says(mona, "form again")
    assert "Which size?" in await says(mona, "blue")


async def test_a_question_asked_during_an_ask_back_leaves_it_waiting_for_a_command_only(bot: TestBot) -> None:
    """ "hjelp" between "Herøy or Hareid?" and the answer is answered and the ask-back still waits; a new
    question ends it."""
    mona = await form_bot(bot)
    assert "Meiner du Herøy eller Hareid?" in await says(mona, "kven er koordinator i Herøi?")
    assert "Meiner du" not in await says(mona, "hjelp", now="2026-03-04T10:01")
    assert "Koordinator i Hareid" in await says(mona, "Hareid", now="2026-03-04T10:02")
    assert "Meiner du Herøy eller Hareid?" in await says(mona, "kven er koordinator i Herøi?")
    assert "Mona Lien" in await says(mona, "Hvem er koordinator i Rana?", now="2026-03-04T10:01")
    assert "Koordinator i Hareid er" not in await says(mona, "Hareid", now="2026-03-04T10:02")
    assert await flow_rows(bot) == []


async def test_the_ask_back_is_answered_after_a_new_process_on_the_same_database(bot: TestBot) -> None:
    mona = await form_bot(bot)
    assert "Meiner du Herøy eller Hareid?" in await says(mona, "kven er koordinator i Herøi?")
    async with bot.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(FlowRow)) == 1
    await bot.restart()
    second = await says(mona, "Hareid", now="2026-03-04T10:14")
    assert "Eirik Hareide" in second and "Koordinator i Hareid" in second
    assert await flow_rows(bot) == []


async def test_the_housekeeping_sweep_removes_only_expired_flows(bot: TestBot) -> None:
    mona = await form_bot(bot)
    await says(mona, "form")  # expires at 11:00
    await says(bot.person(EMMA), "form", now="2026-03-04T10:30")  # expires at 11:30
    async with bot.sessions() as session:
        await bot.at("2026-03-04T11:00")
        assert await forget_expired(session, bot.now()) == 0  # 11:00 itself is live
        await bot.at("2026-03-04T11:01")
        assert await forget_expired(session, bot.now()) == 1
        await session.commit()
    assert await flow_rows(bot) == [("test_form", "colour", 1)]
    assert "Which size?" in await says(bot.person(EMMA), "red", now="2026-03-04T11:05")


async def test_a_flow_button_rendered_for_slack_comes_back_as_the_same_press(bot: TestBot) -> None:
    """Block Kit makes repeated action_ids unique ("flow:test_form#2"); the press, through the signed
    endpoint, still finds its flow."""
    mona = await form_bot(bot, channel="slack")
    question = await mona.says("form")
    assert [b.action_id for b in question.buttons] == ["flow:test_form", "flow:test_form#2"]
    [answer] = await mona.presses("Blue")
    assert "Which size?" in answer.text
    assert await stored_answers(bot) == [("colour", "blue")]


async def test_a_form_with_a_fixed_end_is_not_extended_by_answering(bot: TestBot) -> None:
    mona = await form_bot(bot)
    await says(mona, "deadlineform")  # ends at 10:30
    assert "Which size?" in await presses(mona, buttons(mona)["Red"], now="2026-03-04T10:29")
    assert await presses(mona, buttons(mona)["Small"], now="2026-03-04T10:31") == INVALID_NB
    assert await stored_answers(bot) == [("colour", "red")]
