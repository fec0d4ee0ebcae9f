"""The kinds of question that failed in round 4 (tests/test_questions_agder.py), asked in other words and
languages, so that each fix is a rule and not the tester's sentence: a coordinator in DigiAgder
(tests/fixtures/network_agder.yaml) asks on Monday 14 December 2026 10:00 in Oslo and reads the answer."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from tests.chat import Chat, Row, check_answer, row

in_module_loop = pytest.mark.asyncio(loop_scope="module")

NOW = "2026-12-14T10:00"
KARI = "kari.lund@kristiansand.kommune.no"  # nb
ANNE = "anne.froland@arendal.kommune.no"  # en
OLAV = "olav.rysstad@valle.kommune.no"  # nn

TABLE: list[Row] = [
    # "we" in a population total: the members of the network
    row("kor mange innbyggjarar er vi til saman", "303 355", "Valle har", as_=OLAV, lang="nn"),
    row("how many inhabitants do we have in total", "303,355", "Arendal has a population", as_=ANNE, lang="en"),
    row("hvor mange innbyggere har vi", "Kristiansand har 116 986 innbyggere", "303 355", as_=KARI),
    # a region and a status together
    row("hvem i østre agder er ikke med lenger", "Gjerstad", ("Arendal", "Hægebostad"), as_=KARI),
    row("er gjerstad framleis med", ("Nei", "tidlegare medlem"), as_=OLAV, lang="nn"),
    row("is gjerstad still a member", ("No", "former member"), as_=ANNE, lang="en"),
    row("er arendal fortsatt med", "Ja, Arendal", as_=KARI),
    # one word of a longer name
    row("er Hornnes medlem", ("Ja", "Evje og Hornnes"), "Jon Evje", as_=KARI),
    row("mailen til evje", ("Evje og Hornnes", "Jon Evje"), "jon.evje@", as_=KARI),
    # not in the network, asked by an attribute
    row("kva betalar mandal", "Eg finn ingen «mandal»", ("20 000 kr", "DigiAgder har"), as_=OLAV, lang="nn"),
    row("is songdalen a member", "I can't find “songdalen”", "DigiAgder has", as_=ANNE, lang="en"),
    # first names that are also common words
    row("e-posten til per", ("Per Lund", "Per Arne Holt"), "per.lund@", as_=KARI),
    row("who is Hans", ("Hans Lister", "Farsund"), as_=ANNE, lang="en"),
    # periods
    row("frister etter sommerferien", "Frister fra søndag 1. august 2027", "Behovskartlegging", as_=KARI),
    row("deadlines before the summer holidays", ("Behovskartlegging", "Rapportering til Statsforvalteren"),
        as_=ANNE),
    row("which meetings were there in september", "24 September 2026", "2027", as_=ANNE),
    # a comparison of fees, a project by a word form
    row("how much more does grimstad pay than arendal", "Arendal pays NOK 42,832 more than Grimstad", as_=ANNE),
    row("når startet chatboten", "1. september 2025", as_=KARI),
]


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def chat(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Chat]:
    chat = await Chat.start(tmp_path_factory.mktemp("agder_variants"), "tests/fixtures/network_agder.yaml")
    yield chat
    await chat.close()


@in_module_loop
@pytest.mark.parametrize("case", TABLE, ids=lambda r: f"{r.question} [{r.as_.split('@')[0]}]")
async def test_a_coordinator_asks_in_other_words(chat: Chat, case: Row) -> None:
    await check_answer(chat, case, NOW)
