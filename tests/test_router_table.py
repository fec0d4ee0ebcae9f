"""The router table (handlers/app.py) names its listeners and flows as "module:function" text, imported
when first used: every name must be a listener, every action id the one its module puts on its buttons,
and a question must not import the code of the other commands."""

from __future__ import annotations

import inspect
import subprocess
import sys

from handlers.app import FLOWS, build_router
from handlers.flows.model import registered
from handlers.incoming import Incoming


def test_every_listener_named_in_the_table_is_an_async_function() -> None:
    listeners = build_router().listeners()
    assert len(listeners) > 20
    assert all(inspect.iscoroutinefunction(listener) for listener in listeners)


def test_the_action_ids_and_typed_words_of_the_table_are_the_ones_the_modules_use() -> None:
    from handlers.announce.listeners import COMPOSE_ACTION, compose_pressed
    from handlers.interest.buttons import ACTION as INTEREST_ACTION
    from handlers.interest.listeners import TYPED, answer_pressed, typed_answer
    from handlers.surveys.start import START_ACTION, start_pressed
    from handlers.waiting import ACTION as WAITING_ACTION
    from handlers.waiting import open_pressed

    router = build_router()

    def pressed(action_id: str) -> object:
        return router.find(Incoming(network_id="n", person_id=1, text="", action_id=action_id))

    assert pressed(COMPOSE_ACTION) is compose_pressed
    assert pressed(INTEREST_ACTION) is answer_pressed
    assert pressed(START_ACTION) is start_pressed
    assert pressed(WAITING_ACTION) is open_pressed
    for word in TYPED:
        assert router.find(Incoming(network_id="n", person_id=1, text=word)) is typed_answer


def test_every_flow_of_the_table_is_registered_by_its_module() -> None:
    build_router()
    for name in FLOWS:
        flow = registered(name)
        assert flow is not None and flow.name == name


def test_a_survey_in_flight_is_continued_in_a_process_that_had_not_imported_the_survey_code() -> None:
    code = ("import sys\n"
            "from handlers.app import build_router\n"
            "from handlers.flows.model import registered\n"
            "build_router()\n"
            "before = 'handlers.surveys.conversation' in sys.modules\n"
            "print(before, registered('survey').name)\n")
    said = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert said == ["False", "survey"]


def test_answering_a_question_does_not_import_the_other_commands() -> None:
    code = ("import sys\n"
            "from handlers.app import build_router\n"
            "from handlers.incoming import Incoming\n"
            "build_router().find(Incoming(network_id='n', person_id=1, text='kven er koordinator i Voss?'))\n"
            "print(' '.join(sorted(sys.modules)))\n")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert "handlers.questions" in loaded
    for module in ("handlers.announce", "handlers.surveys", "handlers.interest", "handlers.waiting",
                   "sqlalchemy.dialects.postgresql"):
        assert module not in loaded


def test_every_command_word_comes_from_the_lexicons_in_nb_nn_and_en() -> None:
    """A command is typed in any of the three languages, with or without æøå; the words are the lexicons'."""
    from handlers.commands import command_words
    from handlers.questions import lexicon_en, lexicon_nb, lexicon_nn

    names = set(lexicon_nb.COMMANDS)
    assert names == set(lexicon_nn.COMMANDS) == set(lexicon_en.COMMANDS)
    router = build_router()
    for name in names:
        for word in command_words(name):
            assert word in router._commands, (name, word)
    assert {"kunngjøring", "kunngjoring", "kunngjering", "announce"} <= set(command_words("announce"))
    assert {"undersøkelse", "undersokelse", "undersøking", "survey"} <= set(command_words("survey"))
