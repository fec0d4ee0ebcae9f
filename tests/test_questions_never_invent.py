"""Never invent (issue 9, item 4): a coordinator who asks about a name that is not in the network gets
no person, number or date from the network that the question did not ask about.

Hypothesis builds questions (nb, nn, en; the kinds coordinators ask: roles, fee, population, membership,
contact details, deadlines, meetings, projects) around names that are not in tests/fixtures/network_agder.yaml
(real places elsewhere in Norway, and made-up words far from every name in the network), and checks the
answer against everything the network file holds: people's names, e-mail addresses and phone numbers,
populations, fees and the fee model's amounts, and every date of a deadline, meeting, project or membership.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from handlers.questions.answer_fee import Fee
from handlers.questions.lexicon import MONTHS, WEEKDAYS
from handlers.questions.normalize import fold
from handlers.questions.parse import _typo_keyword
from handlers.questions.vocab import KEYWORDS, STOPWORDS
from messages.formatting import format_date, format_nok, format_number
from tests.chat import ROOT, Chat

NETWORK = ROOT / "tests/fixtures/network_agder.yaml"
NOW = "2026-12-14T10:00"
ASKER = "kari.lund@kristiansand.kommune.no"
DATA: dict[str, Any] = yaml.safe_load(NETWORK.read_text(encoding="utf-8"))

# Places elsewhere in Norway (none of them in Agder, none a person's name in the network file).
PLACES = ["Tromsø", "Bodø", "Molde", "Alta", "Narvik", "Steinkjer", "Gjøvik", "Lillehammer", "Kongsberg",
          "Hamar", "Drammen", "Haugesund", "Førde", "Ålesund", "Harstad", "Vadsø", "Sortland", "Elverum",
          "Mandal", "Søgne", "Songdalen", "Moss", "Halden", "Notodden", "Rjukan", "Voss", "Odda", "Stryn"]
SYLLABLES = ["ka", "ro", "ve", "sta", "ning", "mo", "ter", "bru", "gu", "pel", "sko", "rif", "zam", "dro", "kul"]

TEMPLATES = [
    "hvem er koordinator i {x}", "kven er kommunedirektør i {x}", "who is the ict lead in {x}",
    "hva betaler {x}", "kor mykje betaler {x}", "what does {x} pay",
    "er {x} medlem", "is {x} a member", "er {x} fortsatt med", "når ble {x} med",
    "hvor mange innbyggere har {x}", "how many people live in {x}", "kor mange bur i {x}",
    "hva er e-posten til {x}", "telefonnummeret til {x}", "mailen til {x}", "hvem er {x}",
    "frister for {x}", "what deadlines does {x} have", "når er neste møte i {x}",
    "hvilke prosjekter har {x}", "who leads {x}", "kontaktperson hos {x}", "hvem jobber i {x}",
    "hvor mye mer betaler {x} enn {y}", "which is bigger, {x} or {y}",
]


def _network_words() -> set[str]:
    names = [p["name"] for p in DATA["people"]] + [o["name"] for o in DATA["organizations"]]
    names += [g["name"] for g in DATA["groups"]] + [p["name"] for p in DATA["projects"]]
    names += [d["title"] for d in DATA["deadlines"]] + [m["title"] for m in DATA["meetings"]]
    names += [o.get("region", "") for o in DATA["organizations"]] + [DATA["network"]["name"]]
    return {w for name in names for w in fold(name).split() if len(w) >= 3}


NETWORK_WORDS = _network_words()


def far_from_the_network(name: str) -> bool:
    """Not a name (or a typo of a name) the network holds, nor a word the engine reads as a keyword or as a
    typo of one ("Stater" is read as "starter": "hvem er koordinator i stater" rightly lists them all)."""
    words = fold(name).split()
    return all(w not in STOPWORDS and w not in KEYWORDS and w not in MONTHS and w not in WEEKDAYS
               and (len(w) < 5 or _typo_keyword(w) is None)
               and all(fuzz.ratio(w, known) < 70 and known not in w for known in NETWORK_WORDS) for w in words)


def _fee(population: int) -> float:
    fee = DATA["network"]["fee"]
    raw = fee["fixed_nok"] + fee["per_inhabitant_nok"] * population
    return Fee(raw, min(max(raw, fee["min_nok"]), fee["max_nok"]), None).amount


def _dates() -> set[date]:
    days: set[date] = set()
    for item in [*DATA["deadlines"], *DATA["meetings"]]:
        moment = item.get("due") or item.get("start")
        days.add(moment.date() if isinstance(moment, datetime) else datetime.fromisoformat(str(moment)).date())
    for item in [*DATA["projects"], *DATA["organizations"]]:
        for key in ("start", "end", "joined"):
            if item.get(key):
                days.add(item[key] if isinstance(item[key], date) else date.fromisoformat(str(item[key])))
    return days


def forbidden() -> dict[str, str]:
    """What the answer must not show -> where it comes from."""
    out: dict[str, str] = {}
    for p in DATA["people"]:
        out[p["name"]] = "a person"
        out[p["email"]] = "an e-mail address"
        if p.get("phone"):
            out[p["phone"]] = "a phone number"
    fee = DATA["network"]["fee"]
    for lang in ("nb", "nn", "en"):
        for o in DATA["organizations"]:
            if o.get("population"):
                out[format_number(o["population"], lang)] = f"the population of {o['name']}"
                out[format_nok(_fee(o["population"]), lang)] = f"the fee of {o['name']}"
        for key in ("fixed_nok", "min_nok", "max_nok"):
            out[format_nok(fee[key], lang)] = f"the fee model's {key}"
        for day in _dates():
            out[format_date(day, lang)] = "a date of the network"
    return out


FORBIDDEN = forbidden()

names = st.one_of(
    st.sampled_from(PLACES),
    st.lists(st.sampled_from(SYLLABLES), min_size=2, max_size=4).map("".join),
).map(lambda s: s.capitalize() if s.islower() else s).filter(far_from_the_network)


@pytest.fixture(scope="module")
def chat_loop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Chat, asyncio.AbstractEventLoop]]:
    loop = asyncio.new_event_loop()
    chat = loop.run_until_complete(Chat.start(tmp_path_factory.mktemp("never_invent"), NETWORK))
    yield chat, loop
    loop.run_until_complete(chat.close())
    loop.close()


def test_the_generated_names_are_not_in_the_network() -> None:
    assert not far_from_the_network("Evje")  # a word of "Evje og Hornnes" and Jon Evje's surname
    assert not far_from_the_network("Arendall")  # a typo of Arendal
    assert not far_from_the_network("Stater")  # a typo of "starter"
    assert far_from_the_network("Tromsø")
    assert "116 986" in FORBIDDEN and "8. januar 2027" in FORBIDDEN and "Per Lund" in FORBIDDEN


def test_a_question_about_a_name_not_in_the_network_invents_nothing(
        chat_loop: tuple[Chat, asyncio.AbstractEventLoop]) -> None:
    chat, loop = chat_loop

    @settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                       HealthCheck.filter_too_much])
    @given(template=st.sampled_from(TEMPLATES), x=names, y=names, lower=st.booleans())
    def check(template: str, x: str, y: str, lower: bool) -> None:
        question = template.format(x=x.lower() if lower else x, y=y)
        answer = loop.run_until_complete(chat.ask(question, as_=ASKER, now=NOW))
        shown = {text: what for text, what in FORBIDDEN.items() if text in answer}
        assert not shown, f"{question!r} invented {shown}:\n{answer}"

    check()


def test_the_property_catches_an_invention(chat_loop: tuple[Chat, asyncio.AbstractEventLoop]) -> None:
    """The check is not empty: a question about a name that is in the network does show its facts."""
    chat, loop = chat_loop
    answer = loop.run_until_complete(chat.ask("hvor mange innbyggere har Kristiansand", as_=ASKER, now=NOW))
    assert any(text in answer for text in FORBIDDEN)
