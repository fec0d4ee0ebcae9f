"""`digibot run` against a database that is already up to date does not load Alembic (with Mako and
Pygments, ~10 MB that stayed resident for the life of the process), nor the `holidays` package (every
country it knows, ~10 MB) to tell a working day."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from storage.db import make_engine
from storage.migrate import upgrade

_PROBE = """
import asyncio, sys
from datetime import date
from bot.service import wait_for_database
from handlers.notify.working_hours import is_working_day
from storage.db import make_engine

async def main() -> None:
    engine = make_engine(sys.argv[1])
    assert await wait_for_database(engine, asyncio.Event())
    await engine.dispose()
    assert not is_working_day(date(2026, 5, 25))  # Whit Monday
    print(sorted({name.split(".")[0] for name in sys.modules} & {"alembic", "mako", "pygments", "holidays"}))

asyncio.run(main())
"""


async def test_a_restarted_bot_on_a_current_database_loads_neither_alembic_nor_all_holidays(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
    engine = make_engine(url)
    await upgrade(engine)  # the database is at HEAD, as after the previous run
    await engine.dispose()

    probe = subprocess.run([sys.executable, "-c", _PROBE, url], capture_output=True, text=True, timeout=120,
                           cwd=Path(__file__).resolve().parents[1])

    assert probe.returncode == 0, probe.stderr
    assert probe.stdout.strip() == "[]", probe.stdout
