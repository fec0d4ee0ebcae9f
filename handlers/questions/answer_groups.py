"""Groups: members (with their organizations) and chair; the list of groups."""

from __future__ import annotations

from handlers.questions.present import Say
from messages.model import Message
from storage.snapshot import GroupInfo, PersonInfo


def group_card(say: Say, group: GroupInfo, aspect: str) -> list[Message]:
    """aspect: chair | members."""
    net = say.net
    chair = net.people.get(group.chair_id) if group.chair_id is not None else None
    if aspect == "chair":
        if chair is None:
            return [Message(title=group.name, text=say("q_group_no_chair", group=group.name))]
        return [Message(title=group.name, text=say("q_group_chair", group=group.name, name=chair.name),
                        fields=say.person_fields(chair))]
    members = sorted((net.people[i] for i in group.member_ids if i in net.people),
                     key=lambda p: (p.id != group.chair_id, say.org(p.org_id), p.name))
    lines = []
    for person in members:
        text = say.person_line(person, contact=False)
        lines.append(say("q_group_member_chair", line=text) if person.id == group.chair_id else text)
    if not members:
        text = say("q_group_no_members", group=group.name)
    elif chair is not None:
        text = say("q_group_members_chair", group=group.name, n=len(members), name=chair.name)
    else:
        text = say("q_group_members", group=group.name, n=len(members))
    return [Message(title=group.name, text=text, items=say.items(lines, limit=60), context=group.description)]


def group_list(say: Say) -> list[Message]:
    groups = sorted(say.net.groups.values(), key=lambda g: g.name)
    if not groups:
        return [Message(text=say("q_groups_none"))]
    lines = [say("q_group_line", group=g.name, n=len(g.member_ids)) for g in groups]
    return [Message(title=say("q_groups_title", network=say.net.name), text=say("q_groups_count", n=len(groups)),
                    items=say.items(lines))]


def membership(say: Say, group: GroupInfo, person: PersonInfo) -> list[Message]:
    """ "Er Kari Nordmann med i styringsgruppa?"."""
    if group.chair_id == person.id:
        text = say("q_group_is_chair", name=person.name, group=group.name)
    elif person.id in group.member_ids:
        text = say("q_group_is_member", name=person.name, group=group.name)
    else:
        text = say("q_group_not_member", name=person.name, group=group.name)
    return [Message(title=group.name, text=text)]
