"""A small network with one survey, for the stories of running a survey (tests/test_survey_ops*.py), and a
way to answer it through storage (the answering conversation is another module's; these tests need answers).

Five municipalities; the survey asks their coordinators (one response per municipality; Bergen has two
coordinators who share one), three questions, opens Tuesday 1 December 2026 09:00, deadline Thursday
10 December 23:59, reminders P5D (Saturday 5th, moved to Friday 4th 09:00) and P1D (Wednesday 9th 09:00).
"""

from __future__ import annotations

import copy
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage import models as m
from storage import surveys as store
from tests.testbot import TestBot

SURVEY = "ikt-status"
SECRETARY = "leiar@digitest.no"
KARI, SIRI = "kari@bergen.kommune.no", "siri@bergen.kommune.no"  # Bergen's two coordinators
OLA = "ola@askoy.kommune.no"
EVA = "eva@modalen.kommune.no"  # English
PER = "per@voss.kommune.no"
LIV = "liv@etne.kommune.no"
CHIEF = "rune@bergen.kommune.no"  # Bergen's chief executive: not in the audience

ORGS = [("4601", "Bergen", "member", "Vest"), ("4627", "Askøy", "member", "Vest"),
        ("4629", "Modalen", "invited", "Nord"), ("4621", "Voss", "member", "Nord"),
        ("4611", "Etne", "member", "Sør")]

NETWORK: dict[str, Any] = {
    "network": {"id": "digitest", "name": "DigiTest", "timezone": "Europe/Oslo", "language": "nb"},
    "organizations": [{"id": key, "name": name, "kind": "municipality", "status": status, "region": region}
                      for key, name, status, region in ORGS],
    "people": [
        {"email": SECRETARY, "name": "Hanne Leiar", "organization": "4601", "roles": ["secretariat"],
         "language": "nb"},
        {"email": KARI, "name": "Kari Nordmann", "organization": "4601", "roles": ["coordinator"]},
        {"email": SIRI, "name": "Siri Hauge", "organization": "4601", "roles": ["coordinator"], "language": "nn"},
        {"email": OLA, "name": "Ola Vik", "organization": "4627", "roles": ["coordinator"]},
        {"email": EVA, "name": "Eva Lunde", "organization": "4629", "roles": ["coordinator"], "language": "en"},
        {"email": PER, "name": "Per Dale", "organization": "4621", "roles": ["coordinator"]},
        {"email": LIV, "name": "Liv Berg", "organization": "4611", "roles": ["coordinator"]},
        {"email": CHIEF, "name": "Rune Sjef", "organization": "4601", "roles": ["chief_executive"]},
    ],
    "surveys": [{
        "id": SURVEY, "title": "Status på IKT-området", "intro": "Korte svar holder.",
        "audience": {"roles": ["coordinator"]}, "respondent": "organization", "anonymous": True,
        "opens": "2026-12-01T09:00", "deadline": "2026-12-10T23:59", "reminders": ["P5D", "P1D"],
        "questions": [
            {"id": "arsverk", "text": "Hvor mange årsverk arbeider med IKT?", "type": "number", "min": 0},
            {"id": "modenhet", "text": "Hvor moden er kommunen digitalt?", "type": "scale", "min": 1, "max": 5,
             "labels": {1: "minimalt", 5: "transformert"}},
            {"id": "utfordringar", "text": "Hvilke utfordringer har dere?", "type": "text", "required": False},
        ],
    }],
}


def network(**survey: Any) -> dict[str, Any]:
    """The network, with the survey's fields replaced by `survey` (e.g. anonymous=False, opens=None)."""
    data = copy.deepcopy(NETWORK)
    data["surveys"][0].update(survey)
    return data


async def answer(bot: TestBot, email: str, answers: dict[str, object], *, submit: bool = False,
                 at: datetime | None = None) -> None:
    """`email` answers for their organization (as the conversation would store it), and maybe submits."""
    await answer_with(bot.sessions, email, answers, submit=submit, at=at or bot.now())


async def answer_with(sessions: async_sessionmaker[AsyncSession], email: str, answers: dict[str, object], *,
                      submit: bool, at: datetime) -> None:
    async with sessions() as session:
        person = await session.scalar(select(m.Person).where(m.Person.email == email))
        survey = await session.scalar(select(m.Survey).where(m.Survey.key == SURVEY))
        assert person is not None and survey is not None
        respondent = store.respondent_key(person.organization_id, person.id, survey.respondent == "person")
        response = await store.start_response(session, survey.id, respondent, organization_id=person.organization_id,
                                              person_id=person.id, now=at)
        for key, value in answers.items():
            await store.save_answer(session, response.id, key, value, person_id=person.id, now=at)
        if submit:
            await store.submit(session, response, person_id=person.id, now=at)
        await session.commit()
