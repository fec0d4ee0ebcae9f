"""What a flow is: a small table of named steps, and what a step may answer.

A step is `async def step(ctx, incoming, state) -> StepResult`: it reads the message (typed text, or a
pressed button's choice in `incoming.value`), may store what it was told through `ctx.session` (the
engine commits nothing; the pipeline commits the answer and the move together), and says where the
flow goes next:

    Goto("question_2", messages, data)  move to another step (or the same one), with new data or the old
    Pause(messages)                    keep the row and its place, but typed text no longer goes to it
    Done(messages)                     the flow is over; its row is deleted
    Decline()                          "not for me": nothing changes and the next flow or the router answers

A flow made with `moves_first=True` promises that its steps write nothing themselves: what a step stores
goes in its result's `after`, which the engine runs once the move has won its compare-and-set (the row is
then held). The move is then the only check, one statement instead of a hold before the step and a move after
it; a stale or double message loses the move and nothing is written. `after` may return a new result (what
it stored turned out different from what the step assumed, e.g. a colleague wrote in between), which moves
the flow again.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from importlib import import_module
from typing import Any

from handlers.context import Context
from handlers.incoming import Incoming
from messages.model import Message
from storage.flows import FlowState


@dataclass(frozen=True)
class Goto:
    step: str
    messages: list[Message] = field(default_factory=list)
    data: dict[str, Any] | None = None  # None: keep the flow's data as it is
    after: After | None = None  # the step's writes, once the move won (`moves_first` flows)


@dataclass(frozen=True)
class Pause:
    messages: list[Message] = field(default_factory=list)
    data: dict[str, Any] | None = None


@dataclass(frozen=True)
class Done:
    messages: list[Message] = field(default_factory=list)
    after: Callable[[], Awaitable[None]] | None = None  # the step's writes, once the row is deleted


@dataclass(frozen=True)
class Decline:
    """The message is not for this flow (a command, a new question): leave the flow where it is."""


StepResult = Goto | Pause | Done | Decline
After = Callable[[], Awaitable["Goto | None"]]  # None: the move as written stands
Step = Callable[[Context, Incoming, FlowState], Awaitable[StepResult]]


@dataclass(frozen=True)
class Flow:
    """`name` is stored in each row and carried by the flow's buttons; `lifetime` is how long the flow
    waits for the person after each move before it expires (None: until the `expires_at` given to
    `start_flow`, e.g. a survey's deadline, or until it is finished)."""

    name: str
    steps: Mapping[str, Step]
    first: str
    lifetime: timedelta | None = None
    moves_first: bool = False  # steps write only in their result's `after` (see above)

    def __post_init__(self) -> None:
        if not self.name or ":" in self.name or len(self.name) > 50:
            raise ValueError(f"flow name {self.name!r}: 1 to 50 characters, no ':'")
        for step in self.steps:
            if not step or ":" in step or len(step) > 50:
                raise ValueError(f"flow {self.name}: step name {step!r}: 1 to 50 characters, no ':'")
        if self.first not in self.steps:
            raise ValueError(f"flow {self.name}: first step {self.first!r} is not one of its steps")


_REGISTRY: dict[str, Flow] = {}
_MODULES: dict[str, str] = {}  # flow name -> the module that registers it when imported (handlers/app.py)


def register(flow: Flow) -> Flow:
    """Make `flow` known to `continue_flow` (flows register when their module is imported)."""
    known = _REGISTRY.get(flow.name)
    if known is not None and known is not flow:
        raise ValueError(f"two flows named {flow.name!r}")
    _REGISTRY[flow.name] = flow
    return flow


def register_module(name: str, module: str) -> None:
    """Make flow `name` known without importing it: `module` registers it and is imported when first needed."""
    _MODULES[name] = module


def registered(name: str) -> Flow | None:
    if name not in _REGISTRY and name in _MODULES:
        import_module(_MODULES[name])
    return _REGISTRY.get(name)
