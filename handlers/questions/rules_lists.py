"""Rules for lists and organizations: projects, groups, an organization's card, a region, and the fallbacks."""

from __future__ import annotations

from handlers.questions import answer_deadlines as deadlines
from handlers.questions import answer_meetings as meetings
from handlers.questions.answer_groups import group_list
from handlers.questions.answer_orgs import org_card, org_list
from handlers.questions.answer_people import contact_of_org, no_such_title, people_by_title, person_groups, role_in_org
from handlers.questions.answer_projects import project_list, projects_of_org, projects_of_person
from handlers.questions.answer_unknown import unknown, unknown_names
from handlers.questions.lexicon import ORGS_PLURAL
from handlers.questions.rule import MAX_SUBJECTS, ORG_ATTRS, Answer, Ask, rule
from messages.model import Message


def _project_list(a: Ask) -> bool:
    statuses = a.query.values("pstatus")
    return a.query.has("topic:project") or (bool(statuses) and not a.query.has_prefix("status:") and not a.s.orgs)


def _project_mode(a: Ask) -> str:
    """owner: the projects they own; own: they lead; take_part: they take part in; all."""
    q = a.query
    if q.has("attr:owner") and not q.has("attr:lead"):
        return "owner"
    if q.has("attr:lead"):
        return "own"
    return "take_part" if q.has("attr:participants", "attr:members") else "all"


@rule(lambda a: _project_list(a) and bool(a.s.orgs))
def projects_of_named_orgs(a: Ask) -> Answer:
    statuses = a.query.values("pstatus")
    return [m for org in a.s.orgs[:MAX_SUBJECTS] for m in projects_of_org(a.say, org, _project_mode(a), statuses)]


@rule(lambda a: _project_list(a) and a.query.has("ref:me") and a.s.asker is not None)
def my_projects(a: Ask) -> Answer:
    assert a.s.asker is not None
    mode = "lead" if _project_mode(a) in ("own", "owner") else "all"
    return projects_of_person(a.say, a.s.asker, mode, a.query.values("pstatus"))


@rule(lambda a: _project_list(a) and a.query.has("ref:us") and a.s.my_org is not None)
def our_projects(a: Ask) -> Answer:
    assert a.s.my_org is not None
    return projects_of_org(a.say, a.s.my_org, _project_mode(a), a.query.values("pstatus"))


@rule(lambda a: _project_list(a) and bool(a.query.unknown_names) and not a.query.values("pstatus"))
def projects_of_unknown_name(a: Ask) -> Answer:
    return unknown_names(a.say, a.query.unknown_names)


@rule(_project_list)
def projects_of_network(a: Ask) -> Answer:
    region = a.s.regions[0] if a.s.regions else None
    return project_list(a.say, a.query.values("pstatus"), region.label if region else None,
                        region.regions if region else None)


@rule(lambda a: a.query.has("topic:group") and a.query.has("ref:me") and a.s.asker is not None)
def my_groups(a: Ask) -> Answer:
    assert a.s.asker is not None
    return person_groups(a.say, a.s.asker)


@rule(lambda a: a.query.has("topic:group"))
def groups_of_network(a: Ask) -> Answer:
    return group_list(a.say)


@rule(lambda a: len(a.s.orgs) >= 2 and a.query.has("q:compare", "q:most", "q:least"))
def compare_named_orgs(a: Ask) -> Answer:
    """ "which is bigger, Hamar or Gjøvik?", "kven er minst av Lom og Vang": by population """
    known = sorted((o for o in a.s.orgs if o.population is not None), key=lambda o: -(o.population or 0))
    if len(known) < 2:
        return None
    big, small = known[0], known[-1]
    say = a.say
    params = {"big": say.org(big.id), "small": say.org(small.id), "big_n": say.number(big.population or 0),
              "small_n": say.number(small.population or 0)}
    diff = (big.population or 0) - (small.population or 0)
    text = say("q_compare_population", diff=say.number(diff), **params) if diff else say("q_compare_same", **params)
    return [Message(title=say.names([say.org(o.id) for o in a.s.orgs[:MAX_SUBJECTS]]), text=text)]


@rule(lambda a: bool(a.s.orgs) and a.query.has("attr:contact") and not a.query.has(*ORG_ATTRS))
def contact_of_named_orgs(a: Ask) -> Answer:
    """A municipality's contact: its coordinator."""
    return [m for org in a.s.orgs[:MAX_SUBJECTS] for m in contact_of_org(a.say, org)]


@rule(lambda a: bool(a.s.orgs) and bool(a.query.leftover) and a.query.has("q:who"))
def title_in_named_org(a: Ask) -> Answer:
    """ "hvem er personalsjef i Drammen": the title in the people's titles, or "no one has that title" """
    q = a.query
    titled = people_by_title(a.say, a.s.orgs[0], q.leftover)
    if titled is not None:
        return titled
    if not q.has(*ORG_ATTRS) and not q.has_prefix("status:"):
        return no_such_title(a.say, a.s.orgs[0], q.unknown)  # "Hvem er ordfører i Drammen?"
    return None


@rule(lambda a: bool(a.s.orgs) and a.query.has("attr:lead") and a.query.has("q:who"))
def leader_of_named_orgs(a: Ask) -> Answer:
    return [m for org in a.s.orgs[:MAX_SUBJECTS] for m in role_in_org(a.say, "chief_executive", org)]


@rule(lambda a: bool(a.s.orgs))
def named_orgs(a: Ask) -> Answer:
    return [m for org in a.s.orgs[:MAX_SUBJECTS] for m in org_card(a.say, org, a.query)]


@rule(lambda a: bool(a.s.regions))
def orgs_of_region(a: Ask) -> Answer:
    region = a.s.regions[0]
    return org_list(a.say, a.query, region.label, region.regions)


def _all_of_us(a: Ask) -> bool:
    """ "hvor mange innbyggere er vi til sammen", "people in our member municipalities": the network."""
    return a.query.has("attr:population") and (a.query.has("q:sum") or bool(ORGS_PLURAL & set(a.query.words)))


@rule(lambda a: a.ours and a.s.my_org is not None and not _all_of_us(a) and (a.query.has(*ORG_ATTRS) or (
    (a.query.has_prefix("status:") or a.query.has("kind:municipality", "topic:org"))
        and not a.query.has("q:count", "q:list"))))
def our_org(a: Ask) -> Answer:
    """ "er vi medlem", "hvor mange innbyggere har vi"; but "hvor mange medlemmer har vi" counts the network."""
    assert a.s.my_org is not None
    return org_card(a.say, a.s.my_org, a.query)


@rule(lambda a: a.query.period is not None and not a.query.unknown)
def what_happens_in_period(a: Ask) -> Answer:
    """ "Hva skjer neste uke?": deadlines and meetings in the period """
    return [*deadlines.answer(a.say, a.query, deadlines.Filters()), *meetings.answer(a.say, a.query, None, None)]


@rule(lambda a: bool(a.query.unknown) and a.query.has("q:who"))
def who_has_title(a: Ask) -> Answer:
    """ "Hvem er daglig leder?" """
    return people_by_title(a.say, None, a.query.leftover)


@rule(lambda a: bool(a.query.unknown_names))
def unknown_name(a: Ask) -> Answer:
    return unknown_names(a.say, a.query.unknown_names)


@rule(lambda a: _all_of_us(a) or a.query.has_prefix("kind:") or a.query.has_prefix("status:") or a.query.has(
    "q:count", "topic:org", "topic:network") or bool(a.query.of_kind("network")) or (
    a.query.has("q:most", "q:least") and a.query.has("attr:population")))
def orgs_of_network(a: Ask) -> Answer:
    """ "hvor mange kommuner er med", "Hva er DigiViken?", "kven har flest innbyggjarar": who is in it """
    return org_list(a.say, a.query, None, None)


@rule(lambda a: True)
def dont_know(a: Ask) -> Answer:
    return unknown(a.say)
