"""Free questions about the network (placeholder until the questions module lands)."""

from __future__ import annotations

from handlers.context import Context
from handlers.incoming import Incoming
from messages.model import Message


async def answer_question(ctx: Context, incoming: Incoming) -> list[Message]:
    raise NotImplementedError
