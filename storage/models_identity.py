"""Who a person is on each chat platform, and where a platform user is reached: rows keyed by platform,
so that a new channel (Teams, e-mail...) needs no new column.

`identities`: a person's account on a platform (a Slack user id; a Teams user id and tenant). A person
has at most one account per platform, and within one network an account belongs to at most one person.
The same account may belong to the same human's person rows in several networks (one row each).

`addresses`: where a platform user is reached directly, as the platform needs it: a Slack DM channel
`{"channel": "D123"}`, a Teams conversation reference (a JSON object), an e-mail `{"email": ...}`.
Keyed by platform user, not by person: a Slack DM channel is the same for every network the user is in.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storage.models import Base, Person

# The longest external id each platform may have (the network file is checked against these).
MAX_EXTERNAL_ID = {"slack": 40, "teams": 200}


class PlatformIdentity(Base):
    __tablename__ = "identities"
    __table_args__ = (
        UniqueConstraint("person_id", "platform", name="uq_identities_person_platform"),
        # One account, one person per network. Slack has no tenant (NULL), and NULLs never clash in a
        # unique index, hence the coalesce.
        Index("uq_identities_account", "network_id", "platform", text("coalesce(tenant, '')"), "external_id",
              unique=True),
        Index("ix_identities_external_id", "platform", "external_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    network_id: Mapped[str] = mapped_column(ForeignKey("networks.id", ondelete="CASCADE"))  # the person's
    platform: Mapped[str] = mapped_column(String(10))  # slack | teams
    external_id: Mapped[str] = mapped_column(String(200))  # the platform's user id
    tenant: Mapped[str | None] = mapped_column(String(100))  # Teams: the tenant id; Slack: NULL
    # The e-mail the platform reported when the bot linked the account itself; NULL when the network
    # file gave it (an import replaces or removes only those).
    email: Mapped[str | None] = mapped_column(String(254))
    created_at: Mapped[datetime]

    person: Mapped[Person] = relationship(lazy="raise")


class Address(Base):
    __tablename__ = "addresses"

    platform: Mapped[str] = mapped_column(String(10), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(200), primary_key=True)  # the platform's user id
    address: Mapped[dict[str, Any]] = mapped_column()
    updated_at: Mapped[datetime]
