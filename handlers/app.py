"""Which listener answers what: the bot's whole conversational surface in one place."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers import help as help_
from handlers.questions import answer_question
from handlers.respond import Responder
from handlers.router import Router


def build_router() -> Router:
    router = Router()
    router.command("hjelp", "help", "?")(help_.show_help)
    router.fallback(answer_question)
    return router


def build_responder(sessions: async_sessionmaker[AsyncSession]) -> Responder:
    return Responder(sessions, build_router())
