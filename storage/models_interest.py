"""Answers to calls for interest (deadlines of kind `interest`): one row per deadline and organization.

The organization answers, not the person: a colleague who answers again replaces the row's answer, and the
row remembers who gave the answer now standing (`person_id`), when it was first given (`answered_at`) and
when it last changed (`updated_at`). The comment belongs to the answer it was given with.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base

ANSWERS = ("yes", "no", "unsure")


class InterestAnswer(Base):
    __tablename__ = "interest_answers"
    __table_args__ = (UniqueConstraint("deadline_id", "organization_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    deadline_id: Mapped[int] = mapped_column(ForeignKey("deadlines.id", ondelete="CASCADE"))
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    answer: Mapped[str] = mapped_column(String(10))  # yes | no | unsure
    comment: Mapped[str | None] = mapped_column(Text)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    answered_at: Mapped[datetime]
    updated_at: Mapped[datetime]
