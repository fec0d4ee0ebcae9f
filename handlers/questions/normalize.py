"""Text folding and tokens: the one place that decides what "the same word" means.

`fold` lower-cases, turns æ/ø/å (and other accents) into ASCII (æ→ae, ø→o, å→a, aa→a) and
replaces punctuation with spaces, so "Ålesund", "Aalesund" and "alesund" all read "alesund".
Names in the network and words in a question go through the same function.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_TABLE = str.maketrans({
    "æ": "ae", "ø": "o", "å": "a", "ä": "a", "ö": "o", "ü": "u", "ß": "ss", "œ": "oe",
})
_WORD = re.compile(r"[^\W_]+")
_NON_WORD = re.compile(r"[\W_]+")
_FOLDED = re.compile(r"[a-z0-9]+(?: [a-z0-9]+)*")  # what fold returns unchanged, when it has no "aa"
_POSSESSIVE = re.compile(r"(\w)['’´`]s\b")
# A meeting or project word glued to a name: "styringsgruppemøte" -> "styringsgruppe" + "møte",
# "velferdsteknologiprosjektet" -> "velferdsteknologi" + "prosjekt".
_SUFFIXES = (("motene", "mote"), ("motet", "mote"), ("moter", "mote"), ("mota", "mote"), ("mote", "mote"),
             ("meeting", "mote"), ("meetings", "mote"), ("prosjektene", "prosjekt"), ("prosjektet", "prosjekt"),
             ("prosjekta", "prosjekt"), ("prosjekter", "prosjekt"), ("prosjekt", "prosjekt"))


@lru_cache(maxsize=8192)
def fold_word(word: str) -> str:
    """One word, folded: "Ørsta" -> "orsta", "Aalesund" -> "alesund"."""
    text = word.lower().translate(_TABLE)
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return text.replace("aa", "a")


def fold(text: str) -> str:
    """A whole text folded to space-separated ASCII words: "IKT-leiar i Ørsta?" -> "ikt leiar i orsta"."""
    if _FOLDED.fullmatch(text) and "aa" not in text:  # folded already (the name index folds its parts again)
        return text
    text = _POSSESSIVE.sub(r"\1s", text)
    return " ".join(fold_word(w) for w in _NON_WORD.split(text) if w)


@dataclass(frozen=True)
class Token:
    norm: str  # folded
    orig: str  # as typed
    capital: bool  # typed with a capital letter, and not the first word


def tokenize(text: str) -> list[Token]:
    """The words of a question, folded, with compounds like "styringsgruppemøte" split in two."""
    text = _POSSESSIVE.sub(r"\1s", text)
    tokens: list[Token] = []
    for i, match in enumerate(_WORD.finditer(text)):
        orig = match.group(0)
        norm, split = _folded_and_split(orig)
        if not norm:
            continue
        capital = i > 0 and orig[:1].isupper() and not (len(orig) > 1 and orig.isupper())
        if split:
            tokens.append(Token(split[0], orig, capital))
            tokens.append(Token(split[1], orig, False))
        else:
            tokens.append(Token(norm, orig, capital))
    return tokens


@lru_cache(maxsize=16_384)
def _folded_and_split(word: str) -> tuple[str, tuple[str, str] | None]:
    """A typed word folded, and its compound split; remembered, since questions repeat their words."""
    norm = fold_word(word)
    return norm, _split(norm) if norm else None


def _split(norm: str) -> tuple[str, str] | None:
    for suffix, word in _SUFFIXES:
        if norm.endswith(suffix) and len(norm) - len(suffix) >= 5:
            return norm[: -len(suffix)], word
    return None
