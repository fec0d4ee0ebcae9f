"""A press the bot has no listener for (a button from an old message, another app's, a select or a datepicker)
is not a question: Kari is told the button no longer works, never "Type a question"."""

from __future__ import annotations

from messages.i18n import t
from tests.emulators.slack_api import dm_channel_id
from tests.fixtures.slack.harness import KARI, running_bot


async def test_kari_presses_an_old_button_in_her_dm_and_is_told_it_no_longer_works(engine, sessions) -> None:
    async with running_bot(engine, sessions) as bot:
        ack = await bot.press(KARI, "poll_vote:2019", "yes", channel_id=dm_channel_id(KARI))
        [answer] = await bot.slack.wait_for_messages(dm_channel_id(KARI))
        await bot.idle()

    assert ack.status == 200
    assert answer.text == t("nb", "button_gone")
    assert t("nb", "empty_question") not in str(answer.blocks)


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
