"""Who may answer which survey, and when: the checks every step of a survey conversation passes.

Only the survey's audience answers; a person answers for their organization (`respondent: organization`,
colleagues share one response) or for themselves (`respondent: person`), and never sees another
organization's response: the response is always found from the person, never from a button's value.
A survey is open from `opens` (or when the secretariat opened it) until its deadline or until it is
closed; when it was opened or closed by hand is read from the database, as it changes without an import.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from handlers.context import Context
from handlers.surveys.results import SurveySpec, survey_spec
from messages.formatting import format_datetime
from storage import surveys as store
from storage.models import Survey
from storage.snapshot import SurveyInfo
from storage.surveys import StoredResponse, SurveyState, SurveyTimes, respondent_key, state_of


@dataclass(frozen=True)
class Refusal:
    """Why the person may not answer now: a catalog key and its parameters."""

    key: str
    params: dict[str, str]


@dataclass(frozen=True)
class Access:
    """A survey the person may answer now, and for whom."""

    survey: SurveyInfo
    spec: SurveySpec
    respondent: str
    organization_id: int
    person_id: int | None  # set for `respondent: person`

    @property
    def shared(self) -> bool:
        """Colleagues answer the same response."""
        return self.person_id is None


def find_survey(ctx: Context, key: str) -> SurveyInfo | None:
    """The network's survey with id `key` (as the network file spells it; case aside)."""
    wanted = key.strip().lower()
    by_key = ctx.network.memo("surveys.by_key", lambda: {s.key.lower(): s for s in ctx.network.surveys.values()})
    return by_key.get(wanted)


def spec_of(ctx: Context, survey: SurveyInfo) -> SurveySpec:
    """The survey's questions as specs, built once per network snapshot (every step of a conversation needs them)."""
    specs = ctx.network.memo("surveys.spec", lambda: dict[int, SurveySpec]())
    spec = specs.get(survey.id)
    if spec is None:
        spec = specs[survey.id] = survey_spec(survey, survey.questions)
    return spec


def in_audience(ctx: Context, survey: SurveyInfo) -> bool:
    return ctx.person is not None and ctx.network.in_audience(ctx.person, survey.audience)


async def state_now(ctx: Context, survey: SurveyInfo) -> tuple[SurveyState, datetime | None]:
    """Scheduled, open or closed at `ctx.now`, and when it closes (or closed)."""
    row = (await ctx.session.execute(select(Survey.opened_at, Survey.closed_at, Survey.deadline)
                                     .where(Survey.id == survey.id))).one_or_none()
    return state_at(ctx, survey, SurveyTimes(*row) if row is not None else None)


def state_at(ctx: Context, survey: SurveyInfo, times: SurveyTimes | None) -> tuple[SurveyState, datetime | None]:
    """The state at `ctx.now` given the survey's times as read (None: the survey is gone). Open from `opens`
    on, even before the planner marked it opened."""
    if times is None:
        return "closed", None
    state = state_of(survey.opens, times.opened_at, times.closed_at, times.deadline, ctx.now)
    closed_by_hand = times.closed_at is not None and times.closed_at <= ctx.now
    return state, times.closed_at if state == "closed" and closed_by_hand else times.deadline


def respondent_of(ctx: Context, survey: SurveyInfo) -> tuple[str, int, int | None]:
    assert ctx.person is not None
    per_person = survey.respondent == "person"
    key = respondent_key(ctx.person.org_id, ctx.person.id, per_person)
    return key, ctx.person.org_id, ctx.person.id if per_person else None


async def check(ctx: Context, key: str) -> Access | Refusal:
    """The survey `key` if the person may answer it now; else why not (unknown, not theirs, not open yet,
    closed)."""
    survey = find_survey(ctx, key)
    if survey is None or ctx.person is None:
        return Refusal("survey_unknown", {"id": key.strip()[:64]})
    return await check_survey(ctx, survey)


async def check_survey(ctx: Context, survey: SurveyInfo) -> Access | Refusal:
    if not in_audience(ctx, survey):
        return Refusal("survey_not_yours", {"title": survey.title})
    return _checked(ctx, survey, await state_now(ctx, survey))


async def check_with_response(ctx: Context, survey: SurveyInfo) -> tuple[Access | Refusal, StoredResponse | None]:
    """`check_survey`, and the person's response as it is now (None when not started), read together in one
    statement (what every step of a conversation needs first)."""
    if not in_audience(ctx, survey):
        return Refusal("survey_not_yours", {"title": survey.title}), None
    respondent, _, _ = respondent_of(ctx, survey)
    found = await store.survey_and_response(ctx.session, survey.id, respondent)
    times, response = found if found is not None else (None, None)
    return _checked(ctx, survey, state_at(ctx, survey, times)), response


def _checked(ctx: Context, survey: SurveyInfo, now: tuple[SurveyState, datetime | None]) -> Access | Refusal:
    state, until = now
    if state == "scheduled":
        return Refusal("survey_not_open", {"title": survey.title, "opens": _when(ctx, survey.opens)})
    if state == "closed":
        return Refusal("survey_closed", {"title": survey.title, "closed": _when(ctx, until)})
    respondent, organization_id, person_id = respondent_of(ctx, survey)
    return Access(survey, spec_of(ctx, survey), respondent, organization_id, person_id)


def _when(ctx: Context, moment: datetime | None) -> str:
    return format_datetime(moment, ctx.lang, ctx.tz, weekday=True) if moment is not None else "–"
