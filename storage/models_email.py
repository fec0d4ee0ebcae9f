"""What the e-mail channel keeps: the one-click links already used, and who unsubscribed from digests."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base


class UsedLink(Base):
    """A one-click link (bot/channels/email/tokens.py) that has done its work: by its nonce, until it expires."""

    __tablename__ = "used_links"

    nonce: Mapped[str] = mapped_column(String(40), primary_key=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(String(40))
    used_at: Mapped[datetime]
    expires_at: Mapped[datetime] = mapped_column(index=True)  # forgotten after this: the token is dead anyway


class DigestOptOut(Base):
    """Someone who unsubscribed from digests: by e-mail within the network, so a new import of the network
    file (which says who gets digests) does not subscribe them again."""

    __tablename__ = "digest_opt_outs"

    network_id: Mapped[str] = mapped_column(ForeignKey("networks.id", ondelete="CASCADE"), primary_key=True)
    email: Mapped[str] = mapped_column(String(254), primary_key=True)  # lower case
    opted_out_at: Mapped[datetime]
