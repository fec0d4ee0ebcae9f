"""Deadline reminders: at each of a deadline's `reminders` offsets, in office hours, to its audience.

A deadline tied to a survey (kind survey) is reminded only to the people whose response is not submitted
(`answered`: survey id -> the people who need no reminder, from handlers/surveys/plan_surveys.py); a
survey that is closed, or not given in `answered`, reminds nobody.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from datetime import datetime

from handlers.notify.content import language, reminder
from handlers.notify.facts import deadline_facts, reminder_facts
from handlers.notify.working_hours import Window, offset_times
from messages.i18n import Lang
from messages.model import Message
from storage.outbox import Planned
from storage.snapshot import NetworkSnapshot

log = logging.getLogger("digibot.planner")


def plan_deadlines(network: NetworkSnapshot, window: Window, now: datetime,
                   done: AbstractSet[str] = frozenset(),
                   answered: Mapping[int, AbstractSet[int]] | None = None) -> list[Planned]:
    """Reminders whose send time is in `window`, for deadlines not yet past at `now`; keys in `done` (already
    in the outbox) are left out, and so are the people of a survey's deadline who answered (`answered`)."""
    answered = answered or {}
    planned: list[Planned] = []
    for deadline in sorted(network.deadlines.values(), key=lambda d: (d.due, d.key)):
        if deadline.due <= now:
            continue
        due_now = [(offset, at) for offset, at in offset_times(deadline.due, deadline.reminders, network.timezone)
                   if at in window]
        if not due_now:
            continue
        audience = network.audience_of(deadline.audience)
        if deadline.survey_id is not None:
            quiet = answered.get(deadline.survey_id)
            audience = [p for p in audience if quiet is not None and p.id not in quiet]
        facts = deadline_facts(network, deadline)
        before = len(planned)
        for offset, at in due_now:
            told = reminder_facts(facts, at)
            messages: dict[Lang, Message] = {}
            for person in audience:
                key = f"reminder:{deadline.key}:{person.email}:{offset}"
                if key in done:
                    continue
                lang = language(network, person)
                message = messages.get(lang)
                if message is None:
                    message = messages[lang] = reminder(facts, lang, at)
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

