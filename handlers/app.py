"""Which listener answers what: the bot's whole conversational surface in one place.

Listeners are named "module:function" (handlers/router.py imports a module when its listener is first
picked), so that answering a question does not import the announcement, survey or call-for-interest code.
The same goes for the flows (handlers/flows): a flow's module is imported when a conversation of it is
continued. tests/test_router_table.py checks that every name here is a listener and every action id the
one its module puts on its buttons.
"""

from __future__ import annotations

from handlers.commands import command_words
from handlers.flows.model import register_module
from handlers.router import Router

ANNOUNCE = "handlers.announce.listeners"
INTEREST = "handlers.interest.listeners"
WAITING = "handlers.waiting"

FLOWS = {  # flow name -> the module that registers it
    "question_ask_back": "handlers.questions",
    "survey": "handlers.surveys.conversation",
    "interest": "handlers.interest.conversation",
}


def build_router() -> Router:
    router = Router()
    router.command(*command_words("help"))("handlers.help:show_help")
    router.command(*command_words("calendar"))("handlers.calendar_link:show_calendar_link")
    router.command(*command_words("report"))(f"{ANNOUNCE}:report_command")
    router.command(*command_words("announcements"))(f"{ANNOUNCE}:list_command")
    router.command(*command_words("announce"))(
        f"{ANNOUNCE}:compose_command")
    router.command(*command_words("survey"))("handlers.surveys.commands:survey_command")
    router.action("announce_compose")(f"{ANNOUNCE}:compose_pressed")  # listeners.COMPOSE_ACTION
    router.action("announcement_read")(f"{ANNOUNCE}:read_pressed")
    router.action("announcement_remind")(f"{ANNOUNCE}:remind_pressed")
    router.action("announcement_report")(f"{ANNOUNCE}:report_pressed")
    router.command(*command_words("answer"))(f"{WAITING}:answer_command")
    router.action("answer_open")(f"{WAITING}:open_pressed")  # waiting.ACTION
    router.action("survey_start")("handlers.surveys.start:start_pressed")  # surveys.start.START_ACTION
    router.action("interest_answer")(f"{INTEREST}:answer_pressed")  # interest.buttons.ACTION
    router.command(*command_words("status"))(f"{INTEREST}:status_command")
    typed_answers = (*command_words("yes"), *command_words("no"), *command_words("unsure"))  # listeners.TYPED
    router.command(*typed_answers)(f"{INTEREST}:typed_answer")
    router.fallback("handlers.questions:answer_question")
    for name, module in FLOWS.items():
        register_module(name, module)
    return router
