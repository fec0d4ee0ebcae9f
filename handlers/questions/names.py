"""A fuzzy index of every name in a network: organizations, people, groups, projects, regions.

Built once per snapshot revision (kept in `snapshot.cache`). `NameIndex.spans` looks at the word
n-grams of a question and returns, for each stretch of words that names something, the candidates
with scores, so that callers can tell a sure hit from an ambiguous one:

- exact (after folding) beats everything: "Herøy" typed exactly is Herøy, never Hareid;
- a genitive ("Bergens", "Askøys") and inflected group names ("styringsgruppa") count as exact;
- a part of a name ("Kari", "Nordmann", "Velferdsteknologi") is a weaker exact hit;
- otherwise rapidfuzz's ratio on the folded text decides, with a cut-off; a weak fuzzy hit with a
  look-alike of the same kind ("Herøi": Herøy / Hareid) is reported as ambiguous.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from rapidfuzz.distance import JaroWinkler

from handlers.questions.normalize import fold
from handlers.questions.vocab import KEYWORDS, STOPWORDS
from storage.snapshot import NetworkSnapshot

FULL = 100.0  # the whole name, as written (folded)
GENITIVE = 98.0  # "Bergens"
VARIANT = 97.0  # an inflected or translated form of the name, or first + last name only
KEY = 93.0  # the id of a group or project in the network file ("velferdsteknologi")
PARTIAL = 91.0  # one significant word of a longer name: "Nordmann", "Velferdsteknologi"
FUZZY_PENALTY = 4.0  # a fuzzy ratio of r scores r - 4, so a perfect typo never beats exact
VARIANT_PENALTY = 3.5
FUZZY_CUTOFF = 78.0
FUZZY_MEMO_SIZE = 20_000  # texts whose fuzzy matches an index remembers (then it starts afresh)
PARTIAL_FUZZY_CAP = 86.0
PARTIAL_FUZZY_MIN = 88.0
WEAK_FUZZY = 86.0  # a best fuzzy ratio below this is "weak": look-alikes make it ambiguous
LOOKALIKE_JW = 0.75
MAX_NGRAM = 5
DEFINITE_ENDINGS = ("en", "et", "a")
LENGTH_BONUS = 8.0  # per extra word: "open ninsyn" (a typo of a whole name) beats "open" (part of many)

@dataclass(frozen=True)
class Entity:
    kind: str  # org | person | group | project | region | network
    id: int | str  # snapshot id; for a region, the region name; for a region family, its word
    label: str  # the name as written in the network file
    regions: tuple[str, ...] = ()  # for kind "region": every region it stands for; for an org, its region
    org: int | None = None  # for a person: their organization


@dataclass
class Candidate:
    entity: Entity
    score: float
    exact: bool


@dataclass
class Span:
    start: int
    end: int  # exclusive
    candidates: list[Candidate]  # best first, one per entity
    lookalikes: list[Candidate] = field(default_factory=list)  # weak-fuzzy rivals of the best

    @property
    def best(self) -> Candidate:
        return self.candidates[0]

    @property
    def rank(self) -> float:
        return self.best.score + LENGTH_BONUS * (self.end - self.start - 1)


# Words of organization names too general to name one on their own ("HALD IKT" is not "IKT").
GENERAL = frozenset({"ikt", "iks", "it", "as", "sa", "ks", "digital", "digitale", "digitalisering", "nord", "sor",
                      "vest", "ost", "indre", "ytre", "midt", "felles", "regional", "regionale", "samarbeid"})


def significant(word: str) -> bool:
    return (len(word) >= 3 and word not in STOPWORDS and word not in KEYWORDS and not word.isdigit()
            and word not in GENERAL)


class NameIndex:
    def __init__(self) -> None:
        # Hits are kept by entity number (`entities[n]`): plain ints make the index cheap to store and load.
        self.entities: list[Entity] = []
        self._number: dict[Entity, int] = {}
        self.exact: dict[str, dict[int, float]] = {}
        self._fuzzy: dict[str, dict[str, dict[int, float]]] = {}  # first letter -> alias -> its `exact` hits
        self._keys: dict[str, list[str]] = {}  # first letter -> aliases, for rapidfuzz
        self.name_words: set[str] = set()  # every word of a person's name, even "per"
        self._tails: dict[str, list[str]] = {}  # a whole one-word name without its first letter -> names
        self.longest = 1
        self.general_parts: dict[str, list[int]] = {}  # "ikt" -> IKT Agder, Setesdal IKT (only after "i")

    def __getstate__(self) -> dict[str, object]:
        # _number is only needed while building; _fuzzy_memo is this process's memo of fuzzy()
        return {k: v for k, v in self.__dict__.items() if k not in ("_number", "_fuzzy_memo", "_starts")}

    def _entities(self, hits: dict[int, float]) -> dict[Entity, float]:
        return {self.entities[n]: score for n, score in hits.items()}

    def freeze(self) -> None:
        self._keys = {letter: list(bucket) for letter, bucket in self._fuzzy.items()}
        self._tails = {}
        for bucket in self._fuzzy.values():
            for alias, hits in bucket.items():
                if len(alias) >= 5 and " " not in alias and any(score >= FULL for score in hits.values()):
                    self._tails.setdefault(alias[1:], []).append(alias)

    # --- building -------------------------------------------------------------------------
    def add(self, entity: Entity, alias: str, score: float, *, short: bool = False) -> None:
        alias = fold(alias)
        if not alias:
            return
        number = self._number.get(entity)
        if number is None:
            number = self._number[entity] = len(self.entities)
            self.entities.append(entity)
        words = alias.split()
        if len(words) > MAX_NGRAM:
            return
        if len(words) == 1 and score < VARIANT and not significant(alias) and not short:
            return
        self.longest = max(self.longest, len(words))
        if len(words) > 1:
            self.__dict__.pop("_starts", None)  # worked out again when next needed
        hits = self.exact.setdefault(alias, {})
        if hits.get(number, 0.0) < score:
            hits[number] = score
        if len(alias) >= 3:  # three letters: "Hoel" is a typo of Hol (or Hole)
            # the very dict of exact hits, not a copy: the fuzzy bucket would hold the same scores (~2.4 MB of
            # a 5,000-person network)
            self._fuzzy.setdefault(alias[0], {})[alias] = hits

    def add_name(self, entity: Entity, name: str, parts: bool = True) -> None:
        self.add(entity, name, FULL)
        words = fold(name).split()
        if len(words) > 1:
            self.add(entity, "".join(words), VARIANT)
        if parts and len(words) > 1:
            for word in words:
                self.add(entity, word, PARTIAL)

    def add_general_part(self, entity: Entity, word: str) -> None:
        """A general word of an organization's name ("IKT"): it names the organization only where a
        place is expected ("hvem jobber i ikt"), never inside a keyword ("IKT-leder")."""
        number = self._number.get(entity)
        if number is None:
            number = self._number[entity] = len(self.entities)
            self.entities.append(entity)
        self.general_parts.setdefault(fold(word), []).append(number)

    def general_span(self, words: list[str], i: int) -> Span | None:
        """The organizations whose name has the general word `words[i]`, as a span of one word."""
        numbers = self.general_parts.get(words[i], [])
        if not numbers:
            return None
        return Span(i, i + 1, [Candidate(self.entities[n], PARTIAL, True) for n in numbers])

    # --- matching -------------------------------------------------------------------------
    def is_place(self, word: str) -> bool:
        """Whether `word` is the whole name of an organization or region ("stad", "time")."""
        return any(e.kind in ("org", "region") and score >= VARIANT
                   for e, score in self._entities(self.exact.get(word, {})).items())

    def lookup(self, words: list[str]) -> dict[Entity, float]:
        """Exact (and genitive) hits for one n-gram."""
        return self._entities(self._numbered(words))

    def _numbered(self, words: list[str]) -> dict[int, float]:
        """`lookup`, by entity number: most n-grams of a question name nothing, and the few that do are
        merged without hashing an Entity (a dataclass of five fields) for every hit."""
        exact = self.exact.get(" ".join(words))
        hits = dict(exact) if exact else {}
        last = words[-1]
        if len(last) > 3 and last.endswith("s") and (genitive := self.exact.get(" ".join([*words[:-1], last[:-1]]))):
            for number, score in genitive.items():
                hits.setdefault(number, min(score, GENITIVE) if score >= FULL else score - 1)
        if not hits and len(last) > 6:  # "chatboten", "portalen": the definite form of a name's word
            for ending in DEFINITE_ENDINGS:
                if last.endswith(ending):
                    stripped = " ".join([*words[:-1], last[: -len(ending)]])
                    for number, score in self.exact.get(stripped, {}).items():
                        if self.entities[number].kind in ("project", "group"):
                            hits.setdefault(number, min(score, GENITIVE) if score >= FULL else score - 1)
        return hits

    def _multiword_starts(self) -> set[str]:
        """The first words of the names of two words or more: an n-gram starting with any other word names nothing."""
        starts: set[str] | None = self.__dict__.get("_starts")
        if starts is None:
            starts = self.__dict__["_starts"] = {alias.split(" ", 1)[0] for alias in self.exact if " " in alias}
        return starts

    def fuzzy(self, text: str) -> list[Candidate]:
        """The names `text` may be a typo of, best first. Memoized per index (the index never changes once
        built, and the same words come back question after question): rapidfuzz over a letter's names was
        the costliest step of parsing a question."""
        memo: dict[str, list[Candidate]] = self.__dict__.setdefault("_fuzzy_memo", {})
        found = memo.get(text)
        if found is None:
            if len(memo) >= FUZZY_MEMO_SIZE:
                memo.clear()
            found = memo[text] = self._fuzzy_candidates(text)
        return list(found)

    def _fuzzy_candidates(self, text: str) -> list[Candidate]:
        bucket = self._fuzzy.get(text[:1])
        if not bucket or len(text) < 4:
            return []
        found: dict[Entity, Candidate] = {}
        for alias, ratio, _ in process.extract(text, self._keys[text[:1]], scorer=fuzz.ratio,
                                               score_cutoff=FUZZY_CUTOFF, limit=12):
            for entity, base in self._entities(bucket[alias]).items():
                if base < VARIANT:  # a surname or word alone needs a near-exact typo, and stays weak
                    if ratio < PARTIAL_FUZZY_MIN:
                        continue
                    score = min(ratio - FUZZY_PENALTY, PARTIAL_FUZZY_CAP)
                elif base < FULL:  # "randi johansen" is Randi Johansen before Randi Ness Johansen
                    score = ratio - FUZZY_PENALTY - VARIANT_PENALTY
                else:
                    score = ratio - FUZZY_PENALTY
                if entity not in found or found[entity].score < score:
                    found[entity] = Candidate(entity, score, exact=False)
        if not found and len(text) >= 5:  # the first letter mistyped: "Kamar" for Hamar, "Tjøvik" for Gjøvik
            for alias in self._tails.get(text[1:], []):
                for entity, base in self._entities(self._fuzzy[alias[0]][alias]).items():
                    if base >= FULL:
                        found[entity] = Candidate(entity, fuzz.ratio(text, alias) - FUZZY_PENALTY, exact=False)
        return sorted(found.values(), key=lambda c: -c.score)

    def only_surname(self, word: str) -> bool:
        """Whether `word` is, exactly, only a part of people's names, while it is a typo of a place's name:
        "Stang" (Ola Stang) for Stange."""
        hits = self._entities(self.exact.get(word, {}))
        return bool(hits) and all(e.kind == "person" and score < VARIANT for e, score in hits.items()) and any(
            c.entity.kind == "org" for c in self.fuzzy(word))

    def lookalikes(self, text: str, best: Candidate) -> list[Candidate]:
        """Names of the same kind that a weak fuzzy hit could just as well have meant."""
        out: list[Candidate] = []
        bucket = self._fuzzy.get(text[:1], {})
        for alias, _sim, _ in process.extract(text, self._keys.get(text[:1], []),
                                              scorer=JaroWinkler.normalized_similarity,
                                              score_cutoff=LOOKALIKE_JW, limit=10):
            for entity, base in self._entities(bucket[alias]).items():
                if entity.kind != best.entity.kind or entity == best.entity or base < VARIANT:
                    continue
                out.append(Candidate(entity, fuzz.ratio(text, alias) - FUZZY_PENALTY, exact=False))
        return out

    def spans(self, words: list[str], free: list[bool], exact_ok: list[bool]) -> list[Span]:
        """Every stretch of the question that names something, best first, not overlapping.

        `free[i]`: word i may take part in a fuzzy match (not a keyword, stopword or date word);
        `exact_ok[i]`: word i may be matched on its own exactly (not a keyword, unless capitalized).
        """
        found: list[Span] = []
        n = len(words)
        starts = self._multiword_starts()
        for i in range(n):
            # every key of two words or more that an n-gram from i is looked up by begins with words[i]
            for j in range(i + 1, (min(n, i + self.longest) if words[i] in starts else i + 1) + 1):
                if j - i == 1 and not exact_ok[i]:
                    continue
                hits = self._numbered(words[i:j])
                if hits:
                    cands = sorted((Candidate(self.entities[k], s, True) for k, s in hits.items()),
                                   key=lambda c: -c.score)
                    found.append(Span(i, j, cands))
        covered = {k for s in found for k in range(s.start, s.end) if s.best.score >= VARIANT}
        for i, j in _free_runs(free):
            for a in range(i, j):
                for b in range(a + 1, min(j, a + 4) + 1):
                    if covered.issuperset(range(a, b)):  # an exact name is better there
                        continue
                    text = " ".join(words[a:b])
                    cands = self.fuzzy(text)
                    if not cands and words[b - 1].endswith("s") and len(words[b - 1]) > 4:
                        cands = self.fuzzy(text[:-1])
                    if cands:
                        span = Span(a, b, cands)
                        if cands[0].score + FUZZY_PENALTY < WEAK_FUZZY:
                            span.lookalikes = [c for c in self.lookalikes(text, cands[0])
                                               if c.entity not in {x.entity for x in cands[:1]}]
                        found.append(span)
        found.sort(key=lambda s: (-s.rank, s.start - s.end, s.start))
        chosen: list[Span] = []
        taken: set[int] = set()
        for span in found:
            if taken.isdisjoint(range(span.start, span.end)):
                chosen.append(span)
                taken.update(range(span.start, span.end))
        return sorted(chosen, key=lambda s: s.start)


def _free_runs(free: list[bool]) -> Iterable[tuple[int, int]]:
    i = 0
    while i < len(free):
        if free[i]:
            j = i
            while j < len(free) and free[j]:
                j += 1
            yield i, j
            i = j
        else:
            i += 1


def name_index(net: NetworkSnapshot) -> NameIndex:
    """The index of `net`, built on first use and kept with the snapshot (names_build.py builds it)."""
    index: NameIndex | None = net.cache.get(_INDEX)
    if index is None:  # names_build imports this module: imported here, once per snapshot, not per question
        from handlers.questions.names_build import build_index

        index = net.cache[_INDEX] = build_index(net)
    return index


_INDEX = "questions.names"
