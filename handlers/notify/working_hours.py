"""When a reminder or notice may go out: 08:00–17:00 on Norwegian working days, local time.

A moment outside that (a weekend, a public holiday, the evening or the early morning) goes out instead at
09:00 on the last working day whose 09:00 is not later than the moment: Saturday 12:00 becomes Friday
09:00, Thursday 23:59 becomes Thursday 09:00, Thursday 07:00 becomes Wednesday 09:00. Messages are only
ever moved earlier, so nobody learns of a deadline later than planned.

What goes out "at once" (the call of a call for interest) waits instead for the next office moment:
`office_moment` of Saturday 12:00 is Monday 08:00, of Thursday 07:00 Thursday 08:00.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from handlers.easter import easter_sunday
from storage.durations import parse_duration

DAY_STARTS = time(8, 0)
DAY_ENDS = time(17, 0)
MOVED_TO = time(9, 0)
RESOLUTION = timedelta(microseconds=1)  # the finest step of a stored moment


# Days from Easter Sunday: Maundy Thursday, Good Friday, Easter Sunday and Monday, Ascension Day,
# Whit Sunday and Monday.
_EASTER_OFFSETS = (-3, -2, 0, 1, 39, 49, 50)
_FIXED = ((1, 1), (5, 1), (5, 17), (12, 25), (12, 26))  # New Year, Labour Day, Constitution Day, Christmas


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> frozenset[date]:
    """Norway's public holidays (helligdager and the two høytidsdager), as the `holidays` package lists them.

    Computed here rather than by `holidays.country_holidays("NO")`, which imports every country the package
    knows (~10 MB that stayed resident in `digibot run`); a test checks the two agree."""
    easter = easter_sunday(year)
    return frozenset([*(date(year, month, day) for month, day in _FIXED),
                      *(easter + timedelta(days=offset) for offset in _EASTER_OFFSETS)])


def is_working_day(day: date) -> bool:
    """Monday to Friday, and not a Norwegian public holiday (17 May, Easter Monday, Christmas Day...)."""
    return day.weekday() < 5 and day not in _public_holidays(day.year)


def in_office_hours(moment: datetime, tz: str) -> bool:
    local = moment.astimezone(ZoneInfo(tz))
    return is_working_day(local.date()) and DAY_STARTS <= local.time() <= DAY_ENDS


def send_time(moment: datetime, tz: str) -> datetime:
    """The moment a message planned for `moment` is sent (aware UTC), by the rule above."""
    if moment.tzinfo is None:
        raise ValueError("send_time needs an aware datetime")
    zone = ZoneInfo(tz)
    local = moment.astimezone(zone)
    if in_office_hours(moment, tz):
        return moment.astimezone(UTC)
    day = local.date()
    if datetime.combine(day, MOVED_TO, zone) > local:
        day -= timedelta(days=1)
    while not is_working_day(day):
        day -= timedelta(days=1)
    return datetime.combine(day, MOVED_TO, zone).astimezone(UTC)


def office_moment(moment: datetime, tz: str) -> datetime:
    """The first moment from `moment` on in office hours (aware UTC): `moment` itself if it is in office hours,
    else 08:00 on the same day (a working day before 08:00) or on the next working day."""
    if moment.tzinfo is None:
        raise ValueError("office_moment needs an aware datetime")
    if in_office_hours(moment, tz):
        return moment.astimezone(UTC)
    zone = ZoneInfo(tz)
    local = moment.astimezone(zone)
    day = local.date()
    if not (is_working_day(day) and local.time() < DAY_STARTS):
        day += timedelta(days=1)
        while not is_working_day(day):
            day += timedelta(days=1)
    return datetime.combine(day, DAY_STARTS, zone).astimezone(UTC)


@dataclass(frozen=True)
class Window:
    """The moments a planning run covers: after `start`, up to and including `end`."""

    start: datetime
    end: datetime

    def __contains__(self, moment: datetime) -> bool:
        return self.start < moment <= self.end

    @classmethod
    def half_open(cls, start: datetime, end: datetime) -> Window:
        """[start, end), as `digibot plan` shows it."""
        return cls(start - RESOLUTION, end - RESOLUTION)


def offset_times(moment: datetime, offsets: Iterable[str], tz: str) -> list[tuple[str, datetime]]:
    """(offset, send time) for each ISO 8601 offset before `moment`, in office hours.

    Offsets count in the network's wall-clock time (P1D before Tuesday 10:00 is Monday 10:00, also across
    a daylight-saving change). Offsets that land on the same send time (P7D and P1D both moved to the
    Friday before Christmas) go out once, as the offset nearest to `moment`. Unreadable offsets are skipped
    (the importer refuses them).
    """
    local = moment.astimezone(ZoneInfo(tz))
    chosen: dict[datetime, tuple[datetime, str]] = {}
    for offset in offsets:
        duration = parse_duration(offset)
        if duration is None:
            continue
        original = duration.before(local).astimezone(UTC)
        at = send_time(original, tz)
        if at not in chosen or original > chosen[at][0]:
            chosen[at] = (original, offset)
    return sorted(((offset, at) for at, (_, offset) in chosen.items()), key=lambda pair: pair[1])
