"""Period rules for the turn of the year, Easter, seasons, quarters and the past ("by year end", "før påske",
"i vår", "neste kvartal", "for to uker siden"). The order they are tried in is period_rules.PERIOD_RULES."""

from __future__ import annotations

from datetime import date, timedelta

from handlers.easter import easter_sunday
from handlers.questions.lexicon import (
    A_ONE,
    AFTER,
    AGO,
    AT_HOLIDAY,
    BEFORE,
    EASTER,
    NEXT,
    ORDINALS,
    PREVIOUS,
    QUARTER_CODES,
    QUARTER_WORDS,
    SEASON_LEAD,
    SEASON_TYPED,
    SEASONS,
    SUMMER_HOLIDAY,
    THE,
    THIS,
    YEAR_END,
)
from handlers.questions.period_parts import ONE, At, Found, month_start, number, unit_of

_YEAR_END_FIRST = frozenset(phrase[0] for phrase in YEAR_END)
_SUMMER_HOLIDAY_FIRST = frozenset(phrase[0] for phrase in SUMMER_HOLIDAY)


def year_end(a: At) -> Found:
    """ "by year end", "innen utgangen av året", "resten av året": from today to New Year """
    if a.w not in _YEAR_END_FIRST:  # tried at every word of every question: the cheap test first
        return None
    for phrase in YEAR_END:
        if tuple(a.words[a.i:a.i + len(phrase)]) == phrase:
            first = date(a.today.year + 1, 1, 1)
            return a.c.days(a.today, first, "before", {"day": first}), len(phrase)
    return None


def n_units_ago(a: At) -> Found:
    """ "for to uker siden", "3 days ago", "a month ago": that day, that week (Monday–Sunday) or that month """
    n = 1 if a.w in A_ONE else number(a.w)
    unit = unit_of(a.nxt)
    if not n or unit is None or a.i + 2 >= len(a.words) or a.words[a.i + 2] not in AGO:
        return None
    if unit == "day":
        day = a.today - n * ONE
        return a.c.days(day, day + ONE, "day", {"day": day}, past=True), 3
    if unit == "week":
        day = a.today - 7 * n * ONE
        first = day - timedelta(days=day.weekday())
        return a.c.days(first, first + 7 * ONE, "between", {"day": first, "last": first + 6 * ONE}, past=True), 3
    first = month_start(a.today.year, a.today.month - n)
    end = month_start(first.year, first.month + 1)
    return a.c.days(first, end, "between", {"day": first, "last": end - ONE}, past=True), 3


def _easter_words(words: list[str], i: int) -> int:
    """How many words at words[i] name Easter ("påske", "the Easter holidays"), or 0."""
    k = i + 1 if i < len(words) and words[i] in THE else i
    if k >= len(words) or words[k] not in EASTER:
        return 0
    return k - i + 1 + (1 if k + 1 < len(words) and words[k + 1] in ("holidays", "holiday", "break") else 0)


def around_easter(a: At) -> Found:
    """ "før påske" (to Maundy Thursday), "i påsken" (Maundy Thursday to Easter Monday), "after Easter" """
    said = _easter_words(a.words, a.i + 1)
    if not said or not (a.w in BEFORE or a.w in AFTER or a.w in AT_HOLIDAY):
        return None
    sunday = easter_sunday(a.today.year)
    if a.today > sunday + ONE:
        sunday = easter_sunday(a.today.year + 1)
    maundy, monday = sunday - 3 * ONE, sunday + ONE
    if a.w in BEFORE:
        return a.c.days(a.today, maundy, "before", {"day": maundy}), said + 1
    if a.w in AFTER:
        return a.c.days(monday + ONE, monday + timedelta(days=367), "after", {"day": monday}), said + 1
    return a.c.days(maundy, monday + ONE, "between", {"day": maundy, "last": monday}), said + 1


def _summer_holiday_words(words: list[str], i: int) -> int:
    """How many words at words[i] name the summer holiday ("sommerferien", "the summer holidays"), or 0."""
    k = i + 1 if i < len(words) and words[i] in THE else i
    if k >= len(words) or words[k] not in _SUMMER_HOLIDAY_FIRST:
        return 0
    for phrase in SUMMER_HOLIDAY:
        if tuple(words[k:k + len(phrase)]) == phrase:
            return k - i + len(phrase)
    return 0


def around_summer_holiday(a: At) -> Found:
    """ "før sommerferien" (to 1 July), "i sommerferien" (July), "after the summer holidays" (from August) """
    said = _summer_holiday_words(a.words, a.i + 1)
    if not said or not (a.w in BEFORE or a.w in AFTER or a.w in AT_HOLIDAY):
        return None
    year = a.today.year if a.today < date(a.today.year, 8, 1) else a.today.year + 1
    first, end = date(year, 7, 1), date(year, 8, 1)
    if a.w in BEFORE:
        return a.c.days(a.today, first, "before", {"day": first}), said + 1
    if a.w in AFTER:
        return a.c.days(end, end + timedelta(days=366), "from", {"day": end}), said + 1
    return a.c.days(first, end, "between", {"day": first, "last": end - ONE}), said + 1


def _season_of(a: At) -> tuple[str, int] | None:
    for name, (season_words, first_month) in SEASONS.items():
        if a.w in season_words:
            if a.w in SEASON_TYPED and a.typed_as() not in SEASON_TYPED[a.w]:
                return None
            return name, first_month
    return None


def season(a: At) -> Found:
    """ "i vår", "i haust", "in the spring", "next summer": the season now, or the next one """
    found = _season_of(a)
    if found is None or not (a.prev in SEASON_LEAD or (a.w.isascii() and a.w in ("spring", "summer", "autumn")
                                                       and a.w not in SEASON_TYPED)):
        return None
    _, first_month = found
    skip_current = a.prev in NEXT
    for year in (a.today.year - 1, a.today.year, a.today.year + 1):
        first = date(year, first_month, 1)
        end = month_start(year, first_month + 3)
        if end > a.today and not (skip_current and first <= a.today):
            return a.c.days(first, end, "between", {"day": max(first, a.today), "last": end - ONE}), 1
    return None


def _quarter_span(year: int, q: int) -> tuple[date, date]:
    return date(year, 3 * (q - 1) + 1, 1), month_start(year, 3 * q + 1)


def quarter(a: At) -> Found:
    """ "dette kvartalet", "neste kvartal", "forrige kvartal", "første kvartal", "Q2" """
    today = a.today
    current = (today.month - 1) // 3 + 1
    if a.nxt in QUARTER_WORDS and (a.w in THIS or a.w in NEXT or a.w in PREVIOUS):
        step = 0 if a.w in THIS else 1 if a.w in NEXT else -1
        index = today.year * 4 + current - 1 + step
        first, end = _quarter_span(index // 4, index % 4 + 1)
        return a.c.days(first, end, "between", {"day": max(first, today) if step == 0 else first,
                                                "last": end - ONE}, past=step < 0), 2
    if a.w in QUARTER_CODES or (a.w in ORDINALS and a.nxt in QUARTER_WORDS):
        q = QUARTER_CODES.get(a.w) or ORDINALS[a.w]
        first, end = _quarter_span(today.year, q)
        if end <= today:
            first, end = _quarter_span(today.year + 1, q)
        return a.c.days(first, end, "between", {"day": max(first, today), "last": end - ONE}), (
            1 if a.w in QUARTER_CODES else 2)
    return None
