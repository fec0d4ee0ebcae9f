"""Period rules: each reads the question's folded words at one position and returns the period they
name and how many words it took, or None. `PERIOD_RULES` is tried in order at every position;
the first rule that fits wins, so a longer or more specific phrase comes before a shorter one
("før jul" before "før", "neste helg" before "neste").
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from handlers.questions.lexicon import (
    AFTER,
    AND,
    BEFORE,
    BETWEEN,
    CHRISTMAS,
    FROM,
    IN,
    MONTH_WORDS,
    MONTHS,
    NEXT,
    PREVIOUS,
    ROMJUL,
    SHORT_MONTHS,
    THIS,
    TODAY,
    TOMORROW,
    UNTIL_WORDS,
    WEEK_WORDS,
    WEEKDAYS,
    WEEKEND,
    YEAR_WORDS,
    YESTERDAY,
)
from handlers.questions.period_holidays import (
    around_easter,
    around_summer_holiday,
    n_units_ago,
    quarter,
    season,
    year_end,
)
from handlers.questions.period_parts import (
    ONE,
    At,
    Clock,
    Found,
    PeriodRule,
    ahead,
    christmas,
    date_at,
    month_start,
    new_year,
    next_month_named,
    rolling,
)


def today(a: At) -> Found:
    if a.i_then("today") or a.w in TODAY:
        return a.c.days(a.today, a.today + ONE, "today"), 2 if a.w == "i" else 1
    return None


def tomorrow(a: At) -> Found:
    if a.i_then("tomorrow") or a.w in TOMORROW:
        return a.c.days(a.today + ONE, a.today + 2 * ONE, "tomorrow"), 2 if a.w == "i" else 1
    return None


def day_after_tomorrow(a: At) -> Found:
    if a.i_then("day_after"):
        day = a.today + 2 * ONE
        return a.c.days(day, day + ONE, "day", {"day": day}), 2
    return None


def yesterday(a: At) -> Found:
    if a.i_then("yesterday") or a.w in YESTERDAY:
        return a.c.days(a.today - ONE, a.today, "yesterday", past=True), 2 if a.w == "i" else 1
    return None


def in_n_units(a: At) -> Found:
    """ "om to uker", "in three days": the day, week or month that far ahead """
    found = ahead(a.words, a.i)
    if found is None:
        return None
    n, unit, used = found
    if unit == "day":
        day = a.today + n * ONE
        return a.c.days(day, day + ONE, "day", {"day": day}), used
    if unit == "week":
        day = a.today + 7 * n * ONE
        first = day - timedelta(days=day.weekday())
        return a.c.days(first, first + 7 * ONE, "week_number", {"n": day.isocalendar()[1]}), used
    first = month_start(a.today.year, a.today.month + n)
    return a.c.days(first, month_start(first.year, first.month + 1), "month",
                    {"month": first.month, "year": first.year}), used


def next_n_units(a: At) -> Found:
    """ "(de) neste N dagene", "de N neste ukene", "next N weeks", "innen N dager": from now """
    found = rolling(a.words, a.i)
    if found is None:
        return None
    n, unit, used = found
    if unit == "day":
        return a.c.days(a.today, a.today + (n + 1) * ONE, "next_days", {"n": n}, rolling=True), used
    if unit == "week":
        return a.c.days(a.today, a.today + (7 * n + 1) * ONE, "next_weeks", {"n": n}, rolling=True), used
    end = month_start(a.today.year, a.today.month + n)
    end = date(end.year, end.month, min(a.today.day, 28)) + ONE
    return a.c.days(a.today, end, "next_months", {"n": n}, rolling=True), used


def week_number(a: At) -> Found:
    """ "uke 12", "veke 12", "week 12" """
    if not (a.w in WEEK_WORDS and a.nxt.isdigit() and 1 <= int(a.nxt) <= 53):
        return None
    try:
        first = date.fromisocalendar(a.today.year, int(a.nxt), 1)
        if first + 7 * ONE <= a.today:
            first = date.fromisocalendar(a.today.year + 1, int(a.nxt), 1)
    except ValueError:
        return None
    return a.c.days(first, first + 7 * ONE, "week_number", {"n": int(a.nxt)}), 2


def this_next_last_week(a: At) -> Found:
    if a.nxt not in WEEK_WORDS:
        return None
    if a.w in THIS:
        return a.c.days(a.monday, a.monday + 7 * ONE, "this_week"), 2
    if a.w in NEXT:
        return a.c.days(a.monday + 7 * ONE, a.monday + 14 * ONE, "next_week"), 2
    if a.w in PREVIOUS:  # "forrige uke", "last week"
        return a.c.days(a.monday - 7 * ONE, a.monday, "last_week", past=True), 2
    return None


def this_next_month(a: At) -> Found:
    if a.w in THIS and a.nxt in MONTH_WORDS:
        return a.c.days(a.today.replace(day=1), month_start(a.today.year, a.today.month + 1), "this_month"), 2
    if a.w in NEXT and a.nxt in MONTH_WORDS:
        first = month_start(a.today.year, a.today.month + 1)
        return a.c.days(first, month_start(first.year, first.month + 1), "next_month"), 2
    return None


def this_year(a: At) -> Found:
    if (a.w == "i" and a.nxt == "ar") or a.w == "iar" or (a.w in THIS and a.nxt in YEAR_WORDS):
        return a.c.days(a.today, date(a.today.year + 1, 1, 1), "this_year"), 2 if a.w != "iar" else 1
    return None


def last_month(a: At) -> Found:
    """ "forrige måned", "last month" """
    if a.w in PREVIOUS and a.nxt in MONTH_WORDS:
        first = month_start(a.today.year, a.today.month - 1)
        return a.c.days(first, a.today.replace(day=1), "last_month", past=True), 2
    return None


def next_year(a: At) -> Found:
    if a.w in NEXT and a.nxt in YEAR_WORDS:
        return a.c.days(date(a.today.year + 1, 1, 1), date(a.today.year + 2, 1, 1), "next_year"), 2
    return None


def weekend(a: At) -> Found:
    if not (a.w in WEEKEND or (a.w in THIS | NEXT and a.nxt in WEEKEND)):
        return None
    saturday = a.monday + 5 * ONE
    if a.w in NEXT and a.today >= saturday:  # "neste helg" on a Saturday or Sunday: the one after
        saturday += 7 * ONE
    return a.c.days(saturday, saturday + 2 * ONE, "next_weekend" if a.w in NEXT else "weekend"), (
        1 if a.w in WEEKEND else 2)


def around_new_year(a: At) -> Found:
    """ "før nyttår", "etter nyttår", "after New Year", "in the new year" """
    used = new_year(a.words, a.i + 1)
    if not used or not (a.w in BEFORE or a.w in AFTER or a.w in FROM or a.w in IN):
        return None
    first = date(a.today.year + 1, 1, 1)
    if a.w in BEFORE:
        return a.c.days(a.today, first, "before", {"day": first}), used + 1
    return a.c.days(first, first + timedelta(days=366), "from", {"day": first}), used + 1


def between_christmas_and_new_year(a: At) -> Found:
    """ "mellom jul og nyttår", "between Christmas and New Year" """
    used = christmas(a.words, a.i + 1)
    if not used or not (a.w in BETWEEN or a.w in FROM):
        return None
    k = a.i + 1 + used
    if k < len(a.words) and a.words[k] in UNTIL_WORDS and new_year(a.words, k + 1):
        first, last = date(a.today.year, 12, 25), date(a.today.year, 12, 31)
        return a.c.days(first, last + ONE, "between", {"day": first, "last": last}), k + 1 + new_year(
            a.words, k + 1) - a.i
    return None


def after_christmas(a: At) -> Found:
    """ "etter jul", "after Christmas": after the Christmas days (25-26 Dec) """
    used = christmas(a.words, a.i + 1)
    if not used or a.w not in AFTER:
        return None
    boxing = date(a.today.year, 12, 26)
    if a.today > date(a.today.year, 12, 26) and a.today.month == 12:
        boxing = date(a.today.year + 1, 12, 26)
    return a.c.days(boxing + ONE, boxing + timedelta(days=367), "after", {"day": boxing}), used + 1


def christmas_days(a: At) -> Found:
    """ "i romjula" (27-31 Dec), "i jula", "over Christmas" (24-26 Dec) """
    said = christmas(a.words, a.i + 1) if a.w in ("i", "in", "over", "during") else 0
    if a.w not in ROMJUL and not said:
        return None
    used = 1 if a.w in ROMJUL else 1 + said
    first, last = (date(a.today.year, 12, 27), date(a.today.year, 12, 31)) if a.w in ROMJUL else (
        date(a.today.year, 12, 24), date(a.today.year, 12, 26))
    if a.today > last:
        first, last = first.replace(year=first.year + 1), last.replace(year=last.year + 1)
    return a.c.days(first, last + ONE, "between", {"day": first, "last": last}), used


def before(a: At) -> Found:
    """ "før jul", "innen 15. mars", "før mai", "til fredag" """
    if not (a.w in BEFORE or (a.w == "til" and (a.nxt in CHRISTMAS or date_at(a.words, a.i + 1, a.today)))):
        return None
    if a.nxt in CHRISTMAS:
        eve = date(a.today.year, 12, 24)
        if a.today >= eve:
            eve = date(a.today.year + 1, 12, 24)
        return a.c.days(a.today, eve, "before_christmas"), 2
    found = date_at(a.words, a.i + 1, a.today)
    if found is not None:
        day, used = found
        return a.c.days(a.today, day, "before", {"day": day}), used + 1
    if a.nxt in MONTHS:
        first, _ = next_month_named(a.today, MONTHS[a.nxt], None)
        return a.c.days(a.today, first, "before", {"day": first}), 2
    if a.nxt in WEEKDAYS:
        day = a.today + timedelta(days=(WEEKDAYS[a.nxt] - a.today.weekday()) % 7)
        return a.c.days(a.today, day + ONE, "until", {"day": day}), 2
    return None


def between_dates(a: At) -> Found:
    """ "mellom 1. april og 1. juni", "from 1 April to 1 June" """
    if not (a.w in BETWEEN or a.w in FROM):
        return None
    first_date = date_at(a.words, a.i + 1, a.today)
    if first_date is None:
        return None
    k = a.i + 1 + first_date[1]
    if k < len(a.words) and a.words[k] in UNTIL_WORDS:
        second = date_at(a.words, k + 1, first_date[0])
        if second is not None:
            return a.c.days(first_date[0], second[0] + ONE, "between",
                            {"day": first_date[0], "last": second[0]}), k + 1 + second[1] - a.i
    return None


def after_or_from_date(a: At) -> Found:
    if not (a.w in AFTER or a.w in FROM):
        return None
    found = date_at(a.words, a.i + 1, a.today)
    if found is None:
        return None
    day, used = found
    first = day + ONE if a.w in AFTER else day
    return a.c.days(first, first + timedelta(days=366), "after" if a.w in AFTER else "from", {"day": day}), used + 1


def a_date(a: At) -> Found:
    found = date_at(a.words, a.i, a.today)
    if found is None:
        return None
    day, used = found
    return a.c.days(day, day + ONE, "day", {"day": day}), used


def a_month(a: At) -> Found:
    """ "i desember", "in May", "i januar og februar" """
    w, words, i = a.w, a.words, a.i
    if w not in MONTHS or (w in SHORT_MONTHS and not (i > 0 and words[i - 1] in ("i", "in"))):
        return None
    year = int(a.nxt) if a.nxt.isdigit() and len(a.nxt) == 4 else None
    if year is None and a.past_tense():  # "hvilke møter var det i september", asked in December
        year = a.today.year if MONTHS[w] <= a.today.month else a.today.year - 1
        first = date(year, MONTHS[w], 1)
        end = month_start(year, MONTHS[w] + 1)
        return a.c.days(first, end, "month", {"month": first.month, "year": first.year}, past=True), 1
    first, end = next_month_named(a.today, MONTHS[w], year)
    used = 2 if year else 1
    after = words[i + used: i + used + 2]
    if len(after) == 2 and after[0] in AND and after[1] in MONTHS:  # "i januar og februar"
        last_month_ = MONTHS[after[1]]
        last_year = first.year if last_month_ >= first.month else first.year + 1
        end = month_start(last_year, last_month_ + 1)
        return a.c.days(first, end, "between", {"day": first, "last": end - ONE}), used + 2
    return a.c.days(first, end, "month", {"month": first.month, "year": first.year}), used


def a_weekday(a: At) -> Found:
    """ "på fredag", "neste tirsdag" """
    if a.w not in WEEKDAYS:
        return None
    day = a.today + timedelta(days=(WEEKDAYS[a.w] - a.today.weekday()) % 7)
    if a.i > 0 and a.words[a.i - 1] in ("neste", "next") and day == a.today:
        day += 7 * ONE
    return a.c.days(day, day + ONE, "day", {"day": day}), 1


PERIOD_RULES: tuple[PeriodRule, ...] = (
    today,
    tomorrow,
    day_after_tomorrow,
    yesterday,
    year_end,
    n_units_ago,
    in_n_units,
    next_n_units,
    week_number,
    this_next_last_week,
    this_next_month,
    this_year,
    last_month,
    next_year,
    quarter,
    season,
    weekend,
    around_new_year,
    between_christmas_and_new_year,
    after_christmas,
    christmas_days,
    around_easter,
    around_summer_holiday,
    before,
    between_dates,
    after_or_from_date,
    a_date,
    a_month,
    a_weekday,
)


def every_rule_at(words: list[str], i: int, c: Clock, typed: list[str] | None = None) -> Found:
    """The period the words at words[i] name, by the first rule of all that fits. find_period uses the quicker
    period_starts.period_at, which tries only the rules that may start at words[i]; the tests hold the two equal."""
    return first_fit(PERIOD_RULES, At(words, i, c, typed))


def first_fit(rules: Sequence[PeriodRule], a: At) -> Found:
    """What the first of `rules` that fits the words at `a` finds, or None."""
    for period_rule in rules:
        found = period_rule(a)
        if found is not None:
            return found
    return None
