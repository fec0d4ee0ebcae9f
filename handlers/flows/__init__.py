"""Durable flows (DESIGN.md "Conversations"): conversations that span several messages.

A flow is a small table of named steps. Its state is a database row per person, flow and subject
(storage/flows.py: step, data, version); each message moves it one step in the same transaction as
whatever the step stored, with a compare-and-set on the version. Nothing lives in process memory, so
a restart or another replica continues where the conversation was.

    model.py    Flow, the step results (Goto, Pause, Done, Decline), the registry
    engine.py   continue_flow (the pipeline calls it before the router), start_flow, current_flow,
                finish_flow (for listeners)
    buttons.py  choice_button, and the ids a flow button carries and the checks a press passes

A flow the router does not know about yet (a survey) is only a `Flow(...)` registered with `register`,
started by a listener with `start_flow`; the engine does the rest.
"""

from handlers.flows.buttons import choice_button, is_flow_action
from handlers.flows.engine import continue_flow, current_flow, finish_flow, start_flow
from handlers.flows.model import Decline, Done, Flow, Goto, Pause, Step, StepResult, register, registered
from storage.flows import FlowState

__all__ = [
    "Decline", "Done", "Flow", "FlowState", "Goto", "Pause", "Step", "StepResult", "choice_button",
    "continue_flow", "current_flow", "finish_flow", "is_flow_action", "register", "registered", "start_flow",
]
