"""flows: durable conversations with a version (replaces conversation_state)

Revision ID: 0006
Revises: 0005 (rechained after the identities migration 0005 at merge)
Create Date: 2026-11-27 10:45:00

The ask-backs waiting in conversation_state (topic "question_ask_back", kept 15 minutes) are carried
over into flows as the flow "question_ask_back" at its step "choose", expiring 15 minutes after they
were asked, so an upgrade in the middle of "Herøy or Hareid?" loses nothing. conversation_state held
no other topic; any other row would be dropped with the table. A downgrade recreates the old table
empty (ask-backs are short-lived) and drops flows.
"""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from alembic import op

import storage.types

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

ASK_BACK_WINDOW = timedelta(minutes=15)  # handlers.questions.ask_back.FOLLOW_UP_WINDOW at the time of writing


def upgrade() -> None:
    flows = op.create_table(
        "flows",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("flow", sa.String(length=50), nullable=False),
        sa.Column("subject", sa.String(length=100), nullable=False),
        sa.Column("step", sa.String(length=50), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("paused", sa.Boolean(), nullable=False),
        sa.Column("updated_at", storage.types.UTCDateTime(), nullable=False),
        sa.Column("expires_at", storage.types.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("person_id", "flow", "subject"),
        sqlite_autoincrement=True,
    )
    old = sa.table("conversation_state", sa.column("person_id", sa.Integer()), sa.column("topic", sa.String()),
                   sa.column("data", sa.JSON()), sa.column("updated_at", storage.types.UTCDateTime()))
    waiting = op.get_bind().execute(
        sa.select(old.c.person_id, old.c.data, old.c.updated_at).where(old.c.topic == "question_ask_back")
    ).all()
    if waiting:
        op.bulk_insert(flows, [
            {"person_id": person_id, "flow": "question_ask_back", "subject": "", "step": "choose", "data": data,
             "version": 1, "paused": False, "updated_at": asked_at, "expires_at": asked_at + ASK_BACK_WINDOW}
            for person_id, data, asked_at in waiting
        ])
    op.drop_table("conversation_state")


def downgrade() -> None:
    op.create_table(
        "conversation_state",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("topic", sa.String(length=50), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("updated_at", storage.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("person_id", "topic"),
    )
    op.drop_table("flows")
