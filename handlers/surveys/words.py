"""The words a respondent types to steer a survey conversation, in nb, nn and en: one small table.

Matched on the whole message, case and punctuation aside ("Tilbake!", "hopp over", "endre 3").
Month names for typed dates and the words that soften a number ("ca. 4,5") live here too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

COMMANDS: dict[str, tuple[str, ...]] = {
    "back": ("tilbake", "forrige", "back", "previous", "prev"),
    "skip": ("hopp over", "hopp", "hopp over dette", "skip", "pass"),
    "pause": ("pause", "stopp", "stop", "vent", "later", "seinare", "senere"),
    "submit": ("send", "send inn", "sende", "sende inn", "submit", "send it"),
    "done": ("ferdig", "done", "finished", "finish"),
    "resume": ("svar", "answer", "fortsett", "hald fram", "hold fram", "continue", "resume"),
    "help": ("hjelp", "help", "?"),
}
CHANGE_WORDS = ("endre", "endra", "change", "edit", "rett", "fix")
YES_WORDS = ("ja", "j", "yes", "y", "jepp", "jo")
NO_WORDS = ("nei", "n", "no", "nope")
APPROXIMATELY = ("ca.", "ca", "cirka", "circa", "omtrent", "om lag", "omlag", "rundt", "about", "approx.",
                 "approx", "approximately", "around", "~", "≈", "c.")

MONTHS: dict[str, int] = {}
for _number, _names in enumerate((
    ("januar", "january", "jan"), ("februar", "february", "feb"), ("mars", "march", "mar"),
    ("april", "apr"), ("mai", "may"), ("juni", "june", "jun"), ("juli", "july", "jul"),
    ("august", "aug"), ("september", "sept", "sep"), ("oktober", "october", "okt", "oct"),
    ("november", "nov"), ("desember", "december", "des", "dec"),
), start=1):
    for _name in _names:
        MONTHS[_name] = _number

_SPACES = re.compile(r"\s+")
_CHANGE = re.compile(r"(?P<word>[a-zæøå]+)\s*(?:nr\.?|no\.?|#)?\s*(?P<number>[0-9]{1,3})")


def normal(text: str) -> str:
    """Lower case, single spaces, no surrounding punctuation: what the tables are matched against."""
    return _SPACES.sub(" ", text.strip().lower()).strip(" .!,;:«»\"'")


@dataclass(frozen=True)
class Command:
    name: str  # back | skip | pause | submit | done | resume | help | change
    number: int | None = None  # change: the question's place (1-based)
    rest: str = ""  # resume: what followed ("svar ikt-status-2026")


def command(text: str) -> Command | None:
    """The steering word `text` is, or None when it is an answer (or anything else)."""
    said = normal(text)
    if not said:
        return None
    for name, words in COMMANDS.items():
        if said in words:
            return Command(name)
    found = _CHANGE.fullmatch(said)
    if found is not None and found["word"] in CHANGE_WORDS:
        return Command("change", int(found["number"]))
    first, _, rest = said.partition(" ")
    if first in COMMANDS["resume"] and rest and " " not in rest:
        return Command("resume", rest=rest)
    return None
