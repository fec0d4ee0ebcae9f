"""Relative periods in a question ("de neste to ukene", "denne veka", "i desember", "før jul"),
resolved in the network's time zone against a given clock.

A `Period` is a half-open interval [start, end) of aware datetimes plus what it was called (`key`,
`params`) so that the answer can name it in the asker's language. Weeks run Monday–Sunday (ISO).
Calendar periods that have already begun (this week, this month, this year) start at the beginning
of today: what is already over is not "upcoming". Rolling windows ("the next 10 days") start now.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from handlers.questions.normalize import fold

NUMBERS: dict[str, int] = {
    "en": 1, "ein": 1, "ett": 1, "eitt": 1, "one": 1, "to": 2, "two": 2, "tre": 3, "three": 3, "fire": 4,
    "four": 4, "fem": 5, "five": 5, "seks": 6, "six": 6, "sju": 7, "syv": 7, "seven": 7, "atte": 8,
    "eight": 8, "ni": 9, "nine": 9, "ti": 10, "ten": 10, "elleve": 11, "eleven": 11, "tolv": 12,
    "twelve": 12, "fjorten": 14, "fourteen": 14, "femten": 15, "fifteen": 15, "tjue": 20, "tyve": 20,
    "twenty": 20, "tretti": 30, "tredve": 30, "thirty": 30, "par": 2, "couple": 2,
}
DAY_WORDS = frozenset(fold("dag dagar dager dagane dagene dogn døgn day days").split())
WEEK_WORDS = frozenset(fold("uke uker ukene uka uken veke veker vekene veka week weeks").split())
MONTH_WORDS = frozenset(fold("måned måneder månedene måneden månad månader månadene månaden month months").split())
YEAR_WORDS = frozenset(fold("år året åra årene year years").split())
THIS = frozenset(fold("denne dette inneverande inneværende this current").split())
NEXT = frozenset(fold("neste kommende komande følgende følgjande nærmeste næraste nærmaste next coming following "
                      "upcoming").split())
PREVIOUS = frozenset(fold("forrige førre sist siste last previous past").split())
IN = frozenset(fold("om in").split())
BEFORE = frozenset(fold("før innen innan before by until").split())
AFTER = frozenset(fold("etter after").split())
FROM = frozenset(fold("fra frå from").split())
BETWEEN = frozenset(fold("mellom between").split())
THE = frozenset(fold("de dei the i in løpet av within").split())
CHRISTMAS = frozenset(fold("jul julen jula christmas xmas").split())
WEEKEND = frozenset(fold("helg helga helgen weekend").split())
ROMJUL = frozenset(fold("romjul romjula romjulen").split())
NEW_YEAR = frozenset(fold("nyttår nyttåret årsskiftet årsskifte newyear").split())
AND = frozenset(fold("og and til to eller or").split())
MONTHS: dict[str, int] = {}
for _i, _names in enumerate((
    "januar january jan", "februar february feb", "mars march mar", "april apr", "mai may",
    "juni june jun", "juli july", "august aug", "september sept sep", "oktober october okt oct",
    "november nov", "desember december des dec",
)):
    for _name in _names.split():
        MONTHS[fold(_name)] = _i + 1
WEEKDAYS: dict[str, int] = {}
for _i, _names in enumerate((
    "mandag måndag monday", "tirsdag tysdag tuesday", "onsdag wednesday", "torsdag thursday",
    "fredag friday", "lørdag laurdag saturday", "søndag sundag sunday",
)):
    for _name in _names.split():
        WEEKDAYS[fold(_name)] = _i


@dataclass(frozen=True)
class Period:
    start: datetime  # inclusive, aware
    end: datetime  # exclusive, aware
    key: str  # what it was called: today, next_days, month, ...
    params: dict[str, Any] = field(default_factory=dict)
    tokens: frozenset[int] = frozenset()  # which tokens of the question named it

    def contains(self, moment: datetime) -> bool:
        return self.start <= moment < self.end


class _Clock:
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


def _number(word: str) -> int | None:
    if word.isdigit() and 0 < int(word) <= 400:
        return int(word)
    return NUMBERS.get(word)


def _month_start(year: int, month: int) -> date:
    return date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1)


def _next_month_named(today: date, month: int, year: int | None) -> tuple[date, date]:
    if year is None:
        year = today.year if month >= today.month else today.year + 1
    return date(year, month, 1), _month_start(year, month + 1)


def _date_at(words: list[str], i: int, today: date) -> tuple[date, int] | None:
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


def find_period(words: list[str], now: datetime, tz: str, typed: list[str] | None = None) -> Period | None:
    """The first period named in the folded words of a question, or None.

    `typed` are the words as typed (lower-case), to tell "før" (before) from "for" (for)."""
    clock = _Clock(now, tz)
    for i in range(len(words)):
        if words[i] == "for" and typed is not None and typed[i] != "før" and not (
                i + 1 < len(words) and words[i + 1] in CHRISTMAS):
            continue
        found = _period_at(words, i, clock)
        if found is not None:
            period, used = found
            first = i
            while first > 0 and words[first - 1] in THE | {"i", "pa", "on", "in", "for", "during", "over"}:
                first -= 1
            return Period(period.start, period.end, period.key, period.params, frozenset(range(first, i + used)))
    return None


def _period_at(words: list[str], i: int, c: _Clock) -> tuple[Period, int] | None:  # noqa: C901
    w = words[i]
    nxt = words[i + 1] if i + 1 < len(words) else ""
    today = c.today
    one = timedelta(days=1)
    # today / tomorrow
    if (w == "i" and nxt in ("dag", "kveld")) or w in ("idag", "today", "tonight"):
        return c.days(today, today + one, "today"), 2 if w == "i" else 1
    if (w == "i" and nxt in ("morgen", "morgon")) or w in ("imorgen", "imorgon", "tomorrow"):
        return c.days(today + one, today + 2 * one, "tomorrow"), 2 if w == "i" else 1
    if w == "i" and nxt in ("overmorgen", "overmorgon"):
        return c.days(today + 2 * one, today + 3 * one, "day", {"day": today + 2 * one}), 2
    if (w == "i" and nxt in ("gar", "gaar")) or w in ("igar", "igaar", "yesterday"):
        return c.days(today - one, today, "yesterday", past=True), 2 if w == "i" else 1
    # "om to uker", "in three days": the day, week or month that far ahead
    ahead = _ahead(words, i)
    if ahead is not None:
        n, unit, used = ahead
        if unit == "day":
            day = today + n * one
            return c.days(day, day + one, "day", {"day": day}), used
        if unit == "week":
            day = today + 7 * n * one
            first = day - timedelta(days=day.weekday())
            return c.days(first, first + 7 * one, "week_number", {"n": day.isocalendar()[1]}), used
        first = _month_start(today.year, today.month + n)
        return c.days(first, _month_start(first.year, first.month + 1), "month",
                      {"month": first.month, "year": first.year}), used
    # rolling windows: "(de) neste N dagene", "de N neste ukene", "next N weeks", "innen N dager"
    n_unit = _rolling(words, i)
    if n_unit is not None:
        n, unit, used = n_unit
        if unit == "day":
            return c.days(today, today + (n + 1) * one, "next_days", {"n": n}, rolling=True), used
        if unit == "week":
            return c.days(today, today + (7 * n + 1) * one, "next_weeks", {"n": n}, rolling=True), used
        end = _month_start(today.year, today.month + n)
        end = date(end.year, end.month, min(today.day, 28)) + one
        return c.days(today, end, "next_months", {"n": n}, rolling=True), used
    monday = today - timedelta(days=today.weekday())
    if w in WEEK_WORDS and nxt.isdigit() and 1 <= int(nxt) <= 53:  # "uke 12", "veke 12", "week 12"
        year = today.year
        try:
            first = date.fromisocalendar(year, int(nxt), 1)
            if first + 7 * one <= today:
                first = date.fromisocalendar(year + 1, int(nxt), 1)
        except ValueError:
            return None
        return c.days(first, first + 7 * one, "week_number", {"n": int(nxt)}), 2
    if w in THIS and nxt in WEEK_WORDS:
        return c.days(monday, monday + 7 * one, "this_week"), 2
    if w in NEXT and nxt in WEEK_WORDS:
        return c.days(monday + 7 * one, monday + 14 * one, "next_week"), 2
    if w in PREVIOUS and nxt in WEEK_WORDS:  # "forrige uke", "last week"
        return c.days(monday - 7 * one, monday, "last_week", past=True), 2
    if w in THIS and nxt in MONTH_WORDS:
        return c.days(today.replace(day=1), _month_start(today.year, today.month + 1), "this_month"), 2
    if w in NEXT and nxt in MONTH_WORDS:
        first = _month_start(today.year, today.month + 1)
        return c.days(first, _month_start(first.year, first.month + 1), "next_month"), 2
    if (w == "i" and nxt == "ar") or w == "iar" or (w in THIS and nxt in YEAR_WORDS):
        return c.days(today, date(today.year + 1, 1, 1), "this_year"), 2 if w != "iar" else 1
    if w in PREVIOUS and nxt in MONTH_WORDS:  # "forrige måned", "last month"
        first = _month_start(today.year, today.month - 1)
        return c.days(first, today.replace(day=1), "last_month", past=True), 2
    if w in NEXT and nxt in YEAR_WORDS:
        return c.days(date(today.year + 1, 1, 1), date(today.year + 2, 1, 1), "next_year"), 2
    if w in WEEKEND or (w in THIS | NEXT and nxt in WEEKEND):
        saturday = monday + 5 * one
        if w in NEXT and today >= saturday:  # "neste helg" on a Saturday or Sunday: the one after
            saturday += 7 * one
        return c.days(saturday, saturday + 2 * one, "next_weekend" if w in NEXT else "weekend"), (
            1 if w in WEEKEND else 2)
    # before Christmas / before a date / before a month
    new_year = _new_year(words, i + 1)
    if new_year and (w in BEFORE or w in AFTER or w in FROM):  # "før nyttår", "etter nyttår", "after New Year"
        first = date(today.year + 1, 1, 1)
        if w in BEFORE:
            return c.days(today, first, "before", {"day": first}), new_year + 1
        return c.days(first, first + timedelta(days=366), "from", {"day": first}), new_year + 1
    christmas = _christmas(words, i + 1)
    if christmas and (w in BETWEEN or w in FROM):  # "mellom jul og nyttår", "between Christmas and New Year"
        k = i + 1 + christmas
        if k < len(words) and words[k] in ("og", "and", "til", "to", "until") and _new_year(words, k + 1):
            first, last = date(today.year, 12, 25), date(today.year, 12, 31)
            return c.days(first, last + one, "between", {"day": first, "last": last}), k + 1 + _new_year(
                words, k + 1) - i
    if christmas and w in AFTER:  # "etter jul", "after Christmas": after the Christmas days (25-26 Dec)
        boxing = date(today.year, 12, 26)
        if today > date(today.year, 12, 26) and today.month == 12:
            boxing = date(today.year + 1, 12, 26)
        return c.days(boxing + one, boxing + timedelta(days=367), "after", {"day": boxing}), christmas + 1
    if w in ROMJUL or (w in ("i", "in", "over", "during") and _christmas(words, i + 1)):
        # "i romjula" (27-31 Dec), "i jula", "over Christmas" (24-26 Dec)
        used = 1 if w in ROMJUL else 1 + _christmas(words, i + 1)
        first, last = (date(today.year, 12, 27), date(today.year, 12, 31)) if w in ROMJUL else (
            date(today.year, 12, 24), date(today.year, 12, 26))
        if today > last:
            first, last = first.replace(year=first.year + 1), last.replace(year=last.year + 1)
        return c.days(first, last + one, "between", {"day": first, "last": last}), used
    if w in BEFORE or (w == "til" and (nxt in CHRISTMAS or _date_at(words, i + 1, today) is not None)):
        if nxt in CHRISTMAS:
            eve = date(today.year, 12, 24)
            if today >= eve:
                eve = date(today.year + 1, 12, 24)
            return c.days(today, eve, "before_christmas"), 2
        found = _date_at(words, i + 1, today)
        if found is not None:
            day, used = found
            return c.days(today, day, "before", {"day": day}), used + 1
        if nxt in MONTHS:
            first, _ = _next_month_named(today, MONTHS[nxt], None)
            return c.days(today, first, "before", {"day": first}), 2
        if nxt in WEEKDAYS:
            day = today + timedelta(days=(WEEKDAYS[nxt] - today.weekday()) % 7)
            return c.days(today, day + one, "until", {"day": day}), 2
    if w in BETWEEN or w in FROM:  # "mellom 1. april og 1. juni", "from 1 April to 1 June"
        first_date = _date_at(words, i + 1, today)
        if first_date is not None:
            k = i + 1 + first_date[1]
            if k < len(words) and words[k] in ("og", "and", "til", "to", "until"):
                second = _date_at(words, k + 1, first_date[0])
                if second is not None:
                    return c.days(first_date[0], second[0] + one, "between",
                                  {"day": first_date[0], "last": second[0]}), k + 1 + second[1] - i
    if w in AFTER or w in FROM:
        found = _date_at(words, i + 1, today)
        if found is not None:
            day, used = found
            first = day + one if w in AFTER else day
            return c.days(first, first + timedelta(days=366), "after" if w in AFTER else "from",
                          {"day": day}), used + 1
    # a date, a month, a weekday
    found = _date_at(words, i, today)
    if found is not None:
        day, used = found
        return c.days(day, day + one, "day", {"day": day}), used
    if w in MONTHS and (w not in ("may", "mar", "des", "sep", "jan", "okt") or i > 0 and words[i - 1] in ("i", "in")):
        year = int(nxt) if nxt.isdigit() and len(nxt) == 4 else None
        first, end = _next_month_named(today, MONTHS[w], year)
        used = 2 if year else 1
        after = words[i + used: i + used + 2]
        if len(after) == 2 and after[0] in AND and after[1] in MONTHS:  # "i januar og februar"
            last_month = MONTHS[after[1]]
            last_year = first.year if last_month >= first.month else first.year + 1
            end = _month_start(last_year, last_month + 1)
            return c.days(first, end, "between", {"day": first, "last": end - one}), used + 2
        return c.days(first, end, "month", {"month": first.month, "year": first.year}), used
    if w in WEEKDAYS:
        day = today + timedelta(days=(WEEKDAYS[w] - today.weekday()) % 7)
        if i > 0 and words[i - 1] in ("neste", "next") and day == today:
            day += 7 * one
        return c.days(day, day + one, "day", {"day": day}), 1
    return None


def _christmas(words: list[str], i: int) -> int:
    """How many words at words[i] name Christmas ("jul", "Christmas", "the holidays"), or 0."""
    if i < len(words) and words[i] in CHRISTMAS:
        return 1
    if i + 1 < len(words) and words[i] in THE and words[i + 1] in CHRISTMAS:
        return 2
    return 0


def _new_year(words: list[str], i: int) -> int:
    """How many words at words[i] name New Year ("nyttår", "new year"), or 0."""
    if i < len(words) and words[i] in NEW_YEAR:
        return 1
    if words[i:i + 2] == ["new", "year"] or words[i:i + 2] == ["the", "new"] and words[i + 2:i + 3] == ["year"]:
        return 2 if words[i] == "new" else 3
    return 0


def _ahead(words: list[str], i: int) -> tuple[int, str, int] | None:
    """(n, unit, tokens used) for "om to uker", "om 3 dagar", "in two weeks", "om en måned"."""
    if words[i] not in IN or i + 2 >= len(words):
        return None
    n = _number(words[i + 1])
    unit = words[i + 2]
    if not n:
        return None
    if unit in DAY_WORDS:
        return n, "day", 3
    if unit in WEEK_WORDS:
        return n, "week", 3
    if unit in MONTH_WORDS:
        return n, "month", 3
    return None


def _rolling(words: list[str], i: int) -> tuple[int, str, int] | None:
    """(n, unit, tokens used) for "neste N dagar", "N neste veker", "innen N dager", "next N days"."""
    w = words[i]
    rest = words[i + 1: i + 4]

    def unit_of(word: str) -> str | None:
        if word in DAY_WORDS:
            return "day"
        if word in WEEK_WORDS:
            return "week"
        if word in MONTH_WORDS:
            return "month"
        return None

    if w in NEXT or w in ("innen", "innan", "within"):
        # neste N unit | neste unit (plural, no number)
        if len(rest) >= 2 and _number(rest[0]) and unit_of(rest[1]):
            return _number(rest[0]) or 0, unit_of(rest[1]) or "day", 3
        if rest and unit_of(rest[0]) and rest[0].endswith(("ene", "ane", "er", "ar", "s")) and w in NEXT:
            unit = unit_of(rest[0]) or "day"
            return {"day": 7, "week": 2, "month": 1}[unit], unit, 2
        if w == "within" and len(rest) >= 3 and rest[0] in ("the", "next") and _number(rest[1]):
            unit = unit_of(rest[2])
            if unit:
                return _number(rest[1]) or 0, unit, 4
    n = _number(w)
    if n and len(rest) >= 2 and rest[0] in NEXT and unit_of(rest[1]):
        return n, unit_of(rest[1]) or "day", 3
    return None
