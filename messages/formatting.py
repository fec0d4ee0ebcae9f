"""Dates, times, amounts and numbers the way readers of nb, nn and en expect them.

nb/nn: "4. desember 2026", "torsdag 4. desember 2026 kl. 10.00", "60 082 kr", "291 940".
en:    "4 December 2026", "Thursday 4 December 2026 at 10:00", "NOK 60,082", "291,940".
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

MONTHS = {
    "nb": ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
           "oktober", "november", "desember"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"],
}
MONTHS["nn"] = MONTHS["nb"]

WEEKDAYS = {
    "nb": ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"],
    "nn": ["måndag", "tysdag", "onsdag", "torsdag", "fredag", "laurdag", "sundag"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
}

DEFAULT_TZ = "Europe/Oslo"


def _lang(lang: str) -> str:
    return lang if lang in MONTHS else "nb"


def to_local(moment: datetime, tz: str = DEFAULT_TZ) -> datetime:
    return moment.astimezone(ZoneInfo(tz))


def format_date(day: date, lang: str, *, weekday: bool = False, year: bool = True) -> str:
    lang = _lang(lang)
    month = MONTHS[lang][day.month - 1]
    if lang == "en":
        text = f"{day.day} {month}" + (f" {day.year}" if year else "")
    else:
        text = f"{day.day}. {month}" + (f" {day.year}" if year else "")
    if weekday:
        text = f"{WEEKDAYS[lang][day.weekday()]} {text}"
    return text


def format_time(moment: datetime, lang: str, tz: str = DEFAULT_TZ) -> str:
    local = to_local(moment, tz)
    sep = ":" if _lang(lang) == "en" else "."
    return f"{local.hour:02d}{sep}{local.minute:02d}"


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
    text = f"{value:,.{decimals}f}"
    if _lang(lang) == "en":
        return text
    return text.replace(",", " ").replace(".", ",")


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
