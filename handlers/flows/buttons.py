"""Buttons of a flow carry the flow row, the step and the version they were shown at.

A step makes a button with `choice_button(label, choice)`; the engine stamps it once the move is
written: action_id `flow:<flow name>`, value `<row id>:<version>:<step>:<choice>`. A press is valid only
while the row is still at that step and version, belongs to the presser and has not expired.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from messages.model import Button, Message
from storage.flows import FlowState

ACTION = "flow"  # a button made by a step, not yet stamped
PREFIX = ACTION + ":"
MAX_CHOICE = 1000  # Slack allows 2,000 characters in a button value
_VALUE = re.compile(r"(?P<id>[0-9]{1,9}):(?P<version>[0-9]{1,9}):(?P<step>[^:]{1,50}):(?P<choice>.*)", re.DOTALL)


def choice_button(label: str, choice: str, style: Literal["primary", "danger"] | None = None) -> Button:
    """A button that answers the flow's current step with `choice` (the step reads it in `incoming.value`)."""
    if len(choice) > MAX_CHOICE:
        raise ValueError(f"a button choice has at most {MAX_CHOICE} characters")
    return Button(label=label, action_id=ACTION, value=choice, style=style)


def is_flow_action(action_id: str) -> bool:
    return action_id == ACTION or action_id.startswith(PREFIX)


def stamp(messages: list[Message], state: FlowState) -> list[Message]:
    """The messages with every unstamped flow button tied to `state` (its row, version and step)."""
    for message in messages:
        message.buttons = [
            replace(b, action_id=PREFIX + state.flow, value=f"{state.id}:{state.version}:{state.step}:{b.value}")
            if b.action_id == ACTION else b
            for b in message.buttons
        ]
    return messages


def drop_unstamped(messages: list[Message]) -> list[Message]:
    """The messages without flow buttons that have no flow to answer any more (a finished flow's)."""
    for message in messages:
        message.buttons = [b for b in message.buttons if b.action_id != ACTION]
    return messages


@dataclass(frozen=True)
class Press:
    flow: str
    flow_id: int
    version: int
    step: str
    choice: str


def parse_press(action_id: str, value: str | None) -> Press | None:
    """The press a button's action_id and value describe; None for anything malformed."""
    if not action_id.startswith(PREFIX) or value is None:
        return None
    flow = action_id[len(PREFIX):]
    found = _VALUE.fullmatch(value)
    if not flow or found is None:
        return None
    return Press(flow, int(found["id"]), int(found["version"]), found["step"], found["choice"])
