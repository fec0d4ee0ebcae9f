"""Listener registration in the style of bolt-python: `@router.command(...)`, `@router.action(...)`.

A command is the first word of a text ("hjelp", "help"); an action is a button's action_id (or its
prefix ending in ":"); any other text goes to the fallback, which answers free questions. A press with no
listener (a stale button, a select the bot never made) is never taken for a question: it gets `button_gone`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from handlers.context import Context
from handlers.incoming import Incoming
from messages.i18n import t
from messages.model import Message

Listener = Callable[[Context, Incoming], Awaitable[list[Message]]]


class Router:
    def __init__(self) -> None:
        self._commands: dict[str, Listener] = {}
        self._actions: dict[str, Listener] = {}
        self._fallback: Listener | None = None

    def command(self, *words: str) -> Callable[[Listener], Listener]:
        def register(fn: Listener) -> Listener:
            for word in words:
                self._commands[word.lower()] = fn
            return fn

        return register

    def action(self, action_id: str) -> Callable[[Listener], Listener]:
        def register(fn: Listener) -> Listener:
            self._actions[action_id] = fn
            return fn

        return register

    def fallback(self, fn: Listener) -> Listener:
        self._fallback = fn
        return fn

    def find(self, incoming: Incoming) -> Listener | None:
        if incoming.action_id:
            exact = self._actions.get(incoming.action_id)
            if exact is not None:
                return exact
            prefix = incoming.action_id.split(":", 1)[0] + ":"
            return self._actions.get(prefix, button_gone)
        words = incoming.text.strip().split(maxsplit=1)
        if words:
            listener = self._commands.get(words[0].lower().strip("!?.,"))
            if listener is not None and (len(words) == 1 or not _looks_like_question(words[1])):
                return listener
        return self._fallback


async def button_gone(ctx: Context, incoming: Incoming) -> list[Message]:
    """A press on something the bot has no listener for: say the button no longer works."""
    return [Message(text=t(ctx.lang, "button_gone"))]


def _looks_like_question(rest: str) -> bool:
    """ "hjelp" alone is a command; "help me find Bergen's coordinator" is still a question."""
    return len(rest.split()) > 2
