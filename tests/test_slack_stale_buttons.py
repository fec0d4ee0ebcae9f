"""A press the bot has no listener for (a button from an old message, another app's, a select or a datepicker)
is not a question: Kari is told the button no longer works, never "Type a question"."""

from __future__ import annotations

from datetime import UTC, datetime

from messages.i18n import t
from storage import flows
from tests.emulators.slack_api import dm_channel_id
from tests.fixtures.slack.harness import KARI, KARI_EMAIL, NETWORK_FILE, OLA_EMAIL, running_bot
from tests.testbot import Button, TestBot


async def test_kari_presses_an_old_button_in_her_dm_and_is_told_it_no_longer_works(bot: TestBot) -> None:
    await bot.load(NETWORK_FILE)
    kari = bot.person(KARI_EMAIL, channel="slack")
    [answer] = await kari.presses_button(Button("Ja", "poll_vote:2019", "yes"))  # the ack must be a 200

    assert answer.slack is not None and answer.slack.channel == dm_channel_id(KARI)
    assert answer.text == t("nb", "button_gone")
    assert t("nb", "empty_question") not in str(answer.slack.blocks)


async def test_a_select_and_a_datepicker_in_a_channel_get_the_same_quiet_answer(engine, sessions) -> None:
    async with running_bot(engine, sessions) as bot:
        await bot.press(KARI, "pick_team", "askoy", action_type="static_select",
                        response_url=bot.slack.new_response_url())
        await bot.press(KARI, "when", "2031-03-10", action_type="datepicker",
                        response_url=bot.slack.new_response_url())
        posts = await bot.slack.wait_for("response_url", count=2)
        await bot.idle()

    assert [p.args["text"] for p in posts] == [t("nb", "button_gone")] * 2
    assert all(p.args["response_type"] == "ephemeral" for p in posts)
    assert bot.slack.messages == []  # nothing in the channel, nothing in a DM


async def test_kari_presses_a_button_of_ola_s_conversation_and_nothing_changes(bot: TestBot) -> None:
    """A signed press naming another person's flow row (a forged value, or a message forwarded to the wrong
    person) gets the flow's "no longer valid" answer, and Ola's conversation stays exactly where it was."""
    await bot.load(NETWORK_FILE)
    kari = bot.person(KARI_EMAIL, channel="slack")
    ola = bot.person(OLA_EMAIL)
    async with bot.sessions() as session:
        started = await flows.start(session, ola.id, "question_ask_back", "", "choose", {"text": "?"},
                                    datetime.now(UTC), None)
        await session.commit()
    assert isinstance(started, flows.Moved) and started.state is not None
    row = started.state
    [answer] = await kari.presses_button(Button("x", "flow:question_ask_back", f"{row.id}:{row.version}:choose:x"))
    async with bot.sessions() as session:
        after = await flows.get(session, row.id)

    assert answer.text == t("nb", "flow_button_invalid")
    assert after == row
