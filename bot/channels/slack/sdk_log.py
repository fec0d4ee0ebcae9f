"""slack_sdk's logger, at the level that is in effect.

slack_sdk decides whether to build its debug lines (the request's whole JSON, the response's headers and
body, formatted into strings for every Web API call) by testing `logger.level <= logging.DEBUG`, not
`isEnabledFor`. Its default logger is left at NOTSET (0: "ask my parent"), which passes that test whatever
the configured level, so every chat.postMessage built two long strings that logging then dropped: about a
twentieth of a Slack DM's CPU. `following(logger)` is a logger whose `level` reads as the level in effect for
`logger` (its own, else its parents', up to the root), following later changes of the configuration; what it
logs goes to `logger`'s handlers and its parents', under `logger`'s name, exactly as before.
"""

from __future__ import annotations

import logging


class FollowingLogger(logging.Logger):
    """A stand-in for `target` whose `level` is `target`'s effective level (unless set on this one)."""

    def __init__(self, target: logging.Logger) -> None:
        self._own_level = logging.NOTSET
        self._own_disabled = False
        super().__init__(target.name)
        self.parent = target
        self.target = target

    @property
    def level(self) -> int:
        return self._own_level or self.target.getEffectiveLevel()

    @level.setter
    def level(self, value: int) -> None:
        self._own_level = value

    @property
    def disabled(self) -> bool:
        return self._own_disabled or self.target.disabled

    @disabled.setter
    def disabled(self, value: bool) -> None:
        self._own_disabled = value

    def isEnabledFor(self, level: int) -> bool:  # noqa: N802 - logging's name
        """As `logging.Logger.isEnabledFor`, without its cache (the manager clears only registered loggers')."""
        if self.disabled or self.manager.disable >= level:
            return False
        return level >= self.getEffectiveLevel()


def following(name: str) -> logging.Logger:
    """A logger that logs as `logging.getLogger(name)` does and shows the level in effect as its `level`."""
    return FollowingLogger(logging.getLogger(name))
