"""What a routing rule is: a name, a matcher and an answer (in the spirit of errbot's `botmatch` and
Bolt's listener matchers).

    @rule(lambda a: a.query.has("attr:fee") and bool(a.s.orgs))
    def fee_of_named_orgs(a: Ask) -> Answer:
        return [m for org in a.s.orgs[:MAX_SUBJECTS] for m in fee_for(a.say, org)]

`route` (intents.py) tries the rules of `RULES` in order; the first whose matcher holds and whose
answer is not None answers. An answer may return None to let the later rules try ("a deadline named
by its title words, if exactly one fits"). Each rule can be tried alone: `rule.matches(ask)`,
`rule.answer(ask)` or `rule(ask)`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from handlers.questions.parse import Query
from handlers.questions.present import Say
from messages.model import Message
from storage.snapshot import GroupInfo, NetworkSnapshot, Org, PersonInfo, ProjectInfo

MAX_SUBJECTS = 3  # at most this many organizations or projects answered for at once
SINGLE_KINDS = ("county", "ks", "state")
ORG_ATTRS = ("attr:population", "attr:region", "attr:status", "attr:joined")

Answer = list[Message] | None


class Subjects:
    """The names a question mentions, looked up in the snapshot."""

    def __init__(self, say: Say, query: Query) -> None:
        net = say.net
        self.orgs: list[Org] = [net.orgs[e.id] for e in query.of_kind("org") if e.id in net.orgs]
        self.people: list[PersonInfo] = [net.people[e.id] for e in query.of_kind("person")
                                         if e.id in net.people]
        self.groups: list[GroupInfo] = [net.groups[e.id] for e in query.of_kind("group")
                                        if e.id in net.groups]
        self.projects: list[ProjectInfo] = [net.projects[e.id] for e in query.of_kind("project")
                                            if e.id in net.projects]
        self.regions = query.of_kind("region")
        asker = say.ctx.person
        self.asker = asker
        self.my_org: Org | None = net.orgs.get(asker.org_id) if asker is not None else None
        if not self.orgs and not query.has("q:count", "q:list"):
            # "fylkeskommunen", "KS": the one organization of that kind
            for kind in query.values("kind"):
                if kind in SINGLE_KINDS:
                    found = [o for o in net.orgs.values() if o.kind == kind]
                    if len(found) == 1:
                        self.orgs.append(found[0])


@dataclass
class Ask:
    """One question being routed: who asks (`say`), what was asked (`query`) and what it names (`s`)."""

    say: Say
    query: Query
    s: Subjects
    memo: dict[str, Any] = field(default_factory=dict)  # values several rules compute once

    @classmethod
    def of(cls, say: Say, query: Query) -> Ask:
        return cls(say, query, Subjects(say, query))

    @property
    def net(self) -> NetworkSnapshot:
        return self.say.net

    @property
    def ours(self) -> bool:
        """ "vi", "oss", "our", "my municipality": the asker's own organization may be meant."""
        return self.query.has("ref:us", "ref:me")

    def once(self, key: str, make: Callable[[], Any]) -> Any:
        if key not in self.memo:
            self.memo[key] = make()
        return self.memo[key]


@dataclass(frozen=True)
class Rule:
    name: str
    matches: Callable[[Ask], bool]
    answer: Callable[[Ask], Answer]

    def __call__(self, ask: Ask) -> Answer:
        return self.answer(ask) if self.matches(ask) else None


def rule(matches: Callable[[Ask], bool]) -> Callable[[Callable[[Ask], Answer]], Rule]:
    """Make the decorated answer a `Rule` named after the function."""

    def wrap(answer: Callable[[Ask], Answer]) -> Rule:
        return Rule(answer.__name__, matches, answer)

    return wrap


def first_answer(rules: tuple[Rule, ...], ask: Ask) -> tuple[Rule, list[Message]] | None:
    """The first rule that answers, and its answer."""
    for candidate in rules:
        found = candidate(ask)
        if found is not None:
            return candidate, found
    return None
