"""Organizations: population, region, status, joined; the organizations of a region or with a
status; counts ("how many member municipalities") and total population."""

from __future__ import annotations

from collections.abc import Callable

from handlers.questions.parse import Query
from handlers.questions.present import Say
from messages.model import Field, Message
from storage.snapshot import Org

KEY_ROLES = ("chief_executive", "coordinator", "ict_lead")
STATUSES = ("member", "invited", "observer", "former")
LIST_LIMIT = 60
NEGATIONS = frozenset({"ikke", "ikkje", "not", "non", "isnt", "arent", "utenom", "unntatt"})


def org_card(say: Say, org: Org, query: Query) -> list[Message]:
    net = say.net
    name = say.org(org.id)
    asked = [s for s in query.values("status") if s in STATUSES]
    fields = [Field(say("q_label_kind"), say.kind(org.kind)), Field(say("q_label_status"), say.status(org.status))]
    if org.region:
        fields.append(Field(say("q_label_region"), org.region))
    if org.population is not None:
        fields.append(Field(say("q_label_population"), say.number(org.population)))
    if org.joined:
        fields.append(Field(say("q_label_joined"), say.day(org.joined)))
    items: list[str] = []
    if query.has("attr:population"):
        text = say("q_org_population", org=name, n=say.number(org.population)) if org.population is not None \
            else say("q_org_no_population", org=name)
    elif query.has("attr:region"):
        text = say("q_org_region", org=name, region=org.region) if org.region else say("q_org_no_region", org=name)
    elif query.has("attr:joined"):
        text = say("q_org_joined", org=name, date=say.day(org.joined), network=net.name) if org.joined else say(
            "q_org_no_joined", org=name, status=say.status(org.status))
    elif asked or query.has("attr:status"):
        if asked and org.status in asked:
            text = say("q_org_status_yes", org=name, status=say.status(org.status), network=net.name)
        elif asked:
            text = say("q_org_status_no", org=name, asked=say.status(asked[0]), status=say.status(org.status))
        else:
            text = say("q_org_status", org=name, status=say.status(org.status), network=net.name)
    else:
        text = say("q_org_summary", org=name, kind=say.kind(org.kind), status=say.status(org.status),
                   network=net.name)
        everyone = net.people_by_org.get(org.id, [])
        people = sorted((p for p in everyone if len(everyone) <= 8 or set(p.roles) & set(KEY_ROLES)),
                        key=lambda p: (min([KEY_ROLES.index(r) for r in p.roles if r in KEY_ROLES] or [9]), p.name))
        items = [say.person_line(p, org=False, contact=False) for p in people]
    return [Message(title=name, text=text, fields=fields, items=say.items(items))]


def _what(say: Say, kinds: list[str], statuses: list[str], n: int) -> str:
    """ "medlemskommuner", "inviterte kommuner", "organisasjoner med status observatør"..."""
    form = "sg" if n == 1 else "pl"
    kind = kinds[0] if len(kinds) == 1 else None
    if kind == "municipality" and statuses == ["member"]:
        return say(f"q_noun_member_municipality_{form}")
    noun = say(f"q_noun_{kind}_{form}") if kind else say(f"q_noun_org_{form}")
    if len(statuses) == 1:
        return say("q_noun_with_status", noun=noun, status=say.status(statuses[0]))
    return noun


def select(say: Say, kinds: list[str], statuses: list[str], regions: tuple[str, ...] | None) -> list[Org]:
    return sorted((o for o in say.net.orgs.values()
                   if (not kinds or o.kind in kinds) and (not statuses or o.status in statuses)
                   and (regions is None or o.region in regions)), key=lambda o: o.name)


def org_list(say: Say, query: Query, region_label: str | None, regions: tuple[str, ...] | None) -> list[Message]:
    """Lists, counts and totals of organizations by kind, status and region."""
    kinds = [k for k in query.values("kind") if k in ("municipality", "county", "ks", "state", "other")]
    statuses = [s for s in query.values("status") if s in STATUSES]
    if "former" in statuses and "member" in statuses and _member_only_as_former(query):
        statuses.remove("member")  # "tidligere medlemmer", "observers or former members"
    negated: list[str] = []
    if statuses and _negated(query):  # "hvilke kommuner er ikke medlem?"
        negated, statuses = statuses, [s for s in STATUSES if s not in statuses]
    if not kinds and query.has("attr:population"):  # a county's inhabitants live in its municipalities
        kinds = ["municipality"]
    if not statuses and query.has("attr:participants") and not regions and not query.has("attr:joined"):
        statuses = ["member"]  # "Hvor mange kommuner er med i nettverket?"
    if not statuses and query.has("attr:population") and query.has("ref:us"):
        statuses = ["member"]  # "hvor mange innbyggere er vi til sammen": we are the members
    orgs = select(say, kinds, statuses, regions)
    year = next((int(w) for w in query.words if w.isdigit() and len(w) == 4), None)
    if query.has("attr:joined") and year is not None:  # "Hvilke kommuner ble med i 2020?"
        orgs = [o for o in orgs if o.joined is not None and o.joined.year == year]
    if query.has("q:most", "q:least"):
        return _ranked(say, query, kinds, statuses, orgs, region_label)
    what = _what(say, kinds, statuses, len(orgs))
    scope = region_label or say.net.name
    title = say("q_orgs_title", what=_what(say, kinds, statuses, 2), scope=scope)
    title = title[:1].upper() + title[1:]
    if not orgs:
        return [Message(title=title, text=say("q_orgs_none", what=_what(say, kinds, statuses, 2), scope=scope))]
    total = sum(o.population or 0 for o in orgs)
    unknown = [o for o in orgs if o.population is None]
    if query.has("attr:population"):
        text = say("q_orgs_population", n=say.number(total), count=len(orgs), what=what, scope=scope)
        context = say("q_orgs_population_unknown", names=say.names([o.name for o in unknown])) if unknown else None
        if query.has("q:sum"):  # "til sammen": the total, not every organization's own number
            return [Message(title=title, text=text, context=context)]
        return [Message(title=title, text=text, context=context,
                        items=_lines(say, orgs, LIST_LIMIT, lambda o: say.org_line(o, status=False, population=True)))]
    text = say("q_orgs_count", n=len(orgs), what=what, scope=scope)
    if negated:
        text = say("q_orgs_count_not", n=len(orgs), what=what, scope=scope,
                   status=say.names([say.status(s) for s in negated]))
    items = _lines(say, orgs, LIST_LIMIT, lambda o: say.org_line(o, status=len(statuses) != 1))
    fields: list[Field] = []
    if query.has("q:count") and not statuses:
        for status in STATUSES:
            n = sum(1 for o in orgs if o.status == status)
            if n:
                fields.append(Field(say.status(status), str(n)))
    elif query.has("q:count") and not kinds:
        for kind in ("municipality", "county", "ks", "state", "other"):
            n = sum(1 for o in orgs if o.kind == kind)
            if n:
                fields.append(Field(say.kind(kind), str(n)))
    return [Message(title=title, text=text, fields=fields, items=items)]


def _status_tokens(query: Query, status: str) -> list[int]:
    return [i for i, found in sorted(query.keyword_of.items()) if f"status:{status}" in found]


def _member_only_as_former(query: Query) -> bool:
    """ "tidligere medlemmer": every member word follows a former word."""
    former = set(_status_tokens(query, "former"))
    return all(i - 1 in former for i in _status_tokens(query, "member"))


def _negated(query: Query) -> bool:
    """ "ikke medlem", "not members": a negation before a status word. "invitert, men ikke blitt med"
    negates the joining, not the status."""
    negations = [i for i, w in enumerate(query.words) if w in NEGATIONS]
    first_status = min((i for i, found in query.keyword_of.items() if any(c.startswith("status:") for c in found)),
                       default=None)
    return bool(negations) and (first_status is None or min(negations) < first_status)


def _lines(say: Say, orgs: list[Org], limit: int, line: Callable[[Org], str]) -> list[str]:
    """One line per organization, formatting only those shown."""
    lines = [line(o) for o in orgs[:limit]]
    if len(orgs) > limit:
        lines.append(say("list_more", count=len(orgs) - limit))
    return lines


def _ranked(say: Say, query: Query, kinds: list[str], statuses: list[str], orgs: list[Org],
            region_label: str | None) -> list[Message]:
    """ "Hvilken kommune er størst?": by population, largest (or smallest) first."""
    if not kinds:
        kinds = ["municipality"]
        orgs = [o for o in orgs if o.kind == "municipality"]
    known = sorted((o for o in orgs if o.population is not None), key=lambda o: o.population or 0,
                   reverse=not query.has("q:least"))
    scope = region_label or say.net.name
    title = say("q_orgs_title", what=_what(say, kinds, statuses, 2), scope=scope)
    title = title[:1].upper() + title[1:]
    if not known:
        return [Message(title=title, text=say("q_orgs_none", what=_what(say, kinds, statuses, 2), scope=scope))]
    top = known[0]
    key = "q_orgs_smallest" if query.has("q:least") else "q_orgs_largest"
    text = say(key, org=say.org(top.id), n=say.number(top.population or 0), scope=scope)
    lines = [say.org_line(o, status=False, population=True) for o in known[:10]]
    return [Message(title=title, text=text, items=lines)]
