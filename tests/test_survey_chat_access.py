"""Who may answer, and when: only the survey's audience, only while it is open, only their own organization's
response. Refusals are clear, in the person's language, and change nothing: an unknown survey, one not sent to
the person, one not open yet or closed (also between two answers), a stale button, a forged button."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select

from storage.models import Survey
from storage.surveys import mark_closed
from tests.survey_chat_world import IVAR, KARI, NETWORK, OLA, OPEN, PER, SURVEY, flow_step, stored
from tests.testbot import TestBot
from tests.testbot_inbox import Button

NOTHING_CHANGED = "Denne knappen gjelder ikke lenger, så ingenting ble endret."


async def test_surveys_that_cannot_be_answered_now_say_why(bot: TestBot) -> None:
    await bot.load(NETWORK)
    await bot.at(OPEN)
    kari, ivar = bot.person(KARI), bot.person(IVAR)
    unknown = await kari.says("svar ikt-2099")
    assert "Jeg finner ikke «ikt-2099» blant det som venter på svar fra deg." in unknown.text  # the svar registry
    not_yours = await ivar.says(f"svar {SURVEY}")
    assert "Undersøkelsen «IKT-status 2026» er ikke sendt til deg" in not_yours.text
    scheduled = await kari.says("svar trivsel-2026")
    assert "Undersøkelsen «Trivsel i nettverket» er ikke åpnet ennå. Den åpner mandag 2. november 2026" in \
        scheduled.text
    closed = await kari.says("svar gammel-2026")
    assert "Undersøkelsen «Gammel undersøkelse» ble stengt tirsdag 1. september 2026 kl. 23.59" in closed.text
    secretariat_only = await kari.says("svar sekretariat-2026")
    assert "er ikke sendt til deg" in secretariat_only.text
    listing = await kari.says("svar")
    assert "IKT-status 2026" in listing.text
    assert not any(title in listing.text for title in ("Trivsel", "Gammel", "Bare for sekretariatet"))
    assert await flow_step(bot, KARI) is None and await flow_step(bot, IVAR) is None


async def test_the_deadline_passing_between_two_answers_ends_the_conversation_and_stores_nothing_more(
        bot: TestBot) -> None:
    await bot.load(NETWORK)
    kari = bot.person(KARI, channel="slack")
    await bot.at("2026-10-16T23:50")
    await kari.says(f"svar {SURVEY}")
    scale = await kari.says("4")
    await bot.at("2026-10-17T00:01")

    late = await kari.says("3")
    assert "ble stengt fredag 16. oktober 2026 kl. 23.59, så svar tas ikke imot lenger. Ingenting ble lagret." in \
        late.text
    pressed = (await kari.presses("3", on=scale))[-1]
    assert NOTHING_CHANGED in pressed.text
    assert await stored(bot, "Voss") == {"arsverk": 4}
    assert await flow_step(bot, KARI) is None
    again = await kari.says(f"svar {SURVEY}")
    assert "ble stengt" in again.text


async def test_a_survey_closed_by_the_secretariat_refuses_the_next_answer(bot: TestBot) -> None:
    await bot.load(NETWORK)
    await bot.at(OPEN)
    kari = bot.person(KARI)
    await kari.says(f"svar {SURVEY}")
    async with bot.sessions() as session:
        survey_id = await session.scalar(select(Survey.id).where(Survey.key == SURVEY))
        assert survey_id is not None
        await mark_closed(session, survey_id, bot.now())
        await session.commit()
    late = await kari.says("4")
    assert "ble stengt mandag 5. oktober 2026 kl. 10.00" in late.text
    assert await stored(bot, "Voss") == {}


async def test_a_button_of_an_older_question_changes_nothing(bot: TestBot) -> None:
    await bot.load(NETWORK)
    kari = bot.person(KARI, channel="slack")
    await bot.at(OPEN)
    await kari.says(f"svar {SURVEY}")
    scale = await kari.says("4")
    await kari.presses("2", on=scale)  # answers question 2; now at question 3
    stale = (await kari.presses("5 – transformert", on=scale))[-1]
    assert NOTHING_CHANGED in stale.text
    assert await stored(bot, "Voss") == {"arsverk": 4, "modenhet": 2}
    assert (await flow_step(bot, KARI) or ("", {}, False))[1]["at"] == 2


async def test_forged_buttons_change_nothing(bot: TestBot) -> None:
    """A colleague pressing Kari's button, a choice made up for another question or an option that does not
    exist, and a Start button naming a survey not for the presser or a response of another organization."""
    await bot.load(NETWORK)
    kari, ola, per, ivar = (bot.person(KARI, channel="slack"), bot.person(OLA, channel="slack"),
                            bot.person(PER, channel="slack"), bot.person(IVAR, channel="slack"))
    await bot.at(OPEN)
    await kari.says(f"svar {SURVEY}")
    scale = await kari.says("4")
    button = scale.button("3")

    not_hers = (await ola.presses_button(button))[-1]
    assert NOTHING_CHANGED in not_hers.text
    other_question = (await kari.presses_button(replace(button, value=button.value.replace("modenhet=3", "sky=yes"))))
    assert "Denne knappen hører ikke til spørsmålet du er på" in other_question[-1].text
    current = kari.received[-1].button("3")  # the question asked again, with fresh buttons
    no_such = (await kari.presses_button(replace(current, value=current.value.replace("modenhet=3", "modenhet=9"))))
    assert "hører ikke til spørsmålet" in no_such[-1].text
    assert await stored(bot, "Voss") == {"arsverk": 4}

    start = Button("Start", "survey_start", SURVEY)
    assert "er ikke sendt til deg" in (await ivar.presses_button(start))[-1].text
    assert "ble stengt" in (await per.presses_button(replace(start, value="gammel-2026")))[-1].text
    assert "Jeg finner ingen undersøkelse" in (await per.presses_button(replace(start, value="org:4621")))[-1].text
    assert await stored(bot, "Kvam") == {}
    per_starts = (await per.presses_button(start))[-1]  # his own organization's response: empty
    assert "Spørsmål 1 av 7" in per_starts.text and "Voss" not in per_starts.text
