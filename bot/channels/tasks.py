"""The work a chat channel does after it has answered the platform's request (Slack's ack, Teams' 202):
each piece in its own task, tracked so that shutdown can finish (or cancel) what is under way and tests can
wait until the channel is idle. Failures are logged, never raised into the process."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import Any

log = logging.getLogger(__name__)


class ChannelTasks:
    """`spawn` work; `drain` waits until none is under way; `close` lets it finish, then cancels the rest."""

    def __init__(self, label: str) -> None:
        self.label = label  # "Slack", "Teams": how the log names the channel
        self.tasks: set[asyncio.Task[None]] = set()

    def spawn(self, work: Coroutine[Any, Any, None], what: str) -> None:
        task = asyncio.get_running_loop().create_task(self._guarded(work, what), name=f"{self.label}: {what}")
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def _guarded(self, work: Coroutine[Any, Any, None], what: str) -> None:
        try:
            await work
        except asyncio.CancelledError:
            log.warning("%s: %s was cancelled", self.label, what)
            raise
        except Exception:
            log.exception("%s: %s failed", self.label, what)

    async def drain(self, timeout: float | None = None) -> bool:
        """Wait until no work is under way (True), or `timeout` seconds passed (False)."""
        loop = asyncio.get_running_loop()
        deadline = None if timeout is None else loop.time() + timeout
        while self.tasks:
            left = None if deadline is None else deadline - loop.time()
            if left is not None and left <= 0:
                return False
            await asyncio.wait(set(self.tasks), timeout=left)
        return True

    async def close(self, timeout: float = 10.0) -> None:
        """Let running work finish for up to `timeout` seconds, then cancel the rest."""
        if not await self.drain(timeout):
            pending = set(self.tasks)
            log.warning("%s: cancelling %d unfinished answer(s) at shutdown", self.label, len(pending))
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
