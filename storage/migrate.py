"""Bring a database to the newest schema with Alembic (used by `digibot migrate` and `digibot run`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

if TYPE_CHECKING:  # Alembic (with Mako and Pygments) is loaded only when a migration runs
    from alembic.config import Config

_INI = Path(__file__).with_name("alembic.ini")

# The newest migration. A test checks it against Alembic's head, so that `ensure_current` can tell
# without loading Alembic whether a database is up to date.
HEAD = "0011"


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config(str(_INI))
    cfg.set_main_option("script_location", str(_INI.parent / "migrations"))
    return cfg


async def upgrade(engine: AsyncEngine, revision: str = "head") -> None:
    """Apply every migration up to `revision` on `engine`, in one transaction."""

    def _upgrade(connection: Connection) -> None:
        from alembic import command

        cfg = alembic_config()
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, revision)

    async with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            # Several replicas may start at once: one migrates, the others wait for it.
            await conn.exec_driver_sql("SELECT pg_advisory_xact_lock(704211)")
        await conn.run_sync(_upgrade)


async def ensure_current(engine: AsyncEngine) -> None:
    """Migrate if the database is not at HEAD (an older or an empty one); cheap when it already is."""
    try:
        async with engine.connect() as conn:
            current = (await conn.exec_driver_sql("SELECT version_num FROM alembic_version")).scalar()
    except Exception:  # noqa: BLE001 - no alembic_version table yet: a new database
        current = None
    if current != HEAD:
        await upgrade(engine)
