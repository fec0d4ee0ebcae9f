"""People whose chat identities or names clash: inside the network, or with another network."""

from __future__ import annotations

import unicodedata

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage import models as m
from storage.importer.errors import Problems
from storage.importer.existing import Existing
from storage.importer.records import NetworkFile

CHUNK = 500
_IDENTITIES = (("slack_user_id", "Slack id"), ("teams_user_id", "Teams id"))


def _same_name(a: str, b: str) -> bool:
    def fold(name: str) -> str:
        return " ".join(unicodedata.normalize("NFC", name).casefold().split())

    return fold(a) == fold(b)


def check_shared_identities(file: NetworkFile, existing: Existing, prune: bool, problems: Problems) -> None:
    """Two people of one network may not share a Slack or Teams user id (after the import)."""
    in_file = {p.email for p in file.people}
    for attr, label in _IDENTITIES:
        owner: dict[str, str] = {}
        if not prune:  # stored people missing from the file are kept
            for email, row in existing.rows["people"].items():
                if email not in in_file and row[attr]:
                    owner[row[attr]] = f"{email} (stored, not in this file)"
        for person in file.people:
            value = getattr(person, attr)
            if value is None:
                continue
            if value in owner:
                problems.add(f"people[{person.pos}].{attr}", f"{value} is also the {label} of {owner[value]}")
            else:
                owner[value] = f"people[{person.pos}] ({person.email})"


async def check_other_networks(session: AsyncSession, file: NetworkFile, network_id: str, problems: Problems) -> None:
    """A person (same e-mail) stored in another network must have the same name and chat ids there."""
    by_email = {p.email: p for p in file.people}
    emails = list(by_email)
    table = m.Person.__table__
    for start in range(0, len(emails), CHUNK):
        result = await session.execute(
            select(table.c.network_id, table.c.email, table.c.name, table.c.slack_user_id, table.c.teams_user_id)
            .where(table.c.email.in_(emails[start : start + CHUNK]), table.c.network_id != network_id)
            .order_by(table.c.network_id)
        )
        for other, email, name, slack, teams in result:
            person = by_email[email]
            where = f'in network "{other}"'
            if not _same_name(name, person.name):
                problems.add(f"people[{person.pos}].name", f'{email} is "{name}" {where} but "{person.name}" here')
            for attr, stored in (("slack_user_id", slack), ("teams_user_id", teams)):
                mine = getattr(person, attr)
                if stored and mine and stored != mine:
                    problems.add(f"people[{person.pos}].{attr}", f"{email} is {stored} {where} but {mine} here")
