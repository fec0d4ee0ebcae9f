"""Which kind of question this is, and which answer to give.

The parsed `Query` carries concepts (keywords in any of the three languages, typos tolerated) and
names; the rules below go from the most specific question to the most general one:
fee → deadlines → meetings → roles → a project → a person → a group → project lists →
an organization → organizations of a region, status or kind → (unknown name) → "I don't know".
"""

from __future__ import annotations

from handlers.questions import answer_deadlines as deadlines
from handlers.questions import answer_meetings as meetings
from handlers.questions.answer_fee import fee_for, fee_model
from handlers.questions.answer_groups import group_card, group_list, membership
from handlers.questions.answer_orgs import org_card, org_list
from handlers.questions.answer_people import (
    no_such_title,
    people_by_title,
    person_card,
    person_groups,
    role_in_group,
    role_in_org,
    role_in_orgs,
)
from handlers.questions.answer_projects import project_card, project_list, projects_of_org, projects_of_person
from handlers.questions.answer_unknown import ask_back, unknown, unknown_names
from handlers.questions.parse import Query
from handlers.questions.present import Say
from handlers.questions.titles import deadline_titles, meeting_titles, project_titles
from messages.model import Message
from storage.snapshot import GroupInfo, Org, PersonInfo, ProjectInfo

MAX_SUBJECTS = 3
SINGLE_KINDS = ("county", "ks", "state")
ORG_ATTRS = ("attr:population", "attr:region", "attr:status", "attr:joined")


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


def route(say: Say, query: Query) -> list[Message]:  # noqa: C901 - a flat list of rules reads best
    if query.ambiguous:
        return ask_back(say, query.ambiguous[0], query.ambiguous_words[0])
    s = Subjects(say, query)
    ours = query.has("ref:us", "ref:me")
    net = say.net

    if query.has("attr:fee"):
        if s.orgs:
            return [m for org in s.orgs[:MAX_SUBJECTS] for m in fee_for(say, org)]
        if ours and s.my_org is not None:
            return fee_for(say, s.my_org)
        if query.unknown_names:
            return unknown_names(say, query.unknown_names)
        return fee_model(say)

    if query.has("topic:deadline"):
        mine = query.has("ref:me") and not s.people
        # "hvilke frister er jeg kontaktperson for", "which deadlines is Ingrid Thu the contact for"
        contact = (s.people[0] if s.people else s.asker if mine else None) if query.has(
            "attr:contact") and not query.has("q:who") else None
        if contact is not None:
            mine = False
        filters = deadlines.Filters(
            contact=contact,
            person=None if contact is not None else s.people[0] if s.people else (s.asker if mine else None),
            org=s.orgs[0] if s.orgs else (s.my_org if query.has("ref:us") and query.has("kind:municipality",
                                                                                        "topic:org") else None),
            project=s.projects[0] if s.projects else None,
            mine=mine,
            role=query.roles[0] if query.roles and not s.people and not mine else None,
            group=s.groups[0] if s.groups else None,
        )
        if query.unknown_names and not filters.any() and not deadline_titles(net).best(query):
            return unknown_names(say, query.unknown_names)  # "frister for Tromsø"
        return deadlines.answer(say, query, filters)

    group_person = s.groups and query.has("q:who") and query.has("attr:chair", "attr:lead", "attr:members") and not (
        query.has("attr:when", "attr:where", "attr:agenda", "attr:url", "status:invited", "time:next", "time:prev")
        or query.period is not None)  # "hvem er leder for Årsmøtet": the group "Årsmøtet", not its meeting
    # "når var forrige koordinatorforum", "when does the steering group meet next": a group asked about in time
    group_when = bool(s.groups) and not s.people and not s.projects and not query.has("q:who", "attr:joined") and (
        query.has("attr:when", "time:next", "time:prev") or query.period is not None)
    if not group_person and (query.has("topic:meeting") or group_when or (
            query.has("attr:agenda", "attr:url") and not s.projects)):
        group = s.groups[0] if s.groups else None
        person = None
        if group is None:
            person = s.people[0] if s.people else (s.asker if query.has("ref:me") else None)
        if query.unknown_names and group is None and person is None and not meeting_titles(net).best(query):
            return unknown_names(say, query.unknown_names)  # "neste møte i Tromsø-gruppa"
        return meetings.answer(say, query, group, person)

    roles = query.roles
    if roles and "project_leader" in roles and not s.projects and not s.orgs and query.leftover:
        s.projects = project_titles(net).best(query)[:1]  # "the project leader of the school project"
    if roles:
        if s.projects and not s.orgs:
            return project_card(say, s.projects[0], "leader")
        role = next((r for r in roles if r != "project_leader"), roles[0]) if s.orgs else roles[0]
        if s.orgs:  # "hvem er rådmann i Lillestrøm og hvem er koordinator": both roles
            asked = [r for r in roles if r != "project_leader"][:2] or [role]
            return [m for org in s.orgs[:MAX_SUBJECTS] for r in asked for m in role_in_org(say, r, org)]
        if s.groups:
            return role_in_group(say, role, s.groups[0])
        if role == "secretariat":
            return role_in_orgs(say, role, list(net.orgs.values()), net.name, query.leftover)
        if s.regions:
            region = s.regions[0]
            orgs = [o for o in net.orgs.values() if o.region in region.regions]
            return role_in_orgs(say, role, orgs, region.label)
        if s.people:
            return person_card(say, s.people[0])
        if ours and s.my_org is not None:
            return role_in_org(say, role, s.my_org)
        if query.unknown_names:
            return unknown_names(say, query.unknown_names)
        return role_in_orgs(say, role, list(net.orgs.values()), net.name)

    if s.projects and query.unknown and not query.has("topic:project") and all(
            e in query.partial for e in query.of_kind("project")):
        # "kartleggingen av skytjenester": a deadline's title, not the project "Skytjenester Romerike"
        found = deadline_titles(net).best(query)
        if len(found) == 1:
            return deadlines.card(say, found[0], contact_asked=query.has("attr:contact"))

    if s.projects:
        return [m for p in s.projects[:MAX_SUBJECTS] for m in project_card(say, p, project_aspect(query))]

    if s.people and s.groups:
        return membership(say, s.groups[0], s.people[0])

    if s.people:
        person = s.people[0]
        if query.has("topic:project", "role:project_leader"):
            return projects_of_person(say, person, "lead" if query.has("attr:lead") else "all",
                                      query.values("pstatus"))
        if query.has("topic:group"):
            return person_groups(say, person)
        return person_card(say, person)

    if s.asker is not None and query.concepts == {"q:who", "ref:me"} and not query.entities and not query.leftover:
        return person_card(say, s.asker)  # "kven er eg", "who am I"

    if s.groups:
        chair = query.has("attr:chair", "attr:lead") and not query.has("attr:members", "q:list")
        return group_card(say, s.groups[0], "chair" if chair else "members")

    if query.leftover and query.has("topic:project", "role:project_leader") and not s.orgs and not s.people:
        named = project_titles(net).best(query)  # "the welfare technology project"
        if len(named) == 1:
            return project_card(say, named[0], project_aspect(query))

    if query.unknown and not s.orgs and not s.regions and not query.has("topic:project"):
        titled = _by_title(say, query)
        if titled is not None:
            return titled

    statuses = query.values("pstatus")
    if query.has("topic:project") or (statuses and not query.has_prefix("status:") and not s.orgs):
        if query.has("attr:owner") and not query.has("attr:lead"):
            mode = "owner"
        elif query.has("attr:lead"):
            mode = "own"
        else:
            mode = "take_part" if query.has("attr:participants", "attr:members") else "all"
        if s.orgs:
            return [m for org in s.orgs[:MAX_SUBJECTS] for m in projects_of_org(say, org, mode, statuses)]
        if query.has("ref:me") and s.asker is not None:
            return projects_of_person(say, s.asker, "lead" if mode in ("own", "owner") else "all", statuses)
        if query.has("ref:us") and s.my_org is not None:
            return projects_of_org(say, s.my_org, mode, statuses)
        if query.unknown_names and not statuses:
            return unknown_names(say, query.unknown_names)
        region = s.regions[0] if s.regions else None
        return project_list(say, statuses, region.label if region else None, region.regions if region else None)

    if query.has("topic:group"):
        if query.has("ref:me") and s.asker is not None:
            return person_groups(say, s.asker)
        return group_list(say)

    if s.orgs:
        if query.has("attr:contact") and not query.has(*ORG_ATTRS):  # a municipality's contact: its coordinator
            return [m for org in s.orgs[:MAX_SUBJECTS] for m in role_in_org(say, "coordinator", org)]
        if query.leftover and query.has("q:who"):
            titled = people_by_title(say, s.orgs[0], query.leftover)
            if titled is not None:
                return titled
            if not query.has(*ORG_ATTRS) and not query.has_prefix("status:"):
                return no_such_title(say, s.orgs[0], query.unknown)  # "Hvem er ordfører i Drammen?"
        if query.has("attr:lead") and query.has("q:who"):
            return [m for org in s.orgs[:MAX_SUBJECTS] for m in role_in_org(say, "chief_executive", org)]
        return [m for org in s.orgs[:MAX_SUBJECTS] for m in org_card(say, org, query)]

    if s.regions:
        region = s.regions[0]
        return org_list(say, query, region.label, region.regions)

    if ours and s.my_org is not None and (query.has(*ORG_ATTRS) or query.has_prefix("status:") or (
            query.has("kind:municipality", "topic:org") and not query.has("q:count", "q:list"))):
        return org_card(say, s.my_org, query)

    if query.period is not None and not query.unknown:
        # "Hva skjer neste uke?": deadlines and meetings in the period
        return [*deadlines.answer(say, query, deadlines.Filters()), *meetings.answer(say, query, None, None)]

    if query.unknown and query.has("q:who"):  # "Hvem er daglig leder?"
        titled = people_by_title(say, None, query.leftover)
        if titled is not None:
            return titled

    if query.unknown_names:
        return unknown_names(say, query.unknown_names)

    if query.has_prefix("kind:") or query.has_prefix("status:") or query.has("q:count", "topic:org",
                                                                             "topic:network"):
        return org_list(say, query, None, None)

    if query.of_kind("network"):  # "Hva er DigiViken?": who is in it
        return org_list(say, query, None, None)

    return unknown(say)


def _by_title(say: Say, query: Query) -> list[Message] | None:
    """A question that names a deadline or meeting by its title, without saying "frist" or "møte"."""
    net = say.net
    found = deadline_titles(net).best(query)
    if len(found) == 1:
        return deadlines.card(say, found[0], contact_asked=query.has("attr:contact"))
    if meeting_titles(net).best(query):
        return meetings.answer(say, query, None, None)
    return None


def project_aspect(query: Query) -> str:
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
