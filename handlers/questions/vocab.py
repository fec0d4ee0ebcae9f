"""The concept table of the lexicon (lexicon_concepts.py), compiled once: folded phrases -> concepts.

Long keywords also match with a typo ("kordinator" -> koordinator), see `parse._keywords`.
"""

from __future__ import annotations

from handlers.questions.lexicon_concepts import CONCEPTS, STOPWORDS_TEXT, TYPED_AS
from handlers.questions.normalize import fold

__all__ = ["FUZZY_WORDS", "KEYWORDS", "LONGEST_PHRASE", "PHRASES", "STOPWORDS", "TYPED_AS"]

# Words that carry no meaning for matching but must never be taken for names either.
STOPWORDS: frozenset[str] = frozenset(fold(w) for w in STOPWORDS_TEXT.split())


def _compile() -> tuple[dict[tuple[str, ...], frozenset[str]], int]:
    table: dict[tuple[str, ...], set[str]] = {}
    for concept, words in CONCEPTS:
        chunks = words.split("|")
        phrases: list[str] = chunks[0].split() + chunks[1:]
        for phrase in phrases:
            key = tuple(fold(phrase).split())
            if key:
                table.setdefault(key, set()).add(concept)
    longest = max(len(k) for k in table)
    return {k: frozenset(v) for k, v in table.items()}, longest


PHRASES, LONGEST_PHRASE = _compile()
# Single keywords long enough to be matched with a typo.
FUZZY_WORDS: tuple[str, ...] = tuple(sorted(k[0] for k in PHRASES if len(k) == 1 and len(k[0]) >= 6))
# Every single word the vocabulary knows (used to keep keywords out of name matching).
KEYWORDS: frozenset[str] = frozenset(k[0] for k in PHRASES if len(k) == 1)
