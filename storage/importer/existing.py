"""What the database already holds for one network, loaded once into dicts (no ORM objects)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage import models as m
from storage.models_identity import PlatformIdentity
from storage.models_rooms import Room

# Entity kind (as in the file and the report) -> model; people are keyed by email, the rest by key.
MODELS: dict[str, Any] = {
    "organizations": m.Organization,
    "people": m.Person,
    "groups": m.Group,
    "projects": m.Project,
    "surveys": m.Survey,
    "deadlines": m.Deadline,
    "meetings": m.Meeting,
    "rooms": Room,
}


def key_column(kind: str) -> str:
    return "email" if kind == "people" else "key"


@dataclass
class Existing:
    """Rows of one network: kind -> key -> {column: value} (including "id"), plus link rows."""

    network: dict[str, Any] | None = None
    rows: dict[str, dict[str, dict[str, Any]]] = field(default_factory=lambda: {k: {} for k in MODELS})
    members: set[tuple[int, int]] = field(default_factory=set)  # (group_id, person_id)
    participants: set[tuple[int, int]] = field(default_factory=set)  # (project_id, organization_id)
    questions: dict[int, dict[str, dict[str, Any]]] = field(default_factory=dict)  # survey_id -> key -> row
    # The network's platform identities by (person id, platform):
    # {"id", "person_id", "platform", "external_id", "tenant", "email"}
    identities: dict[tuple[int, str], dict[str, Any]] = field(default_factory=dict)

    def identity(self, email: str, platform: str) -> dict[str, Any] | None:
        """The stored identity of a person (by e-mail) on a platform."""
        person = self.rows["people"].get(email)
        return self.identities.get((person["id"], platform)) if person is not None else None

    def ids(self, kind: str) -> dict[str, int]:
        return {key: row["id"] for key, row in self.rows[kind].items()}


def _columns(table: Table) -> list[Any]:
    return [c for c in table.c if c.name != "network_id"]


async def load_existing(session: AsyncSession, network_id: str, lock: bool = True) -> Existing:
    existing = Existing()
    query = select(*m.Network.__table__.c).where(m.Network.id == network_id)
    if lock and session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update()  # two imports of one network run one after the other
    network = (await session.execute(query)).mappings().first()
    if network is None:
        return existing
    existing.network = dict(network)
    for kind, model in MODELS.items():
        table = model.__table__
        result = await session.execute(select(*_columns(table)).where(table.c.network_id == network_id))
        key = key_column(kind)
        existing.rows[kind] = {row[key]: dict(row) for row in result.mappings()}
    gm = await session.execute(
        select(m.GroupMember.group_id, m.GroupMember.person_id)
        .join(m.Group, m.Group.id == m.GroupMember.group_id)
        .where(m.Group.network_id == network_id)
    )
    existing.members = {(g, p) for g, p in gm}
    pp = await session.execute(
        select(m.ProjectParticipant.project_id, m.ProjectParticipant.organization_id)
        .join(m.Project, m.Project.id == m.ProjectParticipant.project_id)
        .where(m.Project.network_id == network_id)
    )
    existing.participants = {(p, o) for p, o in pp}
    questions = m.SurveyQuestion.__table__
    sq = await session.execute(
        select(*questions.c)
        .join(m.Survey, m.Survey.id == questions.c.survey_id)
        .where(m.Survey.network_id == network_id)
    )
    for row in sq.mappings():
        existing.questions.setdefault(row["survey_id"], {})[row["key"]] = dict(row)
    identities = PlatformIdentity.__table__
    found = await session.execute(
        select(*(c for c in identities.c if c.name not in ("network_id", "created_at")))
        .where(identities.c.network_id == network_id)
    )
    existing.identities = {(row["person_id"], row["platform"]): dict(row) for row in found.mappings()}
    return existing
