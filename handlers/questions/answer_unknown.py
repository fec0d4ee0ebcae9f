"""When the bot cannot answer: it says so plainly and suggests questions it can answer, built
from this network's own names. When a name could mean several things, it asks back."""

from __future__ import annotations

from handlers.questions.names import Entity
from handlers.questions.present import Say
from messages.model import Message

MAX_ALTERNATIVES = 6


def examples(say: Say) -> list[str]:
    cached: dict[str, list[str]] = say.net.memo("questions.examples", dict)
    if say.lang not in cached:
        cached[say.lang] = _examples(say)
    return list(cached[say.lang])


def _examples(say: Say) -> list[str]:
    net = say.net
    orgs = sorted((o for o in net.orgs.values() if o.status == "member" and o.kind == "municipality"),
                  key=lambda o: -(o.population or 0))
    org = orgs[0].name if orgs else next((o.name for o in net.orgs.values()), net.name)
    other = orgs[1].name if len(orgs) > 1 else org
    lines = [say("q_example_role", org=org)]
    projects = sorted(net.projects.values(), key=lambda p: (p.status != "active", p.name))
    if projects:
        lines.append(say("q_example_project", project=projects[0].name))
    lines.append(say("q_example_deadlines"))
    groups = sorted(net.groups.values(), key=lambda g: -len(g.member_ids))
    if groups:
        lines.append(say("q_example_meeting", group=groups[0].name))
    lines.append(say("q_example_count"))
    lines.append(say("q_example_population", org=other))
    if net.fee_fixed_nok or net.fee_per_inhabitant_nok:
        lines.append(say("q_example_fee", org=other))
    return lines


def unknown(say: Say) -> list[Message]:
    return [Message(text=say("q_unknown"), items=examples(say), context=say("q_unknown_hint"))]


def unknown_names(say: Say, words: list[str]) -> list[Message]:
    """ "Kven er koordinator i Tromsø?" when Tromsø is not in the network: no guessing."""
    return [Message(text=say("q_unknown_name", name=" ".join(words), network=say.net.name),
                    items=examples(say), context=say("q_unknown_name_hint"))]


def describe(say: Say, entity: Entity) -> str:
    net = say.net
    if entity.kind == "org" and isinstance(entity.id, int) and entity.id in net.orgs:
        org = net.orgs[entity.id]
        where = say("q_in_region", region=org.region) if org.region else ""
        return say("q_candidate_org", name=say.org(org.id), kind=say.kind(org.kind), where=where).strip()
    if entity.kind == "person" and isinstance(entity.id, int) and entity.id in net.people:
        person = net.people[entity.id]
        return say.person_line(person, contact=False)
    if entity.kind == "project":
        return say("q_candidate_project", name=entity.label)
    if entity.kind == "group":
        return say("q_candidate_group", name=entity.label)
    if entity.kind == "region":
        return say("q_candidate_region", name=entity.label)
    return entity.label


def label(say: Say, entity: Entity) -> str:
    if entity.kind == "org" and isinstance(entity.id, int):
        return say.org(entity.id)
    return entity.label


def ask_back(say: Say, alternatives: list[Entity], typed: str = "") -> list[Message]:
    """ "Mener du Herøy eller Hareid?" with one line per candidate; people who share a name are
    told apart by their organization ("Kari Nordmann (Rana) eller Kari Nordmann (Vefsn)")."""
    if len(alternatives) > MAX_ALTERNATIVES:  # "Halvorsen": too many to list, ask for the full name
        return [Message(text=say("q_ask_back_many", name=typed, n=len(alternatives)),
                        items=[describe(say, e) for e in alternatives[:MAX_ALTERNATIVES]] + [
                            say("list_more", count=len(alternatives) - MAX_ALTERNATIVES)])]
    labels = [label(say, e) for e in alternatives]
    shared = {name for name in labels if labels.count(name) > 1}
    for k, entity in enumerate(alternatives):
        if labels[k] in shared and entity.kind == "person" and entity.org is not None:
            labels[k] = say("q_person_with_details", name=labels[k], details=say.org(entity.org))
    names = list(dict.fromkeys(labels))
    return [Message(text=say("q_ask_back", options=say.alternatives(names)),
                    items=[describe(say, e) for e in alternatives], context=say("q_ask_back_hint"))]
