"""Do the file's references resolve? Against the file, plus what stays in the database.

Without prune, entries already stored but missing from the file are kept, so references to them
are fine; with prune they are about to be removed, so only the file counts.
"""

from __future__ import annotations

from collections.abc import Iterable

from storage.importer.errors import Problems
from storage.importer.existing import Existing
from storage.importer.records import NetworkFile, Ref


def check_references(file: NetworkFile, existing: Existing, prune: bool, problems: Problems) -> None:
    def known(kind: str, in_file: Iterable[str]) -> set[str]:
        keys = set(in_file) | file.refused.get(kind, set())
        if not prune:
            keys.update(existing.rows[kind])
        return keys

    orgs = known("organizations", (o.key for o in file.organizations))
    people = known("people", (p.email for p in file.people))
    groups = known("groups", (g.key for g in file.groups))
    projects = known("projects", (p.key for p in file.projects))
    surveys = known("surveys", (s.key for s in file.surveys))

    def check(refs: Iterable[Ref | None], keys: set[str], what: str) -> None:
        for ref in refs:
            if ref is not None and ref.key not in keys:
                problems.add(ref.path, f'no {what} "{ref.key}"')

    org, person = "organization with id", "person with e-mail"
    for p in file.people:
        check([p.organization], orgs, org)
    for g in file.groups:
        check([g.chair, *g.members], people, person)
    for pr in file.projects:
        check([pr.owner, *pr.participants], orgs, org)
        check([pr.leader], people, person)
    for d in file.deadlines:
        check([d.contact], people, person)
        check([d.project], projects, "project with id")
        check([d.survey], surveys, "survey with id")
    for audience in [*(d.audience for d in file.deadlines), *(m.audience for m in file.meetings),
                     *(s.audience for s in file.surveys)]:
        check(audience.organizations, orgs, org)
        check(audience.groups, groups, "group with id")
    for mt in file.meetings:
        check([mt.group], groups, "group with id")
    for room in file.rooms:
        check(room.groups, groups, "group with id")
