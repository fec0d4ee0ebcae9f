"""One survey, one organization, three channels (tests/fixtures/surveys/network.yaml, tests/survey_chat_world.py).

Voss answers `ikt-2026` as one shared response: Kari starts it in Slack (signed requests into the running
app, buttons pressed on the messages the bot posted to the Slack emulator), her colleague Ola goes on in
Teams (activities into /api/messages, the Adaptive Card's Action.Submit pressed with the data the bot sent
to the Bot Connector emulator); each is told what the other changed, and Ola submits in Teams. The stored
response has every answer and who gave it. Per, Kvam's chief executive, reads e-mail: the real delivery
worker mails him the invitation, which tells him how to answer in the chat instead of showing a button that
could do nothing.
"""

from __future__ import annotations

import pytest
from sqlalchemy import update

from messages.i18n import t
from storage import models as m
from tests.emulators.teams_connector import Sent
from tests.fixtures.teams_harness import TeamsBot, teams_bot
from tests.survey_chat_world import KARI, NETWORK, OLA, PER, SURVEY, answered_by, flow_step, stored, submitted
from tests.test_render_teams import VALIDATOR
from tests.testbot import TestBot

OLA_TEAMS = "29:ola-bolstad"
OLA_CHAT = f"a:personal-{OLA_TEAMS}"
OPENS = "2026-10-01T09:00"  # the survey opens and its invitations go out
CHANGED = "Siden sist har andre endret svar:"  # what a colleague changed since you last looked


async def deliver(bot: TestBot, tb: TeamsBot) -> None:
    """The outbox delivered: Teams rows by the Teams channel's sender, the rest by the test bot's worker."""
    await bot.run_planner()
    while await tb.worker(clock=bot.now).run_once():
        pass
    await bot.run_worker()


async def ola_presses(tb: TeamsBot, card: Sent, title: str) -> Sent:
    """Ola presses `title` on `card` in Teams; the bot's (last) answer in his chat."""
    before = len(tb.emulator.sent_to(OLA_CHAT))
    assert await tb.post(tb.emulator.submit(OLA_TEAMS, card, title)) == 202
    await tb.idle()
    answers = tb.emulator.sent_to(OLA_CHAT)[before:]
    assert answers, f"no answer to {title!r}"
    return answers[-1]


async def ola_says(tb: TeamsBot, text: str) -> Sent:
    before = len(tb.emulator.sent_to(OLA_CHAT))
    assert await tb.post(tb.emulator.message(OLA_TEAMS, text)) == 202
    await tb.idle()
    answers = tb.emulator.sent_to(OLA_CHAT)[before:]
    assert answers, f"no answer to {text!r}"
    return answers[-1]


def valid(card: dict[str, object]) -> None:
    assert [e.message for e in VALIDATOR.iter_errors(card)] == []


def buttons(card: Sent) -> list[str]:
    return [a["title"] for e in card.card["body"] if e.get("type") == "ActionSet" for a in e["actions"]]


async def test_kari_starts_voss_answer_in_slack_and_ola_finishes_and_submits_it_in_teams(
        bot: TestBot, monkeypatch: pytest.MonkeyPatch) -> None:
    await bot.load(NETWORK)
    kari = bot.person(KARI, channel="slack")
    async with teams_bot(bot.sessions, monkeypatch, pipeline=bot.pipeline, network=None,
                         network_id=bot.network_id) as tb:
        tb.emulator.add_user(OLA_TEAMS, aad="aad-ola", email=OLA, name="Ola Bolstad")
        assert await tb.post(tb.emulator.installed(OLA_TEAMS)) == 202  # Ola has the app in Teams
        await tb.idle()
        async with bot.sessions() as session:  # and reads his notices there
            await session.execute(update(m.Person).where(m.Person.email == OLA).values(channel="teams"))
            await session.commit()

        await bot.at(OPENS)
        await deliver(bot, tb)
        slack_invitation = kari.received[-1]
        assert "Ny undersøkelse: IKT-status 2026" in slack_invitation.text
        [teams_invitation] = tb.emulator.sent_to(OLA_CHAT)
        assert "Ny undersøkelse: IKT-status 2026" in teams_invitation.text
        assert buttons(teams_invitation) == ["Start"]
        for shown in (slack_invitation.text, teams_invitation.text):  # where Start is a button, it says so
            assert "Trykk «Start» eller skriv «svar ikt-2026» når du vil svare." in shown

        # Kari, in Slack: Start, a number typed, the scale pressed
        await bot.at("2026-10-05T10:00")
        [first] = await kari.presses("Start", on=slack_invitation)
        assert "Spørsmål 1 av 7" in first.text
        scale = await kari.says("4,5")
        assert "Spørsmål 2 av 7" in scale.text
        yes_no = (await kari.presses("4", on=scale))[-1]
        assert "Spørsmål 3 av 7" in yes_no.text and "Lagret: 4" in yes_no.text

        # Ola, in Teams: Start on his invitation card; he is shown what Kari answered and goes on at question 3
        await bot.at("2026-10-05T10:20")
        joined = await ola_presses(tb, teams_invitation, "Start")
        assert "Voss har svart på 2 av 7:" in joined.text, joined.text
        assert "1. Hvor mange årsverk arbeider med IKT?: 4,5 (Kari Vossevangen)" in joined.text
        assert "Spørsmål 3 av 7" in joined.text and buttons(joined) == ["Ja", "Nei"]
        choice = await ola_presses(tb, joined, "Ja")
        assert "Lagret: Ja" in choice.text and buttons(choice) == ["Elements", "Public 360", "WebSak"]

        # Kari changes her scale answer in Slack while Ola is at question 4
        await kari.says("endre 2")
        back = (await kari.presses("5 – transformert"))[-1]
        assert "Lagret: 5 – transformert" in back.text

        # Ola's next press tells him
        multiple = await ola_presses(tb, choice, "Public 360")
        assert CHANGED in multiple.text, multiple.text
        assert "2. Hvor moden er kommunen digitalt?: 5 – transformert (Kari Vossevangen)" in multiple.text
        assert buttons(multiple) == ["Vestlandsdigi", "Hardanger IKT", "Anna", "Ferdig"]
        stale = await ola_presses(tb, joined, "Nei")  # question 3's card again, from a client not refreshed
        assert "ingenting ble endret" in stale.text and (await stored(bot, "Voss"))["sky"] is True
        picked = await ola_presses(tb, multiple, "Hardanger IKT")
        assert buttons(picked) == ["Vestlandsdigi", "✓ Hardanger IKT", "Anna", "Ferdig"]
        date = await ola_presses(tb, picked, "Ferdig")
        assert "Spørsmål 6 av 7" in date.text
        last = await ola_says(tb, "17. oktober 2025")
        assert "Spørsmål 7 av 7" in last.text
        summary = await ola_says(tb, "Rekruttering og gamle fagsystem")
        assert "Oppsummering: IKT-status 2026" in summary.text
        await ola_says(tb, "endre 1")  # Ola corrects Kari's number from his summary
        summary = await ola_says(tb, "5")
        assert "Oppsummering: IKT-status 2026" in summary.text and "Lagret: 5" in summary.text

        # Kari, in Slack, is told what Ola changed under her
        kari_told = await kari.says("svar")
        assert CHANGED in kari_told.text, kari_told.text
        assert "1. Hvor mange årsverk arbeider med IKT?: 5 (Ola Bolstad)" in kari_told.text

        # Ola submits in Teams with the summary card's button
        done = await ola_presses(tb, summary, "Send inn")
        assert "Takk!" in done.text
        pressed = {s.id for s in tb.emulator.sent if s.updated}  # each card Ola pressed lost its buttons
        assert {teams_invitation.id, joined.id, choice.id, multiple.id, picked.id, summary.id} <= pressed
        for card in tb.emulator.sent:
            valid(card.card)

    assert await submitted(bot, "Voss")
    assert await stored(bot, "Voss") == {"arsverk": 5, "modenhet": 5, "sky": True, "plattform": "Public 360",
                                         "samarbeid": ["Hardanger IKT"], "strategi": "2025-10-17",
                                         "utfordringar": "Rekruttering og gamle fagsystem"}
    assert await answered_by(bot, "Voss") == {"arsverk": OLA, "modenhet": KARI, "sky": OLA, "plattform": OLA,
                                              "samarbeid": OLA, "strategi": OLA, "utfordringar": OLA}
    assert await flow_step(bot, OLA) is None


async def test_a_chief_executive_who_reads_email_is_invited_by_mail_and_told_how_to_answer_in_the_chat(
        bot: TestBot) -> None:
    await bot.load(NETWORK)
    per = bot.person(PER, channel="email")
    await bot.at(OPENS)
    await bot.run_planner()
    await bot.run_worker()

    [invitation] = per.received
    mail = invitation.mail
    assert mail is not None
    assert mail["To"] == PER and "IKT-status 2026" in mail["Subject"]
    text = mail.get_body(("plain",)).get_content()
    html = mail.get_body(("html",)).get_content()
    assert "Korte svar holder." in text and "7 spørsmål" in text
    assert t("nb", "email_survey_start", id=SURVEY) in text
    assert "svar ikt-2026" in html
    assert invitation.links == {} and "survey_start" not in html  # no button that could do nothing
    assert "«Start»" not in text and "«Start»" not in html and "<a " not in html  # nothing to press in a mail

    await bot.at("2026-10-09T09:00")  # the first reminder (P5D, moved into office hours): Kvam has not answered
    await bot.run_planner()
    await bot.run_worker()
    [_, reminder] = per.received
    assert reminder.mail is not None and "Påminnelse: IKT-status 2026" in reminder.mail["Subject"]
    assert "7 spørsmål igjen" in reminder.text and "«Fortsett»" not in reminder.text
    assert t("nb", "email_survey_start", id=SURVEY) in reminder.text
