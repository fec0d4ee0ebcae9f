"""Colleagues of one organization share one response (`respondent: organization`): a colleague who types
`svar <id>` sees what is answered and by whom, can change it, and each is told what the other changed under
them; the last write per question wins. On PostgreSQL two replicas take two colleagues' answers at the same
moment: no answer is lost and both are told."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import select

from storage.models_surveys import SurveyAnswer
from tests.chat import Chat
from tests.conftest import _reset_pg_schema
from tests.survey_chat_world import (
    KARI,
    NETWORK,
    OLA,
    OPEN,
    SURVEY,
    answered_by,
    colleagues_answer_at_once,
    stored,
    two_bots_on,
)
from tests.testbot import TestBot

CHANGED = "Siden sist har andre endret svar:"


async def test_ola_sees_what_kari_answered_and_each_is_told_what_the_other_changed(bot: TestBot) -> None:
    await bot.load(NETWORK)
    await bot.at(OPEN)
    kari, ola = bot.person(KARI, channel="slack"), bot.person(OLA)
    await kari.says(f"svar {SURVEY}")
    await kari.says("4")
    await kari.presses("3")  # Kari is now at question 3

    joined = await ola.says(f"svar {SURVEY}")
    assert "Voss har svart på 2 av 7:" in joined.text
    assert "1. Hvor mange årsverk arbeider med IKT?: 4 (Kari Vossevangen)" in joined.text
    assert "2. Hvor moden er kommunen digitalt?: 3 (Kari Vossevangen)" in joined.text
    assert "Vi fortsetter med spørsmål 3." in joined.text and "Spørsmål 3 av 7" in joined.text
    await ola.says("ja")
    await ola.says("endre 1")
    await ola.says("7")

    told = await kari.says("nei")  # Kari answers question 3 after Ola did: hers wins
    assert CHANGED in told.text
    assert "1. Hvor mange årsverk arbeider med IKT?: 7 (Ola Bolstad)" in told.text
    assert "3. Bruker kommunen skytjenester?: Ja (Ola Bolstad)" in told.text
    assert "Lagret: Nei" in told.text
    assert await stored(bot, "Voss") == {"arsverk": 7, "modenhet": 3, "sky": False}
    assert await answered_by(bot, "Voss") == {"arsverk": OLA, "modenhet": KARI, "sky": KARI}

    summary = await ola.says("svar")  # Ola, at his summary, reads what Kari changed under him
    assert CHANGED in summary.text and "3. Bruker kommunen skytjenester?: Nei (Kari Vossevangen)" in summary.text
    again = await kari.says("svar")  # nothing changed since Kari last looked
    assert CHANGED not in again.text


@pytest.fixture
async def replicas(pg_database_url: str) -> AsyncIterator[tuple[Chat, Chat]]:
    """Two bot processes (each its own engine, pool and snapshot cache) on one PostgreSQL database."""
    await _reset_pg_schema(pg_database_url)
    async with two_bots_on(pg_database_url) as bots:
        yield bots


@pytest.mark.postgres
async def test_two_colleagues_answering_at_the_same_moment_on_two_replicas_lose_nothing(
        replicas: tuple[Chat, Chat], monkeypatch: pytest.MonkeyPatch) -> None:
    one, two = replicas
    kari_reply, ola_reply = await colleagues_answer_at_once(one, two, monkeypatch)

    async with one.sessions() as session:
        keys = {k: v for k, v in await session.execute(select(SurveyAnswer.question_key, SurveyAnswer.value))}
    assert keys == {"arsverk": 4, "modenhet": 2, "sky": True}  # no answer lost
    assert [CHANGED in kari_reply, CHANGED in ola_reply].count(True) == 1  # the one who waited is told at once
    kari_next = await one.ask("svar", as_=KARI, now=OPEN)
    ola_next = await two.ask("svar", as_=OLA, now=OPEN)
    kari_told = kari_reply + kari_next
    ola_told = ola_reply + ola_next
    assert "3. Bruker kommunen skytjenester?: Ja (Ola Bolstad)" in kari_told
    assert "2. Hvor moden er kommunen digitalt?: 2 (Kari Vossevangen)" in ola_told
    assert CHANGED in kari_told and CHANGED in ola_told
