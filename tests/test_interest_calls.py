"""When a call for interest goes out, told as stories: the secretariat puts "register your interest by 10
December" into the network file weeks ahead, and the call reaches every addressed person at once (in office
hours) with Ja / Nei / Usikker, whatever its reminders say; reminders then chase only the silent, and nothing
is ever sent twice.

The world is tests/fixtures/interest/network.yaml (tests/interest_world.py): the call `interesse-skjonn` is due
Thursday 10 December 2026 23:59 and addressed to Kari and Ola (Askøy), Nils (Alver, nynorsk), Emma
(Bjørnafjorden, English) and Per (Øygarden). Kari talks to the bot in Slack, through the real Slack endpoint
and the Web API emulator.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import select

import handlers.notify.planner as planner
import storage.interest
from handlers.notify.plan_calls import call_time
from handlers.notify.planner import preview
from messages.codec import message_to_dict
from messages.model import Message
from storage.models_notify import OutboxMessage
from storage.snapshot import DeadlineInfo, SnapshotCache
from tests.interest_world import CALL, EMMA, FIRST_REMINDER, KARI, LAST_REMINDER, NETWORK, NILS, OLA, PER, answers
from tests.testbot import Received, TestBot

ROOT = Path(__file__).resolve().parent.parent
TITLE = "Meld interesse for felles søknad om skjønnsmidler"
EVERYONE = {KARI, OLA, NILS, EMMA, PER}
PUBLISHED = "2026-11-23T10:00"  # a Monday, two and a half weeks before the deadline


def network(reminders: list[str] | None = None, **extra_people: list[dict[str, Any]]) -> dict[str, Any]:
    """The interest world with the call's `reminders` (None: as in the file) and more people."""
    data: dict[str, Any] = copy.deepcopy(yaml.safe_load((ROOT / NETWORK).read_text(encoding="utf-8")))
    call = next(d for d in data["deadlines"] if d["id"] == CALL)
    if reminders is not None:
        call["reminders"] = reminders
    data["people"] += extra_people.get("people", [])
    return data


async def outbox(bot: TestBot) -> list[tuple[str, str, str]]:
    """(kind, recipient, status) of every row about the call, in the order they were planned."""
    async with bot.sessions() as session:
        rows = await session.execute(select(OutboxMessage.kind, OutboxMessage.recipient, OutboxMessage.status)
                                     .where(OutboxMessage.ref == f"deadline:{CALL}").order_by(OutboxMessage.id))
        return [(kind, recipient, status) for kind, recipient, status in rows]


def calls_to(rows: list[tuple[str, str, str]]) -> set[str]:
    return {recipient for kind, recipient, _ in rows if kind == "interest_call"}


def reminders_to(rows: list[tuple[str, str, str]]) -> set[str]:
    return {recipient for kind, recipient, _ in rows if kind == "reminder"}


def labels(received: Received) -> list[str]:
    return [b.label for b in received.buttons]


async def test_a_call_without_reminders_reaches_everyone_once_and_kari_answers_yes_in_slack(bot: TestBot) -> None:
    """The secretariat publishes a call with no reminders: every addressed person gets the call with buttons;
    Kari presses Ja in Slack; nobody is asked again, up to the deadline."""
    await bot.load(network(reminders=[]))
    kari = bot.person(KARI, channel="slack")
    nils, emma, per = bot.person(NILS), bot.person(EMMA), bot.person(PER)
    await bot.at(PUBLISHED)
    assert await bot.run_planner() == 5
    assert await bot.run_worker() == 5

    [call] = kari.received
    assert "Interesseforespørsel" in call.text
    assert f"«{TITLE}»: svar Ja, Nei eller Usikker for Askøy, frist torsdag 10. desember 2026 kl. 23.59." in call.text
    assert "Kontaktperson" in call.text and "Atle Sandal (atle.sandal@bergen.kommune.no)" in call.text
    assert "Ett svar gjelder for hele Askøy" in call.text and f"skriv «svar {CALL}»" in call.text
    assert labels(call) == ["Ja", "Nei", "Usikker"]
    [nynorsk] = nils.received
    assert "Interesseførespurnad" in nynorsk.text and "frist torsdag 10. desember 2026" in nynorsk.text
    assert "Eitt svar gjeld for heile Alver" in nynorsk.text and labels(nynorsk) == ["Ja", "Nei", "Usikker"]
    [english] = emma.received
    assert "Call for interest" in english.text and "deadline Thursday 10 December 2026" in english.text
    assert "One answer counts for all of Bjørnafjorden" in english.text
    assert labels(english) == ["Yes", "No", "Unsure"]
    assert "for Øygarden" in per.received[0].text

    await bot.at("2026-11-23T10:20")
    [recorded] = await kari.presses("Ja", on=call)
    assert f"Registrert: Askøy svarer Ja på «{TITLE}»." in recorded.text
    await kari.says("hopp over")
    assert await answers(bot) == {"Askøy": ("yes", None, KARI)}

    seen = {who.email: len(who.received) for who in (kari, nils, emma, per)}
    for moment in ("2026-11-23T10:30", "2026-12-01T09:00", FIRST_REMINDER, LAST_REMINDER, "2026-12-10T16:00"):
        await bot.at(moment)
        assert await bot.run_planner() == 0, moment
        assert await bot.run_worker() == 0
    assert {who.email: len(who.received) for who in (kari, nils, emma, per)} == seen
    assert await outbox(bot) == [("interest_call", who, "sent") for who in sorted(EVERYONE)]


async def test_the_call_goes_at_once_and_the_reminders_only_to_the_silent(bot: TestBot) -> None:
    """A call with reminders [P7D, P1D] published weeks ahead: the call goes at once, the silent are reminded
    a week and a day before, the organizations that answered are not."""
    await bot.load(NETWORK)
    kari, nils, emma, per = bot.person(KARI, channel="slack"), bot.person(NILS), bot.person(EMMA), bot.person(PER)
    await bot.at(PUBLISHED)
    assert await bot.run_planner() == 5  # the call, not a week's silence before the first reminder
    await bot.run_worker()
    assert calls_to(await outbox(bot)) == EVERYONE

    await bot.at("2026-11-24T13:00")
    await kari.presses("Ja", on=kari.received[0])
    await kari.says("Vi er med")

    await bot.at(FIRST_REMINDER)
    assert await bot.run_planner() == 3  # Nils, Emma and Per; neither Kari nor her colleague Ola
    await bot.run_worker()
    assert reminders_to(await outbox(bot)) == {NILS, EMMA, PER}
    week = per.received[-1]
    assert "Frist om 7 dager" in week.text and "Øygarden har ikke svart ennå" in week.text
    assert labels(week) == ["Ja", "Nei", "Usikker"]

    await bot.at("2026-12-04T09:30")
    await nils.presses("Nei", on=nils.received[-1])
    await nils.says("hopp over")

    await bot.at(LAST_REMINDER)
    assert await bot.run_planner() == 2  # Emma and Per are still silent
    await bot.run_worker()
    assert "Deadline in 1 day" in emma.received[-1].text and "Frist om 1 dag" in per.received[-1].text
    assert [len(who.received) for who in (kari, nils, emma, per)] == [3, 4, 3, 3]  # Kari: call, 2 answers
    rows = await outbox(bot)
    assert sorted(r for kind, r, _ in rows if kind == "reminder") == sorted([NILS, EMMA, PER, EMMA, PER])
    assert await answers(bot) == {"Askøy": ("yes", "Vi er med", KARI), "Alver": ("no", None, NILS)}


async def test_a_call_published_the_day_before_a_reminder_replaces_that_reminder(bot: TestBot) -> None:
    """Published Wednesday 14:00, 19 hours before the week's reminder (Thursday 09:00): the call is all they get
    that week; the reminder the day before the deadline still goes."""
    await bot.load(NETWORK)
    per = bot.person(PER)
    await bot.at("2026-12-02T14:00")
    assert await bot.run_planner() == 5
    await bot.at(FIRST_REMINDER)
    assert await bot.run_planner() == 0
    await bot.at(LAST_REMINDER)
    assert await bot.run_planner() == 5
    await bot.run_worker()
    assert [r.text.split("\n", 1)[0] for r in per.received] == ["Interesseforespørsel", "Påminnelse"]


async def test_a_reminder_due_before_the_call_is_not_sent_as_well(bot: TestBot) -> None:
    """The planner first sees the call on Thursday 15:00, after the week's reminder was due (09:00, within the
    planner's catch-up): it sends the call, not the call and a reminder that says less."""
    await bot.load(NETWORK)
    per = bot.person(PER)
    await bot.at("2026-12-03T15:00")
    assert await bot.run_planner() == 5
    await bot.run_worker()
    assert reminders_to(await outbox(bot)) == set() and calls_to(await outbox(bot)) == EVERYONE
    assert len(per.received) == 1


@pytest.mark.parametrize("few", [500, 1], ids=["names-the-people", "reads-the-calls-rows"])
async def test_planning_again_reimporting_and_a_late_joiner_send_nothing_twice(bot: TestBot, few: int,
                                                                              monkeypatch: Any) -> None:
    """The planner runs every minute and the secretariat re-imports the file: the call goes once per person;
    a new colleague added to Alver later gets the call at the next tick, and only they do. (Both ways the
    planner asks the outbox: naming the people, or, for many, reading the calls' rows.)"""
    monkeypatch.setattr(storage.interest, "FEW", few)
    await bot.load(NETWORK)
    await bot.at(PUBLISHED)
    assert await bot.run_planner() == 5
    assert await bot.run_planner() == 0
    await bot.run_worker()
    await bot.at("2026-11-23T10:01")
    assert await bot.run_planner() == 0
    await bot.load(NETWORK)  # the same file again
    await bot.at("2026-11-24T10:00")
    assert await bot.run_planner() == 0

    lise = {"email": "lise.mo@alver.kommune.no", "name": "Lise Mo", "organization": "4631",
            "roles": ["coordinator"], "language": "nn"}
    await bot.load(network(people=[lise]))
    await bot.at("2026-11-25T10:00")
    assert await bot.run_planner() == 1
    await bot.run_worker()
    [call] = bot.person(lise["email"]).received
    assert "Interesseførespurnad" in call.text and "for Alver" in call.text
    await bot.load(network(people=[lise]))
    assert await bot.run_planner() == 0
    rows = await outbox(bot)
    assert len(rows) == 6 and calls_to(rows) == EVERYONE | {lise["email"]}


async def test_a_call_imported_after_its_deadline_sends_nothing(bot: TestBot) -> None:
    await bot.load(NETWORK)
    await bot.at("2026-12-11T09:00")
    assert await bot.run_planner() == 0
    async with bot.sessions() as session:
        assert await preview(session, bot.network_id, bot.now(), bot.now() + timedelta(days=7), bot.now()) == []
    assert await outbox(bot) == []


async def test_an_organization_that_answered_before_the_call_went_out_is_not_called(bot: TestBot) -> None:
    """Per heard of the call in a meeting and answered with `svar` before the planner's first tick: nobody in
    Øygarden is called; a call planned for Askøy but not yet sent is cancelled when Ola answers."""
    await bot.load(NETWORK)
    per, ola = bot.person(PER), bot.person(OLA)
    await bot.at(PUBLISHED)
    await per.says(f"svar {CALL}")
    await per.says("ja")
    await per.says("hopp over")
    assert await bot.run_planner() == 4
    await ola.says("nei")  # typed, before the worker ran: answers the one open call
    await ola.says("hopp over")
    await bot.run_worker()
    rows = await outbox(bot)
    assert calls_to(rows) == {KARI, OLA, NILS, EMMA}
    assert {r for kind, r, status in rows if status == "cancelled"} == {KARI, OLA}
    assert {r for kind, r, status in rows if status == "sent"} == {NILS, EMMA}
    assert not any("Interesseforespørsel" in r.text for r in (*per.received, *ola.received))


async def test_a_call_published_on_friday_evening_goes_out_on_monday_morning(bot: TestBot) -> None:
    """Published Friday 19:30: nothing in the evening or the weekend; `digibot plan` shows the calls on Monday
    08:00, and the first tick then sends them."""
    await bot.load(NETWORK)
    await bot.at("2026-11-27T19:30")
    assert await bot.run_planner() == 0
    async with bot.sessions() as session:
        rows = await preview(session, bot.network_id, bot.now(), bot.now() + timedelta(days=4), bot.now())
    monday = datetime.fromisoformat("2026-11-30T08:00").replace(tzinfo=bot.timezone)
    assert {(r.kind, r.recipient, r.due_at, r.status) for r in rows} == {
        ("interest_call", who, monday, "planned") for who in EVERYONE}
    await bot.at("2026-11-28T12:00")
    assert await bot.run_planner() == 0
    await bot.at("2026-11-30T08:00")
    assert await bot.run_planner() == 5


def test_a_call_whose_deadline_comes_before_the_next_office_hours_goes_at_once() -> None:
    """Published Saturday noon, due Sunday evening: waiting for Monday would be too late, so it goes now."""
    tz = "Europe/Oslo"
    saturday = datetime.fromisoformat("2026-11-28T12:00+01:00")
    due = DeadlineInfo(1, "x", "x", "interest", datetime.fromisoformat("2026-11-29T20:00+01:00"), {}, None, (),
                       None, None)
    assert call_time(due, saturday, tz) == saturday
    later = DeadlineInfo(1, "x", "x", "interest", datetime.fromisoformat("2026-12-01T20:00+01:00"), {}, None, (),
                         None, None)
    assert call_time(later, saturday, tz) == datetime.fromisoformat("2026-11-30T08:00+01:00")


async def test_people_reminded_before_calls_were_sent_on_their_own_are_not_called_now(bot: TestBot) -> None:
    """A database from before this change: Per was sent the week's reminder (then the call's first message);
    the new planner calls the others, not him."""
    await bot.load(NETWORK)
    await bot.at(FIRST_REMINDER)
    async with bot.sessions() as session:
        session.add(OutboxMessage(
            network_id=bot.network_id, key=f"reminder:{CALL}:{PER}:P7D", kind="reminder",
            person_id=bot.person(PER).id, recipient=PER, channel="console", lang="nb",
            message=message_to_dict(Message(text="Frist om 7 dager")), ref=f"deadline:{CALL}",
            due_at=bot.now(), status="sent", attempts=1, created_at=bot.now(), sent_at=bot.now()))
        await session.commit()
    await bot.at("2026-12-03T10:00")
    assert await bot.run_planner() == 4
    assert calls_to(await outbox(bot)) == EVERYONE - {PER}


def test_digibot_plan_shows_the_calls_then_the_reminders(tmp_path: Path, capsys: Any) -> None:
    """`digibot plan --json` (DESIGN.md's keys) lists the calls of the day the call is published, in each
    reader's language, and the week's reminder is not among them: the call went less than a day before it."""
    from bot.cli import main

    db = f"sqlite:///{tmp_path / 'digibot.sqlite3'}"
    assert main(["import", str(ROOT / NETWORK), "--db", db]) == 0
    capsys.readouterr()
    assert main(["plan", "--from", "2026-12-02", "--to", "2026-12-09", "--json", "--now", "2026-12-02T14:00",
                 "--db", db]) == 0
    listed = [row for row in json.loads(capsys.readouterr().out) if row["ref"] == f"deadline:{CALL}"]
    assert set(listed[0]) == {"at", "to", "kind", "channel", "key", "status", "lang", "ref", "title", "attachment"}
    assert [(row["at"], row["kind"]) for row in listed] == [("2026-12-02T14:00:00+01:00", "interest_call")] * 5 + [
        ("2026-12-09T09:00:00+01:00", "reminder")] * 5
    calls = {row["to"]: row for row in listed if row["kind"] == "interest_call"}
    assert calls[NILS]["title"] == "Interesseførespurnad" and calls[EMMA]["title"] == "Call for interest"
    assert calls[KARI]["key"] == f"interest_call:{CALL}:{KARI}" and calls[KARI]["status"] == "planned"


def test_per_answers_the_call_in_a_scripted_terminal_chat(tmp_path: Path) -> None:
    """`digibot chat`: the call shows up as Per opens the terminal the morning it is published; typing 1 presses
    Ja, the next line is the comment; opening the chat again shows the call no more."""
    def run(*args: str, stdin: str = "") -> str:
        done = subprocess.run([sys.executable, "-m", "bot.cli", *args], input=stdin, capture_output=True, text=True,
                              cwd=ROOT, timeout=120)
        assert done.returncode == 0, done.stderr
        return done.stdout

    db = f"sqlite:///{tmp_path / 'chat.sqlite3'}"
    run("import", str(ROOT / NETWORK), "--db", db)
    out = run("chat", "--db", db, "--as", PER, "--now", PUBLISHED, stdin="1\nVi vurderer det i formannskapet\n")
    call = out.index("Interesseforespørsel\n«Meld interesse for felles søknad om skjønnsmidler»: svar Ja, Nei eller "
                     "Usikker for Øygarden, frist torsdag 10. desember 2026 kl. 23.59.")
    assert out.index("[1] Ja   [2] Nei   [3] Usikker", call) > call
    assert "Registrert: Øygarden svarer Ja" in out
    assert "lagret med kommentaren «Vi vurderer det i formannskapet»" in out
    status = json.loads(run("interest", "status", CALL, "--db", db, "--json"))
    [oygarden] = [o for o in status["organizations"] if o["name"] == "Øygarden"]
    assert (oygarden["answer"], oygarden["by"], oygarden["comment"]) == ("yes", PER, "Vi vurderer det i formannskapet")

    again = run("chat", "--db", db, "--as", PER, "--now", "2026-11-24T10:00", stdin="")
    assert "Interesseforespørsel" not in again


async def test_replicas_with_their_own_snapshots_and_a_failed_tick_call_everyone_exactly_once(
        bot: TestBot, monkeypatch: Any) -> None:
    """In `digibot run` each replica keeps its snapshot between ticks, and with it whom it knows to be called.
    A tick that fails before its commit must not make a replica believe anyone was called; two replicas ticking
    the same minute call each person once."""
    await bot.load(NETWORK)
    first, second = SnapshotCache(), SnapshotCache()
    now = datetime.fromisoformat(PUBLISHED).replace(tzinfo=bot.timezone)

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("the database went away")

    with monkeypatch.context() as patch:
        patch.setattr(planner, "enqueue", broken)
        async with bot.sessions() as session:
            try:
                await planner.plan_due(session, bot.network_id, now, snapshots=first)
            except RuntimeError:
                await session.rollback()
    assert await outbox(bot) == []
    async with bot.sessions() as session:
        assert await planner.plan_due(session, bot.network_id, now, snapshots=first) == 5
    for minute in range(1, 4):  # both replicas tick every minute
        for cache in (first, second):
            async with bot.sessions() as session:
                assert await planner.plan_due(session, bot.network_id, now + timedelta(minutes=minute),
                                              snapshots=cache) == 0
    assert sorted(r for _, r, _ in await outbox(bot)) == sorted(EVERYONE)
