"""People whose chat identities or names clash: inside the network, or with another network."""

from __future__ import annotations

import unicodedata

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage import models as m
from storage.importer.errors import Problems
from storage.importer.existing import Existing
from storage.importer.records import PLATFORM_FIELDS, NetworkFile
from storage.models_identity import PlatformIdentity

CHUNK = 500
_LABELS = {"slack": "Slack id", "teams": "Teams id"}


def _same_name(a: str, b: str) -> bool:
    def fold(name: str) -> str:
        return " ".join(unicodedata.normalize("NFC", name).casefold().split())

    return fold(a) == fold(b)


def check_shared_identities(file: NetworkFile, existing: Existing, prune: bool, problems: Problems) -> None:
    """Two people of one network may not share a Slack or Teams user id (after the import)."""
    in_file = {p.email for p in file.people}
    for attr, platform in PLATFORM_FIELDS:
        label = _LABELS[platform]
        owner: dict[str, str] = {}
        if not prune:  # stored people missing from the file are kept
            for email in existing.rows["people"]:
                stored = existing.identity(email, platform) if email not in in_file else None
                if stored is not None:
                    owner[stored["external_id"]] = f"{email} (stored, not in this file)"
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
    people = m.Person.__table__
    for start in range(0, len(emails), CHUNK):
        found = await session.execute(
            select(people.c.network_id, people.c.email, people.c.name, people.c.id)
            .where(people.c.email.in_(emails[start : start + CHUNK]), people.c.network_id != network_id)
            .order_by(people.c.network_id)
        )
        rows = found.all()
        if not rows:
            continue
        ids = await session.execute(
            select(PlatformIdentity.person_id, PlatformIdentity.platform, PlatformIdentity.external_id)
            .where(PlatformIdentity.person_id.in_([row.id for row in rows]))
        )
        accounts = {(person_id, platform): external_id for person_id, platform, external_id in ids}
        for other, email, name, person_id in rows:
            person = by_email[email]
            where = f'in network "{other}"'
            if not _same_name(name, person.name):
                problems.add(f"people[{person.pos}].name", f'{email} is "{name}" {where} but "{person.name}" here')
            for attr, platform in PLATFORM_FIELDS:
                stored, mine = accounts.get((person_id, platform)), getattr(person, attr)
                if stored and mine and stored != mine:
                    problems.add(f"people[{person.pos}].{attr}", f"{email} is {stored} {where} but {mine} here")
