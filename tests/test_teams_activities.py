"""Which Teams activities the bot acts on, posted signed to the running /api/messages and routed by the SDK's
Teams extension: a question in personal chat or with its @mention in a channel, a card's button, its own
installation (stored as the user's address) and removal (forgotten); not other members joining, channel
chatter, edits, empty messages, nor anything from a channel other than Teams. The bot added to a team opens a
personal chat with the team's people (test_teams_team.py)."""

from __future__ import annotations

from typing import Any

import pytest
from microsoft_agents.activity import Activity
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.channels.teams.activities import question_text, tenant_of, user_of
from storage import identities
from tests.emulators.teams_connector import BOT_ID, TENANT, TeamsConnectorEmulator
from tests.fixtures.teams_harness import teams_bot

BJORN, BJORN_AAD = "29:bjorn", "aad-bjorn"
CHAT, CHANNEL = f"a:personal-{BJORN}", "19:c@thread.tacv2"
ANSWERED, STORED, NOTHING = "answered", "stored", "nothing"


CASES: dict[str, tuple[Any, str, str]] = {  # name: (activity maker, conversation it is answered in, outcome)
    "question": (lambda e: e.message(BJORN, "Hvem er koordinator i Rana?"), CHAT, ANSWERED),
    "blank": (lambda e: e.message(BJORN, "   "), CHAT, NOTHING),
    "mention": (lambda e: e.mention(BJORN, "Hvem er koordinator i Rana?", channel=CHANNEL), CHANNEL, ANSWERED),
    "chatter": (lambda e: e.message(BJORN, "lunsj?", conversation=CHANNEL, conversation_type="channel"), CHANNEL,
                NOTHING),
    "press": (lambda e: e.activity(BJORN, "message", value={"action_id": "announcement_read", "value": "7"}), CHAT,
              ANSWERED),
    "other value": (lambda e: e.activity(BJORN, "message", value={"something": "else"}), CHAT, NOTHING),
    "installed": (lambda e: e.installed(BJORN), CHAT, STORED),
    "upgraded": (lambda e: e.activity(BJORN, "installationUpdate", action="add-upgrade"), CHAT, STORED),
    "bot added": (lambda e: e.activity(BJORN, "conversationUpdate", membersAdded=[{"id": BOT_ID}]), CHAT, STORED),
    "someone added": (lambda e: e.activity(BJORN, "conversationUpdate", membersAdded=[{"id": "29:x"}]), CHAT,
                      NOTHING),
    "edited": (lambda e: e.activity(BJORN, "messageUpdate", text="endra",
                                    channelData={"eventType": "editMessage"}), CHAT, NOTHING),
    "reaction": (lambda e: e.activity(BJORN, "messageReaction", reactionsAdded=[{"type": "like"}]), CHAT, NOTHING),
    "added to a team": (lambda e: e.team_added(BJORN, CHANNEL), CHAT, STORED),  # the team's people get a chat
    "not Teams": (lambda e: {**e.message(BJORN, "Hvem er koordinator i Rana?"), "channelId": "webchat"}, CHAT,
                  NOTHING),
}


@pytest.mark.parametrize("case", list(CASES))
async def test_what_the_bot_acts_on(sessions: async_sessionmaker[AsyncSession], monkeypatch: pytest.MonkeyPatch,
                                    case: str) -> None:
    make, conversation, outcome = CASES[case]
    async with teams_bot(sessions, monkeypatch) as tb:
        tb.emulator.add_user(BJORN, aad=BJORN_AAD, email="bjorn.eriksen@rana.kommune.no", name="Bjørn Eriksen")
        assert await tb.post(make(tb.emulator)) == 202
        await tb.idle()
        sent = tb.emulator.sent_to(conversation)
        async with sessions() as session:
            address = await identities.recall_address(session, "teams", BJORN_AAD)
    if outcome == ANSWERED:
        assert len(sent) == 1 and len(tb.emulator.sent) == 1
    elif outcome == STORED:
        assert tb.emulator.sent == [] and address is not None and address["conversation"]["id"] == CHAT
    else:
        assert tb.emulator.sent == [] and address is None


async def test_removing_the_app_forgets_the_address_at_once(
        sessions: async_sessionmaker[AsyncSession], monkeypatch: pytest.MonkeyPatch) -> None:
    async with teams_bot(sessions, monkeypatch) as tb:
        tb.emulator.add_user(BJORN, aad=BJORN_AAD, email="bjorn.eriksen@rana.kommune.no")
        assert await tb.post(tb.emulator.installed(BJORN)) == 202
        await tb.idle()
        async with sessions() as session:
            assert await identities.recall_address(session, "teams", BJORN_AAD) is not None
        assert await tb.post(tb.emulator.activity(BJORN, "installationUpdate", action="remove")) == 202
        await tb.idle()
        async with sessions() as session:
            assert await identities.recall_address(session, "teams", BJORN_AAD) is None
        assert tb.emulator.sent == []


def test_the_question_loses_the_mention_and_teams_markup_and_the_user_is_their_entra_id() -> None:
    teams = TeamsConnectorEmulator()
    teams.url = "http://127.0.0.1:9"  # not started: only its activity makers are used
    teams.add_user("29:kari", aad="aad-kari", email="kari@x.no")
    activity = Activity.model_validate(teams.mention("29:kari", "Hvem er <b>koordinator</b> &amp; leder?",
                                                     channel="19:c"))
    assert question_text(activity) == "Hvem er koordinator & leder?"
    assert user_of(activity) == "aad-kari"
    assert user_of(Activity.model_validate(teams.message("29:nobody", "hei"))) == "29:nobody"  # no Entra id
    # the tenant from Teams' channel data (the extension's typed model) when the conversation does not say
    bare = teams.message("29:kari", "hei")
    bare["conversation"].pop("tenantId")
    assert tenant_of(Activity.model_validate(bare)) == TENANT
