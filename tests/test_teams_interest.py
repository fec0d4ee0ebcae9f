"""One call for interest, two colleagues, two platforms: Kari answers for Askøy in Slack, her colleague Ola
gets the same call in Teams as a card, changes Askøy's answer there, and both see one answer per organization
(the same conversation state and rows whatever the channel)."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from storage import models as m
from tests.fixtures.teams_harness import teams_bot
from tests.interest_world import FIRST_REMINDER, KARI, NETWORK, OLA, answers
from tests.testbot import TestBot

OLA_TEAMS = "29:ola"


async def test_kari_answers_in_slack_and_ola_changes_it_in_teams(bot: TestBot, monkeypatch: pytest.MonkeyPatch) -> None:
    await bot.load(NETWORK)
    kari = bot.person(KARI, channel="slack")
    async with teams_bot(bot.sessions, monkeypatch, pipeline=bot.pipeline, network=None,
                         network_id=bot.network_id) as tb:
        tb.emulator.add_user(OLA_TEAMS, aad="aad-ola", email=OLA)
        assert await tb.post(tb.emulator.installed(OLA_TEAMS)) == 202  # Ola has the app
        await tb.idle()
        async with bot.sessions() as session:  # Ola reads his notices in Teams
            await session.execute(update(m.Person).where(m.Person.email == OLA).values(channel="teams"))
            await session.commit()
        await bot.at(FIRST_REMINDER)
        await bot.run_planner()
        assert await tb.worker(clock=bot.now).run_once() >= 1
        await bot.run_worker()
        [call] = tb.emulator.sent_to(f"a:personal-{OLA_TEAMS}")
        assert "svar Ja, Nei eller Usikker for Askøy, frist torsdag 10. desember 2026" in call.text
        assert [a["title"] for e in call.card["body"] if e["type"] == "ActionSet" for a in e["actions"]] == \
            ["Ja", "Nei", "Usikker"]

        await bot.at("2026-12-03T10:15")
        [recorded] = await kari.presses("Ja", on=kari.received[-1])  # Kari, in Slack
        assert "Registrert: Askøy svarer Ja" in recorded.text
        await kari.says("hopp over")
        assert (await answers(bot))["Askøy"][:1] == ("yes",)

        assert await tb.post(tb.emulator.submit(OLA_TEAMS, call, "Usikker")) == 202  # Ola, in Teams
        await tb.idle()
        told = tb.emulator.sent_to(f"a:personal-{OLA_TEAMS}")[-1]
        assert "Registrert: Askøy svarer Usikker" in told.text, told.text
        assert (await answers(bot))["Askøy"][0] == "unsure"
        assert any(s.updated and s.id == call.id for s in tb.emulator.sent)  # Ola's card answered in place
