"""Steering a survey conversation: back, skip, pause, resume exactly where one left, change N from the
summary, submit (refused while a required answer is missing), and changes after submitting until the
deadline, by the same steps."""

from __future__ import annotations

import yaml

from tests.survey_chat_world import KARI, NETWORK, OPEN, SURVEY, flow_step, stored, submitted
from tests.testbot import ROOT, TestBot


async def test_back_pause_and_resume_exactly_where_kari_left(bot: TestBot) -> None:
    await bot.load(NETWORK)
    await bot.at(OPEN)
    kari = bot.person(KARI)
    await kari.says(f"svar {SURVEY}")
    first_again = await kari.says("tilbake")
    assert "Dette er det første spørsmålet." in first_again.text and "Spørsmål 1 av 7" in first_again.text
    await kari.says("4")
    await kari.says("3")
    back = await kari.says("tilbake")
    assert "Spørsmål 2 av 7" in back.text and "Svar nå: 3" in back.text
    paused = await kari.says("pause")
    assert "Greit, vi tar en pause. Svarene dine er lagret. Skriv «svar ikt-2026»" in paused.text
    assert (await flow_step(bot, KARI) or ("", {}, False))[2] is True

    question = await kari.says("hvem er med i Voss?")  # paused: a question is a question again
    assert "Spørsmål" not in question.text

    await bot.restart()
    resumed = await kari.says(f"svar {SURVEY}")
    assert "Du har svart på 2 av 7. Vi fortsetter med spørsmål 2." in resumed.text  # where she left: question 2
    assert "Spørsmål 2 av 7" in resumed.text
    again = await kari.says("svar")  # in flight, "svar" shows where she is
    assert "Spørsmål 2 av 7" in again.text
    assert "Spørsmål 3 av 7" in (await kari.says("3")).text
    assert await stored(bot, "Voss") == {"arsverk": 4, "modenhet": 3}


async def test_an_optional_question_is_skipped_and_a_kept_answer_moves_on(bot: TestBot) -> None:
    await bot.load(NETWORK)
    await bot.at(OPEN)
    kari = bot.person(KARI)
    await kari.says(f"svar {SURVEY}")
    await kari.says("endre 7")
    await kari.says("Lite folk")
    assert (await stored(bot, "Voss"))["utfordringar"] == "Lite folk"
    await kari.says("endre 7")
    summary = await kari.says("hopp over")  # skipping an optional question removes its answer
    assert "7. Hvilke utfordringer har kommunen?: ikke besvart" in summary.text
    assert "utfordringar" not in await stored(bot, "Voss")

    await kari.says("endre 1")
    await kari.says("12")
    await kari.says("endre 1")
    kept = await kari.says("hopp over")  # a required question with an answer keeps it
    assert "1. Hvor mange årsverk arbeider med IKT?: 12" in kept.text


async def test_submit_waits_for_every_required_answer_then_changes_stay_possible_until_the_deadline(
        bot: TestBot) -> None:
    await bot.load(NETWORK)
    await bot.at(OPEN)
    kari = bot.person(KARI)
    await kari.says(f"svar {SURVEY}")
    await kari.says("4")
    refused = await kari.says("send")
    assert "Kan ikke sendes inn ennå: spørsmål 2, 3, 4, 5, 6 må besvares. Vi går til spørsmål 2." in refused.text
    assert not await submitted(bot, "Voss")
    for said in ("3", "ja", "1", "2", "ferdig", "1.3.2025"):
        await kari.says(said)
    summary = await kari.says("hopp over")
    assert "Oppsummering" in summary.text
    changed = await kari.says("endre 2")
    assert "Spørsmål 2 av 7" in changed.text and "Svar nå: 3" in changed.text
    back_to_summary = await kari.says("5")
    assert "Oppsummering" in back_to_summary.text and "2. Hvor moden er kommunen digitalt?: 5 – transformert" in \
        back_to_summary.text
    done = await kari.says("send inn")
    assert "Takk!" in done.text and await submitted(bot, "Voss")

    await bot.at("2026-10-10T12:00")
    reopened = await kari.says(f"svar {SURVEY}")
    assert "Sendt inn 5. oktober 2026 kl. 10.00 av Kari Vossevangen." in reopened.text
    assert "Oppsummering" in reopened.text
    await kari.says("endre 1")
    after = await kari.says("6")
    assert "1. Hvor mange årsverk arbeider med IKT?: 6" in after.text
    assert (await stored(bot, "Voss"))["arsverk"] == 6 and await submitted(bot, "Voss")
    assert "Takk!" in (await kari.says("submit")).text



async def test_starting_another_survey_pauses_the_first_and_each_keeps_its_place(bot: TestBot) -> None:
    network = yaml.safe_load((ROOT / NETWORK).read_text(encoding="utf-8"))
    for survey in network["surveys"]:
        if survey["id"] == "trivsel-2026":
            survey["opens"] = "2026-10-01T09:00"  # open at the same time as the IKT survey
    await bot.load(network)
    await bot.at(OPEN)
    kari = bot.person(KARI)
    await kari.says(f"svar {SURVEY}")
    await kari.says("4")
    other = await kari.says("svar trivsel-2026")
    assert "Trivsel i nettverket" in other.text and "Spørsmål 1 av 1" in other.text
    summary = await kari.says("5")
    assert "Oppsummering: Trivsel i nettverket" in summary.text
    assert await stored(bot, "Voss") == {"arsverk": 4}  # the 5 went to the survey asked
    back = await kari.says(f"svar {SURVEY}")
    assert "Du har svart på 1 av 7. Vi fortsetter med spørsmål 2." in back.text


async def test_after_an_hour_away_a_question_to_the_bot_is_answered_and_a_fitting_answer_still_counts(
        bot: TestBot) -> None:
    await bot.load(NETWORK)
    await bot.at(OPEN)
    kari = bot.person(KARI)
    await kari.says(f"svar {SURVEY}")
    await kari.says("4")
    refused = await kari.says("hvem er koordinator i Voss?")  # right away: an answer is expected
    assert "Svar med et helt tall fra 1 til 5" in refused.text

    await bot.at("2026-10-05T12:00")
    answered = await kari.says("hvem er koordinator i Voss?")
    assert "Ola Bolstad" in answered.text and "Spørsmål" not in answered.text
    assert await stored(bot, "Voss") == {"arsverk": 4}
    still = await kari.says("3")  # an answer that fits the question she is at
    assert "Lagret: 3" in still.text and "Spørsmål 3 av 7" in still.text
