"""Free questions about the network, in bokmål, nynorsk and English, typos and missing æøå included.

    parse.py      question -> Query (concepts, names, period, unknown words)
    normalize.py  folding and tokens        language.py  nb / nn / en detection
    vocab.py      keywords -> concepts      names.py     fuzzy name index (cached per snapshot)
    periods.py    relative periods          titles.py    deadlines/meetings by title words
    intents.py    which answer to give      answer_*.py  one module per topic
    queries.py    deadline/meeting look-ups (shared with handlers/home.py)
    present.py    labels, people, dates and lists in the asker's language

When a name could mean several things the bot asks back; the asker may then answer with just the
name ("Hareid"), and the original question is answered for it (kept in the database for 15 minutes).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any

from handlers.context import Context
from handlers.flows import Decline, Done, Flow, FlowState, Goto, StepResult, finish_flow, register, start_flow
from handlers.incoming import Incoming
from handlers.questions.intents import route
from handlers.questions.names import Entity, name_index
from handlers.questions.parse import Query, parse
from handlers.questions.present import Say
from messages.model import Message

FOLLOW_UP_WINDOW = timedelta(minutes=15)


@dataclass(frozen=True)
class _Pending:
    text: str
    alternatives: tuple[Entity, ...]
    asked_at: datetime

    def to_data(self) -> dict[str, Any]:
        return {"text": self.text, "alternatives": [asdict(e) for e in self.alternatives]}

    @classmethod
    def from_data(cls, data: dict[str, Any], asked_at: datetime) -> _Pending:
        alternatives = tuple(
            Entity(e["kind"], e["id"], e["label"], tuple(e.get("regions") or ()), e.get("org"))
            for e in data.get("alternatives", [])
        )
        return cls(str(data.get("text", "")), alternatives, asked_at)


async def answer_question(ctx: Context, incoming: Incoming) -> list[Message]:
    """The router's fallback: answer a free-text question. A question that ends in an ask-back starts the
    flow ASK_BACK (a row in the database), so the reply "Hareid" works after a restart or on a replica; any
    other question ends an ask-back still waiting."""
    if ctx.person is None:
        return answer_text(ctx, incoming.text)
    messages, pending = answer_with_context(ctx, incoming.text, None)
    if pending is not None:
        return await start_flow(ctx, ASK_BACK, messages, data=pending.to_data())
    await finish_flow(ctx, ASK_BACK)
    return messages


async def _choose(ctx: Context, incoming: Incoming, state: FlowState) -> StepResult:
    """The ask-back's one step: a reply that is only one of the names asked about answers the question
    that was asked for it; anything else is a message of its own (Decline: the router answers it)."""
    earlier = _Pending.from_data(state.data, state.updated_at)
    if _choice(parse(ctx.network, name_index(ctx.network), incoming.text, ctx.now), earlier) is None:
        return Decline()
    messages, pending = answer_with_context(ctx, incoming.text, earlier)
    return Goto("choose", messages, pending.to_data()) if pending is not None else Done(messages)


# "Meiner du Herøy eller Hareid?": the question waiting for a name, for FOLLOW_UP_WINDOW after it was asked.
ASK_BACK = register(Flow("question_ask_back", {"choose": _choose}, first="choose", lifetime=FOLLOW_UP_WINDOW))


def answer_text(ctx: Context, text: str) -> list[Message]:
    """Answer one question on its own (no earlier ask-back)."""
    return answer_with_context(ctx, text, None)[0]


def answer_with_context(ctx: Context, text: str, earlier: _Pending | None) -> tuple[list[Message], _Pending | None]:
    """The answer, and the question to keep if this answer asks back."""
    net = ctx.network
    index = name_index(net)
    query = parse(net, index, text, ctx.now)
    if earlier is not None and ctx.now - earlier.asked_at <= FOLLOW_UP_WINDOW:
        chosen = _choice(query, earlier)
        if chosen is not None:
            query = parse(net, index, earlier.text, ctx.now)
            if query.ambiguous:
                query.ambiguous.pop(0)
                query.entities.append(chosen)
    pending = _Pending(text, tuple(query.ambiguous[0]), ctx.now) if query.ambiguous else None
    return route(Say(ctx), query), pending


def _choice(query: Query, earlier: _Pending) -> Entity | None:
    """The candidate picked by a reply that is only a name ("Hareid", "Herøy i Ytre Helgeland")."""
    if query.ambiguous or query.unknown or query.period is not None:
        return None
    if any(not c.startswith(("q:", "ref:")) for c in query.concepts):
        return None
    picked = [e for e in query.entities if e in earlier.alternatives]
    others = [e for e in query.entities if e not in earlier.alternatives and e.kind != "region"]
    return picked[0] if len(picked) == 1 and not others else None
