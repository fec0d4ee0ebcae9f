"""Matching chat users to people, and answering each platform delivery once (SQLite and PostgreSQL)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.dedupe import first_delivery, forget_old
from storage.identities import (
    by_email,
    forget_address,
    link,
    platform_id,
    recall_address,
    remember_address,
    resolve,
)
from storage.models import Network, Organization, Person
from tests.linking import account, accounts_by_email, linked_accounts


async def _two_networks(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as s:
        for net in ("digivestland", "digiviken"):
            s.add(Network(id=net, name=net, timezone="Europe/Oslo", language="nn"))
        await s.flush()
        vl = Organization(network_id="digivestland", key="4601", name="Bergen")
        vk = Organization(network_id="digiviken", key="3203", name="Asker")
        s.add_all([vl, vk])
        await s.flush()
        ola = Person(network_id="digivestland", email="ola@example.no", name="Ola", organization_id=vl.id)
        s.add_all([
            Person(network_id="digivestland", email="kari@example.no", name="Kari", organization_id=vl.id),
            Person(network_id="digiviken", email="kari@example.no", name="Kari", organization_id=vk.id),
            ola, account(ola, "U0OLA"),
        ])
        await s.commit()


async def test_a_slack_user_with_a_stored_id_is_found_without_asking_slack(sessions) -> None:
    await _two_networks(sessions)
    asked = []

    async def lookup() -> str | None:
        asked.append(1)
        return None

    async with sessions() as s:
        who = await resolve(s, "slack", "U0OLA", lookup)
    assert who is not None and who.network_id == "digivestland"
    assert asked == []


async def test_a_user_matched_by_email_is_remembered_in_every_network(sessions) -> None:
    await _two_networks(sessions)

    async def lookup() -> str | None:
        return "KARI@example.no"

    async with sessions() as s:
        who = await resolve(s, "slack", "U0KARI", lookup, preferred_network="digiviken")
    assert who is not None and who.network_id == "digiviken"
    async with sessions() as s:
        ids = await accounts_by_email(s, "kari@example.no")
    assert ids == ["U0KARI", "U0KARI"]


async def test_an_unknown_user_is_not_matched_and_nothing_is_written(sessions) -> None:
    await _two_networks(sessions)

    async def lookup() -> str | None:
        return "stranger@example.com"

    async with sessions() as s:
        assert await resolve(s, "slack", "U0NOBODY", lookup) is None
        linked = [a for a in await linked_accounts(s) if a == "U0NOBODY"]
    assert linked == []
    async with sessions() as s:
        assert await by_email(s, "stranger@example.com") is None


async def test_the_same_delivery_counts_once_even_when_asked_concurrently(sessions) -> None:
    now = datetime(2026, 11, 22, 9, tzinfo=UTC)

    async def attempt() -> bool:
        async with sessions() as s:
            return await first_delivery(s, "slack:event:Ev123", now)

    results = await asyncio.gather(*(attempt() for _ in range(5)))
    assert results.count(True) == 1
    async with sessions() as s:
        assert await first_delivery(s, "slack:event:Ev456", now) is True


async def test_old_deliveries_are_forgotten(sessions) -> None:
    now = datetime(2026, 11, 22, 9, tzinfo=UTC)
    async with sessions() as s:
        await first_delivery(s, "old", now - timedelta(days=3))
        await first_delivery(s, "new", now)
        assert await forget_old(s, now) == 1
        assert await first_delivery(s, "new", now) is False


async def test_a_second_slack_account_with_a_linked_persons_email_is_refused(sessions, caplog) -> None:
    """Ola is linked to his Slack account U0OLA. Someone writes from another Slack account, U0IMPOSTOR,
    whose profile shows Ola's e-mail: the bot does not answer them as Ola, keeps Ola's link, and logs it."""
    await _two_networks(sessions)

    async def lookup() -> str | None:
        return "ola@example.no"

    with caplog.at_level("WARNING", logger="storage.identities"):
        async with sessions() as s:
            who = await resolve(s, "slack", "U0IMPOSTOR", lookup)
    assert who is None
    assert "U0IMPOSTOR" in caplog.text and "U0OLA" in caplog.text
    async with sessions() as s:
        assert await resolve(s, "slack", "U0IMPOSTOR", lookup) is None  # still refused the next time
        ola = await resolve(s, "slack", "U0OLA", lookup)
    assert ola is not None and ola.network_id == "digivestland"


async def test_linking_never_gives_a_person_a_second_account_or_an_account_two_people(sessions) -> None:
    """The sender found Slack accounts by e-mail: a person keeps the account they have, and an account
    stays with the one person of a network who has it."""
    await _two_networks(sessions)
    async with sessions() as s:
        ola = await by_email(s, "ola@example.no")
        kari_vest = await by_email(s, "kari@example.no", "digivestland")
        kari_viken = await by_email(s, "kari@example.no", "digiviken")
        assert ola and kari_vest and kari_viken
        assert await link(s, ola.person_id, "slack", "U0OTHER") is False
        assert await link(s, kari_vest.person_id, "slack", "U0OLA") is False  # Ola's, in the same network
        assert await link(s, kari_viken.person_id, "slack", "U0OLA") is True  # another network: allowed
        await s.commit()
        assert await platform_id(s, ola.person_id, "slack") == "U0OLA"
        assert await platform_id(s, kari_vest.person_id, "slack") is None


async def test_a_remembered_address_is_recalled_replaced_and_forgotten(sessions) -> None:
    now = datetime(2026, 11, 22, 9, tzinfo=UTC)
    async with sessions() as s:
        await remember_address(s, "slack", "U0OLA", {"channel": "D0OLD"}, now)
        await remember_address(s, "slack", "U0OLA", {"channel": "D0NEW"}, now)
        await remember_address(s, "teams", "29:1ola", {"conversation": {"id": "a:1"}, "serviceUrl": "https://x"}, now)
        await s.commit()
    async with sessions() as s:
        assert await recall_address(s, "slack", "U0OLA") == {"channel": "D0NEW"}
        assert await recall_address(s, "teams", "29:1ola") == {"conversation": {"id": "a:1"}, "serviceUrl": "https://x"}
        await forget_address(s, "slack", "U0OLA")
        await s.commit()
        assert await recall_address(s, "slack", "U0OLA") is None
        assert await recall_address(s, "teams", "29:1ola") is not None
