"""Who may answer a call for interest and who may see the answers: forged and foreign buttons, people outside
the call's audience, the secretariat's status (`status <id>`, `/digi status <id>`, the App Home) and
`digibot interest status [--json]`."""

from __future__ import annotations

import json

import pytest

from bot.cli import main
from messages.i18n import t
from tests.interest_world import ATLE, CALL, EMMA, KARI, NETWORK, NILS, OLA, SIRI, answers, home_of
from tests.testbot import Button, TestBot

TITLE = "Meld interesse for felles søknad om skjønnsmidler"
NOW = "2026-12-04T10:00"


@pytest.mark.parametrize("who, value, said", [
    (KARI, f"{CALL}:4631:yes", "Denne knappen gjelder en annen organisasjon enn din (Askøy)"),  # Alver's
    (KARI, "finnes-ikke:4627:yes", "Jeg finner ingen interesseforespørsel med id «finnes-ikke»"),
    (KARI, "kontaktlister:4627:yes", "Jeg finner ingen interesseforespørsel med id «kontaktlister»"),  # not a call
    (KARI, f"{CALL}:4627:maybe", t("nb", "interest_button_invalid")),
    (KARI, f"{CALL}:4627", t("nb", "interest_button_invalid")),
    (KARI, "", t("nb", "interest_button_invalid")),
    (SIRI, f"{CALL}:4626:yes", f"«{TITLE}» er ikke sendt til deg"),  # Øygarden, but not in the audience
    (ATLE, f"{CALL}:4601:yes", f"«{TITLE}» er ikke sendt til deg"),  # the secretariat is not asked
    (EMMA, f"{CALL}:4627:no", "This button is for another organization than yours (Bjørnafjorden)"),
])
async def test_a_forged_or_foreign_answer_button_says_why_and_changes_nothing(bot: TestBot, who: str, value: str,
                                                                               said: str) -> None:
    await bot.load(NETWORK)
    await bot.at(NOW)
    [answer] = await bot.person(who).presses_button(Button("Ja", "interest_answer", value))
    assert said in answer.text
    assert await answers(bot) == {}


async def test_a_forged_answer_button_in_slack_changes_nothing(bot: TestBot) -> None:
    await bot.load(NETWORK)
    await bot.at(NOW)
    kari = bot.person(KARI, channel="slack")
    replies = await kari.presses_button(Button("Ja", "interest_answer", f"{CALL}:4631:yes"))
    assert any("annen organisasjon enn din (Askøy)" in r.text for r in replies)
    assert await answers(bot) == {}


async def test_only_the_audience_is_asked_and_an_unknown_id_is_said_so(bot: TestBot) -> None:
    await bot.load(NETWORK)
    await bot.at(NOW)
    siri = bot.person(SIRI)
    assert "Ingenting venter på svar fra deg nå." in (await siri.says("svar")).text
    assert f"«{TITLE}» er ikke sendt til deg" in (await siri.says(f"svar {CALL}")).text
    assert "Jeg finner ikke «sommerfest» blant det som venter på svar fra deg." in (
        await siri.says("svar sommerfest")).text
    assert await answers(bot) == {}


async def test_the_secretariat_sees_the_status_and_others_are_refused(bot: TestBot) -> None:
    await bot.load(NETWORK)
    await bot.at(NOW)
    kari, nils = bot.person(KARI), bot.person(NILS)
    await kari.says(f"svar {CALL}")
    await kari.says("ja")
    await kari.says("Gjerne")
    await nils.says(f"svar {CALL}")
    await nils.says("2")
    await nils.says("hopp over")

    refused = await kari.says(f"status {CALL}")
    assert refused.text == t("nb", "interest_status_refused")
    assert "Gjerne" not in refused.text
    assert t("nn", "interest_status_refused") == (await nils.says(f"status {CALL}")).text

    atle = bot.person(ATLE, channel="slack")
    web = await bot.web()
    posts = len(bot.slack_api.response_url_posts)
    ack, _ = await web.slash(atle.slack_id or "", f"status {CALL}")
    assert ack.status == 200
    await web.idle()
    shown = "\n".join(str(post) for post in bot.slack_api.response_url_posts[posts:])
    assert f"Interesse: {TITLE}" in shown
    assert "Ja 1 · Nei 1 · Usikker 0 · ikke svart 2" in shown
    assert "Askøy: Ja (Kari Fjell, 4. desember 2026 kl. 10.00) Kommentar: «Gjerne»." in shown
    assert "Alver: Nei (Nils Alvheim, 4. desember 2026 kl. 10.00)" in shown
    assert "Øygarden: ikke svart ennå" in shown

    home = await home_of(bot, ATLE)
    assert "Åpne interesseforespørsler" in home and f"{TITLE} (frist torsdag 10. desember 2026 kl. 23.59)" in home
    assert "Ja 1 · Nei 1 · Usikker 0 · ikke svart 2" in home
    assert "interesseforespørsler" not in await home_of(bot, OLA)


async def test_a_status_that_names_no_call_is_a_question(bot: TestBot) -> None:
    await bot.load(NETWORK)
    await bot.at(NOW)
    atle = bot.person(ATLE)
    assert (await atle.says("status")).text == t("nb", "interest_status_usage")
    assert "Interesse:" not in (await atle.says("status kontaktlister")).text


def _db_url(bot: TestBot) -> str:
    return bot.engine.url.render_as_string(hide_password=False)


async def test_the_command_line_prints_each_organization_and_the_counts(bot: TestBot, capsys) -> None:
    await bot.load(NETWORK)
    await bot.at(NOW)
    kari, ola, nils = bot.person(KARI), bot.person(OLA), bot.person(NILS)
    await kari.says(f"svar {CALL}")
    await kari.says("ja")
    await bot.at("2026-12-05T09:30")
    await ola.says(f"svar {CALL}")
    await ola.says("usikker")
    await ola.says("Avventer budsjettet")
    await nils.says(f"svar {CALL}")
    await nils.says("nei")
    capsys.readouterr()

    assert await _cli(["interest", "status", CALL, "--json", "--db", _db_url(bot)]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown == {
        "deadline": CALL,
        "organizations": [
            {"id": "4631", "name": "Alver", "answer": "no", "by": NILS, "at": "2026-12-05T09:30:00+01:00",
             "comment": None},
            {"id": "4627", "name": "Askøy", "answer": "unsure", "by": OLA, "at": "2026-12-05T09:30:00+01:00",
             "comment": "Avventer budsjettet"},
            {"id": "4624", "name": "Bjørnafjorden", "answer": None, "by": None, "at": None, "comment": None},
            {"id": "4626", "name": "Øygarden", "answer": None, "by": None, "at": None, "comment": None},
        ],
        "counts": {"yes": 0, "no": 1, "unsure": 1, "none": 2},
    }
    assert await _cli(["interest", "status", CALL, "--db", _db_url(bot)]) == 0
    text = capsys.readouterr().out
    assert "Askøy: Usikker (Ola Strand, 5. desember 2026 kl. 09.30) Kommentar: «Avventer budsjettet»." in text
    assert "Ja 0 · Nei 1 · Usikker 1 · ikke svart 2" in text
    assert await _cli(["interest", "status", "kontaktlister", "--db", _db_url(bot)]) == 1
    assert "no call for interest" in capsys.readouterr().err


async def _cli(argv: list[str]) -> int:
    """`digibot ...` in a thread: main() runs its own event loop."""
    import asyncio

    return await asyncio.to_thread(main, argv)
