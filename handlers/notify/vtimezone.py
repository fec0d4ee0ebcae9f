"""The VTIMEZONE of a calendar file: the zone's yearly rule as RRULEs, valid for every year it holds.

Europe/Oslo comes out as summer time (CEST, +02:00) from the last Sunday of March 02:00 local (01:00 UTC)
and winter time (CET, +01:00) from the last Sunday of October 03:00 local, each observance with a DTSTART
in the first year of today's rule (1996) and `RRULE:FREQ=YEARLY;BYMONTH=..;BYDAY=-1SU`. Every client
(Outlook, Google, Apple, Thunderbird's ical.js) then reads every year right, past or future, however few
years the file itself touches; an observance made of a DTSTART and RDATEs for a few years only is read
wrongly by ical.js (an hour late all summer).

The rule is read from the zone database (zoneinfo), not written in by hand, so any network time zone
works: a zone without daylight saving gets a single STANDARD observance. A zone whose rule changed within
the years the file covers (rare) falls back to icalendar's per-year observances.
"""

from __future__ import annotations

import calendar as monthdays
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from icalendar import Calendar, Timezone, TimezoneDaylight, TimezoneStandard

FIRST_YEAR = 1970  # how far back a rule is followed to find where it began
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class Change:
    """One yearly change of offset, as an RRULE says it: month, weekday and which one of the month, and
    the wall-clock time (in the offset before) it happens at."""

    month: int
    byday: str  # "-1SU": the last Sunday; "2SU": the second Sunday
    at: tuple[int, int]  # (hour, minute), local time before the change
    offset_from: timedelta
    offset_to: timedelta
    name: str


def _offset(tz: ZoneInfo, moment: datetime) -> timedelta:
    offset = moment.astimezone(tz).utcoffset()
    assert offset is not None
    return offset


def _transitions(tz: ZoneInfo, year: int) -> list[datetime]:
    """The UTC moments in `year` from which the zone's offset is another (to the minute)."""
    found: list[datetime] = []
    day = datetime(year, 1, 1, tzinfo=UTC)
    while day.year == year:
        following = day + timedelta(days=1)
        if _offset(tz, day) != _offset(tz, following):
            low, high = day, following  # the offset at `low` is the old one, at `high` the new one
            while high - low > timedelta(minutes=1):
                middle = low + (high - low) / 2
                middle = middle.replace(second=0, microsecond=0)
                if middle <= low:
                    break
                if _offset(tz, middle) == _offset(tz, low):
                    low = middle
                else:
                    high = middle
            found.append(high)
        day = following
    return found


def _change(tz: ZoneInfo, moment: datetime) -> Change:
    before = _offset(tz, moment - timedelta(minutes=1))
    after = _offset(tz, moment)
    local = (moment + before).replace(tzinfo=None)
    last = monthdays.monthrange(local.year, local.month)[1]
    which = -1 if local.day + 7 > last else (local.day - 1) // 7 + 1
    name = moment.astimezone(tz).tzname() or ""
    return Change(local.month, f"{which}{WEEKDAYS[local.weekday()]}", (local.hour, local.minute), before, after,
                  name)


@lru_cache(maxsize=256)
def yearly_changes(tz_name: str, year: int) -> tuple[Change, ...]:
    tz = ZoneInfo(tz_name)
    return tuple(_change(tz, moment) for moment in _transitions(tz, year))


@lru_cache(maxsize=64)
def _rule_began(tz_name: str, year: int) -> int:
    """The first year from which the zone has changed its offset as it does in `year`."""
    rule = yearly_changes(tz_name, year)
    first = year
    while first > FIRST_YEAR and yearly_changes(tz_name, first - 1) == rule:
        first -= 1
    return first


def _observance(change: Change, year: int) -> TimezoneStandard | TimezoneDaylight:
    daylight = change.offset_to > change.offset_from
    observance = TimezoneDaylight() if daylight else TimezoneStandard()
    month, byday = change.month, change.byday
    which, weekday = int(byday[:-2]), WEEKDAYS.index(byday[-2:])
    days = [d for d in range(1, monthdays.monthrange(year, month)[1] + 1)
            if date(year, month, d).weekday() == weekday]
    day = days[which - 1] if which > 0 else days[which]
    observance.add("dtstart", datetime(year, month, day, *change.at))
    observance.add("rrule", {"freq": "yearly", "bymonth": month, "byday": byday})
    observance.add("tzoffsetfrom", change.offset_from)
    observance.add("tzoffsetto", change.offset_to)
    if change.name:
        observance.add("tzname", change.name)
    return observance


def _fixed(tz_name: str, year: int) -> TimezoneStandard:
    tz = ZoneInfo(tz_name)
    moment = datetime(year, 1, 1, tzinfo=UTC)
    offset = _offset(tz, moment)
    observance = TimezoneStandard()
    observance.add("dtstart", datetime(FIRST_YEAR, 1, 1))
    observance.add("tzoffsetfrom", offset)
    observance.add("tzoffsetto", offset)
    name = moment.astimezone(tz).tzname()
    if name:
        observance.add("tzname", name)
    return observance


def vtimezone(tz_name: str, years: Iterable[int]) -> Timezone | None:
    """The VTIMEZONE of `tz_name` whose rule holds for every one of `years`; None when the zone's rule
    changed within them (or it changes more than twice a year)."""
    wanted = sorted(set(years))
    if not wanted:
        return None
    newest = wanted[-1]
    rule = yearly_changes(tz_name, newest)
    if len(rule) > 2 or _rule_began(tz_name, newest) > wanted[0]:
        return None
    zone = Timezone()
    zone.add("tzid", tz_name)
    began = _rule_began(tz_name, newest)
    for observance in [_observance(change, began) for change in rule] if rule else [_fixed(tz_name, newest)]:
        zone.add_component(observance)
    return zone


def add_timezone(cal: Calendar, moments: Iterable[datetime], tz_name: str) -> None:
    """Put the network's VTIMEZONE first in `cal`; also in a calendar with no events, which needs a
    component (RFC 5545 3.6) and will need the zone once events come."""
    tz = ZoneInfo(tz_name)
    years = {moment.astimezone(tz).year for moment in moments} or {datetime.now(UTC).year}
    zone = vtimezone(tz_name, years)
    if zone is not None:
        cal.subcomponents.insert(0, zone)
        return
    first, last = min(years), max(years)  # the rule changed within the file's years: per-year observances
    cal.add_missing_timezones(first_date=date(first, 1, 1), last_date=date(last + 2, 1, 1))
