"""A call for interest, told as stories (seed 000: "register your interest by 16 February"): the secretariat's
call goes out with Ja / Nei / Usikker buttons (when: tests/test_interest_calls.py), each organization answers
once (a colleague may change it), a comment can follow or be skipped, and only the organizations still silent
are reminded.

The world is tests/fixtures/interest/network.yaml (tests/interest_world.py): Kari (Askøy, Slack) and her
colleague Ola, Nils (Alver, nynorsk), Emma (Bjørnafjorden, English) and Per (Øygarden), who stays silent.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from handlers.notify.planner import preview
from storage.models_flows import FlowRow
from tests.interest_world import (
    CALL,
    EMMA,
    FIRST_REMINDER,
    KARI,
    LAST_REMINDER,
    NETWORK,
    NILS,
    OLA,
    PER,
    answers,
    reminded,
)
from tests.testbot import Received, TestBot

TITLE = "Meld interesse for felles søknad om skjønnsmidler"


def labels(received: Received) -> list[str]:
    return [b.label for b in received.buttons]


async def test_yes_no_and_unsure_are_recorded_and_only_the_silent_are_reminded(bot: TestBot) -> None:
    await bot.load(NETWORK)
    kari = bot.person(KARI, channel="slack")
    nils, emma, per, ola = (bot.person(email) for email in (NILS, EMMA, PER, OLA))
    await bot.at(FIRST_REMINDER)
    assert await bot.run_planner() == 5  # the call reaches everyone in its audience (it replaces the P7D reminder)
    await bot.run_worker()
    call = kari.received[-1]
    assert f"«{TITLE}»: svar Ja, Nei eller Usikker for Askøy, frist torsdag 10. desember 2026 kl. 23.59" in call.text
    assert labels(call) == ["Ja", "Nei", "Usikker"]
    assert labels(nils.received[-1]) == ["Ja", "Nei", "Usikker"] and "Eitt svar gjeld for heile Alver" in str(
        nils.received[-1])
    assert labels(emma.received[-1]) == ["Yes", "No", "Unsure"]
    assert "answer Yes, No or Unsure for Bjørnafjorden, deadline Thursday 10 December 2026" in str(emma.received[-1])

    await bot.at("2026-12-03T10:15")
    [recorded] = await kari.presses("Ja")  # in Slack, on the reminder
    assert f"Registrert: Askøy svarer Ja på «{TITLE}»." in recorded.text
    assert "Vil du legge til en kommentar?" in recorded.text and labels(recorded) == ["Hopp over"]
    saved = await kari.says("Vi er med, kontaktperson er Ola")
    assert "Takk! Svaret Ja fra Askøy er lagret med kommentaren «Vi er med, kontaktperson er Ola»." in saved.text

    [recorded] = await nils.presses("Nei")
    assert "Registrert: Alver svarar Nei" in recorded.text
    assert "Takk! Svaret Nei frå Alver er lagra, utan kommentar." in (await nils.says("hopp over")).text

    listing = await emma.says("answer")  # the shared entry point: what waits for my answer
    assert "This waits for your answer" in listing.text and "not answered yet" in listing.text
    [question] = await emma.presses(TITLE)
    assert "Answer for Bjørnafjorden by Thursday 10 December 2026 at 23:59: Yes, No or Unsure?" in question.text
    assert "Recorded: Bjørnafjorden answers Unsure" in (await emma.says("3")).text  # typed, not pressed
    assert "saved, without a comment" in (await emma.says("skip")).text

    assert await answers(bot) == {"Askøy": ("yes", "Vi er med, kontaktperson er Ola", KARI),
                                  "Alver": ("no", None, NILS), "Bjørnafjorden": ("unsure", None, EMMA)}
    before = {who.email: len(who.received) for who in (kari, ola, nils, emma)}
    await bot.at(LAST_REMINDER)
    assert await bot.run_planner() == 1  # the day before: only Øygarden is still silent
    await bot.run_worker()
    last = per.received[-1]
    assert "Frist om 1 dag" in last.text and "torsdag 10. desember" in last.text
    assert "Øygarden har ikke svart ennå" in last.text and labels(last) == ["Ja", "Nei", "Usikker"]
    assert {who.email: len(who.received) for who in (kari, ola, nils, emma)} == before
    assert await reminded(bot, "sent") == {KARI, OLA, NILS, EMMA, PER}


async def test_an_answer_cancels_the_reminders_of_its_organization_not_yet_sent(bot: TestBot) -> None:
    """The reminders are planned; before the worker sends them, Kari answers: neither she nor her colleague
    Ola is sent one."""
    await bot.load(NETWORK)
    kari, ola = bot.person(KARI), bot.person(OLA)
    await bot.at(FIRST_REMINDER)
    await bot.run_planner()
    await kari.says(f"svar {CALL}")
    await kari.says("ja")
    await bot.run_worker()
    assert await reminded(bot, "cancelled") == {KARI, OLA}  # the calls planned for Askøy
    assert await reminded(bot, "sent") == {NILS, EMMA, PER}
    assert not any("Interesseforespørsel" in r.text for r in (*ola.received, *kari.received))
    async with bot.sessions() as session:  # `digibot plan`: the last reminders will skip Askøy too
        rows = await preview(session, bot.network_id, bot.now() + timedelta(days=5), bot.now() + timedelta(days=7),
                             bot.now())
    assert {r.recipient for r in rows if r.ref == f"deadline:{CALL}"} == {NILS, EMMA, PER}


async def test_a_colleague_sees_the_answer_and_changes_it_before_the_deadline(bot: TestBot) -> None:
    await bot.load(NETWORK)
    kari, ola = bot.person(KARI), bot.person(OLA)
    await bot.at("2026-12-04T10:00")
    await kari.says(f"svar {CALL}")
    await kari.presses("Ja")
    await kari.says("Vi er med")

    await bot.at("2026-12-07T13:30")
    seen = await ola.says(f"svar {CALL}")
    assert "Askøy har svart Ja (Kari Fjell, 4. desember 2026 kl. 10.00). Kommentar: «Vi er med»." in seen.text
    assert "Du kan endre svaret fram til fristen." in seen.text
    [changed] = await ola.presses("Nei")
    assert "Registrert: Askøy svarer Nei" in changed.text
    assert "Det erstatter svaret Ja (Kari Fjell, 4. desember 2026 kl. 10.00)." in changed.text
    await ola.says("hopp over")
    assert await answers(bot) == {"Askøy": ("no", None, OLA)}  # one answer per organization, Kari's comment gone

    listing = await kari.says("svar")
    assert "Nei (Ola Strand, 7. desember 2026 kl. 13.30)" in listing.text


async def test_a_comment_after_a_colleague_changed_the_answer_is_not_put_on_their_answer(bot: TestBot) -> None:
    await bot.load(NETWORK)
    kari, ola = bot.person(KARI), bot.person(OLA)
    await bot.at("2026-12-04T10:00")
    await kari.says(f"svar {CALL}")
    await kari.says("ja")  # Kari is asked for a comment...
    await ola.says(f"svar {CALL}")
    await ola.says("nei")  # ...while Ola answers no
    lost = await kari.says("Vi er med")
    assert "En kollega har endret svaret fra Askøy i mellomtiden, så kommentaren ble ikke lagret." in lost.text
    assert await answers(bot) == {"Askøy": ("no", None, OLA)}


async def test_a_press_after_the_deadline_is_refused_and_stores_nothing(bot: TestBot) -> None:
    await bot.load(NETWORK)
    per = bot.person(PER)
    await bot.at(LAST_REMINDER)
    await bot.run_planner()
    await bot.run_worker()
    await bot.at("2026-12-11T08:00")
    [refused] = await per.presses("Ja")
    assert refused.text == (f"Fristen for «{TITLE}» gikk ut torsdag 10. desember 2026 kl. 23.59. "
                            "Svar kan ikke lenger registreres, så ingenting ble lagret.")
    assert "gikk ut" in (await per.says(f"svar {CALL}")).text
    assert "Ingenting venter på svar fra deg nå." in (await per.says("svar")).text
    assert await answers(bot) == {}


async def test_the_deadline_passing_before_the_comment_keeps_the_answer_and_refuses_the_comment(bot: TestBot) -> None:
    await bot.load(NETWORK)
    per = bot.person(PER)
    await bot.at("2026-12-10T23:50")
    await per.says(f"svar {CALL}")
    assert "Registrert: Øygarden svarer Ja" in (await per.says("ja")).text
    await bot.at("2026-12-11T00:05")
    assert "gikk ut" in (await per.says("Vi rakk det så vidt")).text
    assert await answers(bot) == {"Øygarden": ("yes", None, PER)}


async def test_a_restart_between_the_button_and_the_comment_loses_nothing(bot: TestBot) -> None:
    await bot.load(NETWORK)
    kari = bot.person(KARI, channel="slack")
    await bot.at(FIRST_REMINDER)
    await bot.run_planner()
    await bot.run_worker()
    await bot.at("2026-12-03T11:00")
    await kari.presses("Usikker")
    async with bot.sessions() as session:
        assert list(await session.execute(select(FlowRow.flow, FlowRow.subject, FlowRow.step))) == [
            ("interest", CALL, "comment")]
    assert await answers(bot) == {"Askøy": ("unsure", None, KARI)}  # stored the moment it was given

    await bot.restart()
    saved = await kari.says("Må ta det opp i formannskapet først")
    assert "lagret med kommentaren «Må ta det opp i formannskapet først»" in saved.text
    assert await answers(bot) == {"Askøy": ("unsure", "Må ta det opp i formannskapet først", KARI)}
    async with bot.sessions() as session:
        assert list(await session.scalars(select(FlowRow.id))) == []


async def test_a_stale_answer_button_changes_nothing(bot: TestBot) -> None:
    await bot.load(NETWORK)
    kari = bot.person(KARI)
    await bot.at("2026-12-04T10:00")
    question = await kari.says(f"svar {CALL}")
    await kari.presses("Ja", on=question)
    [stale] = await kari.presses("Nei", on=question)  # the question's buttons went stale with the answer
    assert "Denne knappen gjelder ikke lenger" in stale.text
    assert await answers(bot) == {"Askøy": ("yes", None, KARI)}


async def test_an_answer_typed_after_the_reminder_works_like_its_button(bot: TestBot) -> None:
    await bot.load(NETWORK)
    per = bot.person(PER, channel="slack")
    await bot.at(FIRST_REMINDER)
    await bot.run_planner()
    await bot.run_worker()
    await bot.at("2026-12-03T12:00")
    assert "Registrert: Øygarden svarer Nei" in (await per.says("Nei")).text
    [saved] = await per.presses("Hopp over")
    assert "Takk! Svaret Nei fra Øygarden er lagret, uten kommentar." in saved.text
    assert await answers(bot) == {"Øygarden": ("no", None, PER)}
    # answered: "ja" is no longer an answer to anything, and changes nothing
    assert "Registrert" not in (await per.says("ja")).text
    assert await answers(bot) == {"Øygarden": ("no", None, PER)}
