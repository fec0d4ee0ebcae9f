"""survey responses: answers per respondent, who submitted, when a survey opened and closed

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-27 13:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.types

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("surveys") as batch:
        batch.add_column(sa.Column("opened_at", storage.types.UTCDateTime(), nullable=True))
        batch.add_column(sa.Column("closed_at", storage.types.UTCDateTime(), nullable=True))
    op.create_table(
        "survey_responses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("survey_id", sa.Integer(), nullable=False),
        sa.Column("respondent", sa.String(length=40), nullable=True),
        sa.Column("organization_id", sa.Integer(), nullable=True),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("started_at", storage.types.UTCDateTime(), nullable=True),
        sa.Column("updated_at", storage.types.UTCDateTime(), nullable=True),
        sa.Column("submitted_at", storage.types.UTCDateTime(), nullable=True),
        sa.Column("submitted_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["survey_id"], ["surveys.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["organization_id"], ["organizations.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["submitted_by"], ["people.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("survey_id", "respondent"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_survey_responses_survey_id", "survey_responses", ["survey_id"])
    op.create_table(
        "survey_answers",
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("question_key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.JSON(), nullable=True),
        sa.Column("answered_by", sa.Integer(), nullable=True),
        sa.Column("answered_at", storage.types.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["response_id"], ["survey_responses.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["answered_by"], ["people.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("response_id", "question_key"),
    )
    op.create_table(
        "survey_turnout",
        sa.Column("survey_id", sa.Integer(), nullable=False),
        sa.Column("respondent", sa.String(length=40), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=True),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("submitted_at", storage.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["survey_id"], ["surveys.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["organization_id"], ["organizations.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("survey_id", "respondent"),
    )


def downgrade() -> None:
    op.drop_table("survey_turnout")
    op.drop_table("survey_answers")
    op.drop_index("ix_survey_responses_survey_id", table_name="survey_responses")
    op.drop_table("survey_responses")
    with op.batch_alter_table("surveys") as batch:
        batch.drop_column("closed_at")
        batch.drop_column("opened_at")
