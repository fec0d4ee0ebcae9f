"""Listener registration in the style of bolt-python: `@router.command(...)`, `@router.action(...)`.

A command is the first word of a text ("hjelp", "help"); an action is a button's action_id (or its
prefix ending in ":"); any other text goes to the fallback, which answers free questions. A press with no
listener (a stale button, a select the bot never made) is never taken for a question: it gets `button_gone`.

A listener is a function, or the text "module:function" naming one (handlers/app.py registers them so):
its module is imported the first time the router picks it, so a process that only answers questions
(`digibot ask`) never imports the announcement, survey or call-for-interest code.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from importlib import import_module
from typing import TypeVar

from handlers.context import Context
from handlers.incoming import Incoming
from messages.i18n import t
from messages.model import Message

Listener = Callable[[Context, Incoming], Awaitable[list[Message]]]
Lazy = str  # "package.module:function", a Listener imported when first picked
F = TypeVar("F", bound=Listener | Lazy)


class Router:
    def __init__(self) -> None:
        self._commands: dict[str, Listener | Lazy] = {}
        self._actions: dict[str, Listener | Lazy] = {}
        self._fallback: Listener | Lazy | None = None

    def command(self, *words: str) -> Callable[[F], F]:
        def register(fn: F) -> F:
            for word in words:
                self._commands[word.lower()] = fn
            return fn

        return register

    def action(self, action_id: str) -> Callable[[F], F]:
        def register(fn: F) -> F:
            self._actions[action_id] = fn
            return fn

        return register

    def fallback(self, fn: F) -> F:
        self._fallback = fn
        return fn

    def find(self, incoming: Incoming) -> Listener | None:
        if incoming.action_id:
            exact = self._actions.get(incoming.action_id)
            if exact is not None:
                return resolve(exact)
            prefix = incoming.action_id.split(":", 1)[0] + ":"
            return resolve(self._actions.get(prefix, button_gone))
        words = incoming.text.strip().split(maxsplit=1)
        if words:
            listener = self._commands.get(words[0].lower().strip("!?.,"))
            if listener is not None and (len(words) == 1 or not _looks_like_question(words[1])):
                return resolve(listener)
        return None if self._fallback is None else resolve(self._fallback)

    def listeners(self) -> list[Listener]:
        """Every listener registered, imported: `digibot run` imports them all at start (a typo in a name
        fails there, not at the first press), and tests check that each name is a listener."""
        every = [*self._commands.values(), *self._actions.values(), *([self._fallback] if self._fallback else [])]
        return [resolve(listener) for listener in every]


def resolve(listener: Listener | Lazy) -> Listener:
    """The function of a "module:function" listener (imported once; Python keeps the module), or `listener`."""
    if not isinstance(listener, str):
        return listener
    module, _, name = listener.partition(":")
    found: Listener = getattr(import_module(module), name)
    return found


async def button_gone(ctx: Context, incoming: Incoming) -> list[Message]:
    """A press on something the bot has no listener for: say the button no longer works."""
    return [Message(text=t(ctx.lang, "button_gone"))]


def _looks_like_question(rest: str) -> bool:
    """ "hjelp" alone is a command; "help me find Bergen's coordinator" is still a question."""
    return len(rest.split()) > 2
