"""Invites and feeds read by parsers nobody here wrote: ical.js (Thunderbird's), icalendar, and dateutil's
VTIMEZONE reader. Each event, converted to UTC, must be the meeting's stored time: in winter, in summer,
on both daylight-saving switch days (before and after the switch), across many years.

ical.js runs under Node from tests/js (package.json and package-lock.json; `npm ci` when node_modules is
missing). The ical.js tests are skipped only when Node is not installed; CI has it.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import zlib
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from dateutil import tz as dateutil_tz
from icalendar import Calendar

from handlers.notify import calendar as ics
from handlers.notify.calendar import meeting_invite, person_feed
from handlers.notify.organizer import set_fallback_organizer
from storage.snapshot import DeadlineInfo, MeetingInfo, NetworkSnapshot
from tests.test_calendar import EMMA, KARI, OLA, SIRI, meeting, network, person

JS = Path(__file__).with_name("js")
NODE = shutil.which("node")
YEARS = (2024, 2025, 2026, 2027, 2031, 2040)


def last_sunday(year: int, month: int) -> date:
    day = date(year, month + 1, 1) - timedelta(days=1)
    return day - timedelta(days=(day.weekday() - 6) % 7)


def local_times(year: int) -> dict[str, datetime]:
    """Wall-clock starts in Oslo worth checking in `year` (none of them ambiguous or skipped)."""
    spring, autumn = last_sunday(year, 3), last_sunday(year, 10)
    at = lambda day, hour, minute=0: datetime(day.year, day.month, day.day, hour, minute)  # noqa: E731
    return {
        "winter": at(date(year, 1, 14), 10),
        "before-spring-switch": at(spring, 0, 30),
        "spring-switch-day": at(spring, 10),
        "day-after-spring-switch": at(spring + timedelta(days=1), 10),
        "summer": at(date(year, 6, 10), 10),
        "before-autumn-switch": at(autumn, 1, 0),
        "autumn-switch-day": at(autumn, 10),
        "december": at(date(year, 12, 2), 13, 15),
    }


def meetings_in(tz_name: str) -> list[MeetingInfo]:
    zone = ZoneInfo(tz_name)
    found = []
    for year in YEARS:
        for name, wall in local_times(year).items():
            start = wall.replace(tzinfo=zone).astimezone(UTC)
            found.append(meeting(f"{name}-{year}", start, end=start + timedelta(minutes=90),
                                 group_id=10))
    return found


def with_zone(net: NetworkSnapshot, tz_name: str) -> NetworkSnapshot:
    net.timezone = tz_name
    return net


def write_files(tmp_path: Path, tz_name: str) -> tuple[dict[Path, list[MeetingInfo]], list[MeetingInfo]]:
    """One REQUEST and one CANCEL file per meeting, and Kari's feed holding them all."""
    meetings = meetings_in(tz_name)
    net = with_zone(network(*meetings), tz_name)
    files: dict[Path, list[MeetingInfo]] = {}
    for m in meetings:
        for method in ("REQUEST", "CANCEL"):
            path = tmp_path / f"{method.lower()}-{m.key}.ics"
            path.write_text(meeting_invite(net, m, [KARI, SIRI], method, now=m.start - timedelta(days=14)),
                            encoding="utf-8", newline="")
            files[path] = [m]
    feed = tmp_path / "feed.ics"
    feed.write_text(person_feed(net, KARI, datetime(YEARS[0], 1, 1, tzinfo=UTC)), encoding="utf-8", newline="")
    files[feed] = meetings
    return files, meetings


def read_with_ical_js(paths: list[Path]) -> dict[str, Any]:
    if NODE is None:
        pytest.skip("node is not installed (CI has it)")
    if not (JS / "node_modules" / "ical.js").is_dir():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=JS, check=True, timeout=600,
                       capture_output=True)
    done = subprocess.run([NODE, str(JS / "read_ics.mjs"), *map(str, paths)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    parsed: dict[str, Any] = json.loads(done.stdout)
    return parsed


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def expected(meetings: list[MeetingInfo], net_uid: str = "digivestland") -> dict[str, tuple[str, str]]:
    return {f"{m.key}@{net_uid}.digibot": (iso(m.start), iso(ics.meeting_end(m))) for m in meetings}


ZONES = ["Europe/Oslo", "America/New_York", "Australia/Sydney", "Asia/Tokyo"]


@pytest.mark.parametrize("tz_name", ZONES)
def test_thunderbird_reads_every_invite_and_the_feed_at_the_stored_time_in_every_season_and_year(
        tmp_path: Path, tz_name: str) -> None:
    files, _ = write_files(tmp_path, tz_name)
    read = read_with_ical_js(list(files))
    wrong = []
    for path, meetings in files.items():
        got = {e["uid"]: (e["start"], e["end"]) for e in read[str(path)]["events"]}
        want = expected(meetings)
        wrong += [(path.name, uid, got.get(uid), times) for uid, times in want.items() if got.get(uid) != times]
    assert wrong == []


def _vtimezone_text(text: str) -> str:
    begin, end = text.index("BEGIN:VTIMEZONE"), text.index("END:VTIMEZONE") + len("END:VTIMEZONE")
    return text[begin:end] + "\r\n"


@pytest.mark.parametrize("tz_name", ZONES)
def test_python_parsers_read_every_file_at_the_stored_time(tmp_path: Path, tz_name: str) -> None:
    """icalendar as a calendar reads it, and the file's own VTIMEZONE read by dateutil and by icalendar."""
    files, _ = write_files(tmp_path, tz_name)
    for path, meetings in files.items():
        text = path.read_text(encoding="utf-8")
        cal = Calendar.from_ical(text)
        (vtimezone,) = cal.walk("VTIMEZONE")
        by_dateutil = dateutil_tz.tzical(io.StringIO(_vtimezone_text(text))).get(tz_name)
        by_icalendar = vtimezone.to_tz()
        want = expected(meetings)
        for event in cal.walk("VEVENT"):
            uid = str(event["UID"])
            start, end = event["DTSTART"], event["DTEND"]
            assert (iso(start.dt), iso(end.dt)) == want[uid], (path.name, uid, "icalendar")
            for zone, parser in ((by_dateutil, "dateutil"), (by_icalendar, "icalendar VTIMEZONE")):
                # a time with TZID is wall-clock time in the file's VTIMEZONE; one in UTC stays as it is
                start_utc, end_utc = (prop.dt.replace(tzinfo=None).replace(tzinfo=zone) if "TZID" in prop.params
                                      else prop.dt for prop in (start, end))
                assert (iso(start_utc), iso(end_utc)) == want[uid], (path.name, uid, parser)


def test_oslo_is_written_as_the_eu_rule_valid_for_every_year() -> None:
    text = meeting_invite(network(meeting("m", datetime(2026, 6, 10, 8, tzinfo=UTC))),
                          meeting("m", datetime(2026, 6, 10, 8, tzinfo=UTC)), [KARI], "REQUEST")
    zone = _vtimezone_text(text)
    assert "RDATE" not in zone
    daylight = zone[zone.index("BEGIN:DAYLIGHT"):zone.index("END:DAYLIGHT")]
    standard = zone[zone.index("BEGIN:STANDARD"):zone.index("END:STANDARD")]
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3" in daylight and "DTSTART:19960331T020000" in daylight
    assert "TZOFFSETFROM:+0100" in daylight and "TZOFFSETTO:+0200" in daylight and "TZNAME:CEST" in daylight
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10" in standard and "DTSTART:19961027T030000" in standard
    assert "TZOFFSETFROM:+0200" in standard and "TZOFFSETTO:+0100" in standard and "TZNAME:CET" in standard


# --- ORGANIZER and empty feeds ---------------------------------------------------------------------------

def no_secretariat(*meetings: MeetingInfo, deadlines: tuple[DeadlineInfo, ...] = ()) -> NetworkSnapshot:
    """A network whose only secretariat person has left, and a meeting for an audience (no chair)."""
    net = network(*meetings, deadlines=deadlines)
    del net.people[SIRI.id]
    net.people_by_email.pop(SIRI.email.lower(), None)
    return net


@pytest.fixture
def organizer_setting() -> Any:
    set_fallback_organizer("kalender@digivestland.no")
    yield "kalender@digivestland.no"
    set_fallback_organizer(None)


def test_a_network_without_secretariat_still_sends_invites_with_an_organizer(tmp_path: Path,
                                                                            organizer_setting: str) -> None:
    gathering = replace(meeting("koord", datetime(2026, 5, 6, 10, tzinfo=UTC)), group_id=None,
                        audience={"roles": ["chief_executive"]})
    net = no_secretariat(gathering)
    paths = []
    for method in ("REQUEST", "CANCEL"):
        text = meeting_invite(net, gathering, [KARI, OLA], method)
        (event,) = Calendar.from_ical(text).walk("VEVENT")
        assert str(event["ORGANIZER"]) == "mailto:kalender@digivestland.no", method
        assert event["ORGANIZER"].params["CN"] == "DigiVestland"
        paths.append(tmp_path / f"{method}.ics")
        paths[-1].write_text(text, encoding="utf-8", newline="")
    if NODE is not None:
        read = read_with_ical_js(paths)
        assert [e["organizer"] for p in paths for e in read[str(p)]["events"]] == [
            "mailto:kalender@digivestland.no"] * 2


def test_with_nothing_configured_the_organizer_is_a_no_reply_address_named_after_the_network() -> None:
    gathering = replace(meeting("koord", datetime(2026, 5, 6, 10, tzinfo=UTC)), group_id=None,
                        audience={"roles": ["chief_executive"]})
    (event,) = Calendar.from_ical(meeting_invite(no_secretariat(gathering), gathering, [KARI], "CANCEL")).walk(
        "VEVENT")
    assert str(event["ORGANIZER"]) == "mailto:noreply@digibot.invalid"
    assert event["ORGANIZER"].params["CN"] == "DigiVestland"


def test_every_event_of_a_feed_has_an_organizer(organizer_setting: str) -> None:
    gathering = replace(meeting("koord", datetime(2026, 5, 6, 10, tzinfo=UTC)), group_id=None,
                        audience={"roles": ["chief_executive"]})
    due = DeadlineInfo(zlib.crc32(b"frist"), "frist", "Meld interesse", "interest",
                       datetime(2026, 5, 20, 10, tzinfo=UTC), {}, None, ("P7D",), None, None)
    cal = Calendar.from_ical(person_feed(no_secretariat(gathering, deadlines=(due,)), KARI,
                                         datetime(2026, 3, 1, tzinfo=UTC)))
    events = cal.walk("VEVENT")
    assert len(events) == 2
    assert [str(e["ORGANIZER"]) for e in events] == ["mailto:kalender@digivestland.no"] * 2
    # With a secretariat, the feed names her, as the invites do.
    with_secretariat = Calendar.from_ical(person_feed(network(gathering, deadlines=(due,)), KARI,
                                                      datetime(2026, 3, 1, tzinfo=UTC)))
    assert [str(e["ORGANIZER"]) for e in with_secretariat.walk("VEVENT")] == [f"mailto:{SIRI.email}"] * 2


def test_an_empty_feed_holds_the_time_zone_so_it_is_not_an_empty_calendar(tmp_path: Path) -> None:
    lonely = person(99, "ny@example.no", "Ny Person", ("observer",))
    text = person_feed(network(people=(lonely,)), lonely, datetime(2026, 3, 1, tzinfo=UTC))
    cal = Calendar.from_ical(text)
    assert cal.walk("VEVENT") == []
    assert [c.name for c in cal.subcomponents] == ["VTIMEZONE"]  # RFC 5545 3.6: at least one component
    if NODE is not None:
        path = tmp_path / "empty.ics"
        path.write_text(text, encoding="utf-8", newline="")
        assert read_with_ical_js([path])[str(path)]["components"] == ["vtimezone"]


def test_the_organizer_setting_comes_from_calendar_organizer_else_mail_from_else_a_no_reply() -> None:
    from bot.config import calendar_organizer

    assert calendar_organizer("kalender@digivestland.no", "post@x.no", "https://bot.digivestland.no") == (
        "kalender@digivestland.no")
    assert calendar_organizer(None, "DigiVestland <post@digivestland.no>", "https://x.no") == "post@digivestland.no"
    assert calendar_organizer(None, None, "https://bot.digivestland.no") == "noreply@bot.digivestland.no"
    assert calendar_organizer(None, None, "http://localhost:3000") == "noreply@digibot.invalid"
    assert calendar_organizer(None, None, "http://10.0.0.7:3000") == "noreply@digibot.invalid"


def test_emma_can_tell_the_invitation_the_change_and_the_cancellation_apart_by_their_file_names() -> None:
    from handlers.notify.content import invite_filename

    names = {kind: invite_filename(kind, "sg-2026-03", lang) for kind in
             ("meeting_notice", "meeting_update", "meeting_cancel") for lang in ("nb",)}
    assert names == {"meeting_notice": "innkalling-sg-2026-03.ics", "meeting_update": "endret-sg-2026-03.ics",
                     "meeting_cancel": "avlyst-sg-2026-03.ics"}
    assert invite_filename("meeting_update", "sg-2026-03", "nn") == "endra-sg-2026-03.ics"
    assert invite_filename("meeting_cancel", "sg-2026-03", EMMA.language or "") == "cancelled-sg-2026-03.ics"
