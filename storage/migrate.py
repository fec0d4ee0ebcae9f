"""Bring a database to the newest schema with Alembic (used by `digibot migrate` and `digibot run`)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

_INI = Path(__file__).with_name("alembic.ini")


def alembic_config() -> Config:
    cfg = Config(str(_INI))
    cfg.set_main_option("script_location", str(_INI.parent / "migrations"))
    return cfg


async def upgrade(engine: AsyncEngine, revision: str = "head") -> None:
    """Apply every migration up to `revision` on `engine`, in one transaction."""

    def _upgrade(connection: Connection) -> None:
        cfg = alembic_config()
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, revision)

    async with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            # Several replicas may start at once: one migrates, the others wait for it.
            await conn.exec_driver_sql("SELECT pg_advisory_xact_lock(704211)")
        await conn.run_sync(_upgrade)
