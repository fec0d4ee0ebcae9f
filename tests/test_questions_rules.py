"""The routing rules one by one: which named rule answers a question, and a rule tried on its own.

The rules live in handlers/questions/rules_*.py and their order in intents.RULES; these tests use the
Innlandet network (tests/fixtures/network_innlandet.yaml) at Thursday 10 December 2026 10:00."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import pytest_asyncio

from handlers.context import Context
from handlers.questions import rules_lists, rules_names, rules_topics
from handlers.questions.intents import RULES, explain
from handlers.questions.names import name_index
from handlers.questions.parse import parse
from handlers.questions.present import Say
from handlers.questions.rule import Ask
from storage.snapshot import NetworkSnapshot, load_snapshot
from tests.chat import Chat

in_module_loop = pytest.mark.asyncio(loop_scope="module")
NOW = datetime(2026, 12, 10, 10, 0, tzinfo=ZoneInfo("Europe/Oslo"))
PER = "per.ivar.berg@hamar.kommune.no"


@dataclass
class World:
    chat: Chat
    net: NetworkSnapshot
    ctx: Context

    def ask(self, text: str) -> Ask:
        query = parse(self.net, name_index(self.net), text, NOW)
        return Ask.of(Say(self.ctx), query)


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def world(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[World]:
    chat = await Chat.start(tmp_path_factory.mktemp("rules"), "tests/fixtures/network_innlandet.yaml")
    async with chat.sessions() as session:
        net = await load_snapshot(session, chat.network_id)
        assert net is not None
        asker = next(p for p in net.people.values() if p.email == PER)
        yield World(chat, net, Context(session=session, network=net, person=asker, lang="nb", now=NOW))
    await chat.close()


@in_module_loop
@pytest.mark.parametrize(("question", "rule_name"), [
    ("hvem er koordinator i Odal", "ask_back_on_ambiguous_name"),
    ("hva betaler Stange", "fee_of_named_orgs"),
    ("hvor mye mer betaler Hamar enn Stange", "compare_fees_of_named_orgs"),
    ("hva betaler søgne", "fee_of_unknown_name"),
    ("hva betaler vi", "fee_of_our_org"),
    ("hva betaler dovre kommune", "fee_of_unknown_name"),
    ("hvordan regnes kontingenten ut", "fee_model_of_network"),
    ("frister neste uke", "deadlines_asked"),
    ("neste møte i styringsgruppa", "meetings_asked"),
    ("hvem er koordinator i Gran", "roles_in_named_orgs"),
    ("hvem er koordinatorer i Valdres", "role_in_region"),
    ("hvem leder KI-piloten i byggesak", "named_projects"),
    ("telefonnummeret til Kari Holm", "missing_phone_of_person"),
    ("hvem er Kari Bakken", "named_person"),
    ("which is bigger, Hamar or Gjøvik", "compare_named_orgs"),
    ("hvor mange innbyggere har Løten", "named_orgs"),
    ("er vi medlem", "our_org"),
    ("hvor mange medlemmer har vi", "orgs_of_network"),
    ("hvor mange innbyggere er vi til sammen", "orgs_of_network"),
    ("hvor mange innbyggere har vi", "our_org"),
    ("hva skjer i romjula", "what_happens_in_period"),
    ("hva er meningen med livet", "dont_know"),
])
async def test_a_question_is_answered_by_the_rule_named_for_its_kind(world: World, question: str,
                                                                     rule_name: str) -> None:
    assert explain(Say(world.ctx), world.ask(question).query)[0] == rule_name


@in_module_loop
async def test_a_rule_can_be_tried_on_its_own(world: World) -> None:
    fee = world.ask("hva betaler Stange")
    assert rules_topics.fee_of_named_orgs.matches(fee)
    assert not rules_topics.fee_of_our_org.matches(fee)
    answer = rules_topics.fee_of_named_orgs.answer(fee)
    assert answer is not None and "Stange" in (answer[0].title or "")
    ours = world.ask("hvor mange medlemmer har vi")
    assert not rules_lists.our_org.matches(ours)  # "vi" in a count means the network
    assert rules_names.named_person(ours) is None  # a rule that does not match answers None


def test_the_rules_are_in_one_ordered_table_with_unique_names_and_a_last_resort() -> None:
    names = [r.name for r in RULES]
    assert len(names) == len(set(names))
    assert names[0] == "ask_back_on_ambiguous_name" and names[-1] == "dont_know"
    assert names.index("compare_named_orgs") < names.index("named_orgs")
    assert names.index("missing_phone_of_person") < names.index("named_person")
