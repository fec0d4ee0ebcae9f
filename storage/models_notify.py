"""Everything the bot sends on its own: the outbox, announcements, calendar feeds, project history.

The outbox is the only queue: planners insert rows with a unique idempotency key, and delivery
workers (one or many, in any process) claim due rows, send them and record the result.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base

OUTBOX_STATUSES = ("pending", "sending", "sent", "failed", "cancelled")


class OutboxMessage(Base):
    __tablename__ = "outbox"
    __table_args__ = (
        UniqueConstraint("network_id", "key"),
        Index("ix_outbox_due", "status", "due_at"),
        Index("ix_outbox_ref", "ref"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    network_id: Mapped[str] = mapped_column(ForeignKey("networks.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(300))  # idempotency key, e.g. reminder:<deadline>:<email>:P1D
    # meeting_notice | meeting_update | meeting_cancel | reminder | interest_call | digest | announcement
    # (survey_invitation | survey_reminder come with surveys)
    kind: Mapped[str] = mapped_column(String(30))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"), index=True)
    recipient: Mapped[str] = mapped_column(String(254))  # the person's e-mail, kept if the person is removed
    channel: Mapped[str] = mapped_column(String(10))  # slack | teams | email | console
    lang: Mapped[str] = mapped_column(String(2))
    message: Mapped[dict[str, Any]] = mapped_column()  # the rendered Message (messages.codec)
    attachment: Mapped[dict[str, Any] | None] = mapped_column()  # e.g. {"filename", "content_type", "text"}
    # What it tells, as data (handlers/notify/facts.py): the sender puts it into words in the recipient's
    # language when it is sent; `message` is then what it said when planned. None: `message` is all there is.
    facts: Mapped[dict[str, Any] | None] = mapped_column()
    ref: Mapped[str | None] = mapped_column(String(200))  # what it is about: "meeting:<key>", "announcement:<id>"
    due_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(10), default="pending")
    status_text: Mapped[str | None] = mapped_column(String(300))  # e.g. "channel not configured"
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    not_before: Mapped[datetime | None]  # backoff / Retry-After
    lease_until: Mapped[datetime | None]  # a claimed row is the claimer's until then
    claimed_by: Mapped[str | None] = mapped_column(String(100))
    last_error: Mapped[str | None] = mapped_column(Text)
    platform_message_id: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]
    confirmed_at: Mapped[datetime | None]  # announcements that ask for a read confirmation


class Announcement(Base):
    __tablename__ = "announcements"

    id: Mapped[int] = mapped_column(primary_key=True)
    network_id: Mapped[str] = mapped_column(ForeignKey("networks.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    title: Mapped[str | None] = mapped_column(String(150))
    text: Mapped[str] = mapped_column(Text)
    audience: Mapped[dict[str, Any]] = mapped_column(default=dict)
    send_at: Mapped[datetime]
    require_confirmation: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime]
    cancelled_at: Mapped[datetime | None]


class CalendarToken(Base):
    """A secret URL a person subscribes to: /calendar/<token>.ics (revocable)."""

    __tablename__ = "calendar_tokens"

    token: Mapped[str] = mapped_column(String(64), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]


class ProjectStatusChange(Base):
    """Recorded by the importer when a project's status changes; digests report them."""

    __tablename__ = "project_status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    network_id: Mapped[str] = mapped_column(ForeignKey("networks.id", ondelete="CASCADE"), index=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    old_status: Mapped[str | None] = mapped_column(String(20))
    new_status: Mapped[str] = mapped_column(String(20))
    changed_at: Mapped[datetime] = mapped_column(index=True)

