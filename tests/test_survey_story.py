"""A survey from start to report, as the secretariat and the chief executives live it, with no e-mail sent by
hand: it opens by itself, everyone in the audience is invited in their own channel and language, Kari answers
and submits for Voss, Emma starts and stops, the reminders reach only those who have not submitted, the
survey closes at its deadline, a late answer is refused, and the secretariat gets the summary and the report.

The network is tests/fixtures/surveys/network.yaml (tests/survey_chat_world.py): the survey ikt-2026 opens
1 October 2026 09:00, closes 16 October 23:59, with reminders 5 days and 1 day before.
"""

from __future__ import annotations

from messages.i18n import t
from tests.survey_chat_world import EMMA, KARI, NETWORK, NILS, OLA, PER, SECRETARIAT, SURVEY, WHOLE_SURVEY, submitted
from tests.testbot import Person, TestBot


def invitations(person: Person) -> list[str]:
    return [r.text for r in person.received if "IKT-status 2026" in r.text and "Start" in r.text]


def reminders(person: Person) -> list[str]:
    return [r.text for r in person.received if "IKT-status 2026" in r.text
            and any(t(lang, "svo_reminder_title", title="IKT-status 2026") in r.text for lang in ("nb", "nn", "en"))]


async def test_a_survey_runs_from_its_opening_to_the_report_and_only_the_silent_are_reminded(bot: TestBot) -> None:
    await bot.load(NETWORK)
    kari, ola, per = (bot.person(e, channel="slack") for e in (KARI, OLA, PER))
    emma, nils = bot.person(EMMA), bot.person(NILS)
    secretariat = bot.person(SECRETARIAT)

    await bot.at("2026-10-01T09:00")  # the survey opens by itself: one invitation each
    await bot.run_planner()
    await bot.run_worker()
    await bot.run_planner()  # a second tick invites nobody again
    await bot.run_worker()
    for person in (kari, ola, per, emma, nils):
        assert len(invitations(person)) == 1, person.email
    assert "7 spørsmål" in invitations(kari)[0] and "7 questions" in invitations(emma)[0]
    assert invitations(secretariat) == []

    await bot.at("2026-10-02T10:00")  # Kari answers for Voss from the invitation, and submits
    await kari.presses(t("nb", "svo_start"))
    for _, said, _ in WHOLE_SURVEY:
        if said.startswith("!"):
            await kari.presses(said[1:])
        else:
            await kari.says(said)
    await kari.presses("Send inn")
    assert await submitted(bot, "Voss")
    started = await emma.presses("Start")  # Emma answers one question and stops
    assert "Question 1 of 7" in started[-1].text
    await emma.says("3")
    await emma.says("pause")

    for day in range(9, 17):  # the reminder days, tick by tick
        await bot.at(f"2026-10-{day:02d}T09:30")
        await bot.run_planner()
        await bot.run_worker()
    assert reminders(kari) == [] and reminders(ola) == []  # Voss has submitted: neither is reminded
    for person in (per, emma, nils):
        assert reminders(person), person.email
    assert any("6 questions left" in text for text in reminders(emma))
    assert any("7 spørsmål att" in text for text in reminders(nils))

    await bot.at("2026-10-17T08:00")  # the deadline has passed: the survey closes, the secretariat is told
    await bot.run_planner()
    await bot.run_worker()
    summary = [r.text for r in secretariat.received if t("nb", "svo_summary_title", title="IKT-status 2026") in r.text]
    assert len(summary) == 1 and "1 av 4 sendte inn svar" in summary[0]

    late = await per.says(f"svar {SURVEY}")  # too late: refused, nothing stored
    assert "IKT-status 2026" in late.text and not await submitted(bot, "Kvam")

    report = await secretariat.says(f"survey report {SURVEY}")
    assert "IKT-status 2026" in report.text and "4,5" in report.text
    refused = await per.says(f"survey report {SURVEY}")
    assert refused.text == t("nb", "svo_refused")
