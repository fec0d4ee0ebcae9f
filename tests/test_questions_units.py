"""Unit tests of the question handler's parts: folding, language detection, relative periods."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from handlers.questions.language import detect_language
from handlers.questions.normalize import fold, tokenize
from handlers.questions.periods import find_period

OSLO = ZoneInfo("Europe/Oslo")
NOW = datetime(2026, 3, 4, 10, 0, tzinfo=OSLO)  # a Wednesday


@pytest.mark.parametrize(("text", "folded"), [
    ("Ålesund", "alesund"), ("Aalesund", "alesund"), ("ØRSTA", "orsta"), ("Bø", "bo"), ("Vågå", "vaga"),
    ("Træna", "traena"), ("IKT-leiar i Herøy?", "ikt leiar i heroy"), ("Bergen's fee", "bergens fee"),
    ("Brønnøysund, Havneparken!", "bronnoysund havneparken"), ("Tromsø", "tromso"), ("Árdal", "ardal"),
])
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_tokens_split_a_meeting_word_from_a_group_name() -> None:
    words = [t.norm for t in tokenize("Når er neste styringsgruppemøte?")]
    assert words == ["nar", "er", "neste", "styringsgruppe", "mote"]


def test_tokens_know_capitalized_names_but_not_acronyms() -> None:
    tokens = tokenize("Hvem er IKT-leder i Rana")
    assert [(t.norm, t.capital) for t in tokens] == [
        ("hvem", False), ("er", False), ("ikt", False), ("leder", False), ("i", False), ("rana", True)]


@pytest.mark.parametrize(("text", "lang"), [
    ("kven er koordinator i Orsta?", "nn"),
    ("Kva fristar har vi dei neste to vekene?", "nn"),
    ("Kor mange medlemskommunar er det?", "nn"),
    ("Når er neste møte i styringsgruppa? Eg veit ikkje", "nn"),
    ("Hvem er kommunedirektør i Rana?", "nb"),
    ("Hvilke frister har vi de neste to ukene?", "nb"),
    ("Hvor mange medlemskommuner er det?", "nb"),
    ("Jeg vet ikke hvem som er koordinator", "nb"),
    ("Who is the chief executive of Vefsn?", "en"),
    ("What deadlines are there next week?", "en"),
    ("how many member municipalities are there", "en"),
    ("What's Kari Bakke's email?", "en"),
])
def test_detect_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang


@pytest.mark.parametrize("text", ["Rana", "Herøy?", "DigiSos Nord", "", "   ", "2026"])
def test_no_language_without_marker_words(text: str) -> None:
    assert detect_language(text) is None


def _period(text: str, now: datetime = NOW) -> tuple[str, str, str]:
    period = find_period(fold(text).split(), now, "Europe/Oslo", [w.lower() for w in fold(text).split()])
    assert period is not None, text
    return period.key, period.start.isoformat(), period.end.isoformat()


@pytest.mark.parametrize(("text", "key", "start", "end"), [
    ("i dag", "today", "2026-03-04T00:00:00+01:00", "2026-03-05T00:00:00+01:00"),
    ("today", "today", "2026-03-04T00:00:00+01:00", "2026-03-05T00:00:00+01:00"),
    ("i morgon", "tomorrow", "2026-03-05T00:00:00+01:00", "2026-03-06T00:00:00+01:00"),
    ("i morgen", "tomorrow", "2026-03-05T00:00:00+01:00", "2026-03-06T00:00:00+01:00"),
    ("tomorrow", "tomorrow", "2026-03-05T00:00:00+01:00", "2026-03-06T00:00:00+01:00"),
    # weeks run Monday to Sunday; what is already over this week is not upcoming
    ("denne veka", "this_week", "2026-03-04T00:00:00+01:00", "2026-03-09T00:00:00+01:00"),
    ("denne uka", "this_week", "2026-03-04T00:00:00+01:00", "2026-03-09T00:00:00+01:00"),
    ("this week", "this_week", "2026-03-04T00:00:00+01:00", "2026-03-09T00:00:00+01:00"),
    ("neste veke", "next_week", "2026-03-09T00:00:00+01:00", "2026-03-16T00:00:00+01:00"),
    ("neste uke", "next_week", "2026-03-09T00:00:00+01:00", "2026-03-16T00:00:00+01:00"),
    ("next week", "next_week", "2026-03-09T00:00:00+01:00", "2026-03-16T00:00:00+01:00"),
    # rolling windows start now and run to the end of the last day
    ("de neste to ukene", "next_weeks", "2026-03-04T10:00:00+01:00", "2026-03-19T00:00:00+01:00"),
    ("dei neste 2 vekene", "next_weeks", "2026-03-04T10:00:00+01:00", "2026-03-19T00:00:00+01:00"),
    ("de to neste ukene", "next_weeks", "2026-03-04T10:00:00+01:00", "2026-03-19T00:00:00+01:00"),
    ("the next three weeks", "next_weeks", "2026-03-04T10:00:00+01:00", "2026-03-26T00:00:00+01:00"),
    ("dei neste ti dagane", "next_days", "2026-03-04T10:00:00+01:00", "2026-03-15T00:00:00+01:00"),
    ("within 5 days", "next_days", "2026-03-04T10:00:00+01:00", "2026-03-10T00:00:00+01:00"),
    ("denne månaden", "this_month", "2026-03-04T00:00:00+01:00", "2026-04-01T00:00:00+02:00"),
    ("this month", "this_month", "2026-03-04T00:00:00+01:00", "2026-04-01T00:00:00+02:00"),
    ("neste måned", "next_month", "2026-04-01T00:00:00+02:00", "2026-05-01T00:00:00+02:00"),
    ("next month", "next_month", "2026-04-01T00:00:00+02:00", "2026-05-01T00:00:00+02:00"),
    # a named month is the next such month: this year if not past, else next year
    ("i desember", "month", "2026-12-01T00:00:00+01:00", "2027-01-01T00:00:00+01:00"),
    ("in December", "month", "2026-12-01T00:00:00+01:00", "2027-01-01T00:00:00+01:00"),
    ("i februar", "month", "2027-02-01T00:00:00+01:00", "2027-03-01T00:00:00+01:00"),
    ("i mars", "month", "2026-03-04T00:00:00+01:00", "2026-04-01T00:00:00+02:00"),
    ("før jul", "before_christmas", "2026-03-04T00:00:00+01:00", "2026-12-24T00:00:00+01:00"),
    ("before Christmas", "before_christmas", "2026-03-04T00:00:00+01:00", "2026-12-24T00:00:00+01:00"),
    ("i år", "this_year", "2026-03-04T00:00:00+01:00", "2027-01-01T00:00:00+01:00"),
    ("this year", "this_year", "2026-03-04T00:00:00+01:00", "2027-01-01T00:00:00+01:00"),
    ("innen 15. mars", "before", "2026-03-04T00:00:00+01:00", "2026-03-15T00:00:00+01:00"),
    ("på fredag", "day", "2026-03-06T00:00:00+01:00", "2026-03-07T00:00:00+01:00"),
    ("15 april", "day", "2026-04-15T00:00:00+02:00", "2026-04-16T00:00:00+02:00"),
    ("i helga", "weekend", "2026-03-07T00:00:00+01:00", "2026-03-09T00:00:00+01:00"),
    ("i uke 12", "week_number", "2026-03-16T00:00:00+01:00", "2026-03-23T00:00:00+01:00"),
    ("veke 2", "week_number", "2027-01-11T00:00:00+01:00", "2027-01-18T00:00:00+01:00"),
])
def test_periods(text: str, key: str, start: str, end: str) -> None:
    assert _period(text) == (key, start, end)


def test_periods_resolve_in_the_networks_time_zone() -> None:
    # Sunday 23:30 in Oslo is still Sunday 22:30 UTC: "i morgen" is Monday, "neste uke" the week after.
    late_sunday_utc = datetime(2026, 3, 8, 22, 30, tzinfo=ZoneInfo("UTC"))
    assert _period("i morgen", late_sunday_utc)[1] == "2026-03-09T00:00:00+01:00"
    assert _period("neste uke", late_sunday_utc)[1:] == ("2026-03-09T00:00:00+01:00", "2026-03-16T00:00:00+01:00")


def test_periods_cross_daylight_saving_time() -> None:
    # Summer time starts Sunday 29 March 2026; next week's end is in CEST.
    monday = datetime(2026, 3, 23, 9, 0, tzinfo=OSLO)
    assert _period("neste uke", monday)[1:] == ("2026-03-30T00:00:00+02:00", "2026-04-06T00:00:00+02:00")


@pytest.mark.parametrize("text", ["Hvem er koordinator i Rana?", "frister for DigiSos", "Hvem er Per Hansen?"])
def test_no_period(text: str) -> None:
    assert find_period(fold(text).split(), NOW, "Europe/Oslo") is None


def test_every_question_text_exists_in_all_three_languages_with_the_same_placeholders() -> None:
    import string

    from messages.catalog import questions, questions_time

    formatter = string.Formatter()
    for module in (questions, questions_time):
        for key, texts in module.TEXTS.items():
            assert set(texts) == {"nb", "nn", "en"}, key
            fields = {lang: {f for _, f, _, _ in formatter.parse(text) if f} for lang, text in texts.items()}
            assert fields["nb"] == fields["nn"], key
            assert fields["en"] <= fields["nb"] | {"role_sg"}, key
            assert texts["nb"].strip() and texts["nn"].strip() and texts["en"].strip(), key


def test_folding_a_folded_text_keeps_it_and_a_joined_aa_still_folds() -> None:
    """The name index folds names, then their joined and single words again: a folded text comes back as it is
    (fold's shortcut), but "sola" + "asen" joined has an "aa" and folds on to "solasen", as it always did."""
    assert fold("ikt leiar i orsta 2") == "ikt leiar i orsta 2"
    assert fold("".join(fold("Sola Åsen").split())) == "solasen"
    assert fold("solaasen") == "solasen"
    assert fold("ikt_leiar") == "ikt leiar"
