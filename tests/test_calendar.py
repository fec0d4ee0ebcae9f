"""Calendar invites and feeds: every file is parsed back with icalendar and read like a calendar would."""

from __future__ import annotations

import zlib
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from handlers.notify.calendar import MAX_ATTENDEES, meeting_invite, person_feed
from messages.catalog.calendar import TEXTS
from storage.snapshot import DeadlineInfo, GroupInfo, MeetingInfo, NetworkSnapshot, Org, PersonInfo

OSLO = ZoneInfo("Europe/Oslo")
NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def person(pid: int, email: str, name: str, roles: tuple[str, ...], language: str | None = None) -> PersonInfo:
    return PersonInfo(pid, email, name, 1, None, roles, language, None, "slack", "weekly")


KARI = person(1, "kari.nordmann@example.no", "Kari Nordmann", ("chief_executive",))
SIRI = person(2, "siri.sekretariat@example.no", "Siri Sekretær", ("secretariat",))
OLA = person(3, "ola.koordinator@example.no", "Ola Koordinator", ("coordinator",))
EMMA = person(4, "emma@example.no", "Emma Smith", ("chief_executive",), language="en")


def meeting(key: str, start: datetime, **changes: Any) -> MeetingInfo:
    base = MeetingInfo(
        id=zlib.crc32(key.encode()), key=key, title="Styringsgruppemøte", group_id=10, audience={},
        start=start, end=start + timedelta(hours=2), location="Bergen rådhus, møterom Fjellet",
        url="https://meet.example.no/sg", agenda="1. Portefølje\n2. Budsjett 2026", sequence=0,
    )
    return replace(base, **changes)


# 10:00 local on 30 March 2026 is after the switch to summer time (CEST, UTC+2): 08:00 UTC.
SPRING = meeting("sg-2026-03", datetime(2026, 3, 30, 8, 0, tzinfo=UTC))
# 10:00 local on 14 January 2026 is winter time (CET, UTC+1): 09:00 UTC.
WINTER = meeting("sg-2026-01", datetime(2026, 1, 14, 9, 0, tzinfo=UTC))


def network(
    *meetings: MeetingInfo, deadlines: tuple[DeadlineInfo, ...] = (), people: tuple[PersonInfo, ...] = ()
) -> NetworkSnapshot:
    net = NetworkSnapshot(
        id="digivestland", name="DigiVestland", timezone="Europe/Oslo", language="nn",
        fee_fixed_nok=0, fee_per_inhabitant_nok=0, fee_min_nok=None, fee_max_nok=None, revision=1,
    )
    net.orgs[1] = Org(1, "4601", "Bergen", "municipality", 291940, None, "member", None)
    for p in (KARI, SIRI, OLA, EMMA, *people):
        net.people[p.id] = p
    net.groups[10] = GroupInfo(10, "styringsgruppe", "Styringsgruppe", None, KARI.id, (KARI.id, SIRI.id, EMMA.id))
    for m in meetings:
        (net.cancelled_meetings if m.cancelled_at else net.meetings)[m.id] = m
    for d in deadlines:
        net.deadlines[d.id] = d
    net._index()
    return net


def parse(text: str) -> Calendar:
    return Calendar.from_ical(text)


def only_event(cal: Calendar) -> Any:
    events = cal.walk("VEVENT")
    assert len(events) == 1
    return events[0]


def events_by_uid(cal: Calendar) -> dict[str, Any]:
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def attendee_emails(event: Any) -> list[str]:
    raw = event.get("ATTENDEE", [])
    raw = raw if isinstance(raw, list) else [raw]
    return [str(a).removeprefix("mailto:") for a in raw]


def assert_rfc5545_lines(text: str) -> None:
    raw = text.encode("utf-8")
    assert raw.endswith(b"\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b""), "bare LF"
    assert b"\r" not in raw.replace(b"\r\n", b""), "bare CR"
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75, line


def test_kari_gets_an_invite_to_the_steering_group_meeting_after_the_switch_to_summer_time() -> None:
    net = network(SPRING)
    text = meeting_invite(net, SPRING, [KARI, SIRI, EMMA], "REQUEST", now=NOW)
    cal = parse(text)

    assert str(cal["METHOD"]) == "REQUEST"
    assert str(cal["PRODID"]) == "-//digibot//digibot//NB"
    assert str(cal["VERSION"]) == "2.0"
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Oslo"]
    event = only_event(cal)
    assert str(event["UID"]) == "sg-2026-03@digivestland.digibot"
    assert event["SEQUENCE"] == 0
    assert str(event["STATUS"]) == "CONFIRMED"
    assert event["DTSTART"].params["TZID"] == "Europe/Oslo"
    start = event.decoded("DTSTART")
    assert (start.hour, start.minute) == (10, 0)
    assert start.astimezone(UTC) == datetime(2026, 3, 30, 8, 0, tzinfo=UTC)
    assert event.decoded("DTEND").astimezone(OSLO).hour == 12
    assert "DTSTART;TZID=Europe/Oslo:20260330T100000" in text
    assert event.decoded("DTSTAMP") == NOW
    assert str(event["SUMMARY"]) == "Styringsgruppemøte"
    assert str(event["LOCATION"]) == "Bergen rådhus, møterom Fjellet"
    assert str(event["URL"]) == "https://meet.example.no/sg"
    assert "2. Budsjett 2026" in str(event["DESCRIPTION"])

    assert str(event["ORGANIZER"]) == "mailto:siri.sekretariat@example.no"
    assert event["ORGANIZER"].params["CN"] == "Siri Sekretær"
    assert attendee_emails(event) == [KARI.email, SIRI.email, EMMA.email]
    for attendee in event["ATTENDEE"]:
        assert attendee.params["ROLE"] == "REQ-PARTICIPANT"
        assert attendee.params["PARTSTAT"] == "NEEDS-ACTION"
        assert attendee.params["RSVP"] == "TRUE"
    assert event["ATTENDEE"][0].params["CN"] == "Kari Nordmann"
    assert_rfc5545_lines(text)


def test_a_winter_meeting_keeps_its_wall_clock_time_in_standard_time() -> None:
    cal = parse(meeting_invite(network(WINTER), WINTER, [KARI], "REQUEST", now=NOW))
    start = only_event(cal).decoded("DTSTART")
    assert only_event(cal)["DTSTART"].params["TZID"] == "Europe/Oslo"
    assert (start.hour, start.minute) == (10, 0)
    assert start.astimezone(UTC) == datetime(2026, 1, 14, 9, 0, tzinfo=UTC)
    assert cal.walk("VTIMEZONE")[0]["TZID"] == "Europe/Oslo"


def test_a_moved_meeting_keeps_its_uid_and_raises_its_sequence() -> None:
    first = only_event(parse(meeting_invite(network(SPRING), SPRING, [KARI], "REQUEST", now=NOW)))
    again = only_event(parse(meeting_invite(network(SPRING), SPRING, [KARI], "REQUEST", now=NOW)))
    moved = replace(SPRING, start=SPRING.start + timedelta(days=1), end=SPRING.end + timedelta(days=1),
                    location="Os kommunehus", sequence=1)
    update = only_event(parse(meeting_invite(network(moved), moved, [KARI], "REQUEST", now=NOW)))

    assert first["UID"] == again["UID"] == update["UID"] == "sg-2026-03@digivestland.digibot"
    assert (first["SEQUENCE"], update["SEQUENCE"]) == (0, 1)
    assert update.decoded("DTSTART").date() == date(2026, 3, 31)
    assert str(update["LOCATION"]) == "Os kommunehus"


def test_a_cancelled_meeting_is_withdrawn_from_everyones_calendar() -> None:
    cancelled = replace(SPRING, sequence=2, cancelled_at=NOW)
    text = meeting_invite(network(cancelled), cancelled, [KARI, SIRI], "CANCEL", now=NOW)
    cal = parse(text)
    event = only_event(cal)

    assert str(cal["METHOD"]) == "CANCEL"
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["UID"]) == "sg-2026-03@digivestland.digibot"
    assert event["SEQUENCE"] == 2
    assert attendee_emails(event) == [KARI.email, SIRI.email]
    assert_rfc5545_lines(text)


def test_a_meeting_without_an_end_lasts_an_hour() -> None:
    open_ended = replace(WINTER, end=None)
    event = only_event(parse(meeting_invite(network(open_ended), open_ended, [KARI], "REQUEST", now=NOW)))
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(hours=1)


def test_a_long_agenda_is_folded_into_lines_of_at_most_75_octets() -> None:
    long = replace(SPRING, agenda="Økonomi og budsjett for året som kjem, sjå vedlegg. " * 12,
                   title="Årsmøte i DigiVestland med særskilt gjennomgang av porteføljen " * 2)
    text = meeting_invite(network(long), long, [KARI], "REQUEST", now=NOW)
    assert_rfc5545_lines(text)
    event = only_event(parse(text))
    assert str(event["DESCRIPTION"]).startswith("Økonomi og budsjett")
    assert str(event["SUMMARY"]) == long.title


def test_an_invite_to_a_huge_audience_names_only_its_recipient() -> None:
    crowd = tuple(person(100 + i, f"p{i}@example.no", f"Person {i}", ("member",)) for i in range(MAX_ATTENDEES + 1))
    everyone = replace(SPRING, group_id=None, audience={"roles": ["member"]})
    net = network(everyone, people=crowd)
    invitees = net.meeting_invitees(everyone)
    assert len(invitees) > MAX_ATTENDEES

    event = only_event(parse(meeting_invite(net, everyone, invitees, "REQUEST", recipient=crowd[7], now=NOW)))
    assert attendee_emails(event) == ["p7@example.no"]
    small = only_event(parse(meeting_invite(net, everyone, invitees[:3], "REQUEST", recipient=crowd[7], now=NOW)))
    assert len(attendee_emails(small)) == 3


def test_an_unknown_method_is_refused() -> None:
    with pytest.raises(ValueError):
        meeting_invite(network(SPRING), SPRING, [KARI], "PUBLISH", now=NOW)  # type: ignore[arg-type]


def deadline(key: str, due: datetime, audience: dict[str, Any]) -> DeadlineInfo:
    return DeadlineInfo(zlib.crc32(key.encode()), key, "Meld interesse for skjønnsmidlar", "interest", due,
                        audience, None, ("P7D",), None, None)


def feed_network() -> NetworkSnapshot:
    old = meeting("sg-2025-10", NOW - timedelta(days=120))
    recent = meeting("sg-2026-02", NOW - timedelta(days=20))
    called_off = replace(meeting("sg-2026-04", datetime(2026, 4, 20, 8, tzinfo=UTC)), sequence=3, cancelled_at=NOW)
    coordinators = replace(meeting("koord-2026-03", datetime(2026, 3, 10, 12, tzinfo=UTC)), group_id=None,
                           title="Koordinatorsamling", audience={"roles": ["coordinator"]})
    chiefs_due = deadline("interesse-skjonn", datetime(2026, 3, 20, 22, 59, tzinfo=UTC), {"roles": ["chief_executive"]})
    noon_due = deadline("innspel-budsjett", datetime(2026, 3, 25, 11, 0, tzinfo=UTC), {})
    past_due = deadline("gammal-frist", NOW - timedelta(days=200), {})
    return network(old, recent, SPRING, called_off, coordinators, deadlines=(chiefs_due, noon_due, past_due))


def test_a_chief_executive_subscribes_to_her_feed_and_sees_the_steering_group_meetings() -> None:
    text = person_feed(feed_network(), KARI, NOW)
    cal = parse(text)
    events = events_by_uid(cal)

    assert str(cal["METHOD"]) == "PUBLISH"
    assert str(cal["X-WR-CALNAME"]) == "DigiVestland"
    assert str(cal["X-WR-TIMEZONE"]) == "Europe/Oslo"
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT1H" in text
    assert "X-PUBLISHED-TTL:PT1H" in text
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Oslo"]
    assert_rfc5545_lines(text)

    assert set(events) == {
        "sg-2026-02@digivestland.digibot",  # 20 days ago: still shown
        "sg-2026-03@digivestland.digibot",
        "sg-2026-04@digivestland.digibot",  # cancelled, shown as such
        "deadline-interesse-skjonn@digivestland.digibot",
        "deadline-innspel-budsjett@digivestland.digibot",
    }
    spring = events["sg-2026-03@digivestland.digibot"]
    assert spring["DTSTART"].params["TZID"] == "Europe/Oslo"
    assert spring.decoded("DTSTART").hour == 10
    assert str(spring["STATUS"]) == "CONFIRMED"
    assert "ATTENDEE" not in spring  # a published feed does not list who else is invited

    cancelled = events["sg-2026-04@digivestland.digibot"]
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert cancelled["SEQUENCE"] == 3
    assert str(cancelled["SUMMARY"]) == "Avlyst: Styringsgruppemøte"

    # Due 23:59 local: an all-day reminder on the due date, in the network's language (nynorsk).
    all_day = events["deadline-interesse-skjonn@digivestland.digibot"]
    assert str(all_day["SUMMARY"]) == "Frist: Meld interesse for skjønnsmidlar"
    assert all_day.decoded("DTSTART") == date(2026, 3, 20)
    assert "23.59" in str(all_day["DESCRIPTION"])
    assert str(all_day["TRANSP"]) == "TRANSPARENT"
    # Due at noon: a short event at the due time.
    noon = events["deadline-innspel-budsjett@digivestland.digibot"]
    assert noon.decoded("DTSTART") == datetime(2026, 3, 25, 12, 0, tzinfo=OSLO)
    assert noon["DTSTART"].params["TZID"] == "Europe/Oslo"


def test_a_coordinator_sees_her_own_gatherings_and_not_the_steering_group() -> None:
    events = events_by_uid(parse(person_feed(feed_network(), OLA, NOW)))
    assert set(events) == {
        "koord-2026-03@digivestland.digibot",
        "deadline-innspel-budsjett@digivestland.digibot",
    }
    assert str(events["koord-2026-03@digivestland.digibot"]["SUMMARY"]) == "Koordinatorsamling"


def test_an_english_speaking_member_gets_her_feed_in_english() -> None:
    events = events_by_uid(parse(person_feed(feed_network(), EMMA, NOW)))
    assert str(events["deadline-interesse-skjonn@digivestland.digibot"]["SUMMARY"]) == (
        "Deadline: Meld interesse for skjønnsmidlar"
    )
    assert str(events["sg-2026-04@digivestland.digibot"]["SUMMARY"]) == "Cancelled: Styringsgruppemøte"


def test_the_feed_uids_match_the_invites_so_calendars_do_not_show_a_meeting_twice() -> None:
    net = feed_network()
    feed_uids = set(events_by_uid(parse(person_feed(net, KARI, NOW))))
    invite = only_event(parse(meeting_invite(net, SPRING, [KARI], "REQUEST", now=NOW)))
    assert str(invite["UID"]) in feed_uids


def test_an_empty_feed_is_still_a_valid_calendar() -> None:
    lonely = person(99, "ny@example.no", "Ny Person", ("observer",))
    text = person_feed(network(people=(lonely,)), lonely, NOW)
    cal = parse(text)
    assert str(cal["METHOD"]) == "PUBLISH"
    assert cal.walk("VEVENT") == []
    assert_rfc5545_lines(text)


def test_calendar_texts_exist_in_every_language() -> None:
    for key, texts in TEXTS.items():
        assert set(texts) == {"nb", "nn", "en"}, key
