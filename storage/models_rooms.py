"""Rooms (the network file's `rooms:`): broadcast-only channels reached through a webhook, and the token
buckets that rate limits share across replicas on PostgreSQL (bot/delivery/shared_limits.py).

A room stores the *name* of the environment variable that holds its webhook URL (`url_env`), never the
URL from that variable: the URL is a secret read when a message is sent. Only a URL written into the
network file itself (`url:`) is kept here, as the file keeps it; it is never logged or shown.
"""

from __future__ import annotations

from sqlalchemy import Float, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base


class Room(Base):
    __tablename__ = "rooms"
    __table_args__ = (UniqueConstraint("network_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    network_id: Mapped[str] = mapped_column(ForeignKey("networks.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(20))  # slack_webhook | teams_workflow
    url_env: Mapped[str | None] = mapped_column(String(200))  # the environment variable holding the URL
    url: Mapped[str | None] = mapped_column(Text)  # a URL written into the network file (`url:`)
    groups: Mapped[list[str]] = mapped_column(default=list)  # group keys; empty: the whole network
    kinds: Mapped[list[str]] = mapped_column(default=list)  # outbox kinds it receives
    language: Mapped[str | None] = mapped_column(String(2))  # else the network's


class RateBucket(Base):
    """One shared token bucket in its GCRA form (times are the database server's epoch seconds)."""

    __tablename__ = "rate_buckets"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)  # e.g. "slack:workspace:T123"
    tat: Mapped[float] = mapped_column(Float, default=0.0)  # theoretical arrival time
    paused_until: Mapped[float] = mapped_column(Float, default=0.0)
    pushed_back: Mapped[float] = mapped_column(Float, default=0.0)  # seconds pauses moved booked slots, in all
    last_at: Mapped[float] = mapped_column(Float, default=0.0)  # the slot the latest reservation got
