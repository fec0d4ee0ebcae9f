"""A survey's life: it opens (at `opens`, or by the secretariat), invites its audience, and closes (at the
deadline, or by the secretariat), unlinking an anonymous survey's answers and telling the secretariat.

Every step writes in the caller's transaction and goes through the outbox with idempotency keys:

    survey_invitation:<survey>:<email>          once per person, however often the survey is opened
    survey_summary:<survey>:<email>             the secretariat's summary at close
    survey_chart:<survey>:<email>:<question>[:<stamp>]   a chart of the report (PNG attachment)

`mark_opened`/`mark_closed` are conditional updates, so of two replicas (or a tick and a command) only one
opens or closes; a second opening only invites people who joined the audience since.
"""

from __future__ import annotations

import base64
import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.notify.content import language
from handlers.surveys.notices import SurveyFacts, invitation, invitation_facts, summary
from handlers.surveys.report import SurveyReport, build_report
from handlers.surveys.stored import all_surveys, load_results, question_counts, respondent_of
from messages.i18n import t
from messages.model import Message
from storage import surveys as store
from storage.db import affected
from storage.models import Survey
from storage.models_notify import OutboxMessage
from storage.outbox import Planned, enqueue
from storage.snapshot import NetworkSnapshot, PersonInfo

log = logging.getLogger("digibot.surveys")

SECRETARIAT = "secretariat"
INVITATION, REMINDER, SUMMARY, CHART = "survey_invitation", "survey_reminder", "survey_summary", "survey_chart"
CLOSED_TEXT = "survey closed"  # status_text of an invitation or reminder cancelled because the survey closed
SUBMITTED_TEXT = "response submitted"  # ... of a reminder cancelled because the respondent submitted


def ref_of(survey_key: str) -> str:
    return f"survey:{survey_key}"


def invitation_key(survey_key: str, email: str) -> str:
    return f"{INVITATION}:{survey_key}:{email.lower()}"


def survey_facts(network: NetworkSnapshot, survey: Survey, questions: int) -> SurveyFacts:
    return SurveyFacts(survey.key, survey.title, survey.intro, survey.deadline, questions, survey.anonymous,
                       survey.respondent != "person", network.timezone)


def invitations(network: NetworkSnapshot, facts: SurveyFacts, people: list[PersonInfo], due_at: datetime,
                skip: set[str] | frozenset[str] = frozenset()) -> list[Planned]:
    """An invitation for each of `people` (in their language and channel) whose key is not in `skip`."""
    planned = []
    for person in people:
        key = invitation_key(facts.key, person.email)
        if key in skip:
            continue
        lang = language(network, person)
        planned.append(Planned(key=key, kind=INVITATION, person_id=person.id, recipient=person.email,
                               channel=person.channel, lang=lang, message=invitation(facts, lang), due_at=due_at,
                               ref=ref_of(facts.key), facts=invitation_facts(facts)))
    return planned


async def _invited_keys(session: AsyncSession, network_id: str, survey_key: str) -> set[str]:
    return set(await session.scalars(select(OutboxMessage.key).where(
        OutboxMessage.network_id == network_id, OutboxMessage.ref == ref_of(survey_key),
        OutboxMessage.kind == INVITATION)))


async def invite_audience(session: AsyncSession, network: NetworkSnapshot, survey: Survey, now: datetime) -> int:
    """Queue an invitation for every audience person who has none yet; returns how many were new."""
    people = sorted(network.audience_of(dict(survey.audience or {})), key=lambda p: p.email)
    known = await _invited_keys(session, network.id, survey.key)
    if all(invitation_key(survey.key, p.email) in known for p in people):
        return 0
    count = (await question_counts(session, [survey.id]))[survey.id]
    planned = invitations(network, survey_facts(network, survey, count), people, now, known)
    return await enqueue(session, network.id, planned, now)


@dataclass(frozen=True)
class Opened:
    outcome: str  # opened | already_open | closed
    queued: int = 0


async def open_survey(session: AsyncSession, network: NetworkSnapshot, survey: Survey, now: datetime) -> Opened:
    """Open the survey now and invite its audience (a closed survey stays closed). Caller commits."""
    if store.survey_state(survey, now) == "closed":
        return Opened("closed")
    newly = await store.mark_opened(session, survey.id, now)
    if newly:
        survey.opened_at = now
    queued = await invite_audience(session, network, survey, now)
    if newly:
        log.info("survey %s opened: %d invitations queued", survey.key, queued,
                 extra={"network": network.id, "survey": survey.key, "invitations": queued})
    return Opened("opened" if newly else "already_open", queued)


def secretariat(network: NetworkSnapshot) -> list[PersonInfo]:
    return sorted((p for p in network.people.values() if SECRETARIAT in p.roles), key=lambda p: p.email)


def chart_rows(network: NetworkSnapshot, report: SurveyReport, person: PersonInfo, now: datetime,
               stamp: str = "") -> list[Planned]:
    """One outbox row per chart of the report, the PNG as its attachment (the channel uploads it)."""
    from handlers.surveys.report_charts import report_charts  # matplotlib: only when charts are drawn

    lang = language(network, person)
    texts = {key: text or key for key, text, _ in report.question_texts}
    rows = []
    for chart in report_charts(report, lang):
        key = f"{CHART}:{report.survey}:{person.email.lower()}:{chart.question}" + (f":{stamp}" if stamp else "")
        attachment = {"filename": chart.filename, "content_type": "image/png",
                      "base64": base64.b64encode(chart.png).decode("ascii")}
        rows.append(Planned(key=key, kind=CHART, person_id=person.id, recipient=person.email,
                            channel=person.channel, lang=lang,
                            message=Message(text=t(lang, "svo_chart_title", text=texts.get(chart.question, ""))),
                            due_at=now, ref=ref_of(report.survey), attachment=attachment))
    return rows


async def cancel_pending(session: AsyncSession, network: NetworkSnapshot, survey: Survey, *, reason: str,
                         person_ids: list[int] | None = None) -> int:
    """Cancel what was planned about the survey but not sent yet: its reminders and those of its deadlines
    (and at close its invitations), for `person_ids` or everyone. Caller commits; returns how many."""
    deadlines = [f"deadline:{d.key}" for d in network.deadlines.values() if d.survey_id == survey.id]
    kinds = (INVITATION, REMINDER) if reason == CLOSED_TEXT else (REMINDER,)
    about = or_((OutboxMessage.ref == ref_of(survey.key)) & OutboxMessage.kind.in_(kinds),
                OutboxMessage.ref.in_(deadlines) & (OutboxMessage.kind == "reminder"))
    stmt = update(OutboxMessage).where(OutboxMessage.network_id == network.id, OutboxMessage.status == "pending",
                                       about)
    if person_ids is not None:
        stmt = stmt.where(OutboxMessage.person_id.in_(person_ids))
    result = await session.execute(stmt.values(status="cancelled", status_text=reason)
                                   .execution_options(synchronize_session=False))
    return affected(result)


async def submitted(session: AsyncSession, network: NetworkSnapshot, survey: Survey, person: PersonInfo) -> int:
    """For the answering conversation when `person` submits: the reminders not sent yet to everyone who
    answers for the same respondent (the organization's colleagues, or the person) are cancelled."""
    respondent = respondent_of(survey, person)
    audience = dict(survey.audience or {})
    colleagues = network.people_by_org.get(person.org_id, [person])  # who can share the response: not all 5,000
    people = [p.id for p in colleagues if respondent_of(survey, p) == respondent and network.in_audience(p, audience)]
    return await cancel_pending(session, network, survey, reason=SUBMITTED_TEXT, person_ids=people or [person.id])


@dataclass(frozen=True)
class Closed:
    outcome: str  # closed | already_closed
    report: SurveyReport | None = None
    unlinked: bool = False
    queued: int = 0


async def close_survey(session: AsyncSession, network: NetworkSnapshot, survey: Survey, now: datetime) -> Closed:
    """Close the survey; an anonymous one loses every link between answers and respondents in this same
    transaction. The secretariat is sent the summary and the charts. Caller commits."""
    if not await store.mark_closed(session, survey.id, now):
        return Closed("already_closed")
    survey.closed_at = now
    await cancel_pending(session, network, survey, reason=CLOSED_TEXT)
    unlinked = False
    if survey.anonymous:
        await store.unlink(session, survey.id)
        unlinked = True
    report = build_report(await load_results(session, network, survey))
    planned: list[Planned] = []
    for person in secretariat(network):
        lang = language(network, person)
        planned.append(Planned(key=f"{SUMMARY}:{survey.key}:{person.email.lower()}", kind=SUMMARY,
                               person_id=person.id, recipient=person.email, channel=person.channel, lang=lang,
                               message=summary(report, lang, unlinked=unlinked), due_at=now,
                               ref=ref_of(survey.key)))
        planned += chart_rows(network, report, person, now)
    queued = await enqueue(session, network.id, planned, now)
    log.info("survey %s closed: %d of %d submitted%s", survey.key, report.submitted, report.invited,
             ", answers unlinked" if unlinked else "",
             extra={"network": network.id, "survey": survey.key, "submitted": report.submitted,
                    "invited": report.invited})
    return Closed("closed", report, unlinked, queued)


async def survey_tick(session: AsyncSession, network: NetworkSnapshot, now: datetime) -> int:
    """What a planning tick does for surveys: open those due at `opens`, invite newcomers to open ones, and
    close those past their deadline. Caller commits; returns how many outbox rows are new."""
    queued = 0
    for survey in await all_surveys(session, network.id):
        if survey.closed_at is not None:
            continue
        if survey.opened_at is not None and survey.deadline is not None and survey.deadline < now:
            queued += (await close_survey(session, network, survey, now)).queued
        elif survey.opened_at is None and survey.opens is not None and survey.opens <= now:
            queued += (await open_survey(session, network, survey, now)).queued
        elif survey.opened_at is not None:
            queued += await invite_audience(session, network, survey, now)
    return queued
