"""The column values each file entry should have in the database, with references resolved to row ids."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from storage.importer.records import NetworkFile, Ref

Ids = dict[str, dict[str, int]]  # kind -> key -> row id, for the kinds already written


def _id(ids: Ids, kind: str, ref: Ref | None) -> int | None:
    return ids[kind][ref.key] if ref is not None else None


def _organizations(file: NetworkFile, ids: Ids) -> dict[str, dict[str, Any]]:
    return {
        o.key: {"name": o.name, "kind": o.kind, "population": o.population, "region": o.region,
                "status": o.status, "joined": o.joined}
        for o in file.organizations
    }


def _people(file: NetworkFile, ids: Ids) -> dict[str, dict[str, Any]]:
    return {
        p.email: {"name": p.name, "organization_id": _id(ids, "organizations", p.organization), "title": p.title,
                  "roles": p.roles, "language": p.language, "phone": p.phone, "channel": p.channel,
                  "digest": p.digest}
        for p in file.people
    }


def _groups(file: NetworkFile, ids: Ids) -> dict[str, dict[str, Any]]:
    return {
        g.key: {"name": g.name, "description": g.description, "chair_id": _id(ids, "people", g.chair)}
        for g in file.groups
    }


def _projects(file: NetworkFile, ids: Ids) -> dict[str, dict[str, Any]]:
    return {
        p.key: {"name": p.name, "description": p.description, "owner_id": _id(ids, "organizations", p.owner),
                "leader_id": _id(ids, "people", p.leader), "status": p.status, "start": p.start, "end": p.end}
        for p in file.projects
    }


def _surveys(file: NetworkFile, ids: Ids) -> dict[str, dict[str, Any]]:
    return {
        s.key: {"title": s.title, "intro": s.intro, "audience": s.audience.data, "respondent": s.respondent,
                "anonymous": s.anonymous, "opens": s.opens, "deadline": s.deadline, "reminders": s.reminders}
        for s in file.surveys
    }


def _deadlines(file: NetworkFile, ids: Ids) -> dict[str, dict[str, Any]]:
    return {
        d.key: {"title": d.title, "kind": d.kind, "due": d.due, "audience": d.audience.data,
                "contact_id": _id(ids, "people", d.contact), "reminders": d.reminders,
                "project_id": _id(ids, "projects", d.project), "survey_id": _id(ids, "surveys", d.survey)}
        for d in file.deadlines
    }


def _meetings(file: NetworkFile, ids: Ids) -> dict[str, dict[str, Any]]:
    return {
        mt.key: {"title": mt.title, "group_id": _id(ids, "groups", mt.group), "audience": mt.audience.data,
                 "start": mt.start, "end": mt.end, "location": mt.location, "url": mt.url, "agenda": mt.agenda,
                 "notices": mt.notices, "cancelled": mt.cancelled}
        for mt in file.meetings
    }


def _rooms(file: NetworkFile, ids: Ids) -> dict[str, dict[str, Any]]:
    return {
        r.key: {"kind": r.kind, "url_env": r.url_env, "url": r.url, "groups": [g.key for g in r.groups],
                "kinds": r.kinds, "language": r.language}
        for r in file.rooms
    }


_BUILDERS: dict[str, Callable[[NetworkFile, Ids], dict[str, dict[str, Any]]]] = {
    "organizations": _organizations,
    "people": _people,
    "groups": _groups,
    "projects": _projects,
    "surveys": _surveys,
    "deadlines": _deadlines,
    "meetings": _meetings,
    "rooms": _rooms,
}


def desired_rows(kind: str, file: NetworkFile, ids: Ids) -> dict[str, dict[str, Any]]:
    """key -> {column: value} for every entry of `kind` in the file (key and network_id excluded)."""
    return _BUILDERS[kind](file, ids)
