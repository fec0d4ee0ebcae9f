"""The parts period rules are made of: `Period`, the `Clock` of the network's time zone, and small
parsers for numbers, dates, Christmas and New Year, "om to uker" and "de neste N dagene"."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from handlers.questions.lexicon import (
    AFTER_I,
    CHRISTMAS,
    DAY_WORDS,
    IN,
    MONTH_WORDS,
    MONTHS,
    NEW_YEAR,
    NEXT,
    NUMBERS,
    PAST_TENSE,
    THE,
    WEEK_WORDS,
)


@dataclass(frozen=True)
class Period:
    start: datetime  # inclusive, aware
    end: datetime  # exclusive, aware
    key: str  # what it was called: today, next_days, month, ...
    params: dict[str, Any] = field(default_factory=dict)
    tokens: frozenset[int] = frozenset()  # which tokens of the question named it

    def contains(self, moment: datetime) -> bool:
        return self.start <= moment < self.end


class Clock:
    def __init__(self, now: datetime, tz: str) -> None:
        self.zone = ZoneInfo(tz)
        self.now = now.astimezone(self.zone)
        self.today = self.now.date()

    def at(self, day: date) -> datetime:
        return datetime.combine(day, time(0), tzinfo=self.zone)

    def days(self, first: date, last_exclusive: date, key: str, params: dict[str, Any] | None = None,
             rolling: bool = False, past: bool = False) -> Period:
        """[first, last_exclusive) in local days; `past` keeps days before today (yesterday, last week)."""
        start = self.now if rolling else self.at(first) if past else max(self.at(first), self.at(self.today))
        return Period(start, self.at(last_exclusive), key, params or {})


ONE = timedelta(days=1)
Found = tuple[Period, int] | None


@dataclass(frozen=True)
class At:
    """The question's words, a position in them, and the clock.

    `w` (the word at i), `nxt` (the next one, or "") and `today` are worked out once: every period rule is
    tried at every word of every question, and reads them several times each."""

    words: list[str]
    i: int
    c: Clock
    typed: list[str] | None = None
    w: str = field(init=False)
    nxt: str = field(init=False)
    today: date = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "w", self.words[self.i])
        object.__setattr__(self, "nxt", self.words[self.i + 1] if self.i + 1 < len(self.words) else "")
        object.__setattr__(self, "today", self.c.today)

    @property
    def monday(self) -> date:
        return self.today - timedelta(days=self.today.weekday())

    @property
    def prev(self) -> str:
        return self.words[self.i - 1] if self.i > 0 else ""

    def typed_as(self, k: int = 0) -> str:
        """The word at i + k as typed (lower case), or its folded form when that is not known."""
        j = self.i + k
        if self.typed is not None and j < len(self.typed):
            return self.typed[j]
        return self.words[j] if j < len(self.words) else ""

    def past_tense(self) -> bool:
        """ "var det", "was there", "hadde vi": the question asks about what has been ("var", not "vår")."""
        return any(w in PAST_TENSE and (w != "var" or self.typed is None or self.typed[k] == "var")
                   for k, w in enumerate(self.words))

    def i_then(self, key: str) -> bool:
        """ "i dag", "i morgon": "i" and a word of AFTER_I[key]."""
        return self.w == "i" and self.nxt in AFTER_I[key]


PeriodRule = Callable[[At], Found]


def number(word: str) -> int | None:
    if word.isdigit() and 0 < int(word) <= 400:
        return int(word)
    return NUMBERS.get(word)


def month_start(year: int, month: int) -> date:
    return date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1)


def next_month_named(today: date, month: int, year: int | None) -> tuple[date, date]:
    if year is None:
        year = today.year if month >= today.month else today.year + 1
    return date(year, month, 1), month_start(year, month + 1)


def date_at(words: list[str], i: int, today: date) -> tuple[date, int] | None:
    """A calendar date starting at words[i]: "15 mars [2026]", "march 15", "2026 03 15"."""
    if i >= len(words):
        return None
    w = words[i]
    nxt = words[i + 1] if i + 1 < len(words) else ""
    nxt2 = words[i + 2] if i + 2 < len(words) else ""
    year: int | None = None
    try:
        if w.isdigit() and len(w) == 4 and nxt.isdigit() and nxt2.isdigit():
            return date(int(w), int(nxt), int(nxt2)), 3
        if w.isdigit() and 1 <= int(w) <= 31 and nxt in MONTHS:
            day, month, used = int(w), MONTHS[nxt], 2
        elif w in MONTHS and nxt.isdigit() and 1 <= int(nxt) <= 31:
            day, month, used = int(nxt), MONTHS[w], 2
        elif w.isdigit() and 1 <= int(w) <= 31 and nxt.isdigit() and 1 <= int(nxt) <= 12 and len(nxt2) == 4:
            return date(int(nxt2), int(nxt), int(w)), 3
        else:
            return None
        after = words[i + used] if i + used < len(words) else ""
        if after.isdigit() and len(after) == 4:
            year, used = int(after), used + 1
        if year is None:
            year = today.year
            if date(year, month, day) < today:
                year += 1
        return date(year, month, day), used
    except ValueError:
        return None


def christmas(words: list[str], i: int) -> int:
    """How many words at words[i] name Christmas ("jul", "Christmas", "the holidays"), or 0."""
    if i < len(words) and words[i] in CHRISTMAS:
        return 1
    if i + 1 < len(words) and words[i] in THE and words[i + 1] in CHRISTMAS:
        return 2
    return 0


def new_year(words: list[str], i: int) -> int:
    """How many words at words[i] name New Year ("nyttår", "new year"), or 0."""
    if i < len(words) and words[i] in NEW_YEAR:
        return 1
    if words[i:i + 2] == ["new", "year"] or words[i:i + 2] == ["the", "new"] and words[i + 2:i + 3] == ["year"]:
        return 2 if words[i] == "new" else 3
    return 0


def unit_of(word: str) -> str | None:
    if word in DAY_WORDS:
        return "day"
    if word in WEEK_WORDS:
        return "week"
    if word in MONTH_WORDS:
        return "month"
    return None


def ahead(words: list[str], i: int) -> tuple[int, str, int] | None:
    """(n, unit, tokens used) for "om to uker", "om 3 dagar", "in two weeks", "om en måned"."""
    if words[i] not in IN or i + 2 >= len(words):
        return None
    n = number(words[i + 1])
    unit = unit_of(words[i + 2])
    if not n or unit is None:
        return None
    return n, unit, 3


def rolling(words: list[str], i: int) -> tuple[int, str, int] | None:
    """(n, unit, tokens used) for "neste N dagar", "N neste veker", "innen N dager", "next N days"."""
    w = words[i]
    rest = words[i + 1: i + 4]
    if w in NEXT or w in ("innen", "innan", "within"):
        # neste N unit | neste unit (plural, no number)
        if len(rest) >= 2 and number(rest[0]) and unit_of(rest[1]):
            return number(rest[0]) or 0, unit_of(rest[1]) or "day", 3
        if rest and unit_of(rest[0]) and rest[0].endswith(("ene", "ane", "er", "ar", "s")) and w in NEXT:
            unit = unit_of(rest[0]) or "day"
            return {"day": 7, "week": 2, "month": 1}[unit], unit, 2
        if w == "within" and len(rest) >= 3 and rest[0] in ("the", "next") and number(rest[1]):
            found = unit_of(rest[2])
            if found:
                return number(rest[1]) or 0, found, 4
    n = number(w)
    if n and len(rest) >= 2 and rest[0] in NEXT and unit_of(rest[1]):
        return n, unit_of(rest[1]) or "day", 3
    return None
