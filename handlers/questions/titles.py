"""Find a deadline or meeting by the words of its title: "fristen for budsjettinnspill",
"kontaktperson for innspill til samarbeidsavtalen", "årsmøtet"."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Generic, TypeVar

from rapidfuzz import fuzz

from handlers.questions.normalize import fold
from handlers.questions.parse import Query
from handlers.questions.vocab import STOPWORDS
from storage.snapshot import DeadlineInfo, MeetingInfo, NetworkSnapshot, ProjectInfo

T = TypeVar("T")

# Concepts of words that ask *about* a deadline or meeting rather than name it.
_GENERIC = ("topic:deadline", "attr:contact", "attr:when", "attr:where", "attr:agenda", "attr:url", "q:", "ref:",
            "time:", "role:", "attr:lead", "attr:chair")


# English words for the Norwegian words deadline and meeting titles are usually made of.
_ENGLISH: dict[str, tuple[str, ...]] = {
    "annual": ("arsmote", "arsrapport", "arsmelding"), "budget": ("budsjett",), "input": ("innspill",),
    "feedback": ("innspill", "tilbakemelding", "horing"), "consultation": ("horing", "innspill"),
    "report": ("rapport", "rapportering"), "reporting": ("rapportering",), "registration": ("pamelding",),
    "signup": ("pamelding",), "interest": ("interesse",), "survey": ("kartlegging", "sporreundersokelse"),
    "mapping": ("kartlegging",), "evaluation": ("evaluering",), "agreement": ("avtale", "samarbeidsavtale"),
    "cooperation": ("samarbeid", "samarbeidsavtale"), "invitation": ("invitasjon",), "contact": ("kontakt",),
    "lists": ("kontaktliste",), "list": ("liste",), "application": ("soknad",), "procurement": ("anskaffelse",),
    "purchase": ("anskaffelse", "innkjop"), "technology": ("teknologi",),
    "gathering": ("samling",), "seminar": ("seminar", "samling"), "workshop": ("samling", "verksted"),
    "status": ("status",), "strategy": ("strategi",), "plan": ("plan",), "answer": ("svar",), "reply": ("svar",),
    "school": ("skole", "skule"), "archive": ("arkiv",), "alarms": ("trygghetsalarm",),
    "health": ("helse",), "child": ("barn",), "welfare": ("velferd", "velferdsteknologi"),
    "social": ("sosial",), "building": ("bygg", "byggesak"), "permit": ("byggesak", "soknad"),
    "portal": ("portal",), "citizen": ("innbygger", "innbyggjar"), "citizens": ("innbygger", "innbyggjar"),
    "security": ("sikkerhet", "sikkerheit", "informasjonssikkerheit"), "information": ("informasjon",),
    "artificial": ("kunstig",), "intelligence": ("intelligens",), "ai": ("ki",), "platform": ("plattform",),
    "common": ("felles",), "shared": ("felles",), "digital": ("digital", "digitalt"),
    "cloud": ("sky", "skytjeneste", "skytjenester"), "conference": ("konferanse",), "home": ("hjemme", "heime"),
    "care": ("omsorg", "pleie"), "assistant": ("assistent",), "casework": ("saksbehandling",),
    "case": ("sak", "saksbehandling"), "handling": ("saksbehandling",), "needs": ("behov",), "need": ("behov",),
    "action": ("handlingsplan",), "final": ("sluttrapport",), "hearing": ("horing", "horingssvar"),
    "contacts": ("kontaktperson", "kontaktliste"),
    "order": ("bestilling",), "ordering": ("bestilling",), "tablet": ("nettbrett",), "tablets": ("nettbrett",),
    "schools": ("skolene", "skulane"), "risk": ("ros", "risiko"), "preparedness": ("beredskap", "beredskapsplan"),
    "emergency": ("beredskap", "beredskapsplan"), "privacy": ("personvern", "personvernombud"),
    "ombudsman": ("personvernombud",), "competence": ("kompetanse",), "skills": ("kompetanse",),
    "spring": ("varsamling", "varsamlingen"), "autumn": ("haustsamling", "hostsamling"),
    "grants": ("skjonnsmidler", "skjonnsmidlar"), "participants": ("deltakere", "deltakarar"),
}


def content_words(query: Query) -> list[tuple[str, bool]]:
    """(folded word, is it a leftover word) for the words that could be part of a title."""
    skip = set(query.period.tokens) if query.period else set()
    leftovers = set(query.leftover)
    out: list[tuple[str, bool]] = []
    for i, word in enumerate(query.words):
        if i in skip or word in STOPWORDS or len(word) < 3 or word.isdigit() and len(word) != 4:
            continue
        concepts = query.keyword_of.get(i, frozenset())
        if any(c.startswith(_GENERIC) for c in concepts):
            continue
        out.append((word, word in leftovers))
        for other in _ENGLISH.get(word, ()):
            out.append((other, word in leftovers))
    return out


def _word_groups(query: Query) -> list[list[tuple[str, bool]]]:
    """content_words grouped by the question's word: a word and its English translations count once."""
    groups: list[list[tuple[str, bool]]] = []
    for word, left in content_words(query):
        if groups and word in _ENGLISH.get(groups[-1][0][0], ()):
            groups[-1].append((word, left))
        else:
            groups.append([(word, left)])
    return groups


SHORT = 5  # a word shorter than this is like only itself


def _likeness(word: str, title_word: str) -> float:
    """1 for the same word, less for a shared stem, a part of a compound or a typo, 0 for no match."""
    if word == title_word:
        return 1.0
    short, long_ = (word, title_word) if len(word) <= len(title_word) else (title_word, word)
    if len(short) < SHORT:
        return 0.0
    if long_.startswith(short[: max(5, len(short) - 2)]):
        return 0.9
    if fuzz.ratio(word, title_word) >= 85:
        return 0.8
    shared = len(os.path.commonprefix([word, title_word]))
    if shared >= 8 and shared >= 0.7 * len(short):  # "budsjettinnspelet" (nn) ~ "budsjettinnspill"
        return 0.8
    if short in long_ or (len(_stem(short)) >= 5 and _stem(short) in long_):  # "kartleggingen" ~ "behovskartlegging"
        return 0.6
    return 0.0


_ENDINGS = ("ene", "ane", "en", "et", "er", "ar", "a")


def _stem(word: str) -> str:
    """The word without a Norwegian definite or plural ending: "kartleggingen" -> "kartlegging"."""
    return next((word[: -len(e)] for e in _ENDINGS if word.endswith(e) and len(word) - len(e) >= 5), word)


def _compound_parts(word: str, title_words: list[str]) -> list[str] | None:
    """ "arkivkartleggingen" -> ["arkiv", "kartleggingen"]: a compound of two words each found in titles
    (a linking "s" dropped), when the whole word is not (a form of) a title word itself ("budsjettinnspillet")."""
    if len(word) < 9 or any(_likeness(word, t) >= 0.8 for t in title_words):
        return None
    for k in range(5, len(word) - 4):
        head, tail = word[:k], word[k:]
        if head.endswith("s") and len(head) > 5:
            head = head[:-1]
        if any(_likeness(head, t) >= 0.9 for t in title_words) and any(_likeness(tail, t) >= 0.9 for t in title_words):
            return [head, tail]
    return None


class TitleIndex(Generic[T]):
    """The title words of a list of deadlines or meetings, with the items each word occurs in."""

    def __init__(self, items: list[T], title: Callable[[T], str]) -> None:
        self.items = items
        self._long: list[tuple[str, list[int]]] | None = None  # the title words of SHORT letters or more
        self.by_word: dict[str, list[int]] = {}
        for k, item in enumerate(items):
            for word in set(fold(title(item)).split()):
                if word not in STOPWORDS and (len(word) >= 3 or word.isdigit()):
                    self.by_word.setdefault(word, []).append(k)

    def _alike(self, word: str) -> list[tuple[str, list[int]]]:
        """The title words `_likeness` can find like `word`, in `by_word` order: below SHORT letters only the
        same word (either being that short), else only words of SHORT letters or more."""
        if len(word) < SHORT:
            ks = self.by_word.get(word)
            return [(word, ks)] if ks else []
        if self._long is None:
            self._long = [(w, ks) for w, ks in self.by_word.items() if len(w) >= SHORT]
        return self._long

    def _split_compounds(self, groups: list[list[tuple[str, bool]]]) -> list[list[tuple[str, bool]]]:
        out: list[list[tuple[str, bool]]] = []
        for group in groups:
            word, left = group[0]
            parts = _compound_parts(word, list(self.by_word)) if len(group) == 1 else None
            out.extend([[(part, left)] for part in parts] if parts else [group])
        return out

    def best(self, query: Query, keep: Callable[[T], bool] | None = None) -> list[T]:
        """The items whose titles share the most words with the question (ties all returned).

        A match needs one of the question's unknown words, or two of its other words, in the title.
        """
        groups = self._split_compounds(_word_groups(query))
        if not groups:
            return []
        found: dict[int, list[tuple[float, bool]]] = {}
        for group in groups:
            left = group[0][1]
            best_here: dict[int, float] = {}
            for word, _ in group:
                for title_word, ks in self._alike(word):
                    like = _likeness(word, title_word)
                    if like:
                        for k in ks:
                            best_here[k] = max(best_here.get(k, 0.0), like)
            for k, like in best_here.items():
                found.setdefault(k, []).append((like, left))
        scored: list[tuple[float, T]] = []
        for k, hits in found.items():
            item = self.items[k]
            if (not any(left for _, left in hits) and len(hits) < 2) or (keep is not None and not keep(item)):
                continue
            scored.append((sum(like * (1.5 if left else 1.0) for like, left in hits), item))
        if not scored:
            return []
        top = max(score for score, _ in scored)
        return [item for score, item in scored if score == top]


def deadline_titles(net: NetworkSnapshot) -> TitleIndex[DeadlineInfo]:
    return net.memo("questions.titles.deadlines", lambda: TitleIndex(
        sorted(net.deadlines.values(), key=lambda d: d.due), lambda d: d.title))


def meeting_titles(net: NetworkSnapshot) -> TitleIndex[MeetingInfo]:
    return net.memo("questions.titles.meetings", lambda: TitleIndex(
        sorted(net.meetings.values(), key=lambda m: m.start), lambda m: m.title))


def project_titles(net: NetworkSnapshot) -> TitleIndex[ProjectInfo]:
    """Projects by the words of their names and descriptions' first words ("the welfare technology project")."""
    return net.memo("questions.titles.projects", lambda: TitleIndex(
        sorted(net.projects.values(), key=lambda p: p.name), lambda p: p.name))
