"""Projects: one project's owner, leader, participants, status and description; the projects an
organization or a person owns, leads or takes part in; lists and counts by status."""

from __future__ import annotations

from handlers.questions.present import Say
from messages.model import Field, Message
from storage.snapshot import Org, PersonInfo, ProjectInfo

STATUS_ORDER = {"active": 0, "planned": 1, "paused": 2, "completed": 3}


def _period(say: Say, project: ProjectInfo) -> str | None:
    if project.start and project.end:
        return say("q_project_period_both", start=say.day(project.start), end=say.day(project.end))
    if project.start:
        return say("q_project_period_from", start=say.day(project.start))
    if project.end:
        return say("q_project_period_until", end=say.day(project.end))
    return None


def project_card(say: Say, project: ProjectInfo, aspect: str) -> list[Message]:
    """aspect: leader | owner | participants | status | description | all."""
    net = say.net
    name = project.name
    leader = net.people.get(project.leader_id) if project.leader_id is not None else None
    owner = say.org(project.owner_id)
    participants = sorted(say.org(o) for o in project.participant_ids if o in net.orgs)
    fields: list[Field] = []
    if owner:
        fields.append(Field(say("q_label_owner"), owner))
    if leader:
        fields.append(Field(say("q_label_leader"), say.person_line(leader)))
    fields.append(Field(say("q_label_status"), say.pstatus(project.status)))
    period = _period(say, project)
    if period:
        fields.append(Field(say("q_label_period"), period))
    items: list[str] = []
    context = project.description
    if aspect == "leader":
        text = say("q_project_leader", project=name, name=leader.name) if leader else say(
            "q_project_no_leader", project=name)
    elif aspect == "owner":
        text = say("q_project_owner", project=name, owner=owner) if owner else say("q_project_no_owner", project=name)
    elif aspect == "participants":
        text = say("q_project_participants", project=name, n=len(participants)) if participants else say(
            "q_project_no_participants", project=name)
        items = participants
    elif aspect == "status":
        text = say("q_project_status", project=name, status=say.pstatus(project.status))
    elif aspect == "period" and (project.start or project.end):
        text = say("q_project_when", project=name, period=period)
    elif project.description:
        text, context = project.description, None
    else:
        text = say("q_project_status", project=name, status=say.pstatus(project.status))
    if aspect != "participants" and participants:
        fields.append(Field(say("q_label_participants"), say.names(participants)))
    return [Message(title=name, text=text, fields=fields, items=items, context=context)]


def _line(say: Say, project: ProjectInfo, role: str | None = None) -> str:
    details = [say.pstatus(project.status)]
    if role:
        details.append(role)
    return say("q_person_with_details", name=project.name, details=", ".join(details))


def _sorted(projects: list[ProjectInfo]) -> list[ProjectInfo]:
    return sorted(projects, key=lambda p: (STATUS_ORDER.get(p.status, 9), p.name))


def _filter(projects: list[ProjectInfo], statuses: list[str]) -> list[ProjectInfo]:
    return [p for p in projects if not statuses or p.status in statuses]


def projects_of_org(say: Say, org: Org, mode: str, statuses: list[str]) -> list[Message]:
    """mode: own (owner, or led from the organization) | owner (owner only) | take_part | all."""
    net = say.net
    name = say.org(org.id)
    lines: list[str] = []
    for project in _sorted(_filter(list(net.projects.values()), statuses)):
        leader = net.people.get(project.leader_id) if project.leader_id is not None else None
        led_here = leader is not None and leader.org_id == org.id
        owns = project.owner_id == org.id or led_here
        takes_part = org.id in project.participant_ids or project.owner_id == org.id
        # a project the organization does not own, but one of its people leads: say who
        role = say("q_project_role_owner") if project.owner_id == org.id else (
            f"{say('q_project_role_leader')} {leader.name}" if led_here and leader is not None else None)
        if mode == "owner" and project.owner_id == org.id:
            lines.append(_line(say, project))
        elif mode == "own" and owns:
            lines.append(_line(say, project, role))
        elif mode == "take_part" and takes_part:
            lines.append(_line(say, project))
        elif mode == "all" and (owns or takes_part):
            lines.append(_line(say, project, role))
    title = say("q_projects_of_title", name=name)
    if not lines:
        key = {"own": "q_projects_org_owns_none", "owner": "q_projects_org_owned_none",
               "take_part": "q_projects_org_part_none"}.get(mode, "q_projects_org_none")
        return [Message(title=title, text=say(key, org=name))]
    key = {"own": "q_projects_org_owns", "owner": "q_projects_org_owned", "take_part": "q_projects_org_part"}.get(
        mode, "q_projects_org_all")
    return [Message(title=title, text=say(key, org=name, n=len(lines)), items=say.items(lines))]


def projects_of_person(say: Say, person: PersonInfo, mode: str, statuses: list[str]) -> list[Message]:
    """Projects `person` leads; unless only leading was asked, also those their organization is in."""
    net = say.net
    projects = _sorted(_filter(list(net.projects.values()), statuses))
    led = [p for p in projects if p.leader_id == person.id]
    title = say("q_projects_of_title", name=person.name)
    lines = [_line(say, p, say("q_project_role_leader")) for p in led]
    if mode != "lead":
        lines += [_line(say, p, say("q_project_role_via", org=say.org(person.org_id))) for p in projects
                  if p not in led and (person.org_id in p.participant_ids or p.owner_id == person.org_id)]
    if not lines:
        key = "q_projects_person_leads_none" if mode == "lead" else "q_projects_person_none"
        return [Message(title=title, text=say(key, name=person.name))]
    key = "q_projects_person_leads" if mode == "lead" else "q_projects_person_all"
    return [Message(title=title, text=say(key, name=person.name, n=len(lines)), items=say.items(lines))]


def project_list(say: Say, statuses: list[str], scope: str | None = None,
                 regions: tuple[str, ...] | None = None) -> list[Message]:
    """All projects (with a status, in a region: owner or a participant there)."""
    net = say.net
    projects = _sorted(_filter(list(net.projects.values()), statuses))
    if regions is not None:
        projects = [p for p in projects if any(net.orgs[o].region in regions for o in (p.owner_id, *p.participant_ids)
                                               if o is not None and o in net.orgs)]
    label = say.names([say.pstatus(s) for s in statuses]) if statuses else ""
    title = say("q_projects_title", network=scope or net.name)
    if not projects:
        return [Message(title=title, text=say("q_projects_none_status", status=label) if statuses else say(
            "q_projects_none"))]
    if statuses:
        text = say("q_projects_count_status", n=len(projects), status=label, network=scope or net.name)
    else:
        text = say("q_projects_count", n=len(projects), network=scope or net.name)
    lines = [_line(say, p, say.org(p.owner_id) or None) for p in projects]
    return [Message(title=title, text=text, items=say.items(lines))]
