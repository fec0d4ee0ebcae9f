"""Which listener answers what: the bot's whole conversational surface in one place."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers import calendar_link
from handlers import help as help_
from handlers.announce import listeners as announce
from handlers.questions import answer_question
from handlers.respond import DEFAULT_PUBLIC_URL, Responder
from handlers.router import Router


def build_router() -> Router:
    router = Router()
    router.command("hjelp", "help", "?")(help_.show_help)
    router.command("kalender", "calendar", "kalenderlenke")(calendar_link.show_calendar_link)
    router.command("rapport", "report")(announce.report_command)
    router.command("kunngjeringar", "kunngjøringer", "kunngjoringer", "announcements")(announce.list_command)
    router.command("kunngjering", "kunngjøring", "kunngjoring", "announce", "announcement")(announce.compose_command)
    router.action("announcement_read")(announce.read_pressed)
    router.action("announcement_remind")(announce.remind_pressed)
    router.action("announcement_report")(announce.report_pressed)
    router.fallback(answer_question)
    return router


def build_responder(sessions: async_sessionmaker[AsyncSession], public_url: str = DEFAULT_PUBLIC_URL) -> Responder:
    """`public_url`: where people reach the web app (Settings.public_url), for calendar links."""
    return Responder(sessions, build_router(), public_url)
