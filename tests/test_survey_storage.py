"""Survey answers in the database: stored the moment they are given, shared by colleagues, unlinked at close.

Runs on SQLite and on PostgreSQL (the `engine` fixture)."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage import surveys
from storage.importer import import_network
from storage.models import Organization, Person, Survey
from tests.chat import ROOT

NETWORK = ROOT / "tests/fixtures/network_testland.yaml"
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


async def _world(sessions: async_sessionmaker[AsyncSession]) -> tuple[int, dict[str, int], dict[str, int]]:
    async with sessions() as session:
        await import_network(session, NETWORK.read_text(encoding="utf-8"))
        await session.commit()
        survey_id = (await session.scalars(select(Survey.id).where(Survey.key == "ikt-status-2026"))).one()
        orgs = {o.key: o.id for o in await session.scalars(select(Organization))}
        people = {p.email: p.id for p in await session.scalars(select(Person))}
    return survey_id, orgs, people


async def test_two_colleagues_share_one_response_and_the_last_write_per_question_wins(sessions) -> None:
    survey_id, orgs, people = await _world(sessions)
    who = list(people.values())
    rana = surveys.respondent_key(orgs["1833"], who[0], per_person=False)
    assert rana == f"org:{orgs['1833']}"
    async with sessions() as session:
        mine = await surveys.start_response(session, survey_id, rana, organization_id=orgs["1833"],
                                            person_id=None, now=NOW)
        v1 = await surveys.save_answer(session, mine.id, "arsverk", 4.5, person_id=who[0], now=NOW)
        await session.commit()
    async with sessions() as session:  # the colleague starts the same response and changes the same answer
        theirs = await surveys.start_response(session, survey_id, rana, organization_id=orgs["1833"],
                                              person_id=None, now=NOW + timedelta(minutes=1))
        assert theirs.id == mine.id and theirs.answers["arsverk"].value == 4.5
        v2 = await surveys.save_answer(session, theirs.id, "arsverk", 6, person_id=who[1],
                                       now=NOW + timedelta(minutes=2))
        await session.commit()
    assert v2 > v1
    async with sessions() as session:
        stored = await surveys.find_response(session, survey_id, rana)
    assert stored is not None and stored.version == v2
    assert stored.answers["arsverk"].value == 6 and stored.answers["arsverk"].by == who[1]


async def test_a_skipped_answer_is_removed_and_submitting_twice_keeps_the_first_time(sessions) -> None:
    survey_id, orgs, people = await _world(sessions)
    person = next(iter(people.values()))
    key = surveys.respondent_key(orgs["1824"], person, per_person=False)
    async with sessions() as session:
        response = await surveys.start_response(session, survey_id, key, organization_id=orgs["1824"],
                                                person_id=None, now=NOW)
        await surveys.save_answer(session, response.id, "arsverk", 3, person_id=person, now=NOW)
        await surveys.save_answer(session, response.id, "arsverk", None, person_id=person, now=NOW)
        await surveys.save_answer(session, response.id, "modenhet", 2, person_id=person, now=NOW)
        response = await surveys.find_response(session, survey_id, key)
        assert response is not None and set(response.answers) == {"modenhet"}
        await surveys.submit(session, response, person_id=person, now=NOW)
        await surveys.submit(session, response, person_id=person, now=NOW + timedelta(days=1))
        await session.commit()
    async with sessions() as session:
        again = await surveys.find_response(session, survey_id, key)
        assert again is not None and again.submitted_at == NOW
        assert [t.respondent for t in await surveys.turnout(session, survey_id)] == [key]
        assert await surveys.progress(session, survey_id) == {key: (1, True)}


async def test_closing_an_anonymous_survey_leaves_no_link_between_an_answer_and_a_municipality(sessions) -> None:
    survey_id, orgs, people = await _world(sessions)
    person = next(iter(people.values()))
    async with sessions() as session:
        for n, org in enumerate(("1833", "1824", "1832")):
            key = surveys.respondent_key(orgs[org], person, per_person=False)
            response = await surveys.start_response(session, survey_id, key, organization_id=orgs[org],
                                                    person_id=None, now=NOW)
            await surveys.save_answer(session, response.id, "arsverk", n + 1, person_id=person, now=NOW)
            if org != "1832":  # Hemnes never submits
                response = await surveys.find_response(session, survey_id, key)
                assert response is not None
                await surveys.submit(session, response, person_id=person, now=NOW)
        assert await surveys.mark_closed(session, survey_id, NOW)
        assert not await surveys.mark_closed(session, survey_id, NOW)
        assert await surveys.unlink(session, survey_id, random.Random(1)) == 2
        await session.commit()
    async with sessions() as session:
        kept = await surveys.responses(session, survey_id)
        rows = (await session.execute(text(
            "SELECT respondent, organization_id, person_id, started_at, updated_at, submitted_at, submitted_by "
            "FROM survey_responses"))).all()
        answered = (await session.execute(text("SELECT answered_by, answered_at FROM survey_answers"))).all()
        who_took_part = {t.organization_id for t in await surveys.turnout(session, survey_id)}
    assert sorted(r.answers["arsverk"].value for r in kept) == [1, 2]  # Hemnes' unsubmitted 3 is gone
    assert all(set(row) == {None} for row in rows) and all(set(row) == {None} for row in answered)
    assert who_took_part == {orgs["1833"], orgs["1824"]}


async def test_a_survey_is_scheduled_then_open_then_closed_at_its_deadline(sessions) -> None:
    survey_id, _, _ = await _world(sessions)
    async with sessions() as session:
        survey = await session.get(Survey, survey_id)
        assert survey is not None and survey.deadline is not None
        assert surveys.survey_state(survey, NOW) == "scheduled"
        assert await surveys.mark_opened(session, survey_id, NOW)
        assert not await surveys.mark_opened(session, survey_id, NOW)
        await session.commit()
        await session.refresh(survey)
        assert surveys.survey_state(survey, NOW) == "open"
        assert surveys.survey_state(survey, survey.deadline + timedelta(seconds=1)) == "closed"
