"""The call for interest of the interest tests (tests/fixtures/interest/network.yaml), told as a small world:
who is who, what the database holds, and the secretariat's view."""

from __future__ import annotations

from sqlalchemy import select

from messages.render_text import to_text
from storage.models import Deadline, Organization, Person
from storage.models_interest import InterestAnswer
from storage.models_notify import OutboxMessage
from tests.testbot import TestBot

NETWORK = "tests/fixtures/interest/network.yaml"
CALL = "interesse-skjonn"
ATLE = "atle.sandal@bergen.kommune.no"  # the secretariat (Bergen)
KARI = "kari.fjell@askoy.kommune.no"  # Askøy, chief executive (nb)
OLA = "ola.strand@askoy.kommune.no"  # Askøy, coordinator (nb): Kari's colleague
NILS = "nils.alvheim@alver.kommune.no"  # Alver (nn)
EMMA = "emma.berg@bjornafjorden.kommune.no"  # Bjørnafjorden (en)
PER = "per.oy@oygarden.kommune.no"  # Øygarden (nb)
SIRI = "siri.hauge@oygarden.kommune.no"  # Øygarden, ICT lead: not in the call's audience
FIRST_REMINDER = "2026-12-03T09:00"  # P7D before Thursday 10 December 23:59, in office hours
LAST_REMINDER = "2026-12-09T09:00"  # P1D
DUE = "2026-12-10T23:59"


async def answers(bot: TestBot) -> dict[str, tuple[str, str | None, str | None]]:
    """organization name: (answer, comment, the answering person's e-mail)."""
    async with bot.sessions() as session:
        rows = await session.execute(
            select(Organization.name, InterestAnswer.answer, InterestAnswer.comment, Person.email)
            .join(Organization, Organization.id == InterestAnswer.organization_id)
            .join(Deadline, Deadline.id == InterestAnswer.deadline_id)
            .outerjoin(Person, Person.id == InterestAnswer.person_id)
            .where(Deadline.key == CALL))
        return {org: (answer, comment, email) for org, answer, comment, email in rows}


async def reminded(bot: TestBot, status: str = "pending") -> set[str]:
    """Who has the call itself or a reminder of it in the outbox with `status`."""
    async with bot.sessions() as session:
        return set(await session.scalars(select(OutboxMessage.recipient).where(
            OutboxMessage.ref == f"deadline:{CALL}", OutboxMessage.status == status)))


async def home_of(bot: TestBot, email: str) -> str:
    """The App Home of `email` as text (what handlers/home.py shows at the bot's clock)."""
    from bot.pipeline.context import build_context
    from handlers.context import Context
    from handlers.home import home_messages
    from storage.snapshot import SnapshotCache

    async with bot.sessions() as session:
        ctx = await build_context(session, SnapshotCache(), bot.network_id, bot.person(email).id, now=bot.now())
        assert isinstance(ctx, Context)
        return to_text(await home_messages(ctx), ctx.lang)
