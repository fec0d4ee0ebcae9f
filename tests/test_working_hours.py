"""Reminders and notices go out in office hours: 08:00–17:00 on Norwegian working days, local time.

Anything else moves to 09:00 on the last working day whose 09:00 is not later than the planned moment.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import holidays
import pytest

from handlers.notify.working_hours import (
    Window,
    _public_holidays,
    is_working_day,
    office_moment,
    offset_times,
    send_time,
)

OSLO = "Europe/Oslo"
TZ = ZoneInfo(OSLO)


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=TZ)


def sent(moment: datetime) -> datetime:
    """When a message planned for `moment` goes out, in local time (the function returns UTC)."""
    result = send_time(moment, OSLO)
    assert result.tzinfo is not None and result.utcoffset() == timedelta(0)
    return result.astimezone(TZ)


def easter_monday(year: int) -> date:
    return next(day for day, name in holidays.Norway(years=year).items() if "Easter Monday" in name)


def test_the_examples_from_the_requirement() -> None:
    # Saturday 12 December 2026 12:00 -> Friday 11 December 09:00
    assert sent(local(2026, 12, 12, 12, 0)) == local(2026, 12, 11, 9, 0)
    # Thursday 10 December 2026 23:59 -> the same Thursday 09:00
    assert sent(local(2026, 12, 10, 23, 59)) == local(2026, 12, 10, 9, 0)


def test_a_time_inside_working_hours_stays_exactly_as_it_is() -> None:
    for moment in (local(2026, 12, 10, 8, 0), local(2026, 12, 10, 12, 34, 56), local(2026, 12, 10, 17, 0)):
        assert sent(moment) == moment


def test_early_morning_goes_to_the_previous_working_day_because_9_would_be_later() -> None:
    assert sent(local(2026, 12, 10, 7, 59)) == local(2026, 12, 9, 9, 0)  # Thursday -> Wednesday
    assert sent(local(2026, 12, 7, 6, 0)) == local(2026, 12, 4, 9, 0)  # Monday -> Friday


def test_evening_goes_to_the_same_days_morning() -> None:
    assert sent(local(2026, 12, 10, 17, 1)) == local(2026, 12, 10, 9, 0)
    assert sent(local(2026, 12, 11, 20, 0)) == local(2026, 12, 11, 9, 0)


def test_sunday_goes_to_friday() -> None:
    assert sent(local(2026, 12, 13, 10, 0)) == local(2026, 12, 11, 9, 0)


def test_constitution_day_17_may_is_no_working_day() -> None:
    assert not is_working_day(date(2027, 5, 17))  # a Monday (and Whit Monday too, in 2027)
    assert sent(local(2027, 5, 17, 12, 0)) == local(2027, 5, 14, 9, 0)  # Monday holiday -> Friday
    assert sent(local(2026, 5, 17, 12, 0)) == local(2026, 5, 15, 9, 0)  # a Sunday in 2026: Friday 15th
    assert sent(local(2028, 5, 17, 12, 0)) == local(2028, 5, 16, 9, 0)  # a Wednesday: Tuesday 9:00


def test_easter_2027_from_maundy_thursday_to_easter_monday() -> None:
    monday = easter_monday(2027)
    assert monday == date(2027, 3, 29)
    # Maundy Thursday, Good Friday, the weekend and Easter Monday are all off: back to Wednesday 24 March.
    assert sent(datetime.combine(monday, datetime.min.time(), TZ).replace(hour=12)) == local(2027, 3, 24, 9, 0)
    assert sent(local(2027, 3, 30, 7, 0)) == local(2027, 3, 24, 9, 0)  # Tuesday early: before the whole Easter
    assert sent(local(2027, 3, 30, 10, 0)) == local(2027, 3, 30, 10, 0)  # Tuesday after Easter is a working day


def test_christmas_day_and_boxing_day() -> None:
    # 2026: Christmas Day is a Friday, Boxing Day a Saturday; Christmas Eve is an ordinary working day.
    assert is_working_day(date(2026, 12, 24))
    assert not is_working_day(date(2026, 12, 25)) and not is_working_day(date(2026, 12, 26))
    assert sent(local(2026, 12, 27, 12, 0)) == local(2026, 12, 24, 9, 0)
    assert sent(local(2026, 12, 28, 7, 30)) == local(2026, 12, 24, 9, 0)
    # 2027: the 25th and 26th are a Saturday and a Sunday; New Year's Day 2028 is a Saturday.
    assert sent(local(2027, 12, 26, 15, 0)) == local(2027, 12, 24, 9, 0)


def test_new_years_day() -> None:
    assert sent(local(2027, 1, 1, 12, 0)) == local(2026, 12, 31, 9, 0)
    assert sent(local(2027, 1, 3, 23, 59)) == local(2026, 12, 31, 9, 0)


@pytest.mark.parametrize("day", [date(2026, 3, 29), date(2026, 10, 25)])
def test_daylight_saving_days_keep_wall_clock_times(day: date) -> None:
    # Both changes happen on a Sunday night: Sunday noon goes to Friday 09:00 local, whatever the offset.
    friday = day - timedelta(days=2)
    assert sent(datetime.combine(day, datetime.min.time(), TZ).replace(hour=12)) == local(
        friday.year, friday.month, friday.day, 9, 0)
    # Monday after the change, 10:00 local is inside hours and stays; its UTC hour follows the new offset.
    monday = day + timedelta(days=1)
    moment = local(monday.year, monday.month, monday.day, 10, 0)
    assert sent(moment) == moment
    expected_utc_hour = 8 if day.month == 3 else 9  # CEST is UTC+2, CET UTC+1
    assert send_time(moment, OSLO).hour == expected_utc_hour


def test_offsets_count_in_wall_clock_days_across_a_daylight_saving_change() -> None:
    # Tuesday 31 March 2026 10:00 CEST; P3D is Saturday 28 March 10:00 CET (an hour more than 72 h earlier),
    # a Saturday, so it goes out Friday 27 March 09:00 CET.
    meeting = local(2026, 3, 31, 10, 0)
    assert offset_times(meeting, ["P3D"], OSLO) == [("P3D", local(2026, 3, 27, 9, 0).astimezone(UTC))]
    # P2D is Sunday 29 March 10:00 (already CEST): also Friday 09:00, so only P2D, the nearer one, is kept.
    assert offset_times(meeting, ["P3D", "P2D"], OSLO) == [("P2D", local(2026, 3, 27, 9, 0).astimezone(UTC))]


def test_a_naive_moment_is_refused() -> None:
    with pytest.raises(ValueError):
        send_time(datetime(2026, 12, 10, 12, 0), OSLO)


def test_windows_are_after_start_up_to_and_including_end() -> None:
    start, end = local(2026, 12, 10, 9, 0), local(2026, 12, 10, 10, 0)
    window = Window(start, end)
    assert start not in window and end in window
    half_open = Window.half_open(start, end)
    assert start in half_open and end not in half_open


def test_the_secretariat_plans_around_the_same_public_holidays_the_holidays_package_lists() -> None:
    """Working days are computed without importing `holidays` at run time (it loads every country, ~10 MB);
    the Norwegian holidays must stay exactly the package's (Sundays aside: they are never working days)."""
    import holidays

    for year in range(1990, 2061):
        listed = {day for day in holidays.country_holidays("NO", years=year) if day.weekday() != 6}
        ours = {day for day in _public_holidays(year) if day.weekday() != 6}
        assert ours == listed, year


def test_what_goes_out_at_once_waits_for_the_next_office_moment_never_goes_earlier() -> None:
    """The call of a call for interest: at once in office hours, else the next working day's 08:00."""
    def moment(at: datetime) -> datetime:
        return office_moment(at, OSLO).astimezone(TZ)

    assert moment(local(2026, 12, 10, 12, 34)) == local(2026, 12, 10, 12, 34)  # a Thursday, in office hours
    assert moment(local(2026, 12, 10, 7, 0)) == local(2026, 12, 10, 8, 0)  # early: the same morning
    assert moment(local(2026, 12, 10, 17, 30)) == local(2026, 12, 11, 8, 0)  # evening: the next morning
    assert moment(local(2026, 12, 12, 12, 0)) == local(2026, 12, 14, 8, 0)  # Saturday: Monday
    assert moment(local(2026, 12, 24, 18, 0)) == local(2026, 12, 28, 8, 0)  # Christmas: Monday the 28th
    assert office_moment(local(2026, 12, 12, 12, 0), OSLO).utcoffset() == timedelta(0)
