"""ISO 8601 durations as used by `reminders` and `notices` (P7D, PT2H, P1W, P1DT12H...)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

_DURATION = re.compile(
    r"P(?:(?P<years>\d+)Y)?(?:(?P<months>\d+)M)?(?:(?P<weeks>\d+)W)?(?:(?P<days>\d+)D)?"
    r"(?:T(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?(?:(?P<seconds>\d+)S)?)?"
)


@dataclass(frozen=True)
class Duration:
    years: int = 0
    months: int = 0
    weeks: int = 0
    days: int = 0
    hours: int = 0
    minutes: int = 0
    seconds: int = 0

    def before(self, moment: datetime) -> datetime:
        """`moment` minus this duration; years and months are calendar steps (clamped to the month's end)."""
        shifted = moment
        if self.years or self.months:
            total = moment.year * 12 + (moment.month - 1) - self.years * 12 - self.months
            year, month = divmod(total, 12)
            month += 1
            day = min(moment.day, _days_in_month(year, month))
            shifted = moment.replace(year=year, month=month, day=day)
        return shifted - timedelta(weeks=self.weeks, days=self.days, hours=self.hours, minutes=self.minutes,
                                   seconds=self.seconds)


def _days_in_month(year: int, month: int) -> int:
    if month == 12:
        return 31
    return (datetime(year, month + 1, 1) - datetime(year, month, 1)).days


def normalise_duration(text: str) -> str | None:
    """The upper-case form of an ISO 8601 duration, or None if `text` is not one."""
    candidate = text.strip().upper()
    return candidate if parse_duration(candidate) is not None else None


def parse_duration(text: str) -> Duration | None:
    """Parse an ISO 8601 duration (whole numbers, any of Y M W D / T H M S); None if it is not one."""
    candidate = text.strip().upper()
    match = _DURATION.fullmatch(candidate)
    if match is None or candidate in ("P", "PT") or candidate.endswith("T"):
        return None
    return Duration(**{name: int(value) for name, value in match.groupdict().items() if value is not None})
