"""Which period rules can start at a word: `period_at` tries at each word only those, in PERIOD_RULES order.

Every rule first looks at the word it starts at (`At.w`) and gives up unless that word is one of a few
(a preposition, "neste", a month, a number...). `STARTS` lists them per rule, so that the ~30 rules are not
all called at every word of every question: most words (names, "hvem", "koordinator") start no period at
all. `NUMBER` in a rule's set: the rule may also start at any word of digits. A rule missing here could
never fire; tests/test_questions_periods.py checks, question by question, that this index finds exactly
what trying every rule at every word finds.
"""

from __future__ import annotations

from functools import lru_cache

from handlers.questions import period_holidays as holidays
from handlers.questions import period_rules as rules
from handlers.questions.lexicon import (
    A_ONE,
    AFTER,
    AT_HOLIDAY,
    BEFORE,
    BETWEEN,
    FROM,
    IN,
    MONTHS,
    NEXT,
    NUMBERS,
    ORDINALS,
    PREVIOUS,
    QUARTER_CODES,
    ROMJUL,
    SEASONS,
    THIS,
    TODAY,
    TOMORROW,
    WEEK_WORDS,
    WEEKDAYS,
    WEEKEND,
    YEAR_END,
    YESTERDAY,
)
from handlers.questions.period_parts import At, Clock, Found, PeriodRule

NUMBER = "<number>"  # the rule may start at a word of digits ("15 mars", "3 days ago", "2026 03 15")
_NUMBERS = frozenset(NUMBERS) | {NUMBER}

STARTS: dict[PeriodRule, frozenset[str]] = {
    rules.today: TODAY | {"i"},
    rules.tomorrow: TOMORROW | {"i"},
    rules.day_after_tomorrow: frozenset({"i"}),
    rules.yesterday: YESTERDAY | {"i"},
    holidays.year_end: frozenset(phrase[0] for phrase in YEAR_END),
    holidays.n_units_ago: A_ONE | _NUMBERS,
    rules.in_n_units: IN,
    rules.next_n_units: NEXT | {"innen", "innan", "within"} | _NUMBERS,
    rules.week_number: WEEK_WORDS,
    rules.this_next_last_week: THIS | NEXT | PREVIOUS,
    rules.this_next_month: THIS | NEXT,
    rules.this_year: THIS | {"i", "iar"},
    rules.last_month: PREVIOUS,
    rules.next_year: NEXT,
    holidays.quarter: THIS | NEXT | PREVIOUS | frozenset(QUARTER_CODES) | frozenset(ORDINALS),
    holidays.season: frozenset(word for season_words, _ in SEASONS.values() for word in season_words),
    rules.weekend: WEEKEND | THIS | NEXT,
    rules.around_new_year: BEFORE | AFTER | FROM | IN,
    rules.between_christmas_and_new_year: BETWEEN | FROM,
    rules.after_christmas: AFTER,
    rules.christmas_days: ROMJUL | {"i", "in", "over", "during"},
    holidays.around_easter: BEFORE | AFTER | AT_HOLIDAY,
    holidays.around_summer_holiday: BEFORE | AFTER | AT_HOLIDAY,
    rules.before: BEFORE | {"til"},
    rules.between_dates: BETWEEN | FROM,
    rules.after_or_from_date: AFTER | FROM,
    rules.a_date: frozenset(MONTHS) | {NUMBER},
    rules.a_month: frozenset(MONTHS),
    rules.a_weekday: frozenset(WEEKDAYS),
}


@lru_cache(maxsize=4096)
def rules_at(word: str) -> tuple[PeriodRule, ...]:
    """The rules that may start at `word`, in PERIOD_RULES order (a pure function of the fixed lexicon)."""
    number = word.isdigit()
    return tuple(rule for rule in rules.PERIOD_RULES
                 if word in STARTS[rule] or (number and NUMBER in STARTS[rule]))


def period_at(words: list[str], i: int, c: Clock, typed: list[str] | None = None) -> Found:
    """The period the words at words[i] name, by the first rule that fits (`typed`: the words as typed)."""
    candidates = rules_at(words[i])
    if not candidates:
        return None
    return rules.first_fit(candidates, At(words, i, c, typed))
