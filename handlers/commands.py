"""Command words, as people type them: every language's words for a command, with and without æøå.

The words live in the per-language lexicons (handlers/questions/lexicon_nb.py, _nn.py, _en.py: COMMANDS);
handlers/app.py routes a message whose first word is one of them to the command's listener.
"""

from __future__ import annotations

from handlers.questions import lexicon_en, lexicon_nb, lexicon_nn
from handlers.questions.normalize import fold_word

LEXICONS = (lexicon_nb, lexicon_nn, lexicon_en)


def command_words(name: str) -> tuple[str, ...]:
    """The words of command `name` in nb, nn and en, each also folded ("kunngjøring" and "kunngjoring")."""
    typed = [word for lexicon in LEXICONS for word in lexicon.COMMANDS.get(name, "").split()]
    if not typed:
        raise KeyError(f"no command {name!r} in the lexicons")
    folded = [fold_word(word) for word in typed]
    return tuple(dict.fromkeys(w.lower() for w in [*typed, *folded] if w))
