"""From a question's text to a `Query`: its concepts, the names it mentions, its period, and the
words it used that the bot does not know.

Order matters: the period ("de neste to ukene") and the keywords ("koordinator", also typed
"kordinator") are found first, so they are never mistaken for names; then the remaining words are
matched against the network's name index; what is left over might be an unknown name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

from rapidfuzz import fuzz, process

from handlers.questions.language import detect_language
from handlers.questions.lexicon import (
    COMBOS,
    I_AFTER,
    I_BEFORE,
    LOCATIVE,
    MEETING_ENDINGS,
    NAME_AFTER,
    ORG_NAME_AFTER,
    PREPOSITIONS,
    TODO_WORDS,
)
from handlers.questions.names import PARTIAL, VARIANT, Candidate, Entity, NameIndex, Span
from handlers.questions.normalize import Token, tokenize
from handlers.questions.periods import Period, find_period
from handlers.questions.vocab import FUZZY_WORDS, LONGEST_PHRASE, PHRASES, STOPWORDS, TYPED_AS
from storage.snapshot import NetworkSnapshot

FUZZY_KEYWORD = 88.0
_FUZZY_SET = frozenset(FUZZY_WORDS)
TIE_MARGIN = 3.0
KIND_MARGIN = 7.0

ROLES = ("chief_executive", "coordinator", "ict_lead", "secretariat", "project_leader")


@dataclass
class Query:
    text: str
    tokens: list[Token]
    concepts: set[str]
    period: Period | None
    entities: list[Entity] = field(default_factory=list)  # resolved names, in question order
    ambiguous: list[list[Entity]] = field(default_factory=list)  # alternatives, one list per name
    ambiguous_words: list[str] = field(default_factory=list)  # what was typed for each of them
    unknown: list[str] = field(default_factory=list)  # leftover words, as typed
    leftover: list[str] = field(default_factory=list)  # the same, folded
    unknown_names: list[str] = field(default_factory=list)  # leftovers that look like names
    words: list[str] = field(default_factory=list)
    keyword_of: dict[int, frozenset[str]] = field(default_factory=dict)  # token index -> concepts
    partial: set[Entity] = field(default_factory=set)  # named only by a part of their name ("skytjenester")

    def has(self, *concepts: str) -> bool:
        return not self.concepts.isdisjoint(concepts)  # any of them (the rules ask this ~30 times a question)

    def has_prefix(self, prefix: str) -> bool:
        return any(c.startswith(prefix) for c in self.concepts)

    def values(self, prefix: str) -> list[str]:
        return sorted(c.split(":", 1)[1] for c in self.concepts if c.startswith(prefix + ":"))

    def of_kind(self, kind: str) -> list[Entity]:
        return [e for e in self.entities if e.kind == kind]

    def first(self, kind: str) -> Entity | None:
        found = self.of_kind(kind)
        return found[0] if found else None

    @property
    def roles(self) -> list[str]:
        return [r for r in ROLES if f"role:{r}" in self.concepts]


def parse(net: NetworkSnapshot, index: NameIndex, text: str, now: datetime, *, periods: bool = True) -> Query:
    tokens = tokenize(text)
    words = [t.norm for t in tokens]
    period = find_period(words, now, net.timezone, [t.orig.lower() for t in tokens]) if periods else None
    in_period = set(period.tokens) if period else set()
    keyword_of = _keywords(words, in_period, index)
    for i, token in enumerate(tokens):  # "var" is "was" unless typed "vår"
        if token.norm in TYPED_AS and token.orig.lower() not in TYPED_AS[token.norm]:
            keyword_of.pop(i, None)
    # A keyword or stopword may still be a name when capitalized or right after "i"/"in": "Time", "i stad".
    as_name = [tokens[i].capital or (i > 0 and words[i - 1] in PREPOSITIONS and (
        index.is_place(words[i]) or words[i] in index.name_words))
               for i in range(len(words))]
    exact_ok = [i not in in_period and (as_name[i] or (words[i] not in STOPWORDS and i not in keyword_of))
                for i in range(len(words))]
    if preferred_kinds({c for found in keyword_of.values() for c in found})[:1] == ("org",):
        for i in range(1, len(words)):  # "koordinator i Stang": the place Stange, not Ola Stang
            if words[i - 1] in LOCATIVE and exact_ok[i] and index.only_surname(words[i]):
                exact_ok[i] = False
    free = [i not in in_period and i not in keyword_of and words[i] not in STOPWORDS and not words[i].isdigit()
            and len(words[i]) >= 2 for i in range(len(words))]
    # A stopword that is also a name ("Per") may start a fuzzy match of a whole name ("per sterbø").
    fuzzy_ok = [free[i] or (i not in in_period and i not in keyword_of and len(words[i]) >= 3
                            and words[i] in index.name_words) for i in range(len(words))]
    spans = [s for s in index.spans(words, fuzzy_ok, exact_ok)  # "hans leder": a pronoun, not Hans Lister
             if s.end - s.start > 1 or s.best.exact or free[s.start]]
    spans = _drop_half_names(spans, free)
    spans = _with_general_parts(spans, words, free, index)
    if in_period and any(s.best.exact and s.best.score >= VARIANT and s.end - s.start > 1
                         and in_period.intersection(range(s.start, s.end)) for s in spans):
        return parse(net, index, text, now, periods=False)  # "Mai Bruvik" is a person, not May
    concepts: set[str] = set()
    for span in spans:  # a whole name ("Ressursgruppe for koordinatorer") is not its keywords
        whole_name = span.best.exact and span.best.score > PARTIAL and span.end - span.start > 1
        if whole_name or (span.best.exact and as_name[span.start]):
            for i in range(span.start, span.end):
                keyword_of.pop(i, None)
    present = set(words)
    for combo, concept in COMBOS:  # words that mean something together, apart: "når ble Rana med"
        if combo <= present:
            concepts.add(concept)
    for i, word in enumerate(words):  # "årsmøtet", "fagsamlinga": a kind of meeting
        if i not in keyword_of and i not in in_period and word.endswith(MEETING_ENDINGS):
            concepts.add("topic:meeting")
    for found in keyword_of.values():
        concepts.update(found)
    if (any(t.orig == "I" for t in tokens) or _lowercase_i(words)) and detect_language(text) == "en":
        concepts.add("ref:me")
    other_topic = concepts & {"topic:project", "topic:meeting", "topic:group", "role:project_leader", "attr:lead"}
    if "ref:me" in concepts and present & TODO_WORDS and not other_topic:  # "Hva må jeg svare på?"
        concepts.add("topic:deadline")
    query = Query(text, tokens, concepts, period, words=words, keyword_of=keyword_of)
    _resolve(query, spans)
    named = {i for s in spans for i in range(s.start, s.end)}
    for i, word in enumerate(words):
        short_name = len(word) == 2 and (tokens[i].capital or (i > 0 and words[i - 1] in PREPOSITIONS))
        if free[i] and i not in named and i not in keyword_of and (len(word) >= 3 or short_name):
            query.unknown.append(tokens[i].orig)
            query.leftover.append(word)
            after_preposition = i > 0 and words[i - 1] in (PREPOSITIONS | NAME_AFTER)
            before_kind = i + 1 < len(words) and any(c.startswith("kind:") for c in keyword_of.get(i + 1, ()))
            if tokens[i].capital or after_preposition or before_kind or len(tokens) <= 2 or (
                    query.unknown_names and i > 0 and query.unknown[-2:-1] == [tokens[i - 1].orig]):
                query.unknown_names.append(tokens[i].orig)
    if _asks_about_one_unknown_org(query):  # "hva betaler søgne", "er songdalen medlem"
        query.unknown_names.append(query.unknown[0])
    return query


# What is asked of an organization: a lone unknown word next to one of these is the organization's name.
_ORG_ASKS = ("attr:fee", "attr:population", "attr:region", "attr:joined", "status:")


def _asks_about_one_unknown_org(query: Query) -> bool:
    if query.unknown_names or len(query.leftover) != 1:
        return False
    at = query.words.index(query.leftover[0])
    return (at > 0 and query.words[at - 1] in ORG_NAME_AFTER and not query.entities and not query.ambiguous
            and query.period is None and any(c.startswith(_ORG_ASKS) for c in query.concepts)
            and not query.has_prefix("topic:") and not query.has_prefix("role:"))


def _lowercase_i(words: list[str]) -> bool:
    """ "who am i", "which groups do i chair": an English "i" typed in lower case, told from Norwegian "i" (in)."""
    return any(w == "i" and ((k > 0 and words[k - 1] in I_BEFORE) or (k + 1 < len(words) and words[k + 1] in I_AFTER))
               for k, w in enumerate(words))


def _keywords(words: list[str], skip: set[int], index: NameIndex) -> dict[int, frozenset[str]]:
    """Token index -> concepts, for the vocabulary's phrases (longest first), then typo'd keywords."""
    found: dict[int, frozenset[str]] = {}
    i = 0
    while i < len(words):
        if i in skip:
            i += 1
            continue
        for n in range(min(LONGEST_PHRASE, len(words) - i), 0, -1):
            concepts = PHRASES.get(tuple(words[i:i + n]))
            if concepts and not skip.intersection(range(i, i + n)):
                for k in range(i, i + n):
                    found[k] = concepts
                i += n
                break
        else:
            i += 1
    for i, word in enumerate(words):
        if i in found or i in skip or len(word) < 5 or word in STOPWORDS or word in index.exact:
            continue
        concepts = _typo_keyword(word)
        if concepts is not None:
            found[i] = concepts
    return found


@lru_cache(maxsize=8192)
def _typo_keyword(word: str) -> frozenset[str] | None:
    """The concepts of the keyword `word` is a typo of, or None (a pure function of the fixed vocabulary, so
    remembered: rapidfuzz over every keyword for each long word was a large part of parsing a question)."""
    best = process.extractOne(word, FUZZY_WORDS, scorer=fuzz.ratio, score_cutoff=FUZZY_KEYWORD)
    if best is not None:
        return PHRASES[(best[0],)]
    swapped = _transposed(word)  # "frsiter", "motet" typed "mtoet": two letters swapped
    return PHRASES[(swapped,)] if swapped is not None else None


def _transposed(word: str) -> str | None:
    """The keyword `word` is, with two neighbouring letters swapped back, or None."""
    for k in range(len(word) - 1):
        if word[k] != word[k + 1]:
            candidate = word[:k] + word[k + 1] + word[k] + word[k + 2:]
            if candidate in _FUZZY_SET:
                return candidate
    return None


def _with_general_parts(spans: list[Span], words: list[str], free: list[bool], index: NameIndex) -> list[Span]:
    """ "hvem jobber i ikt": a general word of organization names (IKT Agder, Setesdal IKT) where a place
    is expected names them."""
    named = {i for s in spans for i in range(s.start, s.end)}
    extra = [span for i in range(1, len(words)) if free[i] and i not in named and words[i - 1] in LOCATIVE
             for span in [index.general_span(words, i)] if span is not None]
    return sorted([*spans, *extra], key=lambda s: s.start) if extra else spans


def _drop_half_names(spans: list[Span], free: list[bool]) -> list[Span]:
    """ "Ola Dunk": a first name followed (or a surname preceded) by an unknown word is not Ola Nordmann."""
    named = {i for s in spans for i in range(s.start, s.end)}

    def unknown_at(i: int) -> bool:
        return 0 <= i < len(free) and free[i] and i not in named

    return [s for s in spans if not (
        s.end - s.start == 1 and s.best.score <= PARTIAL and s.best.entity.kind == "person"
        and (unknown_at(s.start - 1) or unknown_at(s.end)))]


def preferred_kinds(concepts: set[str]) -> tuple[str, ...]:
    """Which kinds of names the question is about, to settle a name shared by two kinds."""
    if concepts & {"topic:meeting", "topic:group", "attr:chair", "attr:members", "attr:agenda"}:
        return ("group", "person")
    if concepts & {"topic:project", "attr:owner", "role:project_leader", "attr:description"} or any(
            c.startswith("pstatus:") for c in concepts):
        return ("project", "person", "org")
    if any(c.startswith(("kind:", "status:", "attr:population", "attr:region", "attr:fee", "attr:joined"))
           for c in concepts) or concepts & {"topic:org", "role:chief_executive", "role:coordinator",
                                              "role:ict_lead"}:
        return ("org", "region")
    return ()


def _tier(span: Span, kinds: tuple[str, ...], known: list[Entity]) -> list[Candidate]:
    """The candidates as good as the best: exact hits close to the best one (the question's topic
    settling which kind of name is meant, exact score then settling within it), or fuzzy hits
    within a small margin, plus look-alikes."""
    best = span.best
    if best.exact:
        tier = [c for c in span.candidates if c.exact and c.score >= best.score - KIND_MARGIN]
    else:
        tier = [c for c in span.candidates if c.score >= best.score - TIE_MARGIN]
        tier += [c for c in span.lookalikes if all(c.entity != t.entity for t in tier)]
    again = [c for c in tier if c.entity in known]  # "faggruppa for velferdsteknologi"
    if again:
        return again[:1]
    if kinds and len({c.entity.kind for c in tier}) > 1:
        preferred = [c for c in tier if c.entity.kind in kinds]
        if preferred:
            first = min(kinds.index(c.entity.kind) for c in preferred)
            tier = [c for c in preferred if kinds.index(c.entity.kind) == first]
    if best.exact:
        top = max(c.score for c in tier)
        tier = [c for c in tier if c.score == top]
    return tier


def _resolve(query: Query, spans: list[Span]) -> None:
    kinds = preferred_kinds(query.concepts)
    pending: list[tuple[list[Entity], bool, str]] = []  # alternatives, only by a part of a name?, typed
    where: dict[Entity, int] = {}
    for span in sorted(spans, key=lambda s: -s.rank):
        entities = list(dict.fromkeys(c.entity for c in _tier(span, kinds, query.entities)))
        if len(entities) == 1:
            if entities[0] not in query.entities:
                query.entities.append(entities[0])
                where[entities[0]] = span.start
                if span.best.score <= PARTIAL:
                    query.partial.add(entities[0])
        else:
            typed = " ".join(dict.fromkeys(t.orig for t in query.tokens[span.start:span.end]))
            pending.append((entities, span.best.score <= PARTIAL, typed))
    query.entities.sort(key=lambda e: where.get(e, 0))
    regions = {r for e in query.entities if e.kind == "region" for r in e.regions}
    orgs = {e.id for e in query.entities if e.kind == "org"}
    known_kinds = {e.kind for e in query.entities}
    for alternatives, partial, typed in pending:
        # "Herøy kommune i Nordland": a word that is only part of several names ("Nordland
        # fylkeskommune", "KS Nordland") next to a clear name of the same kind adds nothing.
        if partial and {e.kind for e in alternatives} <= known_kinds:
            continue
        # "Herøy i Ytre Helgeland", "Kari Nordmann i Rana": a region or organization named next to
        # an ambiguous name settles it.
        hits = [e for e in alternatives if e.kind == "org" and set(e.regions) & regions]
        if len(hits) == 1:
            query.entities = [e for e in query.entities if e.kind != "region"] + hits
            continue
        hits = [e for e in alternatives if e.kind == "person" and e.org in orgs]
        if len(hits) == 1:
            query.entities = [e for e in query.entities if not (e.kind == "org" and e.id == hits[0].org)] + hits
            continue
        query.ambiguous.append(alternatives)
        query.ambiguous_words.append(typed)
