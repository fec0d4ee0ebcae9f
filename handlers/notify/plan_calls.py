"""The call of a call for interest (a deadline of kind `interest`): sent once to each person of its audience as
soon as the planner sees it, Ja / Nei / Usikker buttons included, the way the secretariat's e-mail went out
the day it was written.

    reached = await storage.interest.reached(session, network.id, [d.key for d in open calls])
    planned, called = plan_calls(network, window, now, reached, answered)   # pure

Each person is called once per call (key `interest_call:<deadline>:<email>`), and only while their
organization has not answered and the deadline is ahead. Who was called is read from the outbox by person,
not by key, so a changed e-mail address, a re-import or a second replica calls nobody twice; a person reminded
before calls were sent on their own (their first reminder was their call) is not called either. A person who
joins the audience later is called at the next tick in office hours.

When: at once if `now` is in office hours (working days 08:00–17:00, handlers/notify/working_hours.py), else
at 08:00 on the next working day, unless that is not before the deadline: then at once, late in the evening
rather than too late.

`called` (deadline id -> person -> the time of their call, this run's calls included, also those outside
`window`) goes to the deadline planner, which leaves out every reminder that would reach a person less than
`REPLACES` after their call (or before it): the call has just said everything the reminder would.
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from datetime import datetime, timedelta

from handlers.notify.content import INTEREST_CALL, interest_call, language
from handlers.notify.facts import InterestFacts, deadline_facts, reminder_facts
from handlers.notify.working_hours import Window, office_moment
from messages.i18n import Lang
from messages.model import Message
from storage.interest import Reached
from storage.outbox import Planned
from storage.snapshot import DeadlineInfo, NetworkSnapshot

INTEREST = "interest"
REPLACES = timedelta(days=1)


def call_time(deadline: DeadlineInfo, now: datetime, tz: str) -> datetime:
    """When a call seen at `now` goes out: the next office moment, unless that is not before the deadline."""
    at = office_moment(now, tz)
    return at if at < deadline.due else now


def replaced(called: Mapping[int, datetime], person_id: int, at: datetime) -> bool:
    """Whether a reminder at `at` would reach the person less than REPLACES after their call (or before it)."""
    first = called.get(person_id)
    return first is not None and at < first + REPLACES


def plan_calls(network: NetworkSnapshot, window: Window, now: datetime, reached: Reached,
               answered: Mapping[int, AbstractSet[int]]) -> tuple[list[Planned], dict[str, dict[int, datetime]]]:
    """The calls due in `window` to people not yet called whose organization has not `answered` (deadline id ->
    organizations), for calls whose deadline is after `now`; and, per call (deadline id), when each person is or
    will be called."""
    planned: list[Planned] = []
    called: dict[str, dict[int, datetime]] = {}
    calls = sorted((d for d in network.deadlines.values() if d.kind == INTEREST and d.due > now),
                   key=lambda d: (d.due, d.key))
    for deadline in calls:
        times = called[deadline.key] = dict(reached.called.get(deadline.key, {}))
        reminded = reached.reminded.get(deadline.key, set())
        done = answered.get(deadline.id, frozenset())
        at = call_time(deadline, now, network.timezone)
        facts = deadline_facts(network, deadline)
        messages: dict[tuple[Lang, int], Message] = {}
        for person in sorted(network.audience_of(deadline.audience), key=lambda p: p.email):
            if person.org_id in done or person.id in times or person.id in reminded:
                continue
            times[person.id] = at
            if at not in window:
                continue
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
