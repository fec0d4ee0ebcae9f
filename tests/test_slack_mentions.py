"""Colleagues mentioned in a question: Slack sends `<@U123>` for "@Kari", and the bot asks about the person."""

from __future__ import annotations

import json

from bot.channels.slack.text import mentioned, plain_text, with_names
from tests.emulators.slack_models import BOT_USER_ID
from tests.fixtures.slack.harness import KARI, KARI_EMAIL, NETWORK_FILE, OLA, OLA_EMAIL, running_bot
from tests.testbot import TestBot

SIRI = "U0SIRI"  # in the network, known to Slack only by her e-mail
GUEST = "U0GUEST"  # in the workspace, not in the network


def shown(message: object) -> str:
    return json.dumps([message.text, message.blocks], ensure_ascii=False)  # type: ignore[attr-defined]


async def test_ola_asks_who_a_mentioned_colleague_is_and_gets_her_card(bot: TestBot) -> None:
    await bot.load(NETWORK_FILE)
    ola = bot.person(OLA_EMAIL, channel="slack", slack_id=OLA)
    bot.slack_api.add_user(KARI, KARI_EMAIL, "kari")
    bot.slack_api.add_user(SIRI, "siri.sekretariat@bergen.kommune.no", "siri")
    about_kari = await ola.says(f"Kven er <@{KARI}>?")
    about_siri = await ola.says(f"Hvem er <@{SIRI}>?")

    assert [r.slack for r in ola.received] == [about_kari.slack, about_siri.slack]
    assert "Kari Koordinator er digitaliseringskoordinator i Askøy" in shown(about_kari.slack)
    assert "Siri Sekretariat" in shown(about_siri.slack) and "Bergen" in shown(about_siri.slack)


async def test_a_mention_of_someone_outside_the_network_uses_the_name_slack_shows(engine, sessions) -> None:
    async with running_bot(engine, sessions) as bot:
        bot.slack.add_user(GUEST, "bjorn@elsewhere.example", "Bjørn Fremmed")
        await bot.mention(KARI, f"<@{BOT_USER_ID}> hvem er <@{GUEST}>?", channel="C0PROSJEKT")
        [answer] = await bot.slack.wait_for_messages("C0PROSJEKT")
        await bot.idle()

    assert "Jeg finner ingen «Bjørn Fremmed» i DigiTest" in shown(answer) and GUEST not in shown(answer)


def test_the_bots_own_mention_goes_and_a_labelled_mention_keeps_its_label() -> None:
    text = plain_text(f"<@{BOT_USER_ID}> kven er <@U0KARI|kari> og <@U0OLA>?", BOT_USER_ID)
    assert text == "kven er @kari og <@U0OLA>?"
    assert mentioned(text) == ["U0OLA"]
    assert with_names(text, {"U0OLA": "Ola Direktør"}) == "kven er @kari og Ola Direktør?"
    assert with_names(text, {}) == text
