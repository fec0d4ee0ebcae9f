"""The call of a call for interest (a deadline of kind `interest`): sent once to each person of its audience as
soon as the planner sees it, Ja / Nei / Usikker buttons included, the way the secretariat's e-mail went out
the day it was written.

    calls = await load_calls(session, network, now, answered)   # who was called (outbox), who is left
    planned, called = plan_calls(network, window, now, calls)   # pure

Each person is called once per call (key `interest_call:<deadline>:<email>`), and only while their
organization has not answered and the deadline is ahead. Who was called is read from the outbox by person,
not by key, so a changed e-mail address, a re-import or a second replica calls nobody twice; a person reminded
before calls were sent on their own (their first reminder was their call) is not called either. A person who
joins the audience later is called at the next tick in office hours. What the outbox said is kept with the
network's snapshot (it only ever grows), so a tick asks the database only about the people it does not know to
be called yet: usually nobody.

When: at once if `now` is in office hours (working days 08:00–17:00, handlers/notify/working_hours.py), else
at 08:00 on the next working day, unless that is not before the deadline: then at once, late in the evening
rather than too late.

`called` (deadline key -> person -> the time of their call, this run's calls included, also those outside
`window`) goes to the deadline planner, which leaves out every reminder that would reach a person less than
`REPLACES` after their call (or before it): the call has just said everything the reminder would.
"""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.notify.content import INTEREST_CALL, interest_call, language
from handlers.notify.facts import DeadlineFacts, InterestFacts, deadline_facts, reminder_facts
from handlers.notify.working_hours import Window, office_moment
from messages.i18n import Lang
from messages.model import Message
from storage.interest import Reached, reached
from storage.outbox import Planned
from storage.snapshot import DeadlineInfo, NetworkSnapshot, PersonInfo

INTEREST = "interest"
REPLACES = timedelta(days=1)
KNOWN = "interest_calls_reached"  # the snapshot's memo of what the outbox said


def open_calls(network: NetworkSnapshot, now: datetime) -> list[DeadlineInfo]:
    return sorted((d for d in network.deadlines.values() if d.kind == INTEREST and d.due > now),
                  key=lambda d: (d.due, d.key))


def audience_ids(network: NetworkSnapshot, deadline: DeadlineInfo) -> frozenset[int]:
    """The ids of the call's audience, once per snapshot."""
    return network.memo(f"interest_call_audience:{deadline.key}",
                        lambda: frozenset(p.id for p in network.audience_of(deadline.audience)))


@dataclass(frozen=True)
class Calls:
    """What the planner knows of the open calls: whom the outbox says they reached, and who is left to call."""

    reached: Reached
    uncalled: dict[str, list[PersonInfo]]  # deadline key -> people of its audience not reached, by e-mail


def _uncalled(network: NetworkSnapshot, deadline: DeadlineInfo, known: Reached,
              answered: Mapping[int, AbstractSet[int]]) -> set[int]:
    left = (audience_ids(network, deadline) - known.called.get(deadline.key, {}).keys()
            - known.reminded.get(deadline.key, set()))
    done = answered.get(deadline.id, frozenset())
    return {i for i in left if network.people[i].org_id not in done} if done else set(left)


async def load_calls(session: AsyncSession, network: NetworkSnapshot, now: datetime,
                     answered: Mapping[int, AbstractSet[int]]) -> Calls:
    """Whom the open calls have reached, and who is left to call: the people of their audiences whose
    organization has not `answered` (deadline row id -> organization ids) and who have not been called. The
    outbox is read only about people not known to be called from an earlier tick on the same snapshot; what is
    read was committed, so a tick that fails teaches nothing wrong."""
    known = network.memo(KNOWN, Reached)
    calls = open_calls(network, now)
    wanted = {d.key: _uncalled(network, d, known, answered) for d in calls}
    await reached(session, network.id, wanted, known)
    uncalled = {}
    for deadline in calls:
        left = _uncalled(network, deadline, known, answered) if wanted[deadline.key] else set()
        if left:
            uncalled[deadline.key] = sorted((network.people[i] for i in left), key=lambda p: p.email)
    return Calls(known, uncalled)


def call_time(deadline: DeadlineInfo, now: datetime, tz: str) -> datetime:
    """When a call seen at `now` goes out: the next office moment, unless that is not before the deadline."""
    at = office_moment(now, tz)
    return at if at < deadline.due else now


def replaced(called: Mapping[int, datetime], person_id: int, at: datetime) -> bool:
    """Whether a reminder at `at` would reach the person less than REPLACES after their call (or before it)."""
    first = called.get(person_id)
    return first is not None and at < first + REPLACES


def plan_calls(network: NetworkSnapshot, window: Window, now: datetime,
               calls: Calls) -> tuple[list[Planned], dict[str, Mapping[int, datetime]]]:
    """The calls due in `window` to the people `calls` says are left to call, for calls whose deadline is after
    `now`; and, per call (deadline key), when each person is or will be called."""
    planned: list[Planned] = []
    called: dict[str, Mapping[int, datetime]] = {}
    for deadline in open_calls(network, now):
        times: dict[int, datetime] = {}  # this run's calls, before those the outbox holds
        called[deadline.key] = ChainMap(times, calls.reached.called.get(deadline.key, {}))
        at = call_time(deadline, now, network.timezone)
        messages: dict[tuple[Lang, int], Message] = {}
        facts: DeadlineFacts | None = None
        for person in calls.uncalled.get(deadline.key, ()):
            times[person.id] = at
            if at not in window:
                continue
            facts = facts or deadline_facts(network, deadline)
            org = network.orgs[person.org_id]
            interest = InterestFacts(deadline.key, org.key, org.name)
            lang = language(network, person)
            message = messages.get((lang, org.id))
            if message is None:
                message = messages[(lang, org.id)] = interest_call(facts, interest, lang)
            planned.append(Planned(
                key=f"{INTEREST_CALL}:{deadline.key}:{person.email}", kind=INTEREST_CALL, person_id=person.id,
                recipient=person.email, channel=person.channel, lang=lang, message=message, due_at=at,
                ref=f"deadline:{deadline.key}", facts=reminder_facts(facts, at, interest),
            ))
    return planned, called
