"""Relative periods in a question ("de neste to ukene", "denne veka", "i desember", "før jul"),
resolved in the network's time zone against a given clock.

A `Period` is a half-open interval [start, end) of aware datetimes plus what it was called (`key`,
`params`) so that the answer can name it in the asker's language. Weeks run Monday–Sunday (ISO).
Calendar periods that have already begun (this week, this month, this year) start at the beginning
of today: what is already over is not "upcoming". Rolling windows ("the next 10 days") start now.

The phrases are the ordered rules of period_rules.PERIOD_RULES (at each word only those that may start
there are tried: period_starts.py); their words are in lexicon.py.
"""

from __future__ import annotations

from datetime import datetime

from handlers.questions.lexicon import CHRISTMAS, LEAD_IN
from handlers.questions.period_parts import Clock, Period
from handlers.questions.period_starts import period_at

__all__ = ["Period", "find_period"]


def find_period(words: list[str], now: datetime, tz: str, typed: list[str] | None = None) -> Period | None:
    """The first period named in the folded words of a question, or None.

    `typed` are the words as typed (lower-case), to tell "før" (before) from "for" (for)."""
    clock = Clock(now, tz)
    for i in range(len(words)):
        if words[i] == "for" and typed is not None and typed[i] != "før" and not (
                i + 1 < len(words) and words[i + 1] in CHRISTMAS):
            continue
        found = period_at(words, i, clock, typed)
        if found is not None:
            period, used = found
            first = i
            while first > 0 and words[first - 1] in LEAD_IN:
                first -= 1
            return Period(period.start, period.end, period.key, period.params, frozenset(range(first, i + used)))
    return None
