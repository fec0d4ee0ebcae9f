"""Rows that follow the file exactly: group members, project participants, survey questions; and deletes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from sqlalchemy import Table, bindparam, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage import models as m
from storage.importer.existing import MODELS, Existing
from storage.importer.records import NetworkFile, QuestionRec
from storage.models_identity import PlatformIdentity

if TYPE_CHECKING:
    from storage.importer.apply import Tracker

CHUNK = 1000
QUESTION_FIELDS = ("position", "text", "type", "min", "max", "labels", "options", "multiple", "required")


async def _sync_pairs(session: AsyncSession, table: Table, columns: tuple[str, str],
                      want: set[tuple[int, int]], have: set[tuple[int, int]]) -> set[int]:
    """Make `have` (link rows of the owners in scope) equal `want`; returns the owners that changed."""
    first, second = columns
    added, dropped = want - have, have - want
    if dropped:
        stmt = table.delete().where(table.c[first] == bindparam("a"), table.c[second] == bindparam("b"))
        await session.execute(stmt, [{"a": a, "b": b} for a, b in dropped])
    if added:
        await session.execute(table.insert(), [{first: a, second: b} for a, b in added])
    return {a for a, _ in added | dropped}


async def sync_links(session: AsyncSession, file: NetworkFile, existing: Existing, ids: dict[str, dict[str, int]],
                     track: Tracker) -> None:
    """Members of each group in the file, and participants of each project in the file, become the file's."""
    groups, people, projects, orgs = ids["groups"], ids["people"], ids["projects"], ids["organizations"]
    scope = {groups[g.key]: g.key for g in file.groups}
    want = {(groups[g.key], people[r.key]) for g in file.groups for r in g.members}
    have = {pair for pair in existing.members if pair[0] in scope}
    members = m.Base.metadata.tables["group_members"]
    for group_id in await _sync_pairs(session, members, ("group_id", "person_id"), want, have):
        track.updated("groups", scope[group_id])

    scope = {projects[p.key]: p.key for p in file.projects}
    want = {(projects[p.key], orgs[r.key]) for p in file.projects for r in p.participants}
    have = {pair for pair in existing.participants if pair[0] in scope}
    table = m.Base.metadata.tables["project_participants"]
    for project_id in await _sync_pairs(session, table, ("project_id", "organization_id"), want, have):
        track.updated("projects", scope[project_id])


def _question_row(q: QuestionRec) -> dict[str, Any]:
    return {name: getattr(q, name) for name in QUESTION_FIELDS}


async def sync_questions(session: AsyncSession, file: NetworkFile, existing: Existing, survey_ids: dict[str, int],
                         track: Tracker) -> None:
    """The questions of each survey in the file become the file's, matched by question id (so stored
    answers keep pointing at the same question row)."""
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    removed: list[int] = []
    for survey in file.surveys:
        survey_id = survey_ids[survey.key]
        stored = existing.questions.get(survey_id, {})
        wanted = {q.key: q for q in survey.questions}
        changed = False
        for key, row in stored.items():
            if key not in wanted:
                removed.append(row["id"])
                changed = True
        for key, question in wanted.items():
            values = _question_row(question)
            old = stored.get(key)
            if old is None:
                inserts.append({"survey_id": survey_id, "key": key, **values})
                changed = True
            elif any(old[name] != value for name, value in values.items()):
                updates.append({"id": old["id"], **values})
                changed = True
        if changed:
            track.updated("surveys", survey.key)
    await _delete_in(session, m.Base.metadata.tables["survey_questions"], "id", removed)
    if updates:
        await session.execute(update(m.SurveyQuestion), updates)
    if inserts:
        await session.execute(m.Base.metadata.tables["survey_questions"].insert(), inserts)


async def _delete_in(session: AsyncSession, table: Table, column: str, values: Iterable[int]) -> None:
    values = list(values)
    for start in range(0, len(values), CHUNK):
        await session.execute(table.delete().where(table.c[column].in_(values[start : start + CHUNK])))


async def delete_ids(session: AsyncSession, kind: str, ids: list[int]) -> None:
    """Delete rows of one kind, with their link rows (explicitly, even where the schema would cascade)."""
    links: dict[str, list[tuple[Table, str]]] = {
        "organizations": [(m.Base.metadata.tables["project_participants"], "organization_id")],
        "people": [(m.Base.metadata.tables["group_members"], "person_id"),
                   (m.Base.metadata.tables[PlatformIdentity.__tablename__], "person_id")],
        "groups": [(m.Base.metadata.tables["group_members"], "group_id")],
        "projects": [(m.Base.metadata.tables["project_participants"], "project_id")],
        "surveys": [(m.Base.metadata.tables["survey_questions"], "survey_id")],
    }
    for table, column in links.get(kind, []):
        await _delete_in(session, table, column, ids)
    await _delete_in(session, MODELS[kind].__table__, "id", ids)
