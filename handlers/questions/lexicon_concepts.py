"""The concept table of the lexicon, merged from the lexicons of the three languages (lexicon_nb.py,
lexicon_nn.py, lexicon_en.py): (concept, words) pairs, one per language, and the stop words.

A concept is a short tag: "role:coordinator", "topic:deadline", "attr:population", "ref:me"...
Words are written as people type them, separated by spaces; phrases of several words are separated
by "|" ("chief executive|chief executives"). They are folded (æøå -> ASCII) when vocab.py loads them.
"""

from __future__ import annotations

from handlers.questions import lexicon_en, lexicon_nb, lexicon_nn

CONCEPTS: tuple[tuple[str, str], ...] = tuple(
    (concept, text) for lexicon in (lexicon_nb, lexicon_nn, lexicon_en) for concept, text in lexicon.CONCEPTS.items())

STOPWORDS_TEXT = " ".join(lexicon.STOPWORDS for lexicon in (lexicon_nb, lexicon_nn, lexicon_en))

# Folded words that are also another word typed without æøå: the concept holds only when typed so.
TYPED_AS: dict[str, tuple[str, ...]] = {
    "var": ("vår", "vaar"), "vart": ("vårt", "vaart"), "vare": ("våre", "vaare"), "bor": ("bor",),
}
