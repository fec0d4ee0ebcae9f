"""A survey as the database holds it: its row, who it invites, and its results and status built from storage.

    survey = await find_survey(session, network.id, "ikt-status-2026")
    results = await load_results(session, network, survey)        # -> report.build_report(results)
    status = await load_status(session, network, survey, now)       # counts, and who has not submitted

The invited respondents are the survey's audience resolved against the network: one per organization of an
audience person (`respondent: organization`), or one per audience person (`respondent: person`). Who
submitted comes from the turnout (storage/surveys.py), which outlives unlinking; the answers come from the
linked responses, or after an anonymous survey closed from the unlinked ones, tied to nobody.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.surveys.results import Respondent, Response, SurveyResults, survey_spec
from storage import surveys as store
from storage.models import Survey, SurveyQuestion
from storage.snapshot import NetworkSnapshot, Org, PersonInfo


async def find_survey(session: AsyncSession, network_id: str, key: str) -> Survey | None:
    """The survey with that id (as the network file names it), read fresh from the database."""
    return await session.scalar(select(Survey).where(Survey.network_id == network_id, Survey.key == key.strip())
                                .execution_options(populate_existing=True))


async def all_surveys(session: AsyncSession, network_id: str) -> list[Survey]:
    return list(await session.scalars(select(Survey).where(Survey.network_id == network_id)
                                      .order_by(Survey.opens, Survey.key)
                                      .execution_options(populate_existing=True)))


async def questions_of(session: AsyncSession, survey_id: int) -> list[SurveyQuestion]:
    return list(await session.scalars(select(SurveyQuestion).where(SurveyQuestion.survey_id == survey_id)
                                      .order_by(SurveyQuestion.position)))


async def question_counts(session: AsyncSession, survey_ids: list[int]) -> dict[int, int]:
    rows = await session.scalars(select(SurveyQuestion.survey_id).where(SurveyQuestion.survey_id.in_(survey_ids)))
    counts: dict[int, int] = dict.fromkeys(survey_ids, 0)
    for survey_id in rows:
        counts[survey_id] += 1
    return counts


@dataclass(frozen=True)
class Invitee:
    """One respondent the survey invites, and the audience people who answer for it."""

    respondent: str  # "org:<id>" or "person:<id>" (storage.surveys.respondent_key)
    org: Org
    person: PersonInfo | None  # for `respondent: person`
    people: tuple[PersonInfo, ...]


def per_person(survey: Survey) -> bool:
    return survey.respondent == "person"


def respondent_of(survey: Survey, person: PersonInfo) -> str:
    return store.respondent_key(person.org_id, person.id, per_person(survey))


def invitees(network: NetworkSnapshot, survey: Survey) -> dict[str, Invitee]:
    """respondent -> Invitee for everyone the survey's audience names, in a stable order."""
    people: dict[str, list[PersonInfo]] = {}
    for person in sorted(network.audience_of(dict(survey.audience or {})), key=lambda p: p.id):
        people.setdefault(respondent_of(survey, person), []).append(person)
    out: dict[str, Invitee] = {}
    for respondent, members in people.items():
        org = network.orgs[members[0].org_id]
        out[respondent] = Invitee(respondent, org, members[0] if per_person(survey) else None, tuple(members))
    return out


def _respondent(network: NetworkSnapshot, survey: Survey, org_id: int | None, person_id: int | None,
                submitted_by: int | None) -> Respondent | None:
    """The report's Respondent; an anonymous survey never carries a person's name."""
    org = network.orgs.get(org_id) if org_id is not None else None
    person = network.people.get(person_id) if person_id is not None else None
    if org is None and person is not None:
        org = network.orgs.get(person.org_id)
    if org is None:
        return None
    named = None if survey.anonymous else (person or (network.people.get(submitted_by) if submitted_by else None))
    return Respondent(organization_id=org.key, organization_name=org.name, status=org.status, region=org.region,
                      person_name=named.name if named else None, person_email=named.email if named else None)


async def load_results(session: AsyncSession, network: NetworkSnapshot, survey: Survey) -> SurveyResults:
    """Everything the report needs: one Response per invited respondent (and per respondent who submitted
    but is no longer in the audience), submitted or not, and the unlinked answers of a closed anonymous one."""
    spec = survey_spec(survey, await questions_of(session, survey.id))
    invited = invitees(network, survey)
    turnout = {t.respondent: t for t in await store.turnout(session, survey.id)}
    stored = await store.responses(session, survey.id)
    linked = {r.respondent: r for r in stored if r.respondent is not None}
    unlinked = tuple({key: a.value for key, a in r.answers.items()} for r in stored if r.respondent is None)
    keys = list(invited) + sorted(set(turnout) - set(invited))
    responses: list[Response] = []
    for key in keys:
        invitee, done, response = invited.get(key), turnout.get(key), linked.get(key)
        org_id = invitee.org.id if invitee else done.organization_id if done else None
        person_id = (invitee.person.id if invitee and invitee.person else done.person_id if done else None)
        who = _respondent(network, survey, org_id, person_id, response.submitted_by if response else None)
        if who is None:
            continue
        answers: dict[str, object] = {k: a.value for k, a in response.answers.items()} if response else {}
        responses.append(Response(respondent=who, submitted=done is not None,
                                  submitted_at=None if survey.anonymous or done is None else done.submitted_at,
                                  answers=answers))
    return SurveyResults(survey=spec, responses=tuple(responses), unlinked=unlinked)


@dataclass(frozen=True)
class SurveyStatus:
    """Counts of respondents, and who has not submitted yet (names only: never next to any answer)."""

    survey: str
    title: str
    state: store.SurveyState
    anonymous: bool
    respondent: str
    opens: datetime | None
    deadline: datetime | None
    invited: int
    submitted: int
    in_progress: int
    waiting: tuple[str, ...] = field(default_factory=tuple)  # names of respondents not submitted, sorted
    timezone: str = "Europe/Oslo"

    def _local(self, moment: datetime | None) -> str | None:
        return moment.astimezone(ZoneInfo(self.timezone)).isoformat(timespec="seconds") if moment else None

    def to_json(self) -> dict[str, Any]:
        return {
            "survey": self.survey, "title": self.title, "state": self.state, "anonymous": self.anonymous,
            "respondent": self.respondent, "opens": self._local(self.opens), "deadline": self._local(self.deadline),
            "invited": self.invited, "submitted": self.submitted, "in_progress": self.in_progress,
            "not_submitted": list(self.waiting),
        }


async def load_status(session: AsyncSession, network: NetworkSnapshot, survey: Survey,
                      now: datetime) -> SurveyStatus:
    invited = invitees(network, survey)
    submitted = {t.respondent for t in await store.turnout(session, survey.id)} & set(invited)
    progress = await store.progress(session, survey.id)
    in_progress = sum(1 for key, (_, done) in progress.items() if key in invited and not done
                      and key not in submitted)
    waiting = sorted((i.person.name if i.person else i.org.name) for key, i in invited.items()
                     if key not in submitted)
    return SurveyStatus(survey.key, survey.title, store.survey_state(survey, now), survey.anonymous,
                        survey.respondent, survey.opens, survey.deadline, len(invited), len(submitted),
                        in_progress, tuple(waiting), network.timezone)
