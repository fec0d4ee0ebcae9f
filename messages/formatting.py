"""Dates, times, amounts and numbers the way readers of nb, nn and en expect them.

nb/nn: "4. desember 2026", "torsdag 4. desember 2026 kl. 10.00", "60 082 kr", "291 940".
en:    "4 December 2026", "Thursday 4 December 2026 at 10:00", "NOK 60,082", "291,940".

Month and weekday names, the decimal and grouping symbols and the order of day, month and year come from
CLDR through Babel (messages/locale_data.py; English is en_GB). Where the project's established output
differs from CLDR, the project's is kept, because readers and tests rely on it:

- nb/nn group digits with a plain space (U+0020), not CLDR's no-break space (U+00A0): the texts are
  plain text for Slack, Teams, e-mail and the terminal, where a no-break space is invisible but breaks
  searching and copying ("60 082 kr" is typed with a plain space).
- nb/nn times are "10.00" ("kl. 10.00", as Språkrådet recommends), not CLDR's "10:00".
- nn Sunday is "sundag" (CLDR: "søndag"); both are correct nynorsk, and the bot has always said "sundag".
- en with a weekday is "Thursday 4 December 2026", without CLDR's comma after the weekday, so that a
  weekday reads the same way in all three languages (CLDR's long date, "4 December 2026", is kept).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import date, datetime
from zoneinfo import ZoneInfo

from messages.locale_data import BABEL_LOCALES, LocaleTable, table

DEFAULT_TZ = "Europe/Oslo"
GROUP_SEPARATOR = {"nb": " ", "nn": " "}  # plain space; see the docstring
TIME_SEPARATOR = {"nb": ".", "nn": ".", "en": ":"}
WEEKDAY_NAMES = {"nn": {6: "sundag"}}  # weekday index (Monday 0) → the project's name; see the docstring
_PATTERN_TOKEN = re.compile(r"d+|M+|y+|'[^']*'")


class _Names(Mapping[str, list[str]]):
    """`MONTHS["nb"]` / `WEEKDAYS["nn"]` as lists, read from the locale table when first used."""

    def __init__(self, pick: str) -> None:
        self._pick = pick

    def __getitem__(self, lang: str) -> list[str]:
        if lang not in BABEL_LOCALES:
            raise KeyError(lang)
        return months(lang) if self._pick == "months" else weekdays(lang)

    def __iter__(self) -> Iterator[str]:
        return iter(BABEL_LOCALES)

    def __len__(self) -> int:
        return len(BABEL_LOCALES)


def months(lang: str) -> list[str]:
    return list(table(_lang(lang)).months)


def weekdays(lang: str) -> list[str]:
    lang = _lang(lang)
    names = list(table(lang).weekdays)
    for index, name in WEEKDAY_NAMES.get(lang, {}).items():
        names[index] = name
    return names


MONTHS: Mapping[str, list[str]] = _Names("months")
WEEKDAYS: Mapping[str, list[str]] = _Names("weekdays")


def _lang(lang: str) -> str:
    return lang if lang in BABEL_LOCALES else "nb"


def _long_date(day: date, data: LocaleTable, year: bool) -> str:
    """CLDR's long date pattern ("d. MMMM y", "d MMMM y") filled in; without the year when `year` is False."""
    pattern = data.long_date if year else re.sub(r"[\s,]*y+[\s.]*$", "", data.long_date)

    def token(match: re.Match[str]) -> str:
        text = match.group(0)
        if text.startswith("'"):
            return text[1:-1]
        if text[0] == "d":
            return str(day.day)
        if text[0] == "M":
            return data.months[day.month - 1]
        return str(day.year)

    return _PATTERN_TOKEN.sub(token, pattern)


def to_local(moment: datetime, tz: str = DEFAULT_TZ) -> datetime:
    return moment.astimezone(ZoneInfo(tz))


def format_date(day: date, lang: str, *, weekday: bool = False, year: bool = True) -> str:
    lang = _lang(lang)
    text = _long_date(day, table(lang), year)
    if weekday:
        text = f"{weekdays(lang)[day.weekday()]} {text}"
    return text


def format_time(moment: datetime, lang: str, tz: str = DEFAULT_TZ) -> str:
    local = to_local(moment, tz)
    return f"{local.hour:02d}{TIME_SEPARATOR[_lang(lang)]}{local.minute:02d}"


def format_datetime(moment: datetime, lang: str, tz: str = DEFAULT_TZ, *, weekday: bool = False) -> str:
    """A moment in the network's time zone: "4. desember 2026 kl. 10.00"."""
    local = to_local(moment, tz)
    joiner = " at " if _lang(lang) == "en" else " kl. "
    return format_date(local.date(), lang, weekday=weekday) + joiner + format_time(local, lang, tz)


def format_time_range(start: datetime, end: datetime | None, lang: str, tz: str = DEFAULT_TZ) -> str:
    """ "torsdag 4. desember 2026 kl. 10.00–12.00" (the end's date is added when it differs)."""
    text = format_datetime(start, lang, tz, weekday=True)
    if end is None:
        return text
    if to_local(end, tz).date() == to_local(start, tz).date():
        return f"{text}–{format_time(end, lang, tz)}"
    return f"{text} – {format_datetime(end, lang, tz, weekday=True)}"


def format_number(value: float, lang: str, decimals: int = 0) -> str:
    """Grouped digits: "291 940" in nb/nn, "291,940" in en; decimal comma in nb/nn."""
    lang = _lang(lang)
    data = table(lang)
    group = GROUP_SEPARATOR.get(lang, data.group)
    return f"{value:,.{decimals}f}".translate({ord(","): group, ord("."): data.decimal})


def format_nok(amount: float, lang: str) -> str:
    """Whole kroner: "60 082 kr" (nb/nn), "NOK 60,082" (en)."""
    rounded = round(amount)
    if _lang(lang) == "en":
        return f"NOK {format_number(rounded, lang)}"
    return f"{format_number(rounded, lang)} kr"


def join_names(names: list[str], lang: str) -> str:
    """ "A, B og C" / "A, B and C"."""
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    word = "and" if _lang(lang) == "en" else "og"
    return f"{', '.join(names[:-1])} {word} {names[-1]}"
