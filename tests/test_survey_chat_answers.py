"""Every kind of bad answer at every question type is refused with its reason, in the person's language,
and changes nothing; what people really type ("ca. 4,5", "60 082", "17. oktober") is read generously."""

from __future__ import annotations

from datetime import date

import pytest

from handlers.surveys.answers_parse import Finish, Parsed, Refused, Toggle, parse_typed, read_number
from handlers.surveys.results import QuestionSpec
from tests.survey_chat_world import KARI, NETWORK, OPEN, SURVEY, stored
from tests.testbot import TestBot

# (question number, what is typed, what the person is told)
BAD_ANSWERS = [
    (1, "mange", "«mange» er ikke et tall. Skriv for eksempel 4 eller 4,5."),
    (1, "-2", "-2 er under minsteverdien 0. Ingenting er lagret."),
    (1, "4 eller 5", "«4 eller 5» er ikke et tall."),
    (1, "4,5,6", "«4,5,6» er ikke et tall."),
    (2, "6", "Svar med et helt tall fra 1 til 5, eller trykk på en knapp."),
    (2, "0", "Svar med et helt tall fra 1 til 5"),
    (2, "3,5", "Svar med et helt tall fra 1 til 5"),
    (2, "ganske moden", "Svar med et helt tall fra 1 til 5"),
    (3, "kanskje", "Svar «ja» eller «nei», eller trykk på en knapp."),
    (3, "3", "Svar «ja» eller «nei»"),
    (4, "Sharepoint", "Det er ikke ett av valgene. Skriv et nummer fra 1 til 3 eller teksten på en knapp."),
    (4, "4", "Det er ikke ett av valgene."),
    (4, "0", "Det er ikke ett av valgene."),
    (5, "Ferdig", "Velg minst ett alternativ før du trykker «Ferdig»."),
    (5, "9", "Det er ikke ett av valgene. Skriv et nummer fra 1 til 3"),
    (5, "Vestlandsdigi, Teams", "Det er ikke ett av valgene."),
    (6, "i fjor", "«i fjor» er ikke en dato. Skriv for eksempel 17.10.2026 eller 17. oktober."),
    (6, "31.02.2026", "Datoen «31.02.2026» finnes ikke. Ingenting er lagret."),
    (6, "17.13", "Datoen «17.13» finnes ikke."),
    (6, "17. oktobær", "«17. oktobær» er ikke en dato."),
    (7, "ord " * 800, "Svaret er for langt (høyst 3 000 tegn). Ingenting er lagret."),
    (1, "hopp over", "Dette spørsmålet må besvares, så det kan ikke hoppes over."),
    (6, "skip", "Dette spørsmålet må besvares, så det kan ikke hoppes over."),
    (1, "endre 9", "Undersøkelsen har ikke noe spørsmål 9; den har 7."),
]


@pytest.mark.parametrize(("number", "typed", "told"), BAD_ANSWERS, ids=[f"{n}:{t[:20]}" for n, t, _ in BAD_ANSWERS])
async def test_a_bad_answer_is_refused_with_its_reason_and_stores_nothing(bot: TestBot, number: int, typed: str,
                                                                         told: str) -> None:
    await bot.load(NETWORK)
    await bot.at(OPEN)
    kari = bot.person(KARI)
    await kari.says(f"svar {SURVEY}")
    await kari.says(f"endre {number}")

    reply = await kari.says(typed)

    assert told in reply.text
    assert f"Spørsmål {number} av 7" in reply.text  # still at the same question, asked again
    assert await stored(bot, "Voss") == {}


async def test_refusals_speak_the_persons_language(bot: TestBot) -> None:
    await bot.load(NETWORK)
    await bot.at(OPEN)
    emma, nils = bot.person("emma.ulvik@ulvik.kommune.no"), bot.person("nils.eidfjord@eidfjord.kommune.no")
    await emma.says(f"answer {SURVEY}")
    assert "“many” is not a number. Type, for example, 4 or 4.5." in (await emma.says("many")).text
    assert "-2 is below the minimum 0. Nothing was saved." in (await emma.says("-2")).text
    await nils.says(f"svar {SURVEY}")
    assert "«mange» er ikkje eit tal." in (await nils.says("mange")).text
    assert "-2 er under minsteverdien 0. Ingenting er lagra." in (await nils.says("-2")).text
    assert await stored(bot, "Ulvik") == {} and await stored(bot, "Eidfjord") == {}


NUMBER = QuestionSpec("n", "number", min=0)
DATE = QuestionSpec("d", "date")
TODAY = date(2026, 10, 5)


@pytest.mark.parametrize(("typed", "lang", "value"), [
    ("4", "nb", 4), ("4,5", "nb", 4.5), ("4.5", "nb", 4.5), ("ca. 4,5", "nb", 4.5), ("cirka 4,5 årsverk", "nb", 4.5),
    ("60 082", "nb", 60082), ("60 082 kr", "nb", 60082), ("60.082", "nb", 60082), ("1 234,5", "nb", 1234.5),
    ("about 4.5", "en", 4.5), ("60,082", "en", 60082), ("1,234.5", "en", 1234.5), ("50 %", "nb", 50),
])
def test_numbers_are_read_the_way_people_write_them(typed: str, lang: str, value: float) -> None:
    assert parse_typed(NUMBER, typed, TODAY, lang) == Parsed(value)
    assert read_number(typed, lang) == value


@pytest.mark.parametrize(("typed", "value"), [
    ("17.10", "2026-10-17"), ("17.10.2025", "2025-10-17"), ("17.10.25", "2025-10-17"), ("17/10", "2026-10-17"),
    ("17. oktober", "2026-10-17"), ("17 okt 2025", "2025-10-17"), ("17. oktober 2025", "2025-10-17"),
    ("October 17, 2025", "2025-10-17"), ("17 October", "2026-10-17"), ("2025-10-17", "2025-10-17"),
    ("1. mars", "2026-03-01"),
])
def test_dates_are_read_the_way_people_write_them(typed: str, value: str) -> None:
    assert parse_typed(DATE, typed, TODAY, "nb") == Parsed(value)


def test_a_number_out_of_range_names_the_limit() -> None:
    assert parse_typed(QuestionSpec("n", "number", min=0, max=10), "11", TODAY, "nb") == Refused(
        "survey_refused_above", {"value": 11, "max": 10})


def test_several_options_typed_at_once_answer_a_multiple_choice() -> None:
    question = QuestionSpec("s", "choice", options=("Vestlandsdigi", "Hardanger IKT", "Anna"), multiple=True)
    assert parse_typed(question, "Anna og vestlandsdigi", TODAY, "nb") == Parsed(["Vestlandsdigi", "Anna"])
    assert parse_typed(question, "1, 2", TODAY, "nb") == Parsed(["Vestlandsdigi", "Hardanger IKT"])
    assert parse_typed(question, "hardanger", TODAY, "nb") == Toggle("Hardanger IKT")  # the only one it begins
    assert parse_typed(question, "4", TODAY, "nb") == Finish()  # the number of "Ferdig"
