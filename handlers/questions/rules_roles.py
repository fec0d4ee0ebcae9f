"""Rules for questions that name a role: "hvem er koordinator i Rana", "the project leader of X".

Every rule here holds only when the question names a role; the last one answers any role question."""

from __future__ import annotations

from handlers.questions.answer_people import person_card, role_in_group, role_in_org, role_in_orgs
from handlers.questions.answer_projects import project_card
from handlers.questions.answer_unknown import unknown_names
from handlers.questions.rule import MAX_SUBJECTS, Answer, Ask, rule
from handlers.questions.titles import project_titles
from storage.snapshot import ProjectInfo


def _roles(a: Ask) -> bool:
    return bool(a.query.roles)


def role_projects(a: Ask) -> list[ProjectInfo]:
    """The projects named, or for "the project leader of the school project" the project its words fit."""
    q, s = a.query, a.s
    if "project_leader" in q.roles and not s.projects and not s.orgs and q.leftover:
        found: list[ProjectInfo] = a.once("role_projects", lambda: project_titles(a.net).best(q)[:1])
        return found
    return s.projects


def _role(a: Ask) -> str:
    """The role asked about (with an organization named, a role other than project leader first)."""
    roles = a.query.roles
    return next((r for r in roles if r != "project_leader"), roles[0]) if a.s.orgs else roles[0]


@rule(lambda a: _roles(a) and bool(role_projects(a)) and not a.s.orgs)
def leader_of_project(a: Ask) -> Answer:
    return project_card(a.say, role_projects(a)[0], "leader")


@rule(lambda a: _roles(a) and bool(a.s.orgs))
def roles_in_named_orgs(a: Ask) -> Answer:
    """ "hvem er rådmann i Lillestrøm og hvem er koordinator": both roles """
    asked = [r for r in a.query.roles if r != "project_leader"][:2] or [_role(a)]
    return [m for org in a.s.orgs[:MAX_SUBJECTS] for r in asked for m in role_in_org(a.say, r, org)]


@rule(lambda a: _roles(a) and bool(a.s.groups))
def role_in_named_group(a: Ask) -> Answer:
    return role_in_group(a.say, _role(a), a.s.groups[0])


@rule(lambda a: _roles(a) and _role(a) == "secretariat")
def secretariat_of_network(a: Ask) -> Answer:
    return role_in_orgs(a.say, "secretariat", list(a.net.orgs.values()), a.net.name, a.query.leftover)


@rule(lambda a: _roles(a) and bool(a.s.regions))
def role_in_region(a: Ask) -> Answer:
    region = a.s.regions[0]
    orgs = [o for o in a.net.orgs.values() if o.region in region.regions]
    return role_in_orgs(a.say, _role(a), orgs, region.label)


@rule(lambda a: _roles(a) and bool(a.s.people))
def role_of_person(a: Ask) -> Answer:
    """ "er Kari koordinator?": who she is """
    return person_card(a.say, a.s.people[0])


@rule(lambda a: _roles(a) and a.ours and a.s.my_org is not None)
def role_in_our_org(a: Ask) -> Answer:
    assert a.s.my_org is not None
    return role_in_org(a.say, _role(a), a.s.my_org)


@rule(lambda a: _roles(a) and bool(a.query.unknown_names))
def role_in_unknown_name(a: Ask) -> Answer:
    return unknown_names(a.say, a.query.unknown_names)


@rule(_roles)
def role_in_network(a: Ask) -> Answer:
    """ "hvem er koordinatorer": everyone with the role """
    return role_in_orgs(a.say, _role(a), list(a.net.orgs.values()), a.net.name)
