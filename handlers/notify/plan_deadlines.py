"""Deadline reminders: at each of a deadline's `reminders` offsets, in office hours, to its audience.

A call for interest (kind `interest`) is first sent on its own, at once (handlers/notify/plan_calls.py); its
reminders go only to the people whose organization has not answered (`answered`: deadline row id ->
organization ids, read by the planner), and carry the Ja / Nei / Usikker buttons for the recipient's
organization (the facts' `interest` part). A reminder that would reach a person less than a day after their
call (`called`: deadline key -> person id -> when the call goes), or before it, is left out: the call says it
all. An answer also cancels the calls and reminders already planned but not sent (handlers/interest), so the
silent are the only ones chased.

A deadline tied to a survey (kind survey) is reminded only to the people whose response is not submitted
(`surveyed`: survey id -> the people who need no reminder, from handlers/surveys/plan_surveys.py); a survey
that is closed, or not given in `surveyed`, reminds nobody.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from datetime import datetime

from handlers.notify.content import language, reminder
from handlers.notify.facts import InterestFacts, deadline_facts, reminder_facts
from handlers.notify.plan_calls import replaced
from handlers.notify.working_hours import Window, offset_times
from messages.i18n import Lang
from messages.model import Message
from storage.outbox import Planned
from storage.snapshot import DeadlineInfo, NetworkSnapshot, PersonInfo

log = logging.getLogger("digibot.planner")
INTEREST = "interest"


def interest_deadlines(network: NetworkSnapshot, now: datetime) -> list[int]:
    """The calls for interest not yet past at `now`: the planner reads which organizations answered them."""
    return [d.id for d in network.deadlines.values() if d.kind == INTEREST and d.due > now]


def _recipients(network: NetworkSnapshot, deadline: DeadlineInfo, answered: Mapping[int, AbstractSet[int]],
                surveyed: Mapping[int, AbstractSet[int]]) -> list[PersonInfo]:
    audience = network.audience_of(deadline.audience)
    if deadline.survey_id is not None:
        quiet = surveyed.get(deadline.survey_id)
        audience = [person for person in audience if quiet is not None and person.id not in quiet]
    if deadline.kind != INTEREST:
        return audience
    done = answered.get(deadline.id, frozenset())
    return [person for person in audience if person.org_id not in done]


def _interest(network: NetworkSnapshot, deadline: DeadlineInfo, person: PersonInfo) -> InterestFacts | None:
    if deadline.kind != INTEREST:
        return None
    org = network.orgs[person.org_id]
    return InterestFacts(deadline.key, org.key, org.name)


def plan_deadlines(network: NetworkSnapshot, window: Window, now: datetime,
                   done: AbstractSet[str] = frozenset(),
                   answered: Mapping[int, AbstractSet[int]] | None = None,
                   surveyed: Mapping[int, AbstractSet[int]] | None = None,
                   called: Mapping[str, Mapping[int, datetime]] | None = None) -> list[Planned]:
    """Reminders whose send time is in `window`, for deadlines not yet past at `now`; keys in `done` (already
    in the outbox) are left out, and so are organizations that `answered` a call for interest, the reminders
    a call replaces (`called`), and the people of a survey's deadline who submitted (`surveyed`)."""
    planned: list[Planned] = []
    for deadline in sorted(network.deadlines.values(), key=lambda d: (d.due, d.key)):
        if deadline.due <= now:
            continue
        due_now = [(offset, at) for offset, at in offset_times(deadline.due, deadline.reminders, network.timezone)
                   if at in window]
        if not due_now:
            continue
        audience = _recipients(network, deadline, answered or {}, surveyed or {})
        facts = deadline_facts(network, deadline)
        calls = (called or {}).get(deadline.key, {})
        before = len(planned)
        for offset, at in due_now:
            messages: dict[tuple[Lang, int], Message] = {}
            for person in audience:
                key = f"reminder:{deadline.key}:{person.email}:{offset}"
                interest = _interest(network, deadline, person)
                if key in done or (interest is not None and replaced(calls, person.id, at)):
                    continue
                lang = language(network, person)
                told = reminder_facts(facts, at, interest)
                group = (lang, person.org_id if interest is not None else 0)
                message = messages.get(group)
                if message is None:
                    message = messages[group] = reminder(facts, lang, at, interest)
                planned.append(Planned(
                    key=key, kind="reminder", person_id=person.id,
                    recipient=person.email, channel=person.channel, lang=lang, message=message, due_at=at,
                    ref=f"deadline:{deadline.key}", facts=told,
                ))
        if deadline.survey_id is not None and len(planned) > before:
            log.info("deadline %s belongs to a survey: %d reminders, only to those who have not submitted",
                     deadline.key, len(planned) - before,
                     extra={"network": network.id, "deadline": deadline.key, "reminders": len(planned) - before})
    return planned
