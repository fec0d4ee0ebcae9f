"""What every chat message needs to know first, in ONE statement: who the platform user is, the revision of
their network, and whether they have any conversation (flow) row at all.

Before, a Slack DM asked these in three statements (identities, the snapshot's revision check, the flows
SELECT). Asked together, on the session's own connection and transaction, the answers are the same as
asked apart, only cheaper: a linked account costs one SELECT, and a person without a flow row (nearly
everyone, nearly always) costs no flows SELECT at all. Nothing is cached across messages, so this holds
with any number of replicas: an import (a new revision), a link made by another replica, a flow started by
another replica are all seen by the next message, exactly as before.

The statement is built once (Core, bound parameters) and, on SQLite, compiled once and run directly on the
session's connection (storage/prepared.py): SQLAlchemy's statement construction, ORM compile steps and
execution machinery, and the trips to aiosqlite's thread, were a large part of a DM's CPU.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, bindparam, exists, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from storage.identities import Identity
from storage.models import Network
from storage.models_flows import FlowRow
from storage.models_identity import PlatformIdentity
from storage.prepared import Prepared

_identities = PlatformIdentity.__table__
_networks = Network.__table__
_flows = FlowRow.__table__

# The account's rows whatever their tenant, as resolve() matches an account when no tenant is given.
_LINKED = Prepared(
    select(
        _identities.c.network_id,
        _identities.c.person_id,
        _networks.c.revision,
        exists().where(_flows.c.person_id == _identities.c.person_id).label("has_flows"),
    )
    .select_from(_identities.join(_networks, _networks.c.id == _identities.c.network_id))
    .where(and_(_identities.c.platform == bindparam("platform"), _identities.c.external_id == bindparam("user_id")))
)


@dataclass(frozen=True)
class Linked(Identity):
    """One person a platform account is linked to, with what the rest of the message needs."""

    revision: int  # the network's revision, read in this transaction
    has_flows: bool  # whether the person has any flow row (live or not), in this transaction


async def linked(db: AsyncSession | AsyncConnection, platform: str, user_id: str) -> list[Linked]:
    """Every person the account is linked to (one per network), in the caller's transaction (on the connection
    a session is bound to, that connection itself: the session's own bookkeeping is not needed for it)."""
    connection = db if isinstance(db, AsyncConnection) else await db.connection()
    rows = await _LINKED.rows(connection, {"platform": platform, "user_id": user_id})
    return [Linked(network_id, person_id, revision, bool(has_flows))
            for network_id, person_id, revision, has_flows in rows]
