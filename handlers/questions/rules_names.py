"""Rules for questions about one named thing: a project, a person, a group, a deadline or meeting by title."""

from __future__ import annotations

from dataclasses import replace

from handlers.questions import answer_deadlines as deadlines
from handlers.questions import answer_meetings as meetings
from handlers.questions.answer_groups import group_card, membership
from handlers.questions.answer_people import person_card, person_groups
from handlers.questions.answer_projects import project_card, projects_of_person
from handlers.questions.parse import Query
from handlers.questions.rule import MAX_SUBJECTS, Answer, Ask, rule
from handlers.questions.titles import deadline_titles, meeting_titles, project_titles


def project_aspect(query: Query) -> str:
    """Which part of a project card is asked for."""
    if query.has("attr:owner"):
        return "owner"
    if query.has("role:project_leader", "attr:lead", "attr:chair"):
        return "leader"
    if query.has("attr:participants", "attr:members") or query.has("kind:municipality", "topic:org"):
        return "participants"
    if query.has("attr:start", "attr:end", "attr:when"):
        return "period"
    if query.has("attr:status") or query.has_prefix("pstatus:"):
        return "status"
    if query.has("attr:description"):
        return "description"
    return "all"


@rule(lambda a: bool(a.s.projects) and bool(a.query.unknown) and not a.query.has("topic:project") and all(
    e in a.query.partial for e in a.query.of_kind("project")))
def deadline_named_like_a_project(a: Ask) -> Answer:
    """ "kartleggingen av skytjenester": a deadline's title, not the project "Skytjenester Romerike" """
    found = deadline_titles(a.net).best(a.query)
    if len(found) == 1:
        return deadlines.card(a.say, found[0], contact_asked=a.query.has("attr:contact"))
    return None


@rule(lambda a: bool(a.s.projects))
def named_projects(a: Ask) -> Answer:
    return [m for p in a.s.projects[:MAX_SUBJECTS] for m in project_card(a.say, p, project_aspect(a.query))]


@rule(lambda a: bool(a.s.people) and bool(a.s.groups))
def person_in_group(a: Ask) -> Answer:
    """ "er Kari med i styringsgruppa?" """
    return membership(a.say, a.s.groups[0], a.s.people[0])


@rule(lambda a: bool(a.s.people) and a.query.has("topic:project", "role:project_leader"))
def projects_of_named_person(a: Ask) -> Answer:
    return projects_of_person(a.say, a.s.people[0], "lead" if a.query.has("attr:lead") else "all",
                              a.query.values("pstatus"))


@rule(lambda a: bool(a.s.people) and a.query.has("topic:group"))
def groups_of_named_person(a: Ask) -> Answer:
    return person_groups(a.say, a.s.people[0])


@rule(lambda a: bool(a.s.people) and a.query.has("attr:phone") and not a.s.people[0].phone)
def missing_phone_of_person(a: Ask) -> Answer:
    """ "telefonnummeret til Kari Holm" when none is registered: said plainly, then who she is """
    person = a.s.people[0]
    card = person_card(a.say, person)
    said = a.say("q_person_no_phone", name=person.name)
    return [replace(card[0], text=f"{said} {card[0].text or ''}".strip()), *card[1:]]


@rule(lambda a: bool(a.s.people))
def named_person(a: Ask) -> Answer:
    return person_card(a.say, a.s.people[0])


@rule(lambda a: a.s.asker is not None and a.query.concepts == {"q:who", "ref:me"} and not a.query.entities
      and not a.query.leftover)
def who_am_i(a: Ask) -> Answer:
    """ "kven er eg", "who am I" """
    assert a.s.asker is not None
    return person_card(a.say, a.s.asker)


@rule(lambda a: bool(a.s.groups))
def named_group(a: Ask) -> Answer:
    chair = a.query.has("attr:chair", "attr:lead") and not a.query.has("attr:members", "q:list")
    return group_card(a.say, a.s.groups[0], "chair" if chair else "members")


@rule(lambda a: bool(a.query.leftover) and a.query.has("topic:project", "role:project_leader")
      and not a.s.orgs and not a.s.people)
def project_by_title_words(a: Ask) -> Answer:
    """ "the welfare technology project" """
    named = project_titles(a.net).best(a.query)
    if len(named) == 1:
        return project_card(a.say, named[0], project_aspect(a.query))
    return None


@rule(lambda a: bool(a.query.unknown) and not a.s.orgs and not a.s.regions and not a.query.has("topic:project"))
def deadline_or_meeting_by_title(a: Ask) -> Answer:
    """A question that names a deadline or meeting by its title, without saying "frist" or "møte"."""
    found = deadline_titles(a.net).best(a.query)
    if len(found) == 1:
        return deadlines.card(a.say, found[0], contact_asked=a.query.has("attr:contact"))
    if meeting_titles(a.net).best(a.query):
        return meetings.answer(a.say, a.query, None, None)
    return None
