"""Running a survey as the secretariat and the network live it: it opens (by itself or by hand), everyone
in the audience is invited once, only the silent are reminded, and at the deadline it closes, an anonymous
survey's answers are unlinked and the secretariat gets the summary (tests/survey_ops_world.py)."""

from __future__ import annotations

import asyncio

from sqlalchemy import func, select

from handlers.notify.planner import preview
from handlers.surveys.lifecycle import open_survey, submitted
from handlers.surveys.stored import find_survey
from storage import models as m
from storage.models_notify import OutboxMessage
from storage.models_surveys import SurveyAnswer, SurveyResponse, SurveyTurnout
from storage.snapshot import load_snapshot
from tests.survey_ops_world import CHIEF, EVA, KARI, LIV, OLA, PER, SECRETARY, SIRI, SURVEY, answer, network
from tests.testbot import TestBot

AUDIENCE = sorted([KARI, SIRI, OLA, EVA, PER, LIV])


async def outbox(bot: TestBot, kind: str) -> list[OutboxMessage]:
    async with bot.sessions() as session:
        return list(await session.scalars(select(OutboxMessage).where(OutboxMessage.kind == kind)
                                          .order_by(OutboxMessage.recipient, OutboxMessage.key)))


async def survey_row(bot: TestBot) -> m.Survey:
    async with bot.sessions() as session:
        survey = await session.scalar(select(m.Survey).where(m.Survey.key == SURVEY))
        assert survey is not None
        return survey


async def test_the_survey_opens_by_itself_at_opens_and_invites_the_audience_once(bot) -> None:
    await bot.load(network())
    kari, eva = bot.person(KARI, channel="slack"), bot.person(EVA)
    await bot.at("2026-12-01T08:59")
    await bot.run_planner()
    assert await outbox(bot, "survey_invitation") == []
    assert (await survey_row(bot)).opened_at is None

    await bot.at("2026-12-01T09:00")
    await bot.run_planner()
    await bot.at("2026-12-01T09:01")
    await bot.run_planner()  # a second tick (or a second replica) invites nobody again
    await bot.restart()
    await bot.run_planner()
    invitations = await outbox(bot, "survey_invitation")
    assert [row.recipient for row in invitations] == AUDIENCE  # Rune, chief executive, is not asked
    assert (await survey_row(bot)).opened_at is not None

    await bot.run_worker()
    invitation = kari.received[-1]
    assert "Ny undersøkelse: Status på IKT-området" in invitation.text
    assert "Korte svar holder." in invitation.text
    assert "3 spørsmål, frist torsdag 10. desember 2026 kl. 23.59" in invitation.text
    start = invitation.button("Start")
    assert (start.action_id, start.value) == ("survey_start", SURVEY)
    assert "3 questions, deadline Thursday" in eva.received[-1].text


async def test_the_secretariat_opens_it_by_hand_and_opening_again_changes_nothing(bot) -> None:
    await bot.load(network())
    hanne = bot.person(SECRETARY)
    await bot.at("2026-11-25T10:00")
    reply = await hanne.says(f"survey open {SURVEY}")
    assert "«Status på IKT-området» er åpnet: 6 invitasjoner er lagt i kø." in reply.text
    reply = await hanne.says(f"survey open {SURVEY}")
    assert "er allerede åpen" in reply.text
    await bot.at("2026-12-01T09:00")  # its `opens` passes: nothing more
    await bot.run_planner()
    assert [row.recipient for row in await outbox(bot, "survey_invitation")] == AUDIENCE
    status = await hanne.says(f"survey status {SURVEY}")
    assert "Tilstand: åpen" in status.text and "Invitert: 5" in status.text


async def test_two_replicas_opening_at_the_same_moment_invite_each_person_once(bot) -> None:
    await bot.load(network())
    await bot.at("2026-11-25T10:00")

    async def replica() -> str:
        async with bot.sessions() as session:
            net = await load_snapshot(session, bot.network_id)
            survey = await find_survey(session, bot.network_id, SURVEY)
            assert net is not None and survey is not None
            opened = await open_survey(session, net, survey, bot.now())
            await session.commit()
            return opened.outcome

    outcomes = await asyncio.gather(replica(), replica())
    assert sorted(outcomes) == ["already_open", "opened"]
    assert [row.recipient for row in await outbox(bot, "survey_invitation")] == AUDIENCE


async def test_only_the_secretariat_runs_a_survey_and_a_refusal_changes_nothing(bot) -> None:
    await bot.load(network())
    kari = bot.person(KARI)
    await bot.at("2026-11-25T10:00")
    for command in ("open", "close", "status", "report"):
        reply = await kari.says(f"survey {command} {SURVEY}")
        assert "Bare sekretariatet kan åpne og lukke undersøkelser" in reply.text
        assert "Ingenting er endret" in reply.text
    survey = await survey_row(bot)
    assert (survey.opened_at, survey.closed_at) == (None, None)
    assert await outbox(bot, "survey_invitation") == []


async def test_an_unknown_survey_or_a_bad_command_is_named_and_changes_nothing(bot) -> None:
    await bot.load(network())
    hanne = bot.person(SECRETARY)
    await bot.at("2026-11-25T10:00")
    reply = await hanne.says("survey open finst-ikkje")
    assert "Jeg finner ingen undersøkelse «finst-ikkje». Undersøkelsene: ikt-status." in reply.text
    reply = await hanne.says("survey explode ikt-status")
    assert "Skriv «survey open|close|status|report <id>»" in reply.text
    assert await outbox(bot, "survey_invitation") == []


async def test_reminders_go_only_to_those_who_have_not_submitted_and_say_what_is_left(bot) -> None:
    await bot.load(network())
    ola, per = bot.person(OLA), bot.person(PER)
    await bot.at("2026-12-01T09:00")
    await bot.run_planner()
    await answer(bot, SIRI, {"arsverk": 3, "modenhet": 4}, submit=True)  # Bergen has answered, for Kari too
    await answer(bot, OLA, {"arsverk": 2})  # Askøy began: 2 questions left
    async with bot.sessions() as session:  # `digibot plan` shows the reminders ahead, to the silent only
        ahead = await preview(session, bot.network_id, bot.now(), bot.now().replace(day=11), bot.now())
    assert sorted({(r.kind, r.due_at.day) for r in ahead if r.kind == "survey_reminder"}) == [
        ("survey_reminder", 4), ("survey_reminder", 9)]
    assert {r.recipient for r in ahead if r.kind == "survey_reminder"} == {OLA, EVA, PER, LIV}

    await bot.at("2026-12-04T09:00")  # P5D: Saturday 5th moved to Friday 09:00
    await bot.run_planner()
    await bot.run_worker()
    reminders = await outbox(bot, "survey_reminder")
    assert [r.recipient for r in reminders] == sorted([OLA, EVA, PER, LIV])
    assert "2 spørsmål igjen, frist torsdag 10. desember 2026 kl. 23.59." in ola.received[-1].text
    assert "3 spørsmål igjen" in per.received[-1].text
    assert ola.received[-1].button("Fortsett").value == SURVEY

    await answer(bot, PER, {"arsverk": 1, "modenhet": 2, "utfordringar": "Kapasitet"}, submit=True)
    await bot.at("2026-12-09T09:00")  # P1D: Voss has submitted since
    await bot.run_planner()
    second = [r.recipient for r in await outbox(bot, "survey_reminder") if r.key.endswith(":P1D")]
    assert second == sorted([OLA, EVA, LIV])


async def test_at_the_deadline_it_closes_unlinks_the_answers_and_tells_the_secretariat(bot) -> None:
    await bot.load(network())
    hanne = bot.person(SECRETARY)
    await bot.at("2026-12-01T09:00")
    await bot.run_planner()
    await answer(bot, KARI, {"arsverk": 3, "modenhet": 4, "utfordringar": "Kompetanse"}, submit=True)
    await answer(bot, OLA, {"arsverk": 2, "modenhet": 2}, submit=True)
    await answer(bot, PER, {"arsverk": 1, "modenhet": 5, "utfordringar": "Kapasitet"}, submit=True)
    await answer(bot, LIV, {"arsverk": 9})  # began, never submitted
    await bot.at("2026-12-10T23:59")
    await bot.run_planner()
    assert (await survey_row(bot)).closed_at is None

    await bot.at("2026-12-11T00:00")
    await bot.run_planner()
    await bot.run_planner()  # closing twice sends nothing twice
    assert (await survey_row(bot)).closed_at is not None
    async with bot.sessions() as session:
        linked = await session.scalar(select(func.count()).select_from(SurveyResponse)
                                      .where(SurveyResponse.respondent.is_not(None)))
        kept = list(await session.scalars(select(SurveyResponse)))
        by = await session.scalar(select(func.count()).select_from(SurveyAnswer)
                                  .where(SurveyAnswer.answered_by.is_not(None)))
        turnout = await session.scalar(select(func.count()).select_from(SurveyTurnout))
    assert linked == 0 and by == 0 and turnout == 3
    assert len(kept) == 3 and all(r.organization_id is None and r.person_id is None for r in kept)
    assert [r.recipient for r in await outbox(bot, "survey_summary")] == [SECRETARY]
    assert [r.attachment["filename"] for r in await outbox(bot, "survey_chart")] == ["ikt-status-modenhet.png"]

    await bot.run_worker()
    texts = "\n".join(r.text for r in hanne.received)
    assert "Undersøkelsen er avsluttet: Status på IKT-området" in texts
    assert "3 av 5 sendte inn svar (60 %)." in texts
    assert "1. Hvor mange årsverk arbeider med IKT?: 3 svar, snitt 2" in texts
    assert "Svarene er nå koblet fra dem som ga dem" in texts
    assert "📎 ikt-status-modenhet.png" in texts
    for name in ("Bergen", "Askøy", "Voss", "Etne", "Kari", "Ola", "Per"):
        assert name not in texts
    report = await hanne.says(f"survey report {SURVEY}")  # the figures survive the unlinking
    assert "Gjennomsnitt: 3,7" in report.text and "Kompetanse" in report.text


async def test_closing_by_hand_ends_it_and_a_survey_not_anonymous_keeps_its_links(bot) -> None:
    await bot.load(network(anonymous=False))
    hanne = bot.person(SECRETARY)
    await bot.at("2026-12-01T09:00")
    await bot.run_planner()
    await answer(bot, OLA, {"arsverk": 2}, submit=True)
    await bot.at("2026-12-03T12:00")
    reply = await hanne.says(f"survey close {SURVEY}")
    assert "«Status på IKT-området» er lukket. 1 av 5 sendte inn svar." in reply.text
    assert "er allerede lukket" in (await hanne.says(f"survey close {SURVEY}")).text
    assert "kan ikke åpnes igjen" in (await hanne.says(f"survey open {SURVEY}")).text
    async with bot.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(SurveyResponse)
                                    .where(SurveyResponse.respondent.is_not(None))) == 1
    await bot.at("2026-12-09T09:00")
    await bot.run_planner()
    assert await outbox(bot, "survey_reminder") == []  # a closed survey reminds nobody
    report = await hanne.says(f"survey report {SURVEY}")
    assert "Ikke anonym" in report.text


async def test_the_report_in_chat_sends_its_charts_to_the_secretariat(bot) -> None:
    await bot.load(network(anonymous=False))
    hanne = bot.person(SECRETARY, channel="slack")
    await bot.at("2026-12-01T09:00")
    await bot.run_planner()
    await answer(bot, OLA, {"arsverk": 2, "modenhet": 3}, submit=True)
    reply = await hanne.says(f"survey report {SURVEY}")
    assert "Rapport: Status på IKT-området" in reply.text
    await bot.run_worker()
    uploads = [f for f in bot.slack_api.files if f.filename == "ikt-status-modenhet.png"]
    assert len(uploads) == 1 and uploads[0].content.startswith(b"\x89PNG")


async def test_a_survey_deadline_reminds_only_the_silent(bot) -> None:
    data = network()
    data["deadlines"] = [{"id": "ikt-frist", "title": "Svar på IKT-status", "kind": "survey", "survey": SURVEY,
                          "due": "2026-12-10T23:59", "audience": {"roles": ["coordinator"]},
                          "reminders": ["P2D"]}]
    await bot.load(data)
    await bot.at("2026-12-01T09:00")
    await bot.run_planner()
    await answer(bot, OLA, {"arsverk": 2}, submit=True)
    await bot.at("2026-12-08T23:59")
    await bot.run_planner()
    assert [r.recipient for r in await outbox(bot, "reminder")] == sorted([KARI, SIRI, EVA, PER, LIV])
    assert CHIEF not in AUDIENCE


async def test_the_secretariat_sees_open_surveys_on_app_home_and_asks_for_status_with_digi(bot) -> None:
    await bot.load(network())
    hanne = bot.person(SECRETARY, channel="slack")
    kari = bot.person(KARI, channel="slack")
    await bot.at("2026-12-01T09:00")
    await bot.run_planner()
    await answer(bot, OLA, {"arsverk": 2, "modenhet": 3}, submit=True)
    web = await bot.web()
    for who in (hanne, kari):
        await web.open_home(str(who.slack_id))
        await bot.slack_api.wait_for("views.publish")
        await web.idle()
    shown = str(bot.slack_api.home_views[str(hanne.slack_id)].view["blocks"])
    assert "Åpne undersøkelser" in shown
    assert "Status på IKT-området (ikt-status): 1 av 5 har sendt inn, frist torsdag 10. desember 2026" in shown
    assert "Askøy" not in shown  # counts only
    assert "Åpne undersøkelser" not in str(bot.slack_api.home_views[str(kari.slack_id)].view["blocks"])

    _, response_url = await web.slash(str(hanne.slack_id), f"survey status {SURVEY}")
    await web.idle()
    posted = str([post for post in bot.slack_api.response_url_posts])
    assert "Status: Status på IKT-området" in posted and "Sendt inn" in posted
    assert "Ikke sendt inn ennå (bare for sekretariatet)" in posted and "Etne" in posted


async def test_reimporting_the_network_file_keeps_the_survey_open_and_its_answers(bot) -> None:
    await bot.load(network())
    hanne = bot.person(SECRETARY)
    await bot.at("2026-12-01T09:00")
    await bot.run_planner()
    for who, arsverk in ((KARI, 3), (OLA, 2), (PER, 1)):
        await answer(bot, who, {"arsverk": arsverk, "modenhet": 4}, submit=True)
    await answer(bot, LIV, {"arsverk": 7})
    opened = (await survey_row(bot)).opened_at

    await bot.load(network(title="Status på IKT-området 2026"))  # the secretariat edits the file and imports it
    await bot.run_planner()
    survey = await survey_row(bot)
    assert (survey.opened_at, survey.closed_at, survey.title) == (opened, None, "Status på IKT-området 2026")
    assert len(await outbox(bot, "survey_invitation")) == 6  # nobody is invited again
    status = await hanne.says(f"survey status {SURVEY}")
    assert "Sendt inn: 3" in status.text and "Påbegynt: 1" in status.text

    await bot.at("2026-12-11T00:00")
    await bot.run_planner()
    closed = (await survey_row(bot)).closed_at
    await bot.load(network(title="Status på IKT-området 2026"))
    await bot.run_planner()
    assert (await survey_row(bot)).closed_at == closed
    report = await hanne.says(f"survey report {SURVEY}")
    assert "Sendt inn: 3" in report.text and "Gjennomsnitt: 2" in report.text


async def test_an_anonymous_survey_closing_with_too_few_answers_tells_no_figures(bot) -> None:
    await bot.load(network())
    hanne = bot.person(SECRETARY)
    await bot.at("2026-12-01T09:00")
    await bot.run_planner()
    await answer(bot, OLA, {"arsverk": 2, "modenhet": 1, "utfordringar": "Økonomi"}, submit=True)
    await answer(bot, PER, {"arsverk": 5, "modenhet": 5}, submit=True)
    await bot.at("2026-12-11T00:00")
    await bot.run_planner()
    await bot.run_worker()
    assert await outbox(bot, "survey_chart") == []
    [summary] = [r.text for r in hanne.received if "avsluttet" in r.text]
    assert "2 av 5 sendte inn svar (40 %)." in summary
    assert "Ingen tall vises før minst 3 har svart." in summary
    assert "Hvor mange årsverk" not in summary and "Økonomi" not in summary


async def test_what_waits_to_be_sent_is_cancelled_when_an_organization_submits_or_the_survey_closes(bot) -> None:
    """Rows planned but not sent yet (a bot that was down, a channel not configured) are not sent late."""
    await bot.load(network())
    hanne = bot.person(SECRETARY)
    await bot.at("2026-12-01T09:00")
    await bot.run_planner()
    await bot.run_worker()
    await bot.at("2026-12-04T09:00")
    await bot.run_planner()  # the P5D reminders are queued; the worker has not sent them yet
    await answer(bot, SIRI, {"arsverk": 3}, submit=True)  # Bergen had not submitted
    async with bot.sessions() as session:  # what the answering conversation does when Siri submits
        net = await load_snapshot(session, bot.network_id)
        survey = await find_survey(session, bot.network_id, SURVEY)
        assert net is not None and survey is not None
        siri = net.people_by_email[SIRI]
        assert await submitted(session, net, survey, siri) == 2  # Kari's and Siri's reminders
        await session.commit()
    cancelled = {r.recipient: r.status_text for r in await outbox(bot, "survey_reminder") if r.status == "cancelled"}
    assert cancelled == {KARI: "response submitted", SIRI: "response submitted"}

    reply = await hanne.says(f"survey close {SURVEY}")
    assert "er lukket" in reply.text
    rows = await outbox(bot, "survey_reminder")
    assert {r.status for r in rows} == {"cancelled"}  # the survey closed before they went out
    assert await bot.run_worker() == 1  # only the summary to Hanne (no charts below 3 submitted)


async def test_by_email_the_invitation_says_how_to_answer_and_the_summary_carries_the_chart(bot) -> None:
    await bot.load(network(anonymous=False))
    liv, hanne = bot.person(LIV, channel="email"), bot.person(SECRETARY, channel="email")
    await bot.at("2026-12-01T09:00")
    await bot.run_planner()
    await bot.run_worker()
    assert "3 spørsmål, frist torsdag 10. desember 2026 kl. 23.59" in liv.received[-1].text
    assert "svar ikt-status" in liv.received[-1].text
    for who in (KARI, OLA, PER):
        await answer(bot, who, {"arsverk": 2, "modenhet": 3}, submit=True)
    await bot.at("2026-12-11T00:00")
    await bot.run_planner()
    await bot.run_worker()
    told = "\n".join(r.text for r in hanne.received)
    assert "3 av 5 sendte inn svar (60 %)." in told and "skriv «survey report ikt-status» til boten" in told
    assert bot.smtp is not None
    [chart] = [part for mail in bot.smtp.mails_to(SECRETARY) for part in mail.walk()
               if part.get_content_type() == "image/png"]
    assert chart.get_filename() == "ikt-status-modenhet.png"
    assert chart.get_payload(decode=True).startswith(b"\x89PNG")
