"""Write a validated network file into the caller's session: bulk upserts, link rows, prune, revision.

Existing rows were loaded once (existing.py); every entity kind is compared in Python and written with
one bulk INSERT ... RETURNING and one bulk UPDATE by primary key, so 5,000 people take a few statements.
Nothing is committed here: the caller commits, or rolls back on an exception.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage import models as m
from storage.importer.existing import MODELS, Existing, key_column
from storage.importer.history import cancel_meetings, meetings_with_history, record_status_changes
from storage.importer.identities import sync_identities
from storage.importer.links import delete_ids, sync_links, sync_questions
from storage.importer.records import NetworkFile, NetworkRec
from storage.importer.report import KINDS, ImportReport
from storage.importer.rows import desired_rows

NETWORK_FIELDS = ("name", "timezone", "language", "fee_fixed_nok", "fee_per_inhabitant_nok", "fee_min_nok",
                  "fee_max_nok")
PRUNE_ORDER = ("rooms", "deadlines", "meetings", "surveys", "projects", "groups", "people", "organizations")


class Tracker:
    """Fills an ImportReport, each key at most once per list."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        self._updated: dict[str, set[str]] = {kind: set() for kind in KINDS}
        self._created: dict[str, set[str]] = {kind: set() for kind in KINDS}  # the created lists, as sets

    def created(self, kind: str, key: str) -> None:
        self.report.created.setdefault(kind, []).append(key)
        self._created.setdefault(kind, set()).add(key)

    def updated(self, kind: str, key: str) -> None:
        if key not in self._updated.setdefault(kind, set()) and key not in self._created.get(kind, ()):
            self._updated[kind].add(key)
            self.report.updated.setdefault(kind, []).append(key)

    def removed(self, kind: str, key: str) -> None:
        self.report.removed.setdefault(kind, []).append(key)


async def apply_file(session: AsyncSession, file: NetworkFile, existing: Existing, prune: bool,
                     now: datetime) -> ImportReport:
    assert file.network is not None
    net = file.network
    report = ImportReport(network_id=net.id)
    track = Tracker(report)
    revision = await _network(session, net, existing, track)
    ids: dict[str, dict[str, int]] = {}
    for kind in KINDS:  # in dependency order: organizations, people, groups, projects, surveys, ...
        rows = desired_rows(kind, file, ids)
        if kind == "meetings":
            rows = meetings_with_history(rows, existing.rows[kind], now)
        if kind == "projects":
            await record_status_changes(session, net.id, rows, existing.rows[kind], now)
        ids[kind] = await _sync(session, kind, net.id, rows, existing.rows[kind], track)
        if kind == "people":
            await sync_identities(session, file, existing, ids["people"], net.id, now, track)
    await sync_links(session, file, existing, ids, track)
    await sync_questions(session, file, existing, ids["surveys"], track)
    if prune:
        await _prune(session, file, existing, track, now)
    if report.changed():
        revision += 1
        await session.execute(update(m.Network).where(m.Network.id == net.id).values(revision=revision))
    report.revision = revision
    return report


async def _network(session: AsyncSession, net: NetworkRec, existing: Existing, track: Tracker) -> int:
    """Create or update the network row; returns its revision before this import."""
    values = {name: getattr(net, name) for name in NETWORK_FIELDS}
    if existing.network is None:
        await session.execute(insert(m.Network).values(id=net.id, revision=0, **values))
        track.created("network", net.id)
        return 0
    if any(existing.network[name] != value for name, value in values.items()):
        await session.execute(update(m.Network).where(m.Network.id == net.id).values(**values))
        track.updated("network", net.id)
    return int(existing.network["revision"])


async def _sync(session: AsyncSession, kind: str, network_id: str, desired: dict[str, dict[str, Any]],
                stored: dict[str, dict[str, Any]], track: Tracker) -> dict[str, int]:
    """Insert new keys, update changed ones; returns key -> row id for everything stored afterwards."""
    model, key_name = MODELS[kind], key_column(kind)
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    for key, row in desired.items():
        old = stored.get(key)
        if old is None:
            inserts.append({"network_id": network_id, key_name: key, **row})
            track.created(kind, key)
        elif any(old[name] != value for name, value in row.items()):
            updates.append({"id": old["id"], **row})
            track.updated(kind, key)
    ids = {key: row["id"] for key, row in stored.items()}
    table = model.__table__
    if inserts:
        # A plain executemany, then one query for the new ids: INSERT ... RETURNING over thousands of
        # rows is much slower on SQLite.
        await session.execute(table.insert(), inserts)
        key_col = table.c[key_name]
        result = await session.execute(select(table.c.id, key_col).where(table.c.network_id == network_id))
        ids = {key: row_id for row_id, key in result}
    if updates:
        await session.execute(update(model), updates)
    return ids


async def _prune(session: AsyncSession, file: NetworkFile, existing: Existing, track: Tracker,
                 now: datetime) -> None:
    """Remove stored entries that the file does not list (dependants first); meetings are cancelled, not
    deleted, so that their invitees can be told."""
    in_file: dict[str, set[str]] = {
        "organizations": {o.key for o in file.organizations},
        "people": {p.email for p in file.people},
        "groups": {g.key for g in file.groups},
        "projects": {p.key for p in file.projects},
        "surveys": {s.key for s in file.surveys},
        "deadlines": {d.key for d in file.deadlines},
        "meetings": {mt.key for mt in file.meetings},
        "rooms": {r.key for r in file.rooms},
    }
    for kind in PRUNE_ORDER:
        gone = {key: row["id"] for key, row in existing.rows[kind].items() if key not in in_file[kind]}
        if gone and kind == "meetings":
            for key in await cancel_meetings(session, existing.rows[kind], list(gone), now):
                track.removed(kind, key)
        elif gone:
            await delete_ids(session, kind, list(gone.values()))
            for key in gone:
                track.removed(kind, key)
