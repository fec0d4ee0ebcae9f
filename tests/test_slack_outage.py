"""A database outage while people are asking: each gets an apology in their own language (as far as the bot
knows it without the database) that says the problem is temporary, and nothing is lost for later."""

from __future__ import annotations

from contextlib import asynccontextmanager

from messages.i18n import t
from storage.db import make_engine, make_sessionmaker
from tests.emulators.slack_api import dm_channel_id
from tests.fixtures.slack.harness import KARI, OLA, SlackBot, running_bot
from tests.service_up import free_port

SIRI = "U0SIRI"  # English, in the network


@asynccontextmanager
async def database_down(bot: SlackBot):
    """The bot's database stops answering (a PostgreSQL server on a port where nobody listens)."""
    nowhere = make_engine(f"postgresql://postgres@127.0.0.1:{free_port()}/digibot")
    pipeline = bot.channel.answers.pipeline
    working = pipeline.sessions
    pipeline.sessions = make_sessionmaker(nowhere)
    try:
        yield
    finally:
        pipeline.sessions = working
        await nowhere.dispose()


async def test_during_an_outage_siri_is_told_in_english_and_ola_in_the_networks_nynorsk(engine, sessions) -> None:
    async with running_bot(engine, sessions) as bot:
        bot.slack.add_user(SIRI, "siri.sekretariat@bergen.kommune.no", "siri")
        await bot.dm(SIRI, "help")  # Siri has talked to the bot before: it knows she reads English
        await bot.slack.wait_for_messages(dm_channel_id(SIRI))
        await bot.dm(KARI, "hjelp")
        await bot.slack.wait_for_messages(dm_channel_id(KARI))
        await bot.idle()

        async with database_down(bot):
            await bot.dm(SIRI, "who is the coordinator in Askøy?")
            await bot.dm(KARI, "hvem er koordinator i Askøy?")
            await bot.dm(OLA, "hvem er koordinator i Askøy?")  # never answered before: the network's language
            [*_, to_siri] = await bot.slack.wait_for_messages(dm_channel_id(SIRI), count=2)
            [*_, to_kari] = await bot.slack.wait_for_messages(dm_channel_id(KARI), count=2)
            [to_ola] = await bot.slack.wait_for_messages(dm_channel_id(OLA))
            await bot.idle()

        await bot.dm(OLA, "hjelp")  # the database is back: Ola is answered as usual
        await bot.slack.wait_for_messages(dm_channel_id(OLA), count=2)
        await bot.idle()

    assert to_siri.text == t("en", "error_unavailable") and "temporary" in to_siri.text
    assert to_kari.text == t("nb", "error_unavailable") and "Prøv igjen om litt" in to_kari.text
    assert to_ola.text == t("nn", "error_unavailable") and "mellombels" in to_ola.text
