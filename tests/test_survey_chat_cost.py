"""What one answer in a survey conversation costs the database, through the Slack endpoint: one commit, and
on PostgreSQL no more statements than the step needs (identity and dedupe, the flow, the survey with the
response and its answers, the move, the answer with the response's new version)."""

from __future__ import annotations

import pytest

from tests.survey_chat_world import KARI, NETWORK, OPEN, SURVEY, stored
from tests.test_pipeline_cost import counting
from tests.testbot import TestBot


async def test_an_answer_is_stored_with_one_commit_and_one_move_of_the_flow(bot: TestBot,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    await bot.load(NETWORK)
    kari = bot.person(KARI, channel="slack")
    await bot.at(OPEN)
    await kari.says(f"svar {SURVEY}")
    await kari.says("ca. 4,5")  # the response exists from here on

    with counting(bot.engine, monkeypatch) as cost:
        answer = await kari.presses("4")

    assert "Lagret: 4" in answer[-1].text and "Spørsmål 3 av 7" in answer[-1].text
    assert await stored(bot, "Voss") == {"arsverk": 4.5, "modenhet": 4}
    assert cost.commits == 1, cost
    assert cost.statements.count("UPDATE") == (2 if bot.engine.dialect.name == "sqlite" else 1), cost
