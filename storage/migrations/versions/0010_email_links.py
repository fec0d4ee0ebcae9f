"""e-mail: one-click links already used, and unsubscriptions from digests

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-27 14:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.types

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "used_links",
        sa.Column("nonce", sa.String(length=40), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("purpose", sa.String(length=40), nullable=False),
        sa.Column("used_at", storage.types.UTCDateTime(), nullable=False),
        sa.Column("expires_at", storage.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("nonce"),
    )
    op.create_index("ix_used_links_person_id", "used_links", ["person_id"])
    op.create_index("ix_used_links_expires_at", "used_links", ["expires_at"])
    op.create_table(
        "digest_opt_outs",
        sa.Column("network_id", sa.String(length=64), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("opted_out_at", storage.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["network_id"], ["networks.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("network_id", "email"),
    )


def downgrade() -> None:
    op.drop_table("digest_opt_outs")
    op.drop_index("ix_used_links_expires_at", table_name="used_links")
    op.drop_index("ix_used_links_person_id", table_name="used_links")
    op.drop_table("used_links")
