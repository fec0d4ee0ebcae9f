"""Rules for questions that say their topic: the fee, deadlines, meetings (tried first, in this order)."""

from __future__ import annotations

from handlers.questions import answer_deadlines as deadlines
from handlers.questions import answer_meetings as meetings
from handlers.questions.answer_fee import fee_difference, fee_for, fee_model
from handlers.questions.answer_unknown import unknown_names
from handlers.questions.rule import MAX_SUBJECTS, Answer, Ask, rule
from handlers.questions.titles import deadline_titles, meeting_titles


def _fee(a: Ask) -> bool:
    return a.query.has("attr:fee")


@rule(lambda a: _fee(a) and len(a.s.orgs) >= 2 and a.query.has("q:compare"))
def compare_fees_of_named_orgs(a: Ask) -> Answer:
    """ "hvor mye mer betaler Arendal enn Grimstad?" """
    return fee_difference(a.say, a.s.orgs)


@rule(lambda a: _fee(a) and bool(a.s.orgs))
def fee_of_named_orgs(a: Ask) -> Answer:
    """ "Hva betaler Rana?" """
    return [m for org in a.s.orgs[:MAX_SUBJECTS] for m in fee_for(a.say, org)]


@rule(lambda a: _fee(a) and a.ours and a.s.my_org is not None)
def fee_of_our_org(a: Ask) -> Answer:
    """ "hva betaler vi", "my municipality's fee" """
    assert a.s.my_org is not None
    return fee_for(a.say, a.s.my_org)


@rule(lambda a: _fee(a) and bool(a.query.unknown_names))
def fee_of_unknown_name(a: Ask) -> Answer:
    return unknown_names(a.say, a.query.unknown_names)


@rule(_fee)
def fee_model_of_network(a: Ask) -> Answer:
    """ "hvordan beregnes kontingenten" """
    return fee_model(a.say)


def deadline_filters(a: Ask) -> deadlines.Filters:
    """Whose deadlines a deadline question asks about: a contact, a person, an organization, a role..."""

    def make() -> deadlines.Filters:
        q, s = a.query, a.s
        # "who do I contact about the security survey": whom to ask, not the asker's own deadlines
        mine = q.has("ref:me") and not s.people and not (q.has("q:who") and q.has("attr:contact"))
        # "hvilke frister er jeg kontaktperson for", "which deadlines is Ingrid Thu the contact for"
        contact = (s.people[0] if s.people else s.asker if mine else None) if q.has(
            "attr:contact") and not q.has("q:who") else None
        if contact is not None:
            mine = False
        return deadlines.Filters(
            contact=contact,
            person=None if contact is not None else s.people[0] if s.people else (s.asker if mine else None),
            org=s.orgs[0] if s.orgs else (s.my_org if q.has("ref:us") and q.has("kind:municipality",
                                                                                "topic:org") else None),
            project=s.projects[0] if s.projects else None,
            mine=mine,
            role=q.roles[0] if q.roles and not s.people and not mine else None,
            group=s.groups[0] if s.groups else None,
        )

    found: deadlines.Filters = a.once("deadline_filters", make)
    return found


def _deadline(a: Ask) -> bool:
    return a.query.has("topic:deadline")


@rule(lambda a: _deadline(a) and bool(a.query.unknown_names) and not deadline_filters(a).any()
      and not deadline_titles(a.net).best(a.query))
def deadlines_of_unknown_name(a: Ask) -> Answer:
    """ "frister for Tromsø" when Tromsø is not in the network """
    return unknown_names(a.say, a.query.unknown_names)


@rule(_deadline)
def deadlines_asked(a: Ask) -> Answer:
    return deadlines.answer(a.say, a.query, deadline_filters(a))


def _group_person(a: Ask) -> bool:
    """ "hvem er leder for Årsmøtet": the group "Årsmøtet", not its meeting """
    q = a.query
    return bool(a.s.groups) and q.has("q:who") and q.has("attr:chair", "attr:lead", "attr:members") and not (
        q.has("attr:when", "attr:where", "attr:agenda", "attr:url", "status:invited", "time:next", "time:prev")
        or q.period is not None)


def _group_when(a: Ask) -> bool:
    """ "når var forrige koordinatorforum", "when does the steering group meet next": a group asked about in time """
    q, s = a.query, a.s
    return bool(s.groups) and not s.people and not s.projects and not q.has("q:who", "attr:joined") and (
        q.has("attr:when", "time:next", "time:prev") or q.period is not None)


def _meeting(a: Ask) -> bool:
    q = a.query
    return not _group_person(a) and (q.has("topic:meeting") or _group_when(a) or (
        q.has("attr:agenda", "attr:url") and not a.s.projects))


def _names_whose_meetings(a: Ask) -> bool:
    """A group, a person, or "my" meetings."""
    return bool(a.s.groups) or bool(a.s.people) or (a.query.has("ref:me") and a.s.asker is not None)


@rule(lambda a: _meeting(a) and bool(a.query.unknown_names) and not _names_whose_meetings(a)
      and not meeting_titles(a.net).best(a.query))
def meetings_of_unknown_name(a: Ask) -> Answer:
    """ "neste møte i Tromsø-gruppa" """
    return unknown_names(a.say, a.query.unknown_names)


@rule(_meeting)
def meetings_asked(a: Ask) -> Answer:
    group = a.s.groups[0] if a.s.groups else None
    person = None
    if group is None:
        person = a.s.people[0] if a.s.people else (a.s.asker if a.query.has("ref:me") else None)
    return meetings.answer(a.say, a.query, group, person)
