"""Every input word the question engine knows, in one place: concepts, period words, numbers, month and
weekday names, stop words, compounds and words that mean something together.

Words are written as people type them (bokmål, nynorsk and English side by side, æøå included); they
are folded (normalize.fold) once, when a module that uses them loads. Month and weekday names are the
ones messages/formatting.py writes, plus what people type for them (abbreviations, "may", "sept").
The concept table (the longest part) is in lexicon_concepts.py.
"""

from __future__ import annotations

from handlers.questions.normalize import fold
from messages.formatting import MONTHS as MONTH_NAMES
from messages.formatting import WEEKDAYS as WEEKDAY_NAMES


def words(text: str) -> frozenset[str]:
    """A space-separated word list, folded."""
    return frozenset(fold(text).split())


# --- numbers ("om to uker", "the next three weeks") ---
NUMBERS: dict[str, int] = {
    "en": 1, "ein": 1, "ett": 1, "eitt": 1, "one": 1, "to": 2, "two": 2, "tre": 3, "three": 3, "fire": 4,
    "four": 4, "fem": 5, "five": 5, "seks": 6, "six": 6, "sju": 7, "syv": 7, "seven": 7, "atte": 8,
    "eight": 8, "ni": 9, "nine": 9, "ti": 10, "ten": 10, "elleve": 11, "eleven": 11, "tolv": 12,
    "twelve": 12, "fjorten": 14, "fourteen": 14, "femten": 15, "fifteen": 15, "tjue": 20, "tyve": 20,
    "twenty": 20, "tretti": 30, "tredve": 30, "thirty": 30, "par": 2, "couple": 2,
}

# --- units and period words ---
DAY_WORDS = words("dag dagar dager dagane dagene dogn døgn day days")
WEEK_WORDS = words("uke uker ukene uka uken veke veker vekene veka week weeks")
MONTH_WORDS = words("måned måneder månedene måneden månad månader månadene månaden month months")
YEAR_WORDS = words("år året åra årene year years")
THIS = words("denne dette inneverande inneværende this current")
NEXT = words("neste kommende komande følgende følgjande nærmeste næraste nærmaste next coming following upcoming")
PREVIOUS = words("forrige førre sist siste last previous past")
IN = words("om in")
BEFORE = words("før innen innan before by until")
AFTER = words("etter after")
FROM = words("fra frå from")
BETWEEN = words("mellom between")
THE = words("de dei the i in løpet av within")
AND = words("og and til to eller or")
UNTIL_WORDS = words("og and til to until")  # "mellom 1. april og 1. juni", "from 1 April to 1 June"
WITHIN = words("innen innan within")
LEAD_IN = THE | words("i på on in for during over")  # words before a period that belong to it
CHRISTMAS = words("jul julen jula christmas xmas")
WEEKEND = words("helg helga helgen weekend")
ROMJUL = words("romjul romjula romjulen")
NEW_YEAR = words("nyttår nyttåret årsskiftet årsskifte newyear")
TODAY = words("idag today tonight")
TOMORROW = words("imorgen imorgon tomorrow")
YESTERDAY = words("igår igaar yesterday")
AFTER_I = {  # "i dag", "i morgon", "i går": the word after "i"
    "today": words("dag kveld"), "tomorrow": words("morgen morgon"), "day_after": words("overmorgen overmorgon"),
    "yesterday": words("gar gaar"),
}
# Month abbreviations that are also common words: a month only after "i"/"in" ("i mai", not "may I").
SHORT_MONTHS = words("may mar des sep jan okt")


def _numbered(names_per_language: dict[str, list[str]], extra: tuple[str, ...]) -> dict[str, int]:
    table: dict[str, int] = {}
    for names in names_per_language.values():
        for i, name in enumerate(names):
            table[fold(name)] = i + 1
    for i, more in enumerate(extra):
        for name in more.split():
            table[fold(name)] = i + 1
    return table


# Month names as messages/ writes them, plus what people also type for them.
MONTHS: dict[str, int] = _numbered(MONTH_NAMES, (
    "jan", "feb", "mar", "apr", "", "jun", "", "aug", "sept sep", "okt oct", "nov", "des dec"))
# Weekday names (0 = Monday) as messages/ writes them.
WEEKDAYS: dict[str, int] = {name: n - 1 for name, n in _numbered(WEEKDAY_NAMES, ()).items()}


# --- words that shape a question (parse.py) ---
MEETING_ENDINGS: tuple[str, ...] = tuple(fold(
    "mote motet moter mota motene samling samlinga samlingen meeting").split())  # "årsmøtet": a meeting
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
PREPOSITIONS = words("i på for til hos fra in of at from about om")
LOCATIVE = words("i in på at")  # "koordinator i Stang": a place is expected after these
NAME_AFTER = words("does did")  # "what does folldal pay": a name, typed in lower case
TODO_WORDS = words("svare svara levere gjøre gjere respond answer submit reply deliver do rekke rekkje sende send")
# An English "i" typed in lower case, told from Norwegian "i" (in) by its neighbours: "who am i".
I_BEFORE = words("am do did should must can could have will shall")
I_AFTER = words("am have lead need should must do chair take belong work")


# --- holidays, seasons, quarters and the past (period_holidays.py) ---
AGO = words("siden sidan ago")  # "for to uker siden", "two weeks ago"
A_ONE = words("a an")  # "a week ago"
EASTER = words("påske påska påsken easter påskeferien påskeferie påskeuka påskehelga")
AT_HOLIDAY = words("i in over during at")  # "i påsken", "over Easter"
QUARTER_WORDS = words("kvartal kvartalet kvartala kvartalene kvartaler quarter quarters")
ORDINALS: dict[str, int] = {
    "1": 1, "forste": 1, "fyrste": 1, "first": 1, "2": 2, "andre": 2, "second": 2,
    "3": 3, "tredje": 3, "third": 3, "4": 4, "fjerde": 4, "fourth": 4,
}
QUARTER_CODES: dict[str, int] = {"q1": 1, "q2": 2, "q3": 3, "q4": 4}
# Seasons and the month each begins with (three months each; winter runs into the next year).
SEASONS: dict[str, tuple[frozenset[str], int]] = {
    "spring": (words("vår våren spring"), 3),
    "summer": (words("sommer sommar sommeren sommaren summer"), 6),
    "autumn": (words("høst høsten haust hausten autumn fall"), 9),
    "winter": (words("vinter vinteren winter"), 12),
}
SEASON_LEAD = words("i in til this next neste denne the during om over kommende komande")
# Folded season words that are also other words ("var" was, "host"): a season only so typed and led in.
SEASON_TYPED: dict[str, tuple[str, ...]] = {"var": ("vår", "vaar"), "varen": ("våren", "vaaren"),
                                            "host": ("høst", "hoest")}
# "by year end", "innen utgangen av året", "resten av året": from now to New Year.
YEAR_END: tuple[tuple[str, ...], ...] = tuple(sorted((tuple(fold(p).split()) for p in (
    "by year end", "by the end of the year", "by the end of year", "by end of year", "before year end",
    "before the end of the year", "before the year end", "until the end of the year", "until year end",
    "rest of the year", "rest of year", "end of the year", "end of year", "year end",
    "innen utgangen av året", "innan utgangen av året", "før utgangen av året", "innen årets slutt",
    "innan årets slutt", "før årets slutt", "innen årsslutt", "før årsslutt", "resten av året", "ut året",
    "til årsskiftet", "fram til nyttår", "frem til nyttår", "fram til årsskiftet", "frem til årsskiftet",
)), key=len, reverse=True))
