"""`hjelp` / `help`: what the bot can answer, with example questions about the asker's own network
(its municipalities, a project, the next deadline, a group) in the asker's language, and the two words
that are no questions: `svar` / `answer` (what waits for the asker's answer) and `kalender`."""

from __future__ import annotations

from handlers.context import Context
from handlers.incoming import Incoming
from messages.i18n import t
from messages.model import Message
from storage.snapshot import NetworkSnapshot, Org, PersonInfo


async def show_help(ctx: Context, incoming: Incoming) -> list[Message]:
    lang = ctx.lang
    context = None
    if ctx.person is not None:
        org = ctx.network.orgs[ctx.person.org_id]
        context = t(lang, "help_context", name=ctx.person.name, organization=org.name, network=ctx.network.name)
    return [
        Message(
            title=t(lang, "help_title"),
            text=t(lang, "help_intro"),
            items=examples(ctx),
            context=context,
        )
    ]


def _municipalities(net: NetworkSnapshot, person: PersonInfo | None) -> list[Org]:
    """Member municipalities, the asker's own first, then the largest; other organizations if there are none."""
    members = [o for o in net.orgs.values() if o.status == "member" and o.kind == "municipality"]
    orgs = members or list(net.orgs.values())
    own = person.org_id if person is not None else None
    return sorted(orgs, key=lambda o: (o.id != own, -(o.population or 0), o.name))


def examples(ctx: Context) -> list[str]:
    """Questions the bot answers in this network, each naming something that is in it."""
    net, lang, person = ctx.network, ctx.lang, ctx.person
    orgs = _municipalities(net, person)
    first = orgs[0].name if orgs else net.name
    second = orgs[1].name if len(orgs) > 1 else first
    lines = [t(lang, "help_example_chief", org=first), t(lang, "help_example_coordinator", org=second)]
    own_org = person.org_id if person is not None else None
    projects = sorted(net.projects.values(),
                      key=lambda p: (p.status != "active", own_org not in p.participant_ids, p.name))
    taking_part = next((o for o in orgs if any(o.id in p.participant_ids for p in projects)), None)
    if taking_part is not None:
        lines.append(t(lang, "help_example_projects_of", org=taking_part.name))
    if projects:
        lines.append(t(lang, "help_example_project_lead", project=projects[0].name))
    lines.append(t(lang, "help_example_deadlines"))
    upcoming = sorted((d for d in net.deadlines.values() if d.due >= ctx.now), key=lambda d: (d.due, d.title))
    if upcoming:
        lines.append(t(lang, "help_example_deadline", title=upcoming[0].title))
    mine = {g.id for g in net.groups_by_person.get(person.id, [])} if person is not None else set()
    groups = sorted(net.groups.values(), key=lambda g: (g.id not in mine, -len(g.member_ids), g.name))
    if groups:
        lines.append(t(lang, "help_example_meeting", group=groups[0].name))
    lines.append(t(lang, "help_example_count"))
    if net.fee_fixed_nok or net.fee_per_inhabitant_nok:
        lines.append(t(lang, "help_example_fee", org=second))
    lines.append(t(lang, "help_example_answer"))
    lines.append(t(lang, "help_example_calendar"))
    return lines
