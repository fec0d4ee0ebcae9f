"""The importer's parts that need no database: the report's summary and ISO 8601 durations."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from storage.importer import ImportReport, parse_duration


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_the_report_summary_has_one_line_per_kind() -> None:
    report = ImportReport(network_id="digivestland", revision=3)
    report.created["organizations"] = ["4601", "4627"]
    report.removed["people"] = ["x@example.no"]
    lines = report.summary().splitlines()
    assert lines[0] == "network digivestland: updated (revision 3)"
    assert "organizations: 2 created, 0 updated, 0 removed" in lines
    assert "people: 0 created, 0 updated, 1 removed" in lines
    assert len(lines) == 9 and lines[-1] == "rooms: 0 created, 0 updated, 0 removed" and report.changed()
    assert not ImportReport(network_id="x").changed()


@pytest.mark.parametrize(("text", "expected"), [
    ("P7D", (0, 0, 0, 7, 0, 0, 0)), ("p1d", (0, 0, 0, 1, 0, 0, 0)), ("PT2H", (0, 0, 0, 0, 2, 0, 0)),
    ("P1W", (0, 0, 1, 0, 0, 0, 0)), ("P1DT12H", (0, 0, 0, 1, 12, 0, 0)), ("P1Y2M3DT4H5M6S", (1, 2, 0, 3, 4, 5, 6)),
    ("PT30M", (0, 0, 0, 0, 0, 30, 0)), ("7 days", None), ("P", None), ("PT", None), ("P1DT", None), ("1D", None),
    ("P-1D", None), ("P1.5D", None), ("", None),
])
def test_durations_are_read_as_iso_8601(text: str, expected: tuple[int, ...] | None) -> None:
    duration = parse_duration(text)
    if expected is None:
        assert duration is None
    else:
        assert duration is not None
        assert (duration.years, duration.months, duration.weeks, duration.days, duration.hours, duration.minutes,
                duration.seconds) == expected


def test_a_duration_counts_back_from_a_moment() -> None:
    due = utc(2025, 3, 31, 12)
    assert parse_duration("P1DT12H").before(due) == utc(2025, 3, 30)  # type: ignore[union-attr]
    assert parse_duration("P1M").before(due) == utc(2025, 2, 28, 12)  # type: ignore[union-attr]
