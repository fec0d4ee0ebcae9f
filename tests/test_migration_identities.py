"""Upgrading a database from 0004 (chat ids as columns of `people`, DM channels in `direct_channels`) keeps
everyone's Slack and Teams ids and remembered DM channels (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from alembic import command
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from storage import identities
from storage.db import make_engine, make_sessionmaker
from storage.migrate import HEAD, alembic_config, upgrade

OLD_DATA = [
    "INSERT INTO networks (id, name, timezone, language, fee_fixed_nok, fee_per_inhabitant_nok, revision) "
    "VALUES ('vest', 'DigiVest', 'Europe/Oslo', 'nn', 0, 0, 3), ('viken', 'DigiViken', 'Europe/Oslo', 'nb', 0, 0, 1)",
    "INSERT INTO organizations (id, network_id, key, name, kind, status) "
    "VALUES (1, 'vest', '4601', 'Bergen', 'municipality', 'member'), "
    "(2, 'viken', '3203', 'Asker', 'municipality', 'member')",
    "INSERT INTO people (id, network_id, email, name, organization_id, roles, slack_user_id, teams_user_id, "
    "channel, digest) VALUES "
    "(1, 'vest', 'kari@example.no', 'Kari', 1, '[]', 'U0KARI', NULL, 'slack', 'none'), "
    "(2, 'viken', 'kari@example.no', 'Kari', 2, '[]', 'U0KARI', NULL, 'slack', 'none'), "
    "(3, 'vest', 'ola@example.no', 'Ola', 1, '[]', NULL, '29:1ola', 'teams', 'none'), "
    "(4, 'vest', 'per@example.no', 'Per', 1, '[]', NULL, NULL, 'email', 'none'), "
    "(5, 'vest', 'kopi@example.no', 'Kopi', 1, '[]', 'U0KARI', NULL, 'slack', 'none')",
    "INSERT INTO groups (id, network_id, key, name, chair_id) VALUES (1, 'vest', 'ks', 'KS', 1)",
    "INSERT INTO group_members (group_id, person_id) VALUES (1, 1), (1, 3)",
    "INSERT INTO calendar_tokens (token, person_id, created_at) VALUES ('tok-kari', 1, '2026-11-01 08:00:00')",
    "INSERT INTO direct_channels (platform, user_id, channel_id, updated_at) "
    "VALUES ('slack', 'U0KARI', 'D0KARI', '2026-11-20 08:00:00')",
]


@pytest.fixture
async def old_engine(db_url: str) -> AsyncIterator[AsyncEngine]:
    """A database at revision 0004 holding people with chat ids and a remembered DM channel."""
    engine = make_engine(db_url)
    await upgrade(engine, "0004")
    async with engine.begin() as conn:
        for statement in OLD_DATA:
            await conn.execute(text(statement))
    yield engine
    await engine.dispose()


async def _columns(engine: AsyncEngine, table: str) -> set[str]:
    async with engine.connect() as conn:
        return await conn.run_sync(lambda c: {col["name"] for col in inspect(c).get_columns(table)})


async def _tables(engine: AsyncEngine) -> set[str]:
    async with engine.connect() as conn:
        return await conn.run_sync(lambda c: set(inspect(c).get_table_names()))


async def _rows(engine: AsyncEngine, sql: str) -> list[tuple[object, ...]]:
    async with engine.connect() as conn:
        return [tuple(row) for row in await conn.execute(text(sql))]


async def test_an_upgrade_keeps_every_chat_id_and_dm_channel(old_engine: AsyncEngine) -> None:
    await upgrade(old_engine)

    assert await _rows(old_engine, "SELECT version_num FROM alembic_version") == [(HEAD,)]
    assert await _rows(
        old_engine, "SELECT person_id, network_id, platform, external_id, tenant, email FROM identities ORDER BY id"
    ) == [
        (1, "vest", "slack", "U0KARI", None, None),
        (2, "viken", "slack", "U0KARI", None, None),  # the same human in another network
        (3, "vest", "teams", "29:1ola", None, None),
    ]  # Kopi shared Kari's Slack id in the same network: the first person keeps it
    assert {"slack_user_id", "teams_user_id"}.isdisjoint(await _columns(old_engine, "people"))
    assert "direct_channels" not in await _tables(old_engine)
    # Nothing that points at a person was lost on the way.
    assert await _rows(old_engine, "SELECT group_id, person_id FROM group_members ORDER BY person_id") == [
        (1, 1), (1, 3)]
    assert await _rows(old_engine, "SELECT token, person_id FROM calendar_tokens") == [("tok-kari", 1)]
    assert await _rows(old_engine, "SELECT chair_id FROM groups") == [(1,)]

    async def no_lookup() -> str | None:
        raise AssertionError("the stored id must be enough")

    sessions = make_sessionmaker(old_engine)
    async with sessions() as session:
        kari = await identities.resolve(session, "slack", "U0KARI", no_lookup, preferred_network="viken")
        ola = await identities.resolve(session, "teams", "29:1ola", no_lookup, tenant="tenant-1")
        assert await identities.recall_address(session, "slack", "U0KARI") == {"channel": "D0KARI"}
        assert await identities.platform_id(session, 4, "slack") is None
    assert kari == identities.Identity("viken", 2)
    assert ola == identities.Identity("vest", 3)


async def test_a_downgrade_to_0004_gives_the_columns_and_channels_back(old_engine: AsyncEngine) -> None:
    await upgrade(old_engine)

    def downgrade(connection: Connection) -> None:
        cfg = alembic_config()
        cfg.attributes["connection"] = connection
        command.downgrade(cfg, "0004")

    async with old_engine.begin() as conn:
        await conn.run_sync(downgrade)

    assert await _rows(old_engine, "SELECT id, slack_user_id, teams_user_id FROM people ORDER BY id") == [
        (1, "U0KARI", None), (2, "U0KARI", None), (3, None, "29:1ola"), (4, None, None), (5, None, None)]
    assert await _rows(old_engine, "SELECT platform, user_id, channel_id FROM direct_channels") == [
        ("slack", "U0KARI", "D0KARI")]
    assert {"identities", "addresses"}.isdisjoint(await _tables(old_engine))
