"""An announcement is sent once per submitted view: the secretariat's double click on "Send", or a replay of
the same signed view_submission, creates one announcement and gives each recipient one message."""

from __future__ import annotations

import asyncio

from tests.emulators.slack_api import dm_channel_id
from tests.emulators.slack_signing import form_headers, view_submission_form
from tests.fixtures.slack.harness import KARI_EMAIL, OLA_EMAIL, SECRET, running_bot
from tests.test_announce_slack import SIRI, SIRI_EMAIL, form, stored, submit


async def test_the_secretariat_clicks_send_twice_and_each_recipient_gets_one_announcement(engine, sessions) -> None:
    draft = form("The steering group meets on 10 March.", roles=("coordinator", "chief_executive"))
    async with running_bot(engine, sessions) as bot:
        bot.slack.add_user(SIRI, SIRI_EMAIL, "siri")
        view = (await submit(bot, SIRI, "announce_compose", draft))["view"]
        body = view_submission_form(SIRI, view["callback_id"], draft, private_metadata=view["private_metadata"])
        first, second = await asyncio.gather(
            bot.post(body, form_headers(SECRET, body)), bot.post(body, form_headers(SECRET, body))
        )
        await bot.slack.wait_for_messages(dm_channel_id(SIRI))
        await bot.idle()
        replayed = await bot.post(body, form_headers(SECRET, body))  # the same signed body, a minute later
        await bot.idle()

    assert [first.status, second.status, replayed.status] == [200, 200, 200]
    assert await stored(sessions) == (1, [(KARI_EMAIL, "announcement"), (OLA_EMAIL, "announcement")])
    assert len(bot.slack.messages_to(SIRI)) == 1  # one "queued for 2" note, not two


async def test_a_new_modal_with_the_same_text_is_a_new_announcement(engine, sessions) -> None:
    draft = form("Reminder: fees are due.", roles=("coordinator",))
    async with running_bot(engine, sessions) as bot:
        bot.slack.add_user(SIRI, SIRI_EMAIL, "siri")
        for view_id in ("V0FIRST", "V0SECOND"):
            view = (await submit(bot, SIRI, "announce_compose", draft))["view"]
            body = view_submission_form(SIRI, view["callback_id"], draft, view_id=view_id,
                                        private_metadata=view["private_metadata"])
            assert (await bot.post(body, form_headers(SECRET, body))).status == 200
            await bot.idle()

    assert await stored(sessions) == (2, [(KARI_EMAIL, "announcement"), (KARI_EMAIL, "announcement")])
