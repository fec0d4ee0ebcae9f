"""Free questions about the network, in bokmål, nynorsk and English, typos and missing æøå included.

    parse.py      question -> Query (concepts, names, period, unknown words)
    normalize.py  folding and tokens        language.py  nb / nn / en detection
    vocab.py      keywords -> concepts      names.py     fuzzy name index (cached per snapshot)
    periods.py    relative periods          titles.py    deadlines/meetings by title words
    intents.py    which answer to give      answer_*.py  one module per topic
    queries.py    deadline/meeting look-ups (shared with handlers/home.py)
    present.py    labels, people, dates and lists in the asker's language

When a name could mean several things the bot asks back; the asker may then answer with just the
name ("Hareid"), and the original question is answered for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from handlers.context import Context
from handlers.incoming import Incoming
from handlers.questions.intents import route
from handlers.questions.names import Entity, name_index
from handlers.questions.parse import Query, parse
from handlers.questions.present import Say
from messages.model import Message

FOLLOW_UP_WINDOW = timedelta(minutes=15)
_PENDING = "questions.pending"


@dataclass(frozen=True)
class _Pending:
    text: str
    alternatives: tuple[Entity, ...]
    asked_at: datetime


async def answer_question(ctx: Context, incoming: Incoming) -> list[Message]:
    """The router's fallback: answer a free-text question."""
    return answer_text(ctx, incoming.text)


def answer_text(ctx: Context, text: str) -> list[Message]:
    net = ctx.network
    index = name_index(net)
    query = parse(net, index, text, ctx.now)
    pending: dict[int, _Pending] = net.cache.setdefault(_PENDING, {})
    person_id = ctx.person.id if ctx.person is not None else -1
    earlier = pending.pop(person_id, None)
    if earlier is not None and ctx.now - earlier.asked_at <= FOLLOW_UP_WINDOW:
        chosen = _choice(query, earlier)
        if chosen is not None:
            query = parse(net, index, earlier.text, ctx.now)
            if query.ambiguous:
                query.ambiguous.pop(0)
                query.entities.append(chosen)
    if query.ambiguous:
        pending[person_id] = _Pending(text, tuple(query.ambiguous[0]), ctx.now)
    return route(Say(ctx), query)


def _choice(query: Query, earlier: _Pending) -> Entity | None:
    """The candidate picked by a reply that is only a name ("Hareid", "Herøy i Ytre Helgeland")."""
    if query.ambiguous or query.unknown or query.period is not None:
        return None
    if any(not c.startswith(("q:", "ref:")) for c in query.concepts):
        return None
    picked = [e for e in query.entities if e in earlier.alternatives]
    others = [e for e in query.entities if e not in earlier.alternatives and e.kind != "region"]
    return picked[0] if len(picked) == 1 and not others else None
