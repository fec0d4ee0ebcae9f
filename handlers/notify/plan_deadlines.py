"""Deadline reminders: at each of a deadline's `reminders` offsets, in office hours, to its audience.

Deadlines tied to a survey are left to the survey planner, which reminds only those who have not
answered yet (kind `survey_reminder`).
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from datetime import datetime

from handlers.notify.content import language, reminder
from handlers.notify.working_hours import Window, offset_times
from messages.i18n import Lang
from messages.model import Message
from storage.outbox import Planned
from storage.snapshot import NetworkSnapshot


def plan_deadlines(network: NetworkSnapshot, window: Window, now: datetime,
                   done: AbstractSet[str] = frozenset()) -> list[Planned]:
    """Reminders whose send time is in `window`, for deadlines not yet past at `now`; keys in `done` (already
    in the outbox) are left out."""
    planned: list[Planned] = []
    for deadline in sorted(network.deadlines.values(), key=lambda d: (d.due, d.key)):
        if deadline.due <= now or deadline.survey_id is not None:
            continue
        due_now = [(offset, at) for offset, at in offset_times(deadline.due, deadline.reminders, network.timezone)
                   if at in window]
        if not due_now:
            continue
        audience = network.audience_of(deadline.audience)
        for offset, at in due_now:
            messages: dict[Lang, Message] = {}
            for person in audience:
                key = f"reminder:{deadline.key}:{person.email}:{offset}"
                if key in done:
                    continue
                lang = language(network, person)
                message = messages.get(lang)
                if message is None:
                    message = messages[lang] = reminder(network, deadline, lang, at)
                planned.append(Planned(
                    key=key, kind="reminder", person_id=person.id,
                    recipient=person.email, channel=person.channel, lang=lang, message=message, due_at=at,
                    ref=f"deadline:{deadline.key}",
                ))
    return planned
