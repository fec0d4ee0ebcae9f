"""Which listener answers what: the bot's whole conversational surface in one place."""

from __future__ import annotations

from handlers import calendar_link, waiting
from handlers import help as help_
from handlers.announce import listeners as announce
from handlers.interest import listeners as interest
from handlers.questions import answer_question
from handlers.router import Router
from handlers.surveys import start as surveys
from handlers.surveys.commands import survey_command


def build_router() -> Router:
    router = Router()
    router.command("hjelp", "help", "?")(help_.show_help)
    router.command("kalender", "calendar", "kalenderlenke")(calendar_link.show_calendar_link)
    router.command("rapport", "report")(announce.report_command)
    router.command("kunngjeringar", "kunngjøringer", "kunngjoringer", "announcements")(announce.list_command)
    router.command("kunngjering", "kunngjøring", "kunngjoring", "announce", "announcement")(announce.compose_command)
    router.command("survey", "undersøkelse", "undersøking", "undersokelse")(survey_command)
    router.action(announce.COMPOSE_ACTION)(announce.compose_pressed)
    router.action("announcement_read")(announce.read_pressed)
    router.action("announcement_remind")(announce.remind_pressed)
    router.action("announcement_report")(announce.report_pressed)
    router.command("svar", "answer")(waiting.answer_command)
    router.action(waiting.ACTION)(waiting.open_pressed)
    router.action(surveys.START_ACTION)(surveys.start_pressed)
    router.action(interest.ACTION)(interest.answer_pressed)
    router.command("status")(interest.status_command)
    router.command(*interest.TYPED)(interest.typed_answer)
    router.fallback(answer_question)
    return router

