"""Secrets only in a DM: the personal calendar link is the feed's only credential, so asking for it in a
public channel (a mention or /digi) sends it to the person's DM and says so in the channel."""

from __future__ import annotations

import json
import re

from messages.i18n import t
from tests.emulators.slack_api import dm_channel_id
from tests.fixtures.slack.harness import KARI, running_bot

LINK = re.compile(r"/calendar/[A-Za-z0-9_-]{20,}\.ics")


def shown(*things: object) -> str:
    return json.dumps(things, ensure_ascii=False, default=lambda o: o.__dict__)


async def test_kari_asks_for_her_calendar_in_a_public_channel_and_gets_it_in_her_dm(engine, sessions) -> None:
    async with running_bot(engine, sessions) as bot:
        await bot.mention(KARI, "kalender", channel="C0PROSJEKT")
        [in_channel] = await bot.slack.wait_for_messages("C0PROSJEKT")
        [in_dm] = await bot.slack.wait_for_messages(dm_channel_id(KARI))
        await bot.idle()

    assert not LINK.search(shown(in_channel)), "the calendar link was posted in a public channel"
    assert t("nb", "sent_you_a_dm") in shown(in_channel)
    assert LINK.search(shown(in_dm)) and t("nb", "callink_title") in shown(in_dm)
    assert in_dm.thread_ts is None


async def test_kari_types_digi_kalender_in_a_channel_and_the_link_goes_to_her_dm(engine, sessions) -> None:
    async with running_bot(engine, sessions) as bot:
        await bot.slash(KARI, "kalender")
        [post] = await bot.slack.wait_for("response_url")
        [in_dm] = await bot.slack.wait_for_messages(dm_channel_id(KARI))
        await bot.idle()

    assert not LINK.search(shown(post.args))
    assert t("nb", "sent_you_a_dm") in shown(post.args)
    assert LINK.search(shown(in_dm))
    assert len(bot.slack.messages) == 1  # the DM only: nothing in the channel


async def test_in_her_dm_kari_simply_gets_the_link(engine, sessions) -> None:
    async with running_bot(engine, sessions) as bot:
        await bot.dm(KARI, "kalender")
        [in_dm] = await bot.slack.wait_for_messages(dm_channel_id(KARI))
        await bot.idle()

    assert LINK.search(shown(in_dm))
    assert t("nb", "sent_you_a_dm") not in shown(in_dm)
    assert len(bot.slack.messages) == 1


async def test_an_ordinary_answer_in_a_channel_stays_in_the_channel(engine, sessions) -> None:
    async with running_bot(engine, sessions) as bot:
        await bot.mention(KARI, "hjelp", channel="C0PROSJEKT")
        await bot.slack.wait_for_messages("C0PROSJEKT")
        await bot.idle()

    assert [m.channel for m in bot.slack.messages] == ["C0PROSJEKT"]
