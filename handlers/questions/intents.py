"""Which kind of question this is, and which answer to give: an ordered table of named rules.

Each rule (rule.py) is a matcher and an answer; `route` tries them top to bottom and the first that
answers wins, so a rule placed higher is more specific. The order, from the most specific question to
the most general: an ambiguous name → fee → deadlines → meetings → roles → a named project, person or
group → a deadline or meeting by title → project and group lists → an organization → a region →
our organization → a period → a title → an unknown name → lists of organizations → "I don't know".
To add a kind of question, see README.md in this folder.
"""

from __future__ import annotations

from handlers.questions import rules_lists as lists
from handlers.questions import rules_names as names
from handlers.questions import rules_roles as roles
from handlers.questions import rules_topics as topics
from handlers.questions.answer_unknown import ask_back
from handlers.questions.parse import Query
from handlers.questions.present import Say
from handlers.questions.rule import Answer, Ask, Rule, first_answer, rule
from handlers.questions.rules_names import project_aspect
from messages.model import Message

__all__ = ["RULES", "project_aspect", "route", "explain"]


@rule(lambda a: bool(a.query.ambiguous))
def ask_back_on_ambiguous_name(a: Ask) -> Answer:
    """ "Herøy": Herøy (Nordland) or Herøy (Møre og Romsdal)? """
    return ask_back(a.say, a.query.ambiguous[0], a.query.ambiguous_words[0])


RULES: tuple[Rule, ...] = (
    ask_back_on_ambiguous_name,
    # the fee
    topics.compare_fees_of_named_orgs,
    topics.fee_of_named_orgs,
    topics.fee_of_our_org,
    topics.fee_of_unknown_name,
    topics.fee_model_of_network,
    # deadlines
    topics.deadlines_of_unknown_name,
    topics.deadlines_asked,
    # meetings
    topics.meetings_of_unknown_name,
    topics.meetings_asked,
    # roles
    roles.leader_of_project,
    roles.roles_in_named_orgs,
    roles.role_in_named_group,
    roles.secretariat_of_network,
    roles.role_in_region,
    roles.role_of_person,
    roles.role_in_our_org,
    roles.role_in_unknown_name,
    roles.role_in_network,
    # one named thing
    names.deadline_named_like_a_project,
    names.named_projects,
    names.person_in_group,
    names.projects_of_named_person,
    names.groups_of_named_person,
    names.missing_phone_of_person,
    names.named_person,
    names.who_am_i,
    names.named_group,
    names.project_by_title_words,
    names.deadline_or_meeting_by_title,
    # project and group lists
    lists.projects_of_named_orgs,
    lists.my_projects,
    lists.our_projects,
    lists.projects_of_unknown_name,
    lists.projects_of_network,
    lists.my_groups,
    lists.groups_of_network,
    # organizations
    lists.compare_named_orgs,
    lists.contact_of_named_orgs,
    lists.title_in_named_org,
    lists.leader_of_named_orgs,
    lists.named_orgs,
    lists.orgs_of_region,
    lists.our_org,
    # what is left
    lists.what_happens_in_period,
    lists.who_has_title,
    lists.unknown_name,
    lists.orgs_of_network,
    lists.dont_know,
)


def route(say: Say, query: Query) -> list[Message]:
    return explain(say, query)[1]


def explain(say: Say, query: Query) -> tuple[str, list[Message]]:
    """The name of the rule that answers, and its answer (for tests and debugging)."""
    found = first_answer(RULES, Ask.of(say, query))
    assert found is not None, "dont_know always answers"
    return found[0].name, found[1]
