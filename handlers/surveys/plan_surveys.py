"""The planner's part for surveys: reminders to those who have not submitted, and (for `digibot plan`) the
invitations of surveys that will open by themselves.

    plans = await load_survey_plans(session, network, window.start)  # surveys not closed, who has submitted
    planned = plan_surveys(network, plans, window, now, done)         # pure

Reminders go at the survey's `reminders` offsets before its deadline, moved into office hours like deadline
reminders, keyed `survey_reminder:<survey>:<email>:<offset>`, only to audience people whose respondent (their
organization, or themselves) has not submitted, saying how many questions are left. `answered_people` tells
the deadline planner which people of a survey's deadline need no reminder.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.notify.content import language
from handlers.notify.working_hours import Window, offset_times
from handlers.surveys.lifecycle import REMINDER, invitations, ref_of, survey_facts
from handlers.surveys.notices import SurveyFacts, reminder, reminder_facts
from handlers.surveys.stored import all_surveys, question_counts, respondent_of
from messages.i18n import Lang
from messages.model import Message
from storage import surveys as store
from storage.models import Survey
from storage.outbox import Planned
from storage.snapshot import NetworkSnapshot


@dataclass(frozen=True)
class SurveyPlan:
    survey: Survey
    facts: SurveyFacts
    answered: dict[str, int] = field(default_factory=dict)  # respondent -> questions answered
    submitted: frozenset[str] = frozenset()  # respondents who submitted


async def load_survey_plans(session: AsyncSession, network: NetworkSnapshot, since: datetime) -> list[SurveyPlan]:
    """The surveys not closed whose deadline is after `since` (nothing is planned for the others)."""
    surveys = [s for s in await all_surveys(session, network.id)
               if s.closed_at is None and (s.deadline is None or s.deadline > since)]
    counts = await question_counts(session, [s.id for s in surveys])
    plans = []
    for survey in surveys:
        progress = await store.progress(session, survey.id)
        submitted = frozenset(t.respondent for t in await store.turnout(session, survey.id))
        plans.append(SurveyPlan(survey, survey_facts(network, survey, counts[survey.id]),
                                {key: n for key, (n, _) in progress.items()}, submitted))
    return plans


def answered_people(network: NetworkSnapshot, plans: list[SurveyPlan]) -> dict[int, AbstractSet[int]]:
    """survey id -> the people whose respondent has submitted (they need no reminder of its deadline)."""
    return {plan.survey.id: {p.id for p in network.people.values()
                             if respondent_of(plan.survey, p) in plan.submitted} for plan in plans}


def _opens_at(survey: Survey) -> datetime | None:
    return survey.opened_at or survey.opens


def _reminders(network: NetworkSnapshot, plan: SurveyPlan, window: Window, now: datetime,
               done: AbstractSet[str]) -> list[Planned]:
    survey, facts = plan.survey, plan.facts
    start = _opens_at(survey)
    if survey.deadline is None or survey.deadline <= now or start is None:
        return []
    due_now = [(offset, at) for offset, at in offset_times(survey.deadline, survey.reminders or (), network.timezone)
               if at in window and at >= start]
    if not due_now:
        return []
    audience = sorted(network.audience_of(dict(survey.audience or {})), key=lambda p: p.email)
    planned: list[Planned] = []
    for offset, at in due_now:
        messages: dict[tuple[Lang, int], Message] = {}
        for person in audience:
            respondent = respondent_of(survey, person)
            key = f"{REMINDER}:{survey.key}:{person.email.lower()}:{offset}"
            if respondent in plan.submitted or key in done:
                continue
            left = max(facts.questions - plan.answered.get(respondent, 0), 0)
            lang = language(network, person)
            message = messages.get((lang, left))
            if message is None:
                message = messages[(lang, left)] = reminder(facts, left, lang)
            planned.append(Planned(key=key, kind=REMINDER, person_id=person.id, recipient=person.email,
                                   channel=person.channel, lang=lang, message=message, due_at=at,
                                   ref=ref_of(survey.key), facts=reminder_facts(facts, left, at)))
    return planned


def _scheduled_invitations(network: NetworkSnapshot, plan: SurveyPlan, window: Window,
                           done: AbstractSet[str]) -> list[Planned]:
    """The invitations of a survey that opens by itself in `window` (a tick opens it first; `digibot plan`
    shows them ahead)."""
    survey = plan.survey
    if survey.opened_at is not None or survey.opens is None or survey.opens not in window:
        return []
    if survey.deadline is not None and survey.deadline <= survey.opens:
        return []
    people = sorted(network.audience_of(dict(survey.audience or {})), key=lambda p: p.email)
    return invitations(network, plan.facts, people, survey.opens, set(done))


def plan_surveys(network: NetworkSnapshot, plans: list[SurveyPlan], window: Window, now: datetime,
                 done: AbstractSet[str] = frozenset()) -> list[Planned]:
    planned: list[Planned] = []
    for plan in sorted(plans, key=lambda p: p.survey.key):
        planned += _scheduled_invitations(network, plan, window, done)
        planned += _reminders(network, plan, window, now, done)
    return planned
