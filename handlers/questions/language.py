"""Guess whether a question is in bokmål, nynorsk or English from its words.

Each language has marker words (question words, negations, pronouns, common inflections); the
language with the most markers wins. No markers, or a tie, means "can't tell" (None), and the
caller falls back to the network's language.
"""

from __future__ import annotations

from handlers.questions.normalize import fold, fold_word
from messages.i18n import Lang

_NN = (
    "kva kven korleis kor kvar kvifor korfor ikkje eg meg veke veka vekene veker dei kommunar kommunane "
    "møta fristar fristane noko nokon nokre berre frå mykje høyrer høyrar leiar leiaren leiarar eigar eigaren "
    "deltek innbyggjarar innbyggjartal månad månaden dagane dagar vart vert sjå eit ein deira dykk me "
    "tysdag laurdag sundag medlemskommunar koordinatorar kommunedirektørar prosjekta gruppa skule "
    "årleg folketal stad kome kjem gjeld medan sidan heile hjå òg enno tilskot sekretariatet "
    "prosjektleiar ikt-leiar neste veke inneverande"
)
_NB = (
    "hva hvem hvordan hvor hvilke hvilken hvilket hvorfor ikke jeg uke uka uken ukene uker de kommuner "
    "kommunene frister fristene noe noen bare fra mye hører leder lederen ledere eier eieren deltar "
    "innbyggere innbyggertall måned måneden dagene dager ble blir se et en deres dere tirsdag lørdag "
    "søndag medlemskommuner koordinatorer kommunedirektører prosjektene gruppen skole årlig folketall "
    "sted kommer gjelder mens siden hele også ennå tilskudd prosjektleder ikt-leder neste uke "
    "møtene"
)
_EN = (
    "who what when where which how the is are was were next does do did of in on with and "
    "many much member members municipality municipalities deadline deadlines meeting meetings project "
    "projects coordinator chief executive lead leads leader fee population my me week weeks month "
    "today tomorrow group steering there has have this that any upcoming our us we people please "
    "show tell list about part take takes belong owner owns council whats whos wheres "
    "whens hows email phone number chair chairs coordinates participants involved"
)

# Words shared by the two written Norwegian standards count for neither.
_SHARED = {"er", "i", "pa", "neste", "mote", "motet", "frist", "og", "til", "med"}


def _markers(words: str) -> frozenset[str]:
    return frozenset(w for w in fold(words).split() if w not in _SHARED)


_MARKERS: dict[Lang, frozenset[str]] = {"nn": _markers(_NN), "nb": _markers(_NB), "en": _markers(_EN)}
# Folded words that are markers for two languages are worth less: nb "de" is also nn "you".
_AMBIGUOUS = (_MARKERS["nn"] & _MARKERS["nb"]) | (_MARKERS["nn"] & _MARKERS["en"]) | (
    _MARKERS["nb"] & _MARKERS["en"])


def detect_language(text: str) -> Lang | None:
    """ "kven er koordinator i Orsta?" -> "nn"; "who leads DigiHelse?" -> "en"; "Rana?" -> None."""
    scores: dict[Lang, float] = {"nb": 0.0, "nn": 0.0, "en": 0.0}
    words = [fold_word(w) for w in text.split()]
    words = [w for chunk in words for w in fold(chunk).split()]
    for word in words:
        weight = 0.5 if word in _AMBIGUOUS else 1.0
        for lang, markers in _MARKERS.items():
            if word in markers:
                scores[lang] += weight
    best = max(scores.values())
    if best == 0:
        return None
    winners = [lang for lang, score in scores.items() if score == best]
    return winners[0] if len(winners) == 1 else None
