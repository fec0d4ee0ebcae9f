"""From what a respondent typed or pressed to an answer: one small parser per question type (`PARSERS`).

A parser gets the question, the text and today's date and gives one of:

    Parsed(value)        the answer, ready to store (JSON: int/float, str, bool, ISO date, list of labels)
    Refused(key, params) it does not fit; `key` names the reason in messages/catalog/survey.py
    Toggle(label)        multiple choice: one option picked or unpicked (the answer is then the new set)
    Finish()             multiple choice: "Ferdig" / "Done"

Generous with what people type: "ca. 4,5", "4.5", "60 082", "17.10", "17. oktober", "2026-10-17"; a button's
number or label typed works wherever the button does. A button press comes as `<question key>=<token>`
(see `button_token`); a token for another question or an option that does not exist is refused.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from handlers.surveys.results import CONTROL_CHARS, QuestionSpec
from handlers.surveys.words import APPROXIMATELY, MONTHS, NO_WORDS, YES_WORDS, normal


@dataclass(frozen=True)
class Parsed:
    value: Any


@dataclass(frozen=True)
class Refused:
    key: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Toggle:
    label: str


@dataclass(frozen=True)
class Finish:
    pass


Outcome = Parsed | Refused | Toggle | Finish
Parser = Callable[[QuestionSpec, str, date, str], Outcome]  # question, text, today, the reader's language

MAX_TEXT = 3000
DONE_TOKEN = "done"

# ------------------------------------------------------------------ numbers

_GROUPED_SPACES = re.compile(r"[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+(?:[.,][0-9]+)?")
_NUMBER = re.compile(r"(?P<sign>[-−–+]?)\s*(?P<digits>[0-9][0-9 \u00a0\u202f.,]*[0-9]|[0-9])"
                     r"\s*(?P<unit>%|[^\W\d_][^\d]{0,40})?")


def _digits(raw: str, lang: str) -> float | None:
    """ "60 082" 60082, "4,5" 4.5, "4.5" 4.5, "1.234.567" 1234567, "1,234.5" 1234.5; None if it is not one.
    One separator followed by exactly three digits groups thousands where the language groups with it
    ("60,082" in English, "60.082" in Norwegian); otherwise it is the decimal mark."""
    if re.search(r"[ \u00a0\u202f]", raw):
        if not _GROUPED_SPACES.fullmatch(raw):
            return None
        raw = re.sub(r"[ \u00a0\u202f]", "", raw)
    if "," in raw and "." in raw:
        decimal = "," if raw.rfind(",") > raw.rfind(".") else "."
        grouping = "." if decimal == "," else ","
        raw = raw.replace(grouping, "").replace(decimal, ".")
    elif raw.count(",") > 1 or raw.count(".") > 1:
        if not re.fullmatch(r"[0-9]{1,3}(?:[.,][0-9]{3})+", raw):
            return None
        raw = raw.replace(",", "").replace(".", "")
    elif re.fullmatch(r"[0-9]{1,3}[.,][0-9]{3}", raw) and ("," if lang == "en" else ".") in raw:
        raw = raw.replace(",", "").replace(".", "")
    else:
        raw = raw.replace(",", ".")
    try:
        return float(raw)
    except ValueError:
        return None


def read_number(text: str, lang: str = "nb") -> float | None:
    """The one number in `text` ("ca. 4,5 årsverk", "-2", "60 082 kr"); None when there is none or several."""
    said = normal(text)
    for word in sorted(APPROXIMATELY, key=len, reverse=True):
        if said.startswith(word):
            said = said[len(word):].strip()
            break
    found = _NUMBER.fullmatch(said)
    if found is None:
        return None
    number = _digits(found["digits"], lang)
    if number is None:
        return None
    return -number if found["sign"] in ("-", "−", "–") else number


def _stored_number(number: float) -> int | float:
    return int(number) if number.is_integer() and abs(number) < 2**53 else number


def _within(question: QuestionSpec, number: float) -> Refused | None:
    if question.min is not None and number < question.min:
        return Refused("survey_refused_below", {"value": number, "min": question.min})
    if question.max is not None and number > question.max:
        return Refused("survey_refused_above", {"value": number, "max": question.max})
    return None


def parse_number(question: QuestionSpec, text: str, today: date, lang: str) -> Outcome:
    number = read_number(text, lang)
    if number is None:
        return Refused("survey_refused_number", {"text": text.strip()})
    return _within(question, number) or Parsed(_stored_number(number))


# ------------------------------------------------------------------ scales

def scale_values(question: QuestionSpec) -> list[int]:
    low = int(question.min if question.min is not None else 1)
    high = int(question.max if question.max is not None else 5)
    return list(range(low, high + 1)) if high - low < 100 else [low, high]


def parse_scale(question: QuestionSpec, text: str, today: date, lang: str) -> Outcome:
    values = scale_values(question)
    said = normal(text)
    for value, label in question.labels.items():
        if said == normal(label) or said == normal(f"{value} – {label}") or said == normal(f"{value} - {label}"):
            return Parsed(int(value))
    number = read_number(text, lang)
    if number is None or not number.is_integer() or not values[0] <= number <= values[-1]:
        return Refused("survey_refused_scale", {"min": values[0], "max": values[-1]})
    return Parsed(int(number))


# ------------------------------------------------------------------ yes / no

def parse_yes_no(question: QuestionSpec, text: str, today: date, lang: str) -> Outcome:
    said = normal(text)
    if said in YES_WORDS or said == "1":
        return Parsed(True)
    if said in NO_WORDS or said == "2":
        return Parsed(False)
    return Refused("survey_refused_yes_no")


# ------------------------------------------------------------------ choices

def _option(question: QuestionSpec, said: str) -> str | None:
    """The option `said` names: its number, its label, or the only label it begins."""
    options = question.options
    if said.isdigit() and 1 <= int(said) <= len(options):
        return options[int(said) - 1]
    exact = [o for o in options if normal(o) == said]
    if exact:
        return exact[0]
    begun = [o for o in options if len(said) >= 3 and normal(o).startswith(said)]
    return begun[0] if len(begun) == 1 else None


def parse_choice(question: QuestionSpec, text: str, today: date, lang: str) -> Outcome:
    said = normal(text)
    whole = _option(question, said)
    if question.multiple:
        if said.isdigit() and int(said) == len(question.options) + 1:
            return Finish()  # the number of the "Ferdig" button, which comes last
        if whole is not None:
            return Toggle(whole)
        parts = [p for p in re.split(r"\s*(?:,|;|/|\bog\b|\band\b|\s\+\s)\s*", said) if p]
        picked = [_option(question, p) for p in parts]
        if len(parts) > 1 and all(picked):
            return Parsed([o for o in question.options if o in picked])
    elif whole is not None:
        return Parsed(whole)
    return Refused("survey_refused_choice", {"count": len(question.options)})


# ------------------------------------------------------------------ dates

_ISO = re.compile(r"(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})")
_NUMERIC = re.compile(r"(?P<d>[0-9]{1,2})\s*[./]\s*(?P<m>[0-9]{1,2})(?:\s*[./]\s*(?P<y>[0-9]{2}|[0-9]{4}))?\.?")
_DAY_MONTH = re.compile(r"(?P<d>[0-9]{1,2})\.?\s*(?:of\s+)?(?P<month>[a-zæøå]+)\.?(?:,?\s*(?P<y>[0-9]{4}))?")
_MONTH_DAY = re.compile(r"(?P<month>[a-zæøå]+)\.?\s+(?P<d>[0-9]{1,2})(?:st|nd|rd|th)?(?:,?\s*(?P<y>[0-9]{4}))?")


def _year(raw: str | None, today: date) -> int:
    if not raw:
        return today.year
    return 2000 + int(raw) if len(raw) == 2 else int(raw)


def read_date(text: str, today: date) -> date | Refused:
    said = normal(text).replace("\u00a0", " ")
    for pattern in (_ISO, _NUMERIC):
        found = pattern.fullmatch(said)
        if found is not None:
            day, month, year = int(found["d"]), int(found["m"]), _year(found["y"], today)
            break
    else:
        for pattern in (_DAY_MONTH, _MONTH_DAY):
            found = pattern.fullmatch(said)
            if found is not None and found["month"] in MONTHS:
                day, month, year = int(found["d"]), MONTHS[found["month"]], _year(found["y"], today)
                break
        else:
            return Refused("survey_refused_date", {"text": text.strip()})
    try:
        return date(year, month, day)
    except ValueError:
        return Refused("survey_refused_no_such_date", {"text": text.strip()})


def parse_date(question: QuestionSpec, text: str, today: date, lang: str) -> Outcome:
    found = read_date(text, today)
    return found if isinstance(found, Refused) else Parsed(found.isoformat())


# ------------------------------------------------------------------ text

def parse_text(question: QuestionSpec, text: str, today: date, lang: str) -> Outcome:
    cleaned = CONTROL_CHARS.sub("", text).strip()
    if not cleaned:
        return Refused("survey_refused_empty")
    if len(cleaned) > MAX_TEXT:
        return Refused("survey_refused_long", {"limit": MAX_TEXT})
    return Parsed(cleaned)


PARSERS: dict[str, Parser] = {
    "number": parse_number,
    "scale": parse_scale,
    "yes_no": parse_yes_no,
    "choice": parse_choice,
    "date": parse_date,
    "text": parse_text,
}


def parse_typed(question: QuestionSpec, text: str, today: date, lang: str) -> Outcome:
    """What typed `text` answers to `question`, read the way a writer of `lang` means it."""
    return PARSERS[question.type](question, text, today, lang)


# ------------------------------------------------------------------ buttons

def button_token(question: QuestionSpec, token: str) -> str:
    """The choice a button of `question` carries: `<question key>=<token>` (token: a scale value, yes/no,
    an option's number, or `done`)."""
    return f"{question.key}={token}"


def parse_pressed(question: QuestionSpec, choice: str) -> Outcome:
    """What a pressed button's choice answers; a choice made for another question, or naming an option the
    question does not have, is refused as a stale or forged button."""
    key, sep, token = choice.partition("=")
    forged = Refused("survey_refused_button")
    if not sep or key != question.key:
        return forged
    if question.type == "yes_no" and token in ("yes", "no"):
        return Parsed(token == "yes")
    if question.type == "scale" and re.fullmatch(r"-?[0-9]{1,4}", token) and int(token) in scale_values(question):
        return Parsed(int(token))
    if question.type == "choice":
        if question.multiple and token == DONE_TOKEN:
            return Finish()
        if token.isdigit() and 1 <= int(token) <= len(question.options):
            label = question.options[int(token) - 1]
            return Toggle(label) if question.multiple else Parsed(label)
    return forged
