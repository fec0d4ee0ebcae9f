"""Who holds a role in an organization, who is in the secretariat, and who a person is."""

from __future__ import annotations

from functools import lru_cache

from rapidfuzz import fuzz

from handlers.questions.normalize import fold
from handlers.questions.present import Say
from messages.model import Field, Message
from storage.snapshot import GroupInfo, Org, PersonInfo

# English words for Norwegian job titles that are not roles of the network file.
_TITLE_WORDS: dict[str, tuple[str, ...]] = {
    "mayor": ("ordforer", "ordforar"), "mayors": ("ordforer", "ordforar"),
    "deputy": ("varaordforer", "varaordforar"), "adviser": ("radgiver", "radgjevar"),
    "advisor": ("radgiver", "radgjevar"), "director": ("direktor",), "manager": ("leder", "leiar", "sjef"),
    "head": ("leder", "leiar", "sjef"), "archivist": ("arkivar",), "lawyer": ("jurist", "advokat"),
}


# Bokmål and nynorsk forms of the same title word.
_SAME_WORD = {"dagleg": "daglig", "leiar": "leder", "radgjevar": "radgiver", "ordforar": "ordforer",
              "varaordforar": "varaordforer", "leiaren": "lederen", "ansvarleg": "ansvarlig"}


@lru_cache(maxsize=8192)
def _title_parts(title: str) -> tuple[str, ...]:
    return tuple(_SAME_WORD.get(p, p) for p in fold(title).split())


@lru_cache(maxsize=32768)
def _title_hit(word: str, title: str) -> bool:
    word = _SAME_WORD.get(word, word)
    for part in _title_parts(title):
        if part == word:
            return True
        if len(word) >= 5 and (part.startswith(word[:-1]) or (len(part) >= 5 and word.startswith(part[:-1]))):
            return True
        if len(word) >= 6 and fuzz.ratio(word, part) >= 85:
            return True
    return False


def _expand(words: list[str]) -> list[str]:
    return [w for word in words for w in (word, *_TITLE_WORDS.get(word, ())) if len(w) >= 4]


def _by_title(say: Say) -> dict[str, list[PersonInfo]]:
    """Everyone in the network grouped by title (built once per snapshot: few distinct titles)."""
    def build() -> dict[str, list[PersonInfo]]:
        by_title: dict[str, list[PersonInfo]] = {}
        for person in say.net.people.values():
            if person.title:
                by_title.setdefault(person.title, []).append(person)
        return by_title

    return say.net.memo("questions.people_by_title", build)


def people_by_title(say: Say, org: Org | None, words: list[str], limit: int = 12) -> list[Message] | None:
    """ "Kven er ordførar i Bergen?", "Kven er dagleg leiar?": people (of `org`, or anywhere) whose
    title holds one of `words`; None when nobody's does, or too many do to be a real answer."""
    wanted = _expand(words)
    if org is not None:
        hits = [p for p in say.net.people_by_org.get(org.id, []) if p.title and any(_title_hit(w, p.title)
                                                                                     for w in wanted)]
    else:
        hits = [p for title, people in _by_title(say).items() if any(_title_hit(w, title) for w in wanted)
                for p in people]
    if not hits or len(hits) > limit:
        return None
    name = say.org(org.id) if org is not None else say.net.name
    if org is None:
        return [Message(title=name, items=[say.person_line(p) for p in sorted(hits, key=lambda p: p.name)])]
    if len(hits) == 1:
        person = hits[0]
        return [Message(title=name, text=say("q_person_is", name=person.name, title=_in_sentence(person.title or ""),
                                             org=name), fields=say.person_fields(person, org=False))]
    return [Message(title=name, items=[say.person_line(p, org=False) for p in sorted(hits, key=lambda p: p.name)])]


def no_such_title(say: Say, org: Org, typed: list[str]) -> list[Message]:
    """ "Hvem er ordfører i Drammen?" when nobody there has that title: say so, and show who is there."""
    name = say.org(org.id)
    everyone = say.net.people_by_org.get(org.id, [])
    people = sorted(everyone, key=lambda p: (min([_KEY_ROLES.index(r) for r in p.roles if r in _KEY_ROLES] or [9]),
                                             p.name))[:8]
    text = say("q_title_none", title=" ".join(typed), org=name)
    if people:
        text = f"{text} {say('q_title_none_people', org=name)}"
    return [Message(title=name, text=text, items=[say.person_line(p, org=False) for p in people])]


_KEY_ROLES = ("chief_executive", "coordinator", "ict_lead", "secretariat", "project_leader")


def role_in_org(say: Say, role: str, org: Org) -> list[Message]:
    """ "Kven er koordinator i Ørsta?": the holders of `role` in `org`, or plainly none."""
    net = say.net
    holders = sorted((p for p in net.people_by_org.get(org.id, []) if role in p.roles), key=lambda p: p.name)
    name = say.org(org.id)
    title = say("q_role_in_org_title", role=say.role(role, "title"), org=name)
    if not holders:
        return [Message(title=title, text=say("q_role_none", role=say.role(role, "indef"), org=name))]
    if len(holders) == 1:
        person = holders[0]
        return [Message(
            title=title,
            text=say("q_role_one", role=say.role(role, "title"), role_sg=say.role(role), org=name, name=person.name),
            fields=say.person_fields(person, org=False),
        )]
    return [Message(
        title=title,
        text=say("q_role_many", org=name, n=len(holders), roles=say.role(role, "pl")),
        items=[say.person_line(p, org=False) for p in holders],
    )]


def contact_of_org(say: Say, org: Org) -> list[Message]:
    """ "kontaktperson hos statsforvalteren": the coordinator, or else the only person registered there."""
    people = say.net.people_by_org.get(org.id, [])
    if len(people) != 1 or any("coordinator" in p.roles for p in people):
        return role_in_org(say, "coordinator", org)
    name = say.org(org.id)
    return [Message(title=name, text=say("q_contact_only_person", org=name, name=people[0].name),
                    fields=say.person_fields(people[0], org=False))]


def role_in_orgs(say: Say, role: str, orgs: list[Org], scope: str, words: list[str] | None = None) -> list[Message]:
    """The holders of `role` across several organizations (a region, or the whole network);
    `words` may narrow them by title ("dagleg leiar i sekretariatet")."""
    order = {o.id: (o.name, o.id) for o in orgs}
    holders = sorted((p for o in orgs for p in say.net.people_by_org.get(o.id, []) if role in p.roles),
                     key=lambda p: (order[p.org_id], p.name))
    titled = [p for p in holders if words and p.title and any(_title_hit(w, p.title) for w in _expand(words))]
    if titled:
        holders = titled
    if role == "secretariat":
        title = say("q_secretariat_title", network=scope)
    else:
        title = say("q_role_list_title", roles=say.role(role, "pl_title"), scope=scope)
    if not holders:
        return [Message(title=title, text=say("q_role_none", role=say.role(role, "indef"), org=scope))]
    with_org = role != "secretariat" or len({p.org_id for p in holders}) > 1
    text = say("q_role_many", org=scope, n=len(holders), roles=say.role(role, "pl" if len(holders) != 1 else "sg"))
    if role == "secretariat":
        text = say("q_secretariat_text", network=scope, n=len(holders))
    lines = [say.person_line(p, org=with_org) for p in holders]
    return [Message(title=title, text=text, items=say.items(lines))]


def role_in_group(say: Say, role: str, group: GroupInfo) -> list[Message]:
    """ "Kven er koordinatorane i styringsgruppa?": the group's members holding `role`."""
    holders = sorted((say.net.people[i] for i in group.member_ids if i in say.net.people
                      and role in say.net.people[i].roles), key=lambda p: (say.org(p.org_id), p.name))
    title = say("q_role_list_title", roles=say.role(role, "pl_title"), scope=group.name)
    if not holders:
        return [Message(title=title, text=say("q_role_none", role=say.role(role, "indef"), org=group.name))]
    form = "pl" if len(holders) != 1 else "sg"
    return [Message(title=title, text=say("q_role_many", org=group.name, n=len(holders), roles=say.role(role, form)),
                    items=[say.person_line(p, contact=False) for p in holders])]


def person_card(say: Say, person: PersonInfo) -> list[Message]:
    """ "Hvem er Kari Bakke?": title, organization, roles, how to reach them, groups and projects."""
    net = say.net
    org = say.org(person.org_id)
    if person.title:
        text = say("q_person_is", name=person.name, title=_in_sentence(person.title), org=org)
    else:
        text = say("q_person_at", name=person.name, org=org)
    fields = say.person_fields(person)
    roles = [say.role(r) for r in person.roles if r != "member"]
    if roles:
        fields.insert(1 if person.title else 0, Field(say("q_label_roles"), ", ".join(roles)))
    items: list[str] = []
    for group in sorted(net.groups_by_person.get(person.id, []), key=lambda g: g.name):
        key = "q_person_group_chair" if group.chair_id == person.id else "q_person_group"
        items.append(say(key, group=group.name))
    for project in sorted(net.projects.values(), key=lambda p: p.name):
        if project.leader_id == person.id:
            items.append(say("q_person_leads_project", project=project.name))
    return [Message(title=person.name, text=text, fields=fields, items=items)]


def person_groups(say: Say, person: PersonInfo) -> list[Message]:
    groups = sorted(say.net.groups_by_person.get(person.id, []), key=lambda g: g.name)
    if not groups:
        return [Message(title=person.name, text=say("q_person_no_groups", name=person.name))]
    items = [say("q_person_group_chair" if g.chair_id == person.id else "q_person_group", group=g.name)
             for g in groups]
    return [Message(title=person.name, text=say("q_person_groups", name=person.name, n=len(groups)), items=items)]


def _in_sentence(title: str) -> str:
    """ "Digitaliseringskoordinator" -> "digitaliseringskoordinator"; "IKT-leder" stays as written."""
    if len(title) > 1 and title[0].isupper() and title[1].islower():
        return title[0].lower() + title[1:]
    return title
