"""`digibot run` started while the database is down keeps running, says it is waiting, and serves once the
database answers (the operator need not restart it after a database restart or a late container)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from urllib.parse import urlsplit, urlunsplit

import pytest

import bot.service as service
from bot.config import Settings
from bot.service import serve
from tests.service_up import free_port, wait_until_up


class LateDatabase:
    """A TCP port where nobody listens until `open()`; then it forwards to the real database server."""

    def __init__(self, target_host: str, target_port: int) -> None:
        self.port = free_port()
        self.target = (target_host, target_port)
        self.server: asyncio.Server | None = None

    async def open(self) -> None:
        self.server = await asyncio.start_server(self._pipe, "127.0.0.1", self.port)

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_connection(*self.target)

        async def copy(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
            with contextlib.suppress(ConnectionError):
                while data := await src.read(65536):
                    dst.write(data)
                    await dst.drain()
            dst.close()

        await asyncio.gather(copy(reader, up_writer), copy(up_reader, writer))

    async def close(self) -> None:
        if self.server is not None:
            self.server.close()


def log_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "digibot"]


async def test_run_waits_for_a_postgresql_server_that_comes_up_late(pg_database_url, caplog, monkeypatch) -> None:
    monkeypatch.setattr(service, "DB_RETRY_FIRST", 0.1, raising=False)
    parts = urlsplit(pg_database_url)
    late = LateDatabase(parts.hostname or "127.0.0.1", parts.port or 5432)
    url = urlunsplit(parts._replace(netloc=f"{parts.username}@127.0.0.1:{late.port}"))
    port = free_port()
    stop = asyncio.Event()
    caplog.set_level(logging.INFO, logger="digibot")
    running = asyncio.create_task(serve(Settings(database_url=url, host="127.0.0.1", port=port), stop))
    try:
        await asyncio.sleep(1.0)
        assert not running.done(), running  # it did not exit
        waiting = [line for line in log_lines(caplog) if "database not reachable" in line]
        assert len(waiting) >= 2 and "waiting for it, next try in" in waiting[0]

        await late.open()
        await wait_until_up(f"http://127.0.0.1:{port}/healthz")
        assert "database ready" in log_lines(caplog)
    finally:
        stop.set()
        await asyncio.wait_for(running, 20)
        await late.close()


async def test_run_waits_for_a_sqlite_file_it_cannot_open_yet_and_can_be_stopped_while_waiting(
    tmp_path, caplog, monkeypatch
) -> None:
    monkeypatch.setattr(service, "DB_RETRY_FIRST", 0.05, raising=False)
    folder = tmp_path / "not-mounted-yet"
    port = free_port()
    stop = asyncio.Event()
    caplog.set_level(logging.INFO, logger="digibot")
    settings = Settings(database_url=f"sqlite:///{folder}/digibot.sqlite3", host="127.0.0.1", port=port)
    running = asyncio.create_task(serve(settings, stop))
    await asyncio.sleep(0.5)
    assert not running.done()
    assert any("database not reachable" in line for line in log_lines(caplog))
    folder.mkdir()
    await wait_until_up(f"http://127.0.0.1:{port}/healthz")
    stop.set()
    await asyncio.wait_for(running, 20)

    stopped = asyncio.Event()
    never = asyncio.create_task(serve(Settings(database_url=f"sqlite:///{tmp_path}/nowhere/x.sqlite3",
                                               host="127.0.0.1", port=free_port()), stopped))
    await asyncio.sleep(0.2)
    stopped.set()
    await asyncio.wait_for(never, 5)  # a stop while waiting ends it at once, without serving
