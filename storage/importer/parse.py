"""YAML data → validated records (storage/importer/records.py). No database here.

Every problem is collected (not just the first) with a path such as `people[3].language`.
References are only checked for form here; `references.py` checks that they resolve.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from storage import models as m
from storage.importer.errors import Problems
from storage.importer.parse_events import parse_deadline, parse_meeting, parse_survey
from storage.importer.parse_rooms import parse_room
from storage.importer.records import (
    GroupRec,
    NetworkFile,
    NetworkRec,
    OrgRec,
    PersonRec,
    ProjectRec,
)
from storage.importer.values import Entry, describe, length
from storage.models_identity import MAX_EXTERNAL_ID
from storage.vocabulary import (
    CHANNELS,
    DEFAULT_LANGUAGE,
    DEFAULT_TIMEZONE,
    DIGESTS,
    LANGUAGES,
    ORG_KINDS,
    ORG_STATUSES,
    PROJECT_STATUSES,
    ROLES,
)

SECTIONS = ("organizations", "people", "groups", "projects", "deadlines", "meetings", "surveys", "rooms")
R = TypeVar("R")


def parse_network_file(data: Any, problems: Problems) -> NetworkFile:
    """Validate the loaded YAML; problems go to `problems`, the records that could be read are returned."""
    if not isinstance(data, dict):
        got = "an empty file" if data is None else describe(data)
        problems.add("file", f"expected a mapping with network:, organizations:, people: ... at the top, got {got}")
        return NetworkFile(network=None)
    network, zone = _network(data.get("network"), problems)
    entries = {name: _section(data, name, problems) for name in SECTIONS}

    refused: dict[str, set[str]] = {name: set() for name in SECTIONS}

    def read(name: str, parse: Callable[[Entry], R | None], key: Callable[[R], str], what: str) -> list[R]:
        records: list[R] = []
        first: dict[str, int] = {}
        for i, item in entries[name]:
            entry = Entry(item, f"{name}[{i}]", problems, zone, index=i)
            record = parse(entry)
            if record is None:
                raw = item.get("email" if name == "people" else "id")
                if isinstance(raw, str | int) and not isinstance(raw, bool):
                    refused[name].add(str(raw).strip().lower() if name == "people" else str(raw).strip())
                continue
            k = key(record)
            if k in first:
                field = "email" if name == "people" else "id"
                problems.add(f"{name}[{i}].{field}", f'duplicate {what} "{k}" (also {name}[{first[k]}])')
                continue
            first[k] = i
            records.append(record)
        return records

    return NetworkFile(
        network=network,
        refused=refused,
        organizations=read("organizations", _organization, lambda r: r.key, "id"),
        people=read("people", _person, lambda r: r.email, "e-mail"),
        groups=read("groups", _group, lambda r: r.key, "id"),
        projects=read("projects", _project, lambda r: r.key, "id"),
        deadlines=read("deadlines", parse_deadline, lambda r: r.key, "id"),
        meetings=read("meetings", parse_meeting, lambda r: r.key, "id"),
        surveys=read("surveys", parse_survey, lambda r: r.key, "id"),
        rooms=read("rooms", parse_room, lambda r: r.key, "id"),
    )


def _section(data: dict[Any, Any], name: str, problems: Problems) -> list[tuple[int, dict[Any, Any]]]:
    """The mappings of one top-level list with their positions; a missing or null section is empty."""
    value = data.get(name)
    if value is None:
        return []
    if not isinstance(value, list):
        problems.add(name, f"expected a list, got {describe(value)}")
        return []
    mappings: list[tuple[int, dict[Any, Any]]] = []
    for i, item in enumerate(value):
        if isinstance(item, dict):
            mappings.append((i, item))
        else:
            problems.add(f"{name}[{i}]", f"expected a mapping, got {describe(item)}")
    return mappings


def _network(value: Any, problems: Problems) -> tuple[NetworkRec | None, ZoneInfo]:
    fallback = ZoneInfo(DEFAULT_TIMEZONE)
    if value is None:
        problems.add("network", "missing (every file starts with network: and its id)")
        return None, fallback
    if not isinstance(value, dict):
        problems.add("network", f"expected a mapping, got {describe(value)}")
        return None, fallback
    e = Entry(value, "network", problems)
    key = e.key("id", what="a network id")
    name = e.text("name", max_len=length(m.Network.name))
    zone, zone_name = fallback, DEFAULT_TIMEZONE
    tz_value = e.text("timezone")
    if tz_value is not None:
        try:
            zone, zone_name = ZoneInfo(tz_value.strip()), tz_value.strip()
        except (ZoneInfoNotFoundError, ValueError, OSError):  # "Europe" is a directory, "" is no key
            e.problem("timezone", f"unknown time zone {describe(tz_value)}")
    language = e.choice("language", LANGUAGES, DEFAULT_LANGUAGE)
    fee = _fee(e.raw("fee"), problems)
    if key is None:
        return None, zone
    return NetworkRec(id=key, name=name or key, timezone=zone_name, language=language or DEFAULT_LANGUAGE,
                      **fee), zone


def _fee(value: Any, problems: Problems) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        problems.add("network.fee", f"expected a mapping, got {describe(value)}")
        return {}
    e = Entry(value, "network.fee", problems)
    fee = {
        "fee_fixed_nok": e.integer("fixed_nok") or 0,
        "fee_per_inhabitant_nok": float(e.number("per_inhabitant_nok", minimum=0) or 0),
        "fee_min_nok": e.integer("min_nok"),
        "fee_max_nok": e.integer("max_nok"),
    }
    low, high = fee["fee_min_nok"], fee["fee_max_nok"]
    if low is not None and high is not None and low > high:
        e.problem("min_nok", f"{low} is more than max_nok {high}")
    return fee


def _organization(e: Entry) -> OrgRec | None:
    key = e.key("id")
    name = e.text("name", required=True, max_len=length(m.Organization.name))
    rec = OrgRec(
        pos=e.index, key=key or "", name=name or "",
        kind=e.choice("kind", ORG_KINDS, "municipality") or "municipality",
        population=e.integer("population"),
        region=e.text("region", max_len=length(m.Organization.region)),
        status=e.choice("status", ORG_STATUSES, "member") or "member",
        joined=e.day("joined"),
    )
    return rec if key is not None and name is not None else None


def _person(e: Entry) -> PersonRec | None:
    email = e.email("email")
    name = e.text("name", required=True, max_len=length(m.Person.name))
    organization = e.ref("organization", required=True)
    rec = PersonRec(
        pos=e.index, email=email or "", name=name or "", organization=organization,
        title=e.text("title", max_len=length(m.Person.title)),
        roles=e.choices("roles", ROLES),
        language=e.choice("language", LANGUAGES),
        phone=e.text("phone", max_len=length(m.Person.phone)),
        slack_user_id=_identity(e, "slack_user_id", MAX_EXTERNAL_ID["slack"]),
        teams_user_id=_identity(e, "teams_user_id", MAX_EXTERNAL_ID["teams"]),
        channel=e.choice("channel", CHANNELS, "email") or "email",
        digest=e.choice("digest", DIGESTS, "none") or "none",
    )
    return rec if email is not None and name is not None else None


def _identity(e: Entry, name: str, max_len: int | None) -> str | None:
    value = e.text(name, max_len=max_len)
    if value is None or not value.strip():
        return None
    return value.strip()


def _group(e: Entry) -> GroupRec | None:
    key = e.key("id")
    name = e.text("name", required=True, max_len=length(m.Group.name))
    rec = GroupRec(pos=e.index, key=key or "", name=name or "", description=e.text("description"),
                   chair=e.person_ref("chair"), members=e.refs("members", people=True))
    return rec if key is not None and name is not None else None


def _project(e: Entry) -> ProjectRec | None:
    key = e.key("id")
    name = e.text("name", required=True, max_len=length(m.Project.name))
    rec = ProjectRec(
        pos=e.index, key=key or "", name=name or "", description=e.text("description"),
        owner=e.ref("owner"), leader=e.person_ref("leader"), participants=e.refs("participants"),
        status=e.choice("status", PROJECT_STATUSES, "active") or "active",
        start=e.day("start"), end=e.day("end"),
    )
    if rec.start is not None and rec.end is not None and rec.end < rec.start:
        e.problem("end", f"{rec.end.isoformat()} is before start {rec.start.isoformat()}")
    return rec if key is not None and name is not None else None

