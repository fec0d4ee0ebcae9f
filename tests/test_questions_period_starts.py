"""The period rules are tried at a word only when they may start there (period_starts.py): that index must find
exactly the period that trying every rule at every word finds, for the phrases the period tests name and for
every pair of the lexicon's words."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from handlers.questions import lexicon
from handlers.questions.normalize import tokenize
from handlers.questions.period_parts import Clock
from handlers.questions.period_rules import PERIOD_RULES, every_rule_at
from handlers.questions.period_starts import STARTS, period_at, rules_at
from tests import test_questions_periods, test_questions_units

OSLO = ZoneInfo("Europe/Oslo")
CLOCKS = [Clock(datetime(2026, 3, 4, 10, 0, tzinfo=OSLO), "Europe/Oslo"),
          Clock(datetime(2026, 12, 28, 10, 0, tzinfo=OSLO), "Europe/Oslo")]
NUMBERS = ["0", "1", "3", "12", "15", "31", "53", "400", "401", "2026", "2027"]


def _texts_of(test: Any) -> list[str]:
    """The question texts a parametrized period test is run with (its first argument)."""
    return [case[0] for mark in test.pytestmark if mark.name == "parametrize" for case in mark.args[1]]


def _lexicon_words() -> list[str]:
    """Every word of the lexicon's word lists, tables and phrases (all folded), and a few numbers."""
    found: set[str] = set()
    for name, value in vars(lexicon).items():
        if not name.isupper():
            continue
        parts: list[Any] = list(value.items()) if isinstance(value, dict) else list(value) if isinstance(
            value, frozenset | set | tuple) else []
        while parts:
            part = parts.pop()
            if isinstance(part, str):
                found.update(part.split())
            elif isinstance(part, frozenset | set | tuple):
                parts.extend(part)
    return sorted(found) + NUMBERS


def _same(words: list[str], typed: list[str] | None = None, starts: range | None = None) -> None:
    for clock in CLOCKS:
        for i in starts or range(len(words)):
            assert period_at(words, i, clock, typed) == every_rule_at(words, i, clock, typed), (words, i)


def test_every_rule_says_where_it_may_start() -> None:
    assert set(STARTS) == set(PERIOD_RULES)
    assert rules_at("hvem") == ()  # most words of a question start no period: no rule is tried there
    assert [r.__name__ for r in rules_at("15")] == ["n_units_ago", "next_n_units", "a_date"]


@pytest.mark.parametrize("text", [
    *_texts_of(test_questions_units.test_periods),
    *_texts_of(test_questions_periods.test_a_coordinator_names_a_period_around_holidays_seasons_quarters_or_the_past),
    "Hvilke frister har vi de neste to ukene?", "Kva fristar er det i januar og februar?", "mine frister denne uka",
    "What deadlines are there next month?", "Which deadlines are there in the next 10 days?", "for 3 dager siden",
    "hva skjer mellom 1. april og 1. juni", "møter fra 15 mars 2027", "Mai Bruvik", "før 2026 03 15",
])
def test_the_index_finds_the_period_every_rule_finds(text: str) -> None:
    tokens = tokenize(text)
    _same([t.norm for t in tokens], [t.orig.lower() for t in tokens])


def test_the_index_agrees_on_every_pair_of_lexicon_words() -> None:
    words = _lexicon_words()
    assert len(words) > 300
    for first in words:
        _same([first])
        for second in words:
            _same([first, second], starts=range(1))
