"""A service on loopback, for tests and benches: a free port to give it, and waiting until its /healthz answers."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Callable

import aiohttp


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def wait_until_up(url: str, timeout: float = 20.0, *, interval: float = 0.05,
                        alive: Callable[[], bool] | None = None) -> None:
    """Return once GET `url` answers 200; TimeoutError after `timeout` seconds, ChildProcessError as soon as
    `alive()` (the service's process still running) says False."""
    async with aiohttp.ClientSession() as http:
        async with asyncio.timeout(timeout):
            while True:
                if alive is not None and not alive():
                    raise ChildProcessError(f"the service behind {url} stopped before it answered")
                try:
                    async with http.get(url) as response:
                        if response.status == 200:
                            return
                except aiohttp.ClientConnectionError:
                    pass
                await asyncio.sleep(interval)
