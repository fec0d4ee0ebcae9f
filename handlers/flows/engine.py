"""Running flows: the pipeline's `continue_flow`, and `start_flow` / `finish_flow` for listeners.

Nothing here commits: the step's answer and the flow's move are written in the caller's transaction.
A move first holds the row at the version it was read at (compare-and-set), or, for a `moves_first` flow,
is itself the compare-and-set before the step's writes; when another message or replica moved it in
between, this message changes nothing and the person is told.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime
from typing import Any

from handlers.context import Context
from handlers.flows.buttons import drop_unstamped, is_flow_action, parse_press, stamp
from handlers.flows.model import Decline, Done, Flow, Goto, Pause, registered
from handlers.incoming import Incoming
from messages.i18n import t
from messages.model import Message
from storage import flows as rows
from storage.flows import FlowState, Lost, Outcome

log = logging.getLogger(__name__)


async def continue_flow(ctx: Context, incoming: Incoming) -> list[Message] | None:
    """The answer of the flow this message belongs to, or None when no flow in flight takes it (then the
    router answers). A flow button (action_id `flow:...`) is always answered here, valid or not."""
    if ctx.person is None:
        return None
    if incoming.action_id:
        return await _pressed(ctx, incoming) if is_flow_action(incoming.action_id) else None
    if not incoming.text.strip():
        return None
    for state in await rows.load(ctx.session, ctx.person.id, ctx.now):
        flow = registered(state.flow)
        if flow is None:
            log.warning("flow row %s names an unknown flow %r; left alone", state.id, state.flow)
            continue
        answer = await _move(ctx, flow, state, incoming, lost_key="flow_busy")
        if answer is not None:
            return answer
    return None


async def start_flow(ctx: Context, flow: Flow, messages: list[Message], *, subject: str = "",
                     step: str | None = None, data: dict[str, Any] | None = None,
                     expires_at: datetime | None = None) -> list[Message]:
    """Start (or restart, or resume) the person's `flow` about `subject` at `step` (default: the first) with
    `data`, and return `messages` (what the person is asked first) with their flow buttons stamped.

    An existing row of the same flow and subject is moved there with a new version, so the buttons it
    showed before stop working. A resume is a start at the step and with the data `current_flow` read.
    The flow expires `flow.lifetime` after each move; a flow without a lifetime expires at `expires_at`
    (e.g. a survey's deadline), or never."""
    if ctx.person is None:
        raise ValueError("a flow needs a person")
    at = step or flow.first
    if at not in flow.steps:
        raise ValueError(f"flow {flow.name} has no step {at!r}")
    outcome = await rows.start(ctx.session, ctx.person.id, flow.name, subject, at, dict(data or {}), ctx.now,
                               _expiry(flow, ctx.now, expires_at))
    if isinstance(outcome, Lost) or outcome.state is None:
        log.info("flow %s/%r for person %s was started by another message at the same time", flow.name, subject,
                 ctx.person.id)
        return [Message(text=t(ctx.lang, "flow_busy"))]
    return stamp(messages, outcome.state)


async def current_flow(ctx: Context, flow: Flow, subject: str = "") -> FlowState | None:
    """The person's row of `flow` about `subject` if it is live (paused or not); None when there is none."""
    if ctx.person is None:
        return None
    state = await rows.find(ctx.session, ctx.person.id, flow.name, subject)
    return state if state is not None and state.live(ctx.now) else None


async def finish_flow(ctx: Context, flow: Flow, subject: str = "") -> bool:
    """End the person's `flow` about `subject` if there is one (expired or paused included); True if one
    was ended by this call."""
    if ctx.person is None:
        return False
    state = await rows.find(ctx.session, ctx.person.id, flow.name, subject)
    return state is not None and not isinstance(await rows.finish(ctx.session, state), Lost)


async def _pressed(ctx: Context, incoming: Incoming) -> list[Message]:
    """A flow button: valid only for the presser's own live flow, at the step and version it was shown at."""
    assert ctx.person is not None and incoming.action_id is not None
    invalid = [Message(text=t(ctx.lang, "flow_button_invalid"))]
    press = parse_press(incoming.action_id, incoming.value)
    if press is None:
        log.info("malformed flow button %.80r=%.80r from person %s", incoming.action_id, incoming.value,
                 ctx.person.id)
        return invalid
    state = await rows.get(ctx.session, press.flow_id)
    if state is None or state.flow != press.flow:
        return invalid  # a finished flow (or a made-up id)
    if state.person_id != ctx.person.id:
        log.warning("person %s pressed a button of flow row %s, which is person %s's", ctx.person.id, state.id,
                    state.person_id)
        return invalid
    if state.paused or not state.live(ctx.now) or (state.step, state.version) != (press.step, press.version):
        return invalid  # a button of an earlier step, a paused or an expired flow
    flow = registered(state.flow)
    if flow is None:
        return invalid
    answer = await _move(ctx, flow, state, replace(incoming, value=press.choice), lost_key="flow_button_invalid")
    return invalid if answer is None else answer


async def _move(ctx: Context, flow: Flow, state: FlowState, incoming: Incoming, lost_key: str) -> list[Message] | None:
    """Run the flow's current step on `incoming` and write where it leads; None when the step declines.

    The row is held at the version read before the step runs, so the step's writes and the move are one
    message's; a `moves_first` flow's step writes nothing, and its move is the compare-and-set itself."""
    held = not flow.moves_first
    if held and not await rows.hold(ctx.session, state):
        return [Message(text=t(ctx.lang, lost_key))]
    step = flow.steps.get(state.step)
    if step is None:
        log.error("flow row %s is at step %r, which flow %s does not have: ended", state.id, state.step, flow.name)
        await rows.finish(ctx.session, state)
        return None
    result = await step(ctx, incoming, state)
    if isinstance(result, Decline):
        return None
    outcome, messages = await _write(ctx, flow, state, result)
    if isinstance(outcome, Lost):
        if held:  # cannot happen while the row is held; never overwrite silently
            raise RuntimeError(f"flow row {state.id} moved while held")
        return [Message(text=t(ctx.lang, lost_key))]  # nothing was written: the step left its writes to `after`
    if isinstance(result, Done) and result.after is not None:
        await result.after()
    elif isinstance(result, Goto) and result.after is not None and outcome.state is not None:
        again = await result.after()
        if again is not None:
            outcome, messages = await _write(ctx, flow, outcome.state, again)
            if isinstance(outcome, Lost):  # the row is held since the first move
                raise RuntimeError(f"flow row {state.id} moved while held")
    return stamp(messages, outcome.state) if outcome.state is not None and not outcome.state.paused else messages


async def _write(ctx: Context, flow: Flow, state: FlowState,
                 result: Goto | Pause | Done) -> tuple[Outcome, list[Message]]:
    """Write the move `result` names from `state` (compare-and-set), and the messages to show with it."""
    if isinstance(result, Done):
        return await rows.finish(ctx.session, state), drop_unstamped(result.messages)
    data = state.data if result.data is None else result.data
    next_step = result.step if isinstance(result, Goto) else state.step
    if next_step not in flow.steps:
        raise ValueError(f"flow {flow.name}: step {state.step!r} leads to unknown step {next_step!r}")
    outcome = await rows.advance(ctx.session, state, step=next_step, data=data, now=ctx.now,
                                 expires_at=_expiry(flow, ctx.now, state.expires_at), paused=isinstance(result, Pause))
    return outcome, drop_unstamped(result.messages) if isinstance(result, Pause) else result.messages


def _expiry(flow: Flow, now: datetime, fixed: datetime | None) -> datetime | None:
    """A flow with a lifetime lives that long after each move; one without keeps its fixed end (or none)."""
    return now + flow.lifetime if flow.lifetime is not None else fixed
