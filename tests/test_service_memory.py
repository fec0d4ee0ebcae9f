"""`digibot run` against a database that is already up to date does not load Alembic (with Mako and
Pygments, ~10 MB that stayed resident for the life of the process), nor the `holidays` package (every
country it knows, ~10 MB) to tell a working day."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import tracemalloc
from datetime import date
from pathlib import Path

import pytest

from bench.gen_network import build_large_network
from handlers.questions.names import name_index
from storage.db import make_engine
from storage.migrate import upgrade
from storage.snapshot import SnapshotCache
from tests.chat import Chat

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


_ARENAS = """
import ctypes, os, sys, threading
from bot.service import fewer_malloc_arenas

applied = fewer_malloc_arenas() if sys.argv[1] == "limit" else None
libc = ctypes.CDLL(None)
libc.malloc.restype = ctypes.c_void_p
libc.free.argtypes = [ctypes.c_void_p]
ready = threading.Barrier(8)

def work() -> None:  # eight threads alive at once, each allocating: glibc gives each its own arena
    ready.wait()
    blocks = [libc.malloc(100_000) for _ in range(20)]
    ready.wait()
    for block in blocks:
        libc.free(block)

threads = [threading.Thread(target=work) for _ in range(8)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
sys.stderr.flush()
libc.malloc_stats()  # one "Arena N:" paragraph per arena, on stderr
print(applied)
"""


def _arenas(mode: str, **env: str) -> tuple[int, str]:
    probe = subprocess.run([sys.executable, "-c", _ARENAS, mode], capture_output=True, text=True, timeout=120,
                           cwd=Path(__file__).resolve().parents[1], env={**os.environ, **env})
    assert probe.returncode == 0, probe.stderr
    return probe.stderr.count("Arena "), probe.stdout.strip()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc arenas")
def test_the_service_keeps_malloc_to_two_arenas_unless_the_operator_chose() -> None:
    unlimited, _ = _arenas("none")
    limited, applied = _arenas("limit")
    assert applied == "True"
    assert limited <= 2 < unlimited  # each arena keeps freed memory of its own: a higher peak RSS
    chosen, applied = _arenas("limit", MALLOC_ARENA_MAX="4")
    assert applied == "False"
    assert 2 < chosen <= 4


async def test_a_5000_person_network_and_its_name_index_fit_in_nine_megabytes(tmp_path: Path) -> None:
    """What the bot keeps of a 400/5,000 network to answer questions (the snapshot and its name index). Words
    that thousands of rows repeat (roles, titles, languages, regions) are kept once, and the index's typo
    buckets share the exact hits rather than copy them: 12.2 MB before that, 8.2 MB after (Python 3.11)."""
    data = build_large_network(n_orgs=400, n_people=5000, seed=1, today=date(2026, 3, 4))
    chat = await Chat.start(tmp_path, data)
    try:
        async with chat.sessions() as session:
            gc.collect()
            tracemalloc.start()
            try:
                net = await SnapshotCache().get(session, chat.network_id)
                assert net is not None and len(net.people) >= 5000
                name_index(net)
                gc.collect()
                kept, _ = tracemalloc.get_traced_memory()
            finally:
                tracemalloc.stop()
    finally:
        await chat.close()
    print(f"snapshot and name index: {kept / 1e6:.1f} MB")
    assert kept < 9_000_000
