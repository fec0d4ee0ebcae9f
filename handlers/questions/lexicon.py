"""Every input word the question engine knows, merged from one lexicon per language: lexicon_nb.py,
lexicon_nn.py and lexicon_en.py (concepts, period words, numbers, stop words, words that shape a question).

Words are written as people type them (æøå included) and folded (normalize.fold) once, when this module
loads. Month and weekday names are the ones messages/formatting.py writes, plus what people also type for
them (each lexicon's MONTH_SHORT). What is not a word of one language stays here: which words mean
something together (COMBOS), which folded words count only when typed with æøå (SEASON_TYPED).
"""

from __future__ import annotations

from collections.abc import Mapping

from handlers.questions import lexicon_en, lexicon_nb, lexicon_nn
from handlers.questions.normalize import fold
from messages.formatting import MONTHS as MONTH_NAMES
from messages.formatting import WEEKDAYS as WEEKDAY_NAMES

LANGUAGES = (lexicon_nb, lexicon_nn, lexicon_en)


def words(text: str) -> frozenset[str]:
    """A space-separated word list, folded."""
    return frozenset(fold(text).split())


def merged(name: str) -> frozenset[str]:
    """The words of the list `name` in every language, folded."""
    return words(" ".join(lexicon.WORDS.get(name, "") for lexicon in LANGUAGES))


def _phrases(name: str) -> list[tuple[str, ...]]:
    return [tuple(fold(p).split()) for lexicon in LANGUAGES for p in lexicon.WORDS.get(name, "").split("|") if p]


def _numbers(table: str) -> dict[str, int]:
    return {fold(word): n for lexicon in LANGUAGES for word, n in getattr(lexicon, table).items()}


# --- numbers ("om to uker", "the next three weeks") ---
NUMBERS: dict[str, int] = _numbers("NUMBERS")

# --- units and period words ---
DAY_WORDS = merged("day")
WEEK_WORDS = merged("week")
MONTH_WORDS = merged("month")
YEAR_WORDS = merged("year")
THIS = merged("this")
NEXT = merged("next")
PREVIOUS = merged("previous")
IN = merged("in")
BEFORE = merged("before")
AFTER = merged("after")
FROM = merged("from")
BETWEEN = merged("between")
THE = merged("the")
AND = merged("and")
UNTIL_WORDS = merged("until")  # "mellom 1. april og 1. juni", "from 1 April to 1 June"
WITHIN = merged("within")
LEAD_IN = THE | merged("lead_in")  # words before a period that belong to it
CHRISTMAS = merged("christmas")
WEEKEND = merged("weekend")
ROMJUL = merged("romjul")
NEW_YEAR = merged("new_year")
TODAY = merged("today")
TOMORROW = merged("tomorrow")
YESTERDAY = merged("yesterday")
AFTER_I = {key: merged(f"after_i:{key}") for key in ("today", "tomorrow", "day_after", "yesterday")}
# Month abbreviations that are also common words: a month only after "i"/"in" ("i mai", not "may I").
SHORT_MONTHS = merged("short_months")


def _numbered(names_per_language: Mapping[str, list[str]]) -> dict[str, int]:
    return {fold(name): i + 1 for names in names_per_language.values() for i, name in enumerate(names)}


# Month names as messages/ writes them, plus what people also type for them.
MONTHS: dict[str, int] = {**_numbered(MONTH_NAMES), **_numbers("MONTH_SHORT")}
WEEKDAYS: dict[str, int] = {name: n - 1 for name, n in _numbered(WEEKDAY_NAMES).items()}


# --- words that shape a question (parse.py) ---
MEETING_ENDINGS: tuple[str, ...] = tuple(sorted(merged("meeting_endings")))  # "årsmøtet": a meeting
COMBOS: tuple[tuple[frozenset[str], str], ...] = (
    (frozenset({"ble", "med"}), "attr:joined"), (frozenset({"vart", "med"}), "attr:joined"),
    (frozenset({"kom", "med"}), "attr:joined"), (frozenset({"gikk", "inn"}), "attr:joined"),
    (frozenset({"gjekk", "inn"}), "attr:joined"), (frozenset({"horer", "til"}), "attr:region"),
    (frozenset({"hoyrer", "til"}), "attr:region"), (frozenset({"ligger"}), "attr:region"),
    (frozenset({"handler", "om"}), "attr:description"), (frozenset({"handlar", "om"}), "attr:description"),
    (frozenset({"gar", "ut", "pa"}), "attr:description"), (frozenset({"er", "med", "i"}), "attr:participants"),
    (frozenset({"sitter", "i"}), "attr:members"), (frozenset({"sit", "i"}), "attr:members"),
    (frozenset({"nar", "medlem"}), "attr:joined"), (frozenset({"when", "member"}), "attr:joined"),
    (frozenset({"when", "become"}), "attr:joined"), (frozenset({"when", "became"}), "attr:joined"),
)
# A word right after these is likely a name: "koordinator i tromso", "the fee for springfield".
PREPOSITIONS = merged("prepositions")
LOCATIVE = merged("locative")  # "koordinator i Stang": a place is expected after these
NAME_AFTER = merged("name_after")  # "what does folldal pay": a name, typed in lower case
TODO_WORDS = merged("todo")
# A lone unknown word right after these, in a question about an organization, is its name: "er songdalen medlem".
ORG_NAME_AFTER = merged("org_name_after")
ORGS_PLURAL = merged("orgs_plural")  # "our member municipalities": all of us, not my organization
# An English "i" typed in lower case, told from Norwegian "i" (in) by its neighbours: "who am i".
I_BEFORE = merged("i_before")
I_AFTER = merged("i_after")


# --- holidays, seasons, quarters and the past (period_holidays.py) ---
AGO = merged("ago")  # "for to uker siden", "two weeks ago"
A_ONE = merged("a_one")  # "a week ago"
EASTER = merged("easter")
# "før sommerferien", "after the summer holidays": July (phrases separated by "|")
SUMMER_HOLIDAY: tuple[tuple[str, ...], ...] = tuple(sorted(set(_phrases("summer_holiday")), key=lambda p: -len(p)))
PAST_TENSE = merged("past_tense")  # "hvilke møter var det i september": the September that has been
AT_HOLIDAY = merged("at_holiday")  # "i påsken", "over Easter"
QUARTER_WORDS = merged("quarter")
ORDINALS: dict[str, int] = _numbers("ORDINALS")
QUARTER_CODES: dict[str, int] = {"q1": 1, "q2": 2, "q3": 3, "q4": 4}
# Seasons and the month each begins with (three months each; winter runs into the next year).
SEASONS: dict[str, tuple[frozenset[str], int]] = {
    name: (merged(name), month) for name, month in (("spring", 3), ("summer", 6), ("autumn", 9), ("winter", 12))
}
SEASON_LEAD = merged("season_lead")
# Folded season words that are also other words ("var" was, "host"): a season only so typed and led in.
SEASON_TYPED: dict[str, tuple[str, ...]] = {"var": ("vår", "vaar"), "varen": ("våren", "vaaren"),
                                            "host": ("høst", "hoest")}
# "by year end", "innen utgangen av året", "resten av året": from now to New Year.
YEAR_END: tuple[tuple[str, ...], ...] = tuple(sorted(set(_phrases("year_end")), key=lambda p: (-len(p), p)))
