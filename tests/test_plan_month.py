"""December 2026 in DigiTest, tick by tick: an injected clock walks the month and the scheduler's tick
(`bot.scheduler.planning_tick`) runs every hour, and again at once whenever it planned something (a
second replica, an overlapping run), with a restart half-way. Nothing sleeps. At the end the outbox
holds exactly what the secretariat expects, each row once, each planned at its (office-hours) time.

The month (see tests/fixtures/notify/december.yaml):
- Wed 9 Dec 10:00    an announcement to everyone
- Thu 10 Dec 14:00   the Christmas meeting moves from 10:00 to 12:00 (nobody noticed yet: no update);
                     the January seminar is removed (nobody noticed yet: no cancellation)
- Tue 15 Dec 00:00   the bot restarts (new engine, new sessions, new snapshot cache; same database)
- Tue 15 Dec 09:00   the resource group meeting moves from Mon 21st (Teams) to Tue 22nd (Askøy rådhus)
- Sun 20 Dec 15:00   the KS meeting of 30 December is cancelled
- Tue 22 Dec 15:00   DigiHelse is completed
Christmas Day (Friday 25th) and Boxing Day are holidays; Christmas Eve is a working day.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.scheduler import planning_tick
from handlers.notify.working_hours import is_working_day
from messages.codec import message_from_dict
from storage.db import make_engine, make_sessionmaker
from storage.snapshot import SnapshotCache
from tests.fixtures.notify.world import (
    EVA,
    KARI,
    LEIAR,
    OLA,
    PER,
    SIRI,
    Sessions,
    announce,
    cancel_meeting,
    change_project_status,
    load_network,
    local,
    move_meeting,
    outbox,
    show,
)

STEP = timedelta(hours=1)
MEMBERS = (LEIAR, KARI, OLA, EVA, SIRI)  # Bergen and Askøy; Modalen (Per) is only invited
STEERING = (KARI, OLA)
COORDINATORS = (EVA, SIRI)


def rows(at: str, kind: str, key: str, people: tuple[str, ...]) -> set[tuple[str, str, str, str]]:
    """Expected outbox rows: `key` with {email} filled in, one per person."""
    return {(at, kind, who, key.format(email=who)) for who in people}


def digests(who: str, days: list[int], month: int = 12) -> set[tuple[str, str, str, str]]:
    return {(f"2026-{month:02d}-{day:02d} 08:00", "digest", who, f"digest:{who}:2026-{month:02d}-{day:02d}")
            for day in days}


EXPECTED = set().union(
    # Deadline reminders, moved into office hours.
    rows("2026-12-04 09:00", "reminder", "reminder:svar-invitasjon:{email}:PT2H", (PER,)),  # Fri 18:00
    rows("2026-12-08 09:00", "reminder", "reminder:innspel-sg:{email}:P1D", STEERING),  # Wed 07:30 -> Tue
    rows("2026-12-11 12:00", "reminder", "reminder:budsjett-2027:{email}:P7D", (KARI, OLA, PER)),
    rows("2026-12-17 12:00", "reminder", "reminder:budsjett-2027:{email}:P1D", (KARI, OLA, PER)),
    rows("2026-12-21 12:00", "reminder", "reminder:jul-rapport:{email}:P7D", MEMBERS),
    rows("2026-12-24 09:00", "reminder", "reminder:jul-rapport:{email}:P1D", MEMBERS),  # P2D+P1D: once
    rows("2026-12-28 09:00", "reminder", "reminder:arsrapport:{email}:P7D", COORDINATORS),  # Mon 23:59
    rows("2026-12-31 09:00", "reminder", "reminder:arsrapport:{email}:P1D", COORDINATORS),  # Sun 3 Jan
    # Meeting notices.
    rows("2026-12-02 10:00", "meeting_notice", "meeting_notice:sg-2026-12:{email}:P14D", STEERING),
    rows("2026-12-14 13:00", "meeting_notice", "meeting_notice:ressurs-2026-12:{email}:P7D", COORDINATORS),
    rows("2026-12-15 10:00", "meeting_notice", "meeting_notice:sg-2026-12:{email}:P1D", STEERING),
    rows("2026-12-16 10:00", "meeting_notice", "meeting_notice:ks-2026-12:{email}:P14D", STEERING),
    rows("2026-12-21 13:00", "meeting_notice", "meeting_notice:ressurs-2026-12:{email}:P1D", COORDINATORS),
    rows("2026-12-24 12:00", "meeting_notice", "meeting_notice:julemote:{email}:P5D", MEMBERS),  # moved meeting
    # What changed after notices went out.
    rows("2026-12-15 09:00", "meeting_update", "meeting_update:ressurs-2026-12:1:{email}", COORDINATORS),
    rows("2026-12-20 15:00", "meeting_cancel", "meeting_cancel:ks-2026-12:{email}", STEERING),
    # Digests: weekly on Mondays, daily on working days, never empty.
    digests(KARI, [7, 14, 21, 28]) | digests(KARI, [30], month=11),
    digests(PER, [7, 14]) | digests(PER, [30], month=11),  # from the 21st nothing concerns Per
    digests(OLA, [1, 2, 3, 4, 7, 8, 9, 10, 11, 14, 15, 16, 17, 18, 21, 22, 23, 24, 28, 29])
    | digests(OLA, [30], month=11),  # no 25th (Christmas Day); nothing left for him on the 30th and 31st
)

Event = Callable[[Sessions], Awaitable[None]]
EVENTS: dict[datetime, Event] = {
    local(2026, 12, 9, 10, 0): lambda s: announce(s, "Ny samarbeidsavtale", local(2026, 12, 9, 10, 0)),
    local(2026, 12, 10, 14, 0): lambda s: _all(
        move_meeting(s, "julemote", local(2026, 12, 29, 12, 0), local(2026, 12, 29, 13, 0)),
        cancel_meeting(s, "seminar-2027", local(2026, 12, 10, 14, 0)),
    ),
    local(2026, 12, 15, 9, 0): lambda s: move_meeting(
        s, "ressurs-2026-12", local(2026, 12, 22, 13, 0), local(2026, 12, 22, 15, 0), location="Askøy rådhus"),
    local(2026, 12, 20, 15, 0): lambda s: cancel_meeting(s, "ks-2026-12", local(2026, 12, 20, 15, 0)),
    local(2026, 12, 22, 15, 0): lambda s: change_project_status(s, "digihelse", "completed",
                                                               local(2026, 12, 22, 15, 0)),
}


async def _all(*steps: Awaitable[None]) -> None:
    for step in steps:
        await step


class Clock:
    """The injected clock: the test moves it, the tick reads it."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


async def walk(url: str, start: datetime, end: datetime, *, restart_at: datetime | None = None,
               events: dict[datetime, Event] | None = None) -> int:
    """Tick every STEP from `start` to `end`, applying `events` as their time comes. A tick that planned
    something is repeated at once, and the repeat must plan nothing."""
    engine: AsyncEngine = make_engine(url)
    sessions, snapshots = make_sessionmaker(engine), SnapshotCache()
    clock, ticks = Clock(start), 0
    try:
        while clock.now <= end:
            if clock.now == restart_at:  # a restart: nothing survives but the database
                await engine.dispose()
                engine = make_engine(url)
                sessions, snapshots = make_sessionmaker(engine), SnapshotCache()
            if events and clock.now in events:
                await events[clock.now](sessions)
            ticks += 1
            if await planning_tick(sessions, clock, snapshots):
                assert await planning_tick(sessions, clock, snapshots) == 0, clock.now
                ticks += 1
            clock.now += STEP
    finally:
        await engine.dispose()
    return ticks


def _url(engine: AsyncEngine) -> str:
    return engine.url.render_as_string(hide_password=False)


async def test_a_whole_december_of_meetings_deadlines_and_digests(sqlite_engine) -> None:
    sessions = make_sessionmaker(sqlite_engine)
    await load_network(sessions)
    started = time.perf_counter()
    ticks = await walk(_url(sqlite_engine), local(2026, 11, 30), local(2027, 1, 1), events=EVENTS,
                       restart_at=local(2026, 12, 15))
    print(f"\n{ticks} ticks over December 2026 in {time.perf_counter() - started:.1f} s")

    planned = await outbox(sessions)
    got = {(show(r.due_at), r.kind, r.recipient, r.key) for r in planned}
    assert sorted(got - EXPECTED) == [] and sorted(EXPECTED - got) == []
    assert len(planned) == len(EXPECTED)  # each exactly once, despite double ticks and the restart

    for row in planned:
        # Planned at the first tick at or after its time: never early, never a tick late.
        assert timedelta(0) <= row.created_at - row.due_at < STEP, row.key
        day = row.due_at.astimezone(local(2026, 12, 1).tzinfo)
        if row.kind in ("reminder", "meeting_notice"):
            assert is_working_day(day.date()) and 8 <= day.hour < 17, row.key
        if row.kind == "digest":
            weekly = row.recipient in (KARI, PER)
            assert (day.weekday() == 0) if weekly else is_working_day(day.date()), row.key
        if row.kind.startswith("meeting_"):
            assert row.attachment is not None and row.attachment["content_type"] == "text/calendar"

    def items(key: str) -> list[str]:
        (row,) = [r for r in planned if r.key == key]
        return message_from_dict(row.message).items

    assert "Kunngjøring 9. desember 2026 kl. 10.00: Ny samarbeidsavtale" in items(f"digest:{KARI}:2026-12-14")
    assert "Kunngjering 9. desember 2026 kl. 10.00: Ny samarbeidsavtale" in items(f"digest:{OLA}:2026-12-10")
    assert not any("Ny samarbeidsavtale" in line for line in items(f"digest:{OLA}:2026-12-11"))  # only once
    assert "Prosjektet DigiHelse er no fullført (var aktivt)" in items(f"digest:{OLA}:2026-12-23")
    assert "Prosjektet DigiHelse er nå fullført (var aktivt)" in items(f"digest:{KARI}:2026-12-28")
    assert not any("KS-møte" in line for line in items(f"digest:{KARI}:2026-12-21"))  # cancelled


async def test_a_week_before_christmas_on_both_databases(engine) -> None:
    """The same walk, shorter, on SQLite and PostgreSQL: 14–20 December, with the move and the cancellation."""
    sessions = make_sessionmaker(engine)
    await load_network(sessions)
    week = {moment: event for moment, event in EVENTS.items() if local(2026, 12, 14) <= moment < local(2026, 12, 21)}
    await walk(_url(engine), local(2026, 12, 14), local(2026, 12, 20, 23, 30), events=week,
               restart_at=local(2026, 12, 17))
    got = {(show(r.due_at), r.kind, r.recipient, r.key) for r in await outbox(sessions)}
    expected = {row for row in EXPECTED if "2026-12-14" <= row[0] < "2026-12-21"}
    assert sorted(got - expected) == [] and sorted(expected - got) == []
