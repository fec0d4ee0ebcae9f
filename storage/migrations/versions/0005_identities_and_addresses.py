"""identities and addresses keyed by platform

People's Slack and Teams user ids move from columns of `people` to `identities`, and the remembered
Slack DM channels move from `direct_channels` to `addresses` (as {"channel": id}). Today's data is
carried over; then the old columns and table are dropped.

On SQLite the columns are dropped with ALTER TABLE ... DROP COLUMN (SQLite 3.35 or newer), not by
copying the table: copying drops `people`, and with foreign keys on, that cascades to every row that
points at a person (group members, calendar tokens, the new identities...).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27 10:40:00
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

import storage.types

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_PLATFORM_COLUMNS = (("slack", "slack_user_id"), ("teams", "teams_user_id"))
_DIRECT_CHANNELS = sa.table(
    "direct_channels", sa.column("platform", sa.String()), sa.column("user_id", sa.String()),
    sa.column("channel_id", sa.String()), sa.column("updated_at", storage.types.UTCDateTime()),
)
_IDENTITIES = sa.table(
    "identities", sa.column("person_id", sa.Integer()), sa.column("network_id", sa.String()),
    sa.column("platform", sa.String()), sa.column("external_id", sa.String()),
    sa.column("created_at", storage.types.UTCDateTime()),
)
_ADDRESSES = sa.table(
    "addresses", sa.column("platform", sa.String()), sa.column("user_id", sa.String()),
    sa.column("address", sa.JSON()), sa.column("updated_at", storage.types.UTCDateTime()),
)


def upgrade() -> None:
    op.create_table(
        "identities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("network_id", sa.String(length=64), nullable=False),
        sa.Column("platform", sa.String(length=10), nullable=False),
        sa.Column("external_id", sa.String(length=200), nullable=False),
        sa.Column("tenant", sa.String(length=100), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("created_at", storage.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["network_id"], ["networks.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("person_id", "platform", name="uq_identities_person_platform"),
    )
    op.create_index("ix_identities_external_id", "identities", ["platform", "external_id"], unique=False)
    op.create_index(
        "uq_identities_account", "identities",
        ["network_id", "platform", sa.text("coalesce(tenant, '')"), "external_id"], unique=True,
    )
    op.create_table(
        "addresses",
        sa.Column("platform", sa.String(length=10), nullable=False),
        sa.Column("user_id", sa.String(length=200), nullable=False),
        sa.Column("address", sa.JSON(), nullable=False),
        sa.Column("updated_at", storage.types.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("platform", "user_id"),
    )

    bind = op.get_bind()
    now = datetime.now(UTC)
    identities: list[dict[str, object]] = []
    for platform, column in _PLATFORM_COLUMNS:
        taken: set[tuple[str, str]] = set()
        people = bind.execute(sa.text(f"SELECT id, network_id, {column} FROM people "
                                      f"WHERE {column} IS NOT NULL ORDER BY id"))
        for person_id, network_id, external_id in people:
            external_id = external_id.strip()
            # Within a network an account belongs to one person; should two share one, the first keeps it.
            if external_id and (network_id, external_id) not in taken:
                taken.add((network_id, external_id))
                identities.append({"person_id": person_id, "network_id": network_id, "platform": platform,
                                   "external_id": external_id, "created_at": now})
    if identities:
        op.bulk_insert(_IDENTITIES, identities)
    channels = bind.execute(sa.select(_DIRECT_CHANNELS)).all()
    if channels:
        op.bulk_insert(_ADDRESSES, [{"platform": p, "user_id": u, "address": {"channel": c}, "updated_at": at}
                                    for p, u, c, at in channels])

    op.drop_table("direct_channels")
    with op.batch_alter_table("people", recreate="never") as batch_op:
        batch_op.drop_index("ix_people_slack_user_id")
        batch_op.drop_index("ix_people_teams_user_id")
        batch_op.drop_column("slack_user_id")
        batch_op.drop_column("teams_user_id")


def downgrade() -> None:
    with op.batch_alter_table("people", recreate="never") as batch_op:
        batch_op.add_column(sa.Column("slack_user_id", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("teams_user_id", sa.String(length=200), nullable=True))
        batch_op.create_index("ix_people_slack_user_id", ["slack_user_id"], unique=False)
        batch_op.create_index("ix_people_teams_user_id", ["teams_user_id"], unique=False)
    op.create_table(
        "direct_channels",
        sa.Column("platform", sa.String(length=10), nullable=False),
        sa.Column("user_id", sa.String(length=200), nullable=False),
        sa.Column("channel_id", sa.String(length=200), nullable=False),
        sa.Column("updated_at", storage.types.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("platform", "user_id"),
    )
    bind = op.get_bind()
    for platform, column in _PLATFORM_COLUMNS:
        bind.execute(
            sa.text(
                f"UPDATE people SET {column} = (SELECT i.external_id FROM identities i "
                f"WHERE i.person_id = people.id AND i.platform = :platform)"
            ),
            {"platform": platform},
        )
    rows = [{"platform": p, "user_id": u, "channel_id": a["channel"], "updated_at": at}
            for p, u, a, at in bind.execute(sa.select(_ADDRESSES))
            if isinstance(a, dict) and isinstance(a.get("channel"), str)]  # Slack DM channels only
    if rows:
        op.bulk_insert(_DIRECT_CHANNELS, rows)
    op.drop_table("addresses")
    op.drop_index("uq_identities_account", table_name="identities")
    op.drop_index("ix_identities_external_id", table_name="identities")
    op.drop_table("identities")
