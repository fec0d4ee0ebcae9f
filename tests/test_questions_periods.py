"""The period rules for the turn of the year, Easter, seasons, quarters and the past, each with its exact
boundaries in Oslo time (half-open [start, end)). The clock is Thursday 10 December 2026 10:00 unless said."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from handlers.easter import easter_sunday
from handlers.questions.normalize import fold, tokenize
from handlers.questions.period_rules import PERIOD_RULES
from handlers.questions.periods import find_period

OSLO = ZoneInfo("Europe/Oslo")
DEC = datetime(2026, 12, 10, 10, 0, tzinfo=OSLO)
SEP = datetime(2026, 9, 15, 10, 0, tzinfo=OSLO)
APR = datetime(2027, 4, 1, 10, 0, tzinfo=OSLO)


def _period(text: str, now: datetime = DEC) -> tuple[str, str, str]:
    tokens = tokenize(text)
    period = find_period([t.norm for t in tokens], now, "Europe/Oslo", [t.orig.lower() for t in tokens])
    assert period is not None, text
    return period.key, period.start.isoformat(), period.end.isoformat()


@pytest.mark.parametrize(("text", "now", "key", "start", "end"), [
    # from today to New Year
    ("by year end", DEC, "before", "2026-12-10T00:00:00+01:00", "2027-01-01T00:00:00+01:00"),
    ("before the end of the year", DEC, "before", "2026-12-10T00:00:00+01:00", "2027-01-01T00:00:00+01:00"),
    ("innen utgangen av året", DEC, "before", "2026-12-10T00:00:00+01:00", "2027-01-01T00:00:00+01:00"),
    ("resten av året", SEP, "before", "2026-09-15T00:00:00+02:00", "2027-01-01T00:00:00+01:00"),
    # Easter 2027 is 28 March: Maundy Thursday 25 March, Easter Monday 29 March; summer time starts 28 March
    ("før påske", DEC, "before", "2026-12-10T00:00:00+01:00", "2027-03-25T00:00:00+01:00"),
    ("i påsken", DEC, "between", "2027-03-25T00:00:00+01:00", "2027-03-30T00:00:00+02:00"),
    ("over Easter", DEC, "between", "2027-03-25T00:00:00+01:00", "2027-03-30T00:00:00+02:00"),
    ("etter påske", DEC, "after", "2027-03-30T00:00:00+02:00", "2028-03-30T00:00:00+02:00"),
    ("after Easter", APR, "after", "2028-04-18T00:00:00+02:00", "2029-04-19T00:00:00+02:00"),
    # seasons: the one we are in (from today) or the next one
    ("i vår", DEC, "between", "2027-03-01T00:00:00+01:00", "2027-06-01T00:00:00+02:00"),
    ("in the spring", DEC, "between", "2027-03-01T00:00:00+01:00", "2027-06-01T00:00:00+02:00"),
    ("i haust", SEP, "between", "2026-09-15T00:00:00+02:00", "2026-12-01T00:00:00+01:00"),
    ("i vinter", DEC, "between", "2026-12-10T00:00:00+01:00", "2027-03-01T00:00:00+01:00"),
    ("neste sommer", DEC, "between", "2027-06-01T00:00:00+02:00", "2027-09-01T00:00:00+02:00"),
    # the past: the day, the week (Monday to Sunday) or the month that long ago
    ("for 2 uker siden", DEC, "between", "2026-11-23T00:00:00+01:00", "2026-11-30T00:00:00+01:00"),
    ("two weeks ago", DEC, "between", "2026-11-23T00:00:00+01:00", "2026-11-30T00:00:00+01:00"),
    ("for tre dagar sidan", DEC, "day", "2026-12-07T00:00:00+01:00", "2026-12-08T00:00:00+01:00"),
    ("a month ago", DEC, "between", "2026-11-01T00:00:00+01:00", "2026-12-01T00:00:00+01:00"),
    # quarters
    ("dette kvartalet", DEC, "between", "2026-12-10T00:00:00+01:00", "2027-01-01T00:00:00+01:00"),
    ("neste kvartal", DEC, "between", "2027-01-01T00:00:00+01:00", "2027-04-01T00:00:00+02:00"),
    ("last quarter", DEC, "between", "2026-07-01T00:00:00+02:00", "2026-10-01T00:00:00+02:00"),
    ("første kvartal", DEC, "between", "2027-01-01T00:00:00+01:00", "2027-04-01T00:00:00+02:00"),
    ("Q2", DEC, "between", "2027-04-01T00:00:00+02:00", "2027-07-01T00:00:00+02:00"),
    ("3. kvartal", APR, "between", "2027-07-01T00:00:00+02:00", "2027-10-01T00:00:00+02:00"),
])
def test_a_coordinator_names_a_period_around_holidays_seasons_quarters_or_the_past(
        text: str, now: datetime, key: str, start: str, end: str) -> None:
    assert _period(text, now) == (key, start, end)


@pytest.mark.parametrize("text", ["hva var fristen", "hvem er vår koordinator", "who is the host", "vi var med"])
def test_words_that_only_look_like_seasons_are_not_periods(text: str) -> None:
    tokens = tokenize(text)
    assert find_period([t.norm for t in tokens], DEC, "Europe/Oslo", [t.orig.lower() for t in tokens]) is None


def test_easter_sunday_is_computed_for_any_year() -> None:
    assert [easter_sunday(y).isoformat() for y in (2024, 2025, 2026, 2027, 2038)] == [
        "2024-03-31", "2025-04-20", "2026-04-05", "2027-03-28", "2038-04-25"]


def test_period_rules_are_named_and_tried_in_one_visible_order() -> None:
    names = [r.__name__ for r in PERIOD_RULES]
    assert len(names) == len(set(names))
    assert names.index("year_end") < names.index("before")  # "by year end" is not "by <a date>"
    assert names.index("around_easter") < names.index("before")
    assert fold("før") == "for"  # why find_period needs the typed words to tell "før" from "for"
