"""Conversations in flight: one row per person, flow and subject (DESIGN.md "Conversations").

A row says where the conversation stands (`step`), what it has gathered so far (`data`) and a
`version` that every move raises, so that two replicas or two presses of one button cannot both move
it (compare-and-set in storage/flows.py). A finished flow's row is deleted; `sqlite_autoincrement`
keeps SQLite from giving its id to a later row, so a button of a finished flow never names a new one.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base


class FlowRow(Base):
    __tablename__ = "flows"
    __table_args__ = (
        UniqueConstraint("person_id", "flow", "subject"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    flow: Mapped[str] = mapped_column(String(50))  # the Flow's name, e.g. "question_ask_back"
    subject: Mapped[str] = mapped_column(String(100), default="")  # e.g. a survey id; "" when none
    step: Mapped[str] = mapped_column(String(50))
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    version: Mapped[int] = mapped_column(Integer, default=1)
    paused: Mapped[bool] = mapped_column(Boolean, default=False)  # kept, but typed text no longer goes to it
    updated_at: Mapped[datetime]
    expires_at: Mapped[datetime | None]  # after this moment the flow is as good as gone; None: never
