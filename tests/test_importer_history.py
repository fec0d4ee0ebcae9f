"""A re-import tells the notification side what changed: meetings moved or cancelled, project statuses."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from storage.importer import import_network
from storage.models import Meeting
from storage.models_notify import ProjectStatusChange

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)

NETWORK = """
network: {id: digitest, name: DigiTest, timezone: Europe/Oslo, language: nb}
organizations:
  - {id: "4601", name: Bergen, kind: municipality, status: member}
people:
  - {email: kari@bergen.no, name: Kari Nordmann, organization: "4601", roles: [coordinator]}
groups:
  - {id: rg, name: Ressursgruppa, members: [kari@bergen.no]}
projects:
  - {id: digihelse, name: DigiHelse, owner: "4601", status: active}
meetings:
  - id: rg-des
    title: Ressursgruppemøte
    group: rg
    start: 2026-12-10T10:00
    end: 2026-12-10T12:00
    location: Bergen rådhus
"""


async def _import(sessions, text: str, prune: bool = False) -> None:
    async with sessions() as s:
        await import_network(s, text, prune=prune, now=NOW)
        await s.commit()


async def _meeting(sessions) -> Meeting:
    async with sessions() as s:
        meeting = await s.scalar(select(Meeting).where(Meeting.key == "rg-des"))
        assert meeting is not None
        return meeting


async def test_moving_a_meeting_raises_its_sequence_and_reimporting_does_not(sessions) -> None:
    await _import(sessions, NETWORK)
    assert (await _meeting(sessions)).sequence == 0
    moved = NETWORK.replace("2026-12-10T10:00", "2026-12-11T10:00").replace("2026-12-10T12:00", "2026-12-11T12:00")
    await _import(sessions, moved)
    await _import(sessions, moved)
    meeting = await _meeting(sessions)
    assert meeting.sequence == 1 and meeting.cancelled_at is None
    await _import(sessions, moved.replace("Bergen rådhus", "Teams"))
    assert (await _meeting(sessions)).sequence == 2


async def test_a_meeting_removed_with_prune_is_kept_as_cancelled_and_can_come_back(sessions) -> None:
    await _import(sessions, NETWORK)
    without = NETWORK.split("meetings:")[0]
    await _import(sessions, without)  # without --prune: kept as it is
    assert (await _meeting(sessions)).cancelled_at is None
    async with sessions() as s:
        report = await import_network(s, without, prune=True, now=NOW)
        await s.commit()
    assert report.removed["meetings"] == ["rg-des"]
    meeting = await _meeting(sessions)
    assert meeting.cancelled_at == NOW and meeting.sequence == 1
    async with sessions() as s:  # pruning again changes nothing
        again = await import_network(s, without, prune=True, now=NOW)
        await s.commit()
    assert not again.changed()
    await _import(sessions, NETWORK)
    meeting = await _meeting(sessions)
    assert meeting.cancelled_at is None and meeting.sequence == 2


async def test_a_meeting_marked_cancelled_in_the_file_is_cancelled_once(sessions) -> None:
    await _import(sessions, NETWORK)
    cancelled = NETWORK.replace("    location: Bergen rådhus", "    location: Bergen rådhus\n    cancelled: true")
    await _import(sessions, cancelled)
    await _import(sessions, cancelled)
    meeting = await _meeting(sessions)
    assert meeting.cancelled_at == NOW and meeting.sequence == 1


async def test_a_project_status_change_is_recorded_for_the_digest(sessions) -> None:
    await _import(sessions, NETWORK)
    await _import(sessions, NETWORK.replace("status: active", "status: completed"))
    await _import(sessions, NETWORK.replace("status: active", "status: completed"))
    async with sessions() as s:
        changes = (await s.scalars(select(ProjectStatusChange))).all()
    assert [(c.old_status, c.new_status, c.changed_at) for c in changes] == [("active", "completed", NOW)]


async def test_a_meeting_with_a_group_and_an_audience_invites_both(sessions) -> None:
    from storage.snapshot import load_snapshot

    both = NETWORK.replace(
        "  - {email: kari@bergen.no, name: Kari Nordmann, organization: \"4601\", roles: [coordinator]}",
        "  - {email: kari@bergen.no, name: Kari Nordmann, organization: \"4601\", roles: [coordinator]}\n"
        "  - {email: per@bergen.no, name: Per Berg, organization: \"4601\", roles: [chief_executive]}\n"
        "  - {email: liv@bergen.no, name: Liv Dal, organization: \"4601\", roles: [ict_lead]}",
    ).replace("    group: rg\n", "    group: rg\n    audience: {roles: [chief_executive]}\n")
    await _import(sessions, both)
    async with sessions() as s:
        network = await load_snapshot(s, "digitest")
    assert network is not None
    (meeting,) = network.meetings.values()
    assert sorted(p.name for p in network.meeting_invitees(meeting)) == ["Kari Nordmann", "Per Berg"]
