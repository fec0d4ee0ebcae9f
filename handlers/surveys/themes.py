"""Recurring themes in free-text answers: the words and word pairs several respondents used.

A secretariat presents answers "compressed ... without reference to municipality" (seed 001): each
answer is split into words, stop words (nb, nn, en) are dropped, inflections are grouped with the
Snowball Norwegian stemmer ("utfordringar", "utfordringer", "utfordring" -> one theme), and each
theme counts the answers that mention it (an answer that repeats a word counts once). A pair of
words that recurs as often as its parts replaces them ("felles løysingar" rather than "felles").
The label of a theme is its most frequent written form, so it reads like the answers themselves.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from messages.stopwords import STOPWORDS

WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)
MIN_WORD = 3  # shorter words ("it", "ks") say little on their own
MIN_COUNT = 2  # a theme is something at least two answers share
MAX_THEMES = 8


@dataclass(frozen=True)
class Theme:
    label: str
    count: int  # number of answers that mention it


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    import snowballstemmer

    return snowballstemmer.stemmer("norwegian")


@lru_cache(maxsize=8192)
def _stem(word: str) -> str:
    # twice: one pass leaves "kapasiteten" at "kapasitet" but takes "kapasitet" to "kapasit"
    stemmer = _stemmer()
    return str(stemmer.stemWord(stemmer.stemWord(word)))


def _words(text: str) -> list[tuple[str, str]]:
    """(stem, written form) of the meaningful words of `text`, in order; ("", "") marks a gap."""
    out: list[tuple[str, str]] = []
    for match in WORD.finditer(text.lower()):
        word = match.group(0)
        if len(word) < MIN_WORD or word in STOPWORDS:
            out.append(("", ""))  # a gap: pairs never span a stop word
            continue
        out.append((_stem(word), word))
    return out


def themes(texts: Iterable[str], *, limit: int = MAX_THEMES, min_count: int = MIN_COUNT) -> list[Theme]:
    """The recurring themes of `texts`, most shared first (ties by label)."""
    answers_with: Counter[tuple[str, ...]] = Counter()
    forms: dict[tuple[str, ...], Counter[str]] = {}
    for text in texts:
        words = _words(text)
        seen: set[tuple[str, ...]] = set()
        for i, (stem, form) in enumerate(words):
            if not stem:
                continue
            keys: list[tuple[tuple[str, ...], str]] = [((stem,), form)]
            if i + 1 < len(words) and words[i + 1][0] and words[i + 1][0] != stem:
                keys.append(((stem, words[i + 1][0]), f"{form} {words[i + 1][1]}"))
            for key, written in keys:
                forms.setdefault(key, Counter())[written] += 1
                if key not in seen:
                    seen.add(key)
                    answers_with[key] += 1
    recurring = {key: n for key, n in answers_with.items() if n >= min_count}
    # a word always used in the same pair is told by the pair
    covered = {part for key, n in recurring.items() if len(key) == 2 for part in key
               if recurring.get((part,)) == n}
    found = [
        Theme(label=_label(forms[key]), count=n)
        for key, n in recurring.items()
        if not (len(key) == 1 and key[0] in covered)
    ]
    found.sort(key=lambda theme: (-theme.count, theme.label))
    return found[:limit]


def _label(written: Counter[str]) -> str:
    return min(written.items(), key=lambda item: (-item[1], item[0]))[0]
