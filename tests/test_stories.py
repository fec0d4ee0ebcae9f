"""The whole product, told as stories with the test bot (tests/testbot.py): people ask in Slack and on the
console, the bot restarts, buttons go stale, the planner and the worker bring notices and announcements.

The network is Digi Kyst (tests/fixtures/network_testland.yaml): Mona Lien is a coordinator in Rana
(bokmål, Slack), Kari Bakke a coordinator in Ørsta (nynorsk), Emma Wilson a coordinator in Vågan
(English), Ingrid Johansen the secretariat.
"""

from __future__ import annotations

import copy
from typing import Any

import yaml
from sqlalchemy import select

from messages.i18n import t
from storage.models import Person
from storage.models_notify import OutboxMessage
from tests.flow_form import stored_answers, with_form
from tests.testbot import ROOT, TestBot

NETWORK = "tests/fixtures/network_testland.yaml"
MONA = "mona.lien@rana.kommune.no"
KARI_B = "kari.bakke@orsta.kommune.no"
EMMA = "emma.wilson@vagan.kommune.no"
INGRID = "ingrid.johansen@digikyst.no"


def with_notices(offsets: list[str]) -> dict[str, Any]:
    """Digi Kyst, with notices for the resource group's March meeting (Teams, 10 March 09:00)."""
    data: dict[str, Any] = copy.deepcopy(yaml.safe_load((ROOT / NETWORK).read_text(encoding="utf-8")))
    for meeting in data["meetings"]:
        if meeting["id"] == "rg-2026-03":
            meeting["notices"] = offsets
    return data


async def test_mona_asks_in_slack_and_reads_the_answer_in_her_dm(bot: TestBot) -> None:
    await bot.load(NETWORK)
    mona = bot.person(MONA, channel="slack")
    await bot.at("2026-03-04T10:00")

    answer = await mona.says("kven er koordinator i Ørsta?")

    assert answer.via == "slack" and "Kari Bakke" in answer.text
    assert [r.text for r in mona.received] == [answer.text]  # the answer is all she got, in her DM


async def test_an_ask_back_is_answered_after_the_bot_restarted(bot: TestBot) -> None:
    """Mona is asked "Herøy or Hareid?" in Slack; the bot restarts before she answers: the question waiting
    for her answer is kept in the database, not in the process. After the window the bare name is a new
    question, not an answer to the old one."""
    await bot.load(NETWORK)
    mona = bot.person(MONA, channel="slack")
    await bot.at("2026-03-04T10:00")
    question = await mona.says("kven er koordinator i Herøi?")
    assert "Meiner du Herøy eller Hareid?" in question.text

    await bot.restart()
    await bot.at("2026-03-04T10:01")
    answer = await mona.says("Hareid")
    assert "Eirik Hareide" in answer.text and "Koordinator i Hareid" in answer.text

    await bot.at("2026-03-04T10:00")
    await mona.says("kven er koordinator i Herøi?")
    await bot.at("2026-03-04T10:20")
    assert "Koordinator i Hareid er" not in (await mona.says("Hareid")).text


async def test_a_stale_button_in_slack_is_answered_politely_and_changes_nothing(bot: TestBot) -> None:
    """Mona answers the form's colour question with "Red", then presses "Blue" on the same question."""
    await with_form(bot)
    await bot.load(NETWORK)
    mona = bot.person(MONA, channel="slack")
    await bot.at("2026-03-04T10:00")
    question = await mona.says("form")
    [size] = await mona.presses("Red", on=question)
    assert "Which size?" in size.text

    [stale] = await mona.presses("Blue", on=question)

    assert stale.text == t("nb", "flow_button_invalid")
    assert await stored_answers(bot) == [("colour", "red")]
    assert "Thanks: red, size L." in (await mona.presses("Large")).pop().text


async def test_a_meeting_notice_reaches_each_person_in_their_own_language_through_the_worker(bot: TestBot) -> None:
    await bot.load(with_notices(["P7D"]))
    emma = bot.person(EMMA, channel="slack")  # English
    kari = bot.person(KARI_B, channel="console")  # nynorsk, her notices by e-mail: printed by the console sender
    mona = bot.person(MONA, channel="slack")  # bokmål
    await bot.at("2026-03-03T09:00")

    await bot.run_planner()
    assert await bot.run_worker() >= 3

    assert [r.text.splitlines()[0] for r in emma.received] == ["Meeting notice: Ressursgruppemøte"]
    assert "You are invited to Ressursgruppemøte on" in emma.received[0].text
    assert "Møteinnkalling: Ressursgruppemøte" in kari.received[0].text
    assert "10. mars 2026" in mona.received[0].text and "Du er invitert til" in mona.received[0].text
    await bot.run_planner()
    assert await bot.run_worker() == 0  # nothing is sent twice


async def test_an_announcement_is_confirmed_only_by_the_one_it_was_sent_to(bot: TestBot) -> None:
    """Ingrid presses the "Lest" button on Mona's announcement (forwarded to her): nothing to confirm.
    Mona presses it: thanks, and her row is marked read; the same press again changes nothing."""
    await bot.load(NETWORK)
    mona = bot.person(MONA, channel="slack")
    ingrid = bot.person(INGRID, channel="slack")
    await bot.at("2026-03-04T10:00")
    [told] = await bot.announce(ingrid, "Les den nye avtalen før møtet.", {"roles": ["coordinator"]},
                                title="Ny samarbeidsavtale", confirm=True)
    assert "Kunngjøring #1 er lagt i køen" in told.text
    await bot.run_planner()
    await bot.run_worker()
    [announcement] = mona.received
    assert "Ny samarbeidsavtale" in announcement.text and ingrid.received == []

    [refused] = await ingrid.presses("Lest", on=announcement)
    assert refused.text == t("nb", "ann_read_not_recipient")
    assert await confirmed(bot) == []

    [thanks] = await mona.presses("Lest")
    assert thanks.text == t("nb", "ann_read_thanks")
    assert await confirmed(bot) == [MONA]


async def test_a_coordinator_on_the_console_is_reminded_of_a_deadline_and_asks_about_it(bot: TestBot) -> None:
    await bot.load(NETWORK)
    kari = bot.person(KARI_B)  # nynorsk, on the console
    await bot.at("2026-03-04T12:00")  # a day before "Oppdater kontaktlistene" is due

    await bot.run_planner()
    await bot.run_worker()
    assert any("Oppdater kontaktlistene" in r.text for r in kari.received)

    answer = await kari.says("kva fristar har vi?")
    assert "Oppdater kontaktlistene" in answer.text
    assert kari.received[-1] is answer


async def confirmed(bot: TestBot) -> list[str]:
    async with bot.sessions() as session:
        rows = await session.scalars(select(Person.email).join(OutboxMessage, OutboxMessage.person_id == Person.id)
                                     .where(OutboxMessage.confirmed_at.is_not(None)))
        return list(rows)


async def test_the_secretariat_types_kunngjering_in_slack_and_the_button_opens_the_form(bot: TestBot) -> None:
    """In Slack the "Skriv kunngjøring" button opens the modal; nobody is told another platform's commands."""
    await bot.load(NETWORK)
    ingrid = bot.person(INGRID, channel="slack")
    hint = await ingrid.says("kunngjøring")
    assert hint.text.startswith(t("nb", "ann_compose_hint")) and "Slack" not in hint.text
    assert [b.label for b in hint.buttons] == [t("nb", "ann_compose_button")]
    await ingrid.presses(t("nb", "ann_compose_button"))
    [opened] = await bot.slack_api.wait_for("views.open")
    assert opened.args["view"]["callback_id"] == "announce_compose"


async def test_on_the_console_which_has_no_forms_the_write_button_says_where_to_write(bot: TestBot) -> None:
    await bot.load(NETWORK)
    ingrid = bot.person(INGRID, channel="console")
    hint = await ingrid.says("kunngjøring")
    [no_form] = await ingrid.presses(t("nb", "ann_compose_button"))
    assert no_form.text == t("nb", "ann_compose_no_form")

    mona = bot.person(MONA, channel="console")
    [refused] = await mona.presses_button(hint.button(t("nb", "ann_compose_button")))
    assert refused.text == t("nb", "ann_refused")
