"""The survey conversation's tests (tests/fixtures/surveys/network.yaml), told as a small world: who is who,
the survey of every question type, and what the database holds for an organization's response."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest
from sqlalchemy import select

from handlers.surveys import conversation
from storage.db import make_engine, make_sessionmaker
from storage.importer import import_network
from storage.migrate import upgrade
from storage.models import Organization, Person, Survey
from storage.models_flows import FlowRow
from storage.models_surveys import SurveyAnswer, SurveyResponse
from tests.chat import ROOT, Chat
from tests.testbot import TestBot

NETWORK = "tests/fixtures/surveys/network.yaml"
SURVEY = "ikt-2026"  # 7 questions: number, scale, yes/no, choice, multiple choice, date, optional text
KARI = "kari.voss@voss.kommune.no"  # Voss, chief executive (nb)
OLA = "ola.voss@voss.kommune.no"  # Voss, coordinator (nb): Kari's colleague, one shared response
EMMA = "emma.ulvik@ulvik.kommune.no"  # Ulvik (en)
NILS = "nils.eidfjord@eidfjord.kommune.no"  # Eidfjord (nn)
PER = "per.kvam@kvam.kommune.no"  # Kvam (nb)
IVAR = "ivar.drift@kvam.kommune.no"  # Kvam, ICT lead: not in the survey's audience
SECRETARIAT = "sekretariat@digifjord.no"
OPEN = "2026-10-05T10:00"  # a Monday while the survey is open (1 to 16 October)
DEADLINE = "2026-10-16T23:59"

# A whole survey, answer by answer: what is typed (or, with "!", the button pressed) and what is stored.
WHOLE_SURVEY: list[tuple[str, str, Any]] = [
    ("arsverk", "ca. 4,5", 4.5),
    ("modenhet", "!4", 4),
    ("sky", "!Ja", True),
    ("plattform", "!Public 360", "Public 360"),
    ("samarbeid", "!Vestlandsdigi", ["Vestlandsdigi"]),  # each pick is stored at once
    ("samarbeid", "!Anna", ["Vestlandsdigi", "Anna"]),
    ("samarbeid", "!Ferdig", ["Vestlandsdigi", "Anna"]),
    ("strategi", "17. oktober 2025", "2025-10-17"),
    ("utfordringar", "Rekruttering og gamle fagsystem", "Rekruttering og gamle fagsystem"),
]


async def stored(bot: TestBot, organization: str, survey: str = SURVEY) -> dict[str, Any]:
    """The organization's response: question key -> stored value (empty when it has none)."""
    async with bot.sessions() as session:
        rows = await session.execute(
            select(SurveyAnswer.question_key, SurveyAnswer.value)
            .join(SurveyResponse, SurveyResponse.id == SurveyAnswer.response_id)
            .join(Survey, Survey.id == SurveyResponse.survey_id)
            .join(Organization, Organization.id == SurveyResponse.organization_id)
            .where(Survey.key == survey, Organization.name == organization))
        return {key: value for key, value in rows}


async def answered_by(bot: TestBot, organization: str) -> dict[str, str]:
    """question key -> the e-mail of who gave the organization's current answer."""
    async with bot.sessions() as session:
        rows = await session.execute(
            select(SurveyAnswer.question_key, Person.email)
            .join(SurveyResponse, SurveyResponse.id == SurveyAnswer.response_id)
            .join(Survey, Survey.id == SurveyResponse.survey_id)
            .join(Organization, Organization.id == SurveyResponse.organization_id)
            .join(Person, Person.id == SurveyAnswer.answered_by)
            .where(Survey.key == SURVEY, Organization.name == organization))
        return {key: email for key, email in rows}


async def submitted(bot: TestBot, organization: str) -> bool:
    async with bot.sessions() as session:
        at = await session.scalar(
            select(SurveyResponse.submitted_at).join(Survey, Survey.id == SurveyResponse.survey_id)
            .join(Organization, Organization.id == SurveyResponse.organization_id)
            .where(Survey.key == SURVEY, Organization.name == organization))
        return at is not None


async def flow_step(bot: TestBot, email: str) -> tuple[str, dict[str, Any], bool] | None:
    """The person's survey flow row: (step, data, paused), or None."""
    async with bot.sessions() as session:
        row = (await session.execute(
            select(FlowRow.step, FlowRow.data, FlowRow.paused)
            .where(FlowRow.person_id == bot.person(email).id, FlowRow.flow == "survey"))).one_or_none()
        return (row[0], dict(row[1]), bool(row[2])) if row is not None else None


@asynccontextmanager
async def two_bots_on(url: str) -> AsyncIterator[tuple[Chat, Chat]]:
    """Two bots, each its own engine, pool and snapshot cache (two processes, or two replicas), on the one
    database at `url`: the network imported, and each bot's snapshot loaded before the race."""
    chats = []
    for _ in range(2):
        engine = make_engine(url)
        chats.append(Chat(engine, make_sessionmaker(engine), "digifjord", "Europe/Oslo"))
    await upgrade(chats[0].engine)
    async with chats[0].sessions() as session:
        await import_network(session, ROOT / NETWORK)
        await session.commit()
        people = {email.lower(): pid for email, pid in await session.execute(select(Person.email, Person.id))}
    try:
        for chat in chats:
            chat._people = people
            await chat.ask("hjelp", as_=KARI, now=OPEN)
        yield chats[0], chats[1]
    finally:
        for chat in chats:
            await chat.close()


async def colleagues_answer_at_once(one: Chat, two: Chat, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    """Kari (at question 2, on bot `one`) and her colleague Ola (at question 3, on bot `two`) answer their
    organization's one response at the same moment; the first writer holds what it wrote for 0.3 s, so the
    other arrives meanwhile. Kari answers 4 then 2, Ola "ja". Returns what each of them read."""
    await one.ask(f"svar {SURVEY}", as_=KARI, now=OPEN)
    await one.ask("4", as_=KARI, now=OPEN)  # Kari at question 2
    await two.ask(f"svar {SURVEY}", as_=OLA, now=OPEN)
    await two.ask("endre 3", as_=OLA, now=OPEN)  # Ola at question 3

    save = conversation.store.save_answer

    async def slow_save(*args: Any, **kwargs: Any) -> int:
        version = await save(*args, **kwargs)
        await asyncio.sleep(0.3)  # the first writer holds the response (and SQLite's lock) while the other arrives
        return version

    monkeypatch.setattr(conversation.store, "save_answer", slow_save)
    try:
        kari, ola = await asyncio.gather(one.ask("2", as_=KARI, now=OPEN), two.ask("ja", as_=OLA, now=OPEN))
    finally:
        monkeypatch.setattr(conversation.store, "save_answer", save)
    return kari, ola
