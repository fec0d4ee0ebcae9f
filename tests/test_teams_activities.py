"""Which Teams activities the bot acts on: a question in personal chat or with its @mention in a channel, a
card's button, its own installation; not other members joining, channel chatter, edits or empty messages."""

from __future__ import annotations

from typing import Any

import pytest
from microsoft_agents.activity import Activity

from bot.channels.teams.activities import INSTALLED, PRESS, QUESTION, kind_of, question_text, user_of
from tests.emulators.teams_connector import BOT_ID, TeamsConnectorEmulator

teams = TeamsConnectorEmulator()
teams.url = "http://127.0.0.1:9"  # not started: only its activity makers are used
teams.add_user("29:kari", aad="aad-kari", email="kari@x.no")


def _read(data: dict[str, Any]) -> Activity:
    return Activity.model_validate(data)


@pytest.mark.parametrize(("data", "kind"), [
    (teams.message("29:kari", "Hvem er koordinator i Rana?"), QUESTION),
    (teams.message("29:kari", "   "), None),
    (teams.mention("29:kari", "Hvem er koordinator?", channel="19:c@thread.tacv2"), QUESTION),
    (teams.message("29:kari", "lunsj?", conversation="19:c@thread.tacv2", conversation_type="channel"), None),
    (teams.activity("29:kari", "message", value={"action_id": "announcement_read", "value": "7"}), PRESS),
    (teams.activity("29:kari", "message", value={"something": "else"}), None),
    (teams.installed("29:kari"), INSTALLED),
    (teams.activity("29:kari", "installationUpdate", action="remove"), None),
    (teams.activity("29:kari", "conversationUpdate", membersAdded=[{"id": BOT_ID}]), INSTALLED),
    (teams.activity("29:kari", "conversationUpdate", membersAdded=[{"id": "29:other"}]), None),
    (teams.activity("29:kari", "messageUpdate", text="endra"), None),
    (teams.activity("29:kari", "conversationUpdate", membersAdded=[{"id": BOT_ID}], conversation="19:team",
                    conversation_type="channel"), None),
])
def test_what_the_bot_acts_on(data: dict[str, Any], kind: str | None) -> None:
    assert kind_of(_read(data)) == kind


def test_the_question_loses_the_mention_and_teams_markup_and_the_user_is_their_entra_id() -> None:
    activity = _read(teams.mention("29:kari", "Hvem er <b>koordinator</b> &amp; leder?", channel="19:c"))
    assert question_text(activity) == "Hvem er koordinator & leder?"
    assert user_of(activity) == "aad-kari"
    assert user_of(_read(teams.message("29:nobody", "hei"))) == "29:nobody"  # no Entra id: the Teams id
