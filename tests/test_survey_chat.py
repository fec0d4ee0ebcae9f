"""A whole survey of every question type, answered in a conversation: in Slack (signed messages and button
payloads into the real endpoint, read back from the Slack emulator) with the bot restarted before every
answer, and on the console. The network is tests/fixtures/surveys/network.yaml (tests/survey_chat_world.py)."""

from __future__ import annotations

from tests.survey_chat_world import KARI, NETWORK, OPEN, SURVEY, WHOLE_SURVEY, flow_step, stored, submitted
from tests.testbot import Person, Received, TestBot


async def act(person: Person, said: str) -> Received:
    """Types `said`, or presses the button `said[1:]` when it starts with "!"; the bot's (last) answer."""
    if said.startswith("!"):
        return (await person.presses(said[1:]))[-1]
    return await person.says(said)


async def test_kari_answers_every_question_type_in_slack_across_restarts_and_submits(bot: TestBot) -> None:
    """Kari opens the survey from the `svar` list, answers each question (typed and pressed), and the bot
    restarts before every answer: each answer is in the database the moment it is given, and the
    conversation goes on from the database alone."""
    await bot.load(NETWORK)
    kari = bot.person(KARI, channel="slack")
    await bot.at(OPEN)

    listing = await kari.says("svar")
    assert "IKT-status 2026" in listing.text and "0 av 7 besvart" in listing.text
    first = (await kari.presses("IKT-status 2026"))[-1]
    assert "Korte svar holder." in first.text and "7 spørsmål" in first.text
    assert "Spørsmål 1 av 7" in first.text and "Hvor mange årsverk" in first.text

    expected: dict[str, object] = {}
    for key, said, value in WHOLE_SURVEY:
        await bot.restart()
        answer = await act(kari, said)
        if value is not None:
            expected[key] = value
        assert await stored(bot, "Voss") == expected, said
        assert "Ingenting" not in answer.text, answer.text

    summary = kari.received[-1].text
    assert "Oppsummering: IKT-status 2026" in summary
    for line in ("1. Hvor mange årsverk arbeider med IKT?: 4,5", "2. Hvor moden er kommunen digitalt?: 4",
                 "3. Bruker kommunen skytjenester?: Ja", "4. Hvilken sakarkivløsning bruker dere?: Public 360",
                 "5. Hvilke samarbeid er dere med i?: Vestlandsdigi, Anna",
                 "6. Når vedtok kommunen digitaliseringsstrategien?: 17. oktober 2025",
                 "7. Hvilke utfordringer har kommunen?: Rekruttering og gamle fagsystem"):
        assert line in summary, line
    await bot.restart()
    done = (await kari.presses("Send inn"))[-1]
    assert "Takk!" in done.text and "svar ikt-2026" in done.text
    assert await submitted(bot, "Voss")
    assert await flow_step(bot, KARI) is None  # the conversation is over


async def test_each_question_shows_its_place_and_its_buttons_in_slack(bot: TestBot) -> None:
    await bot.load(NETWORK)
    kari = bot.person(KARI, channel="slack")
    await bot.at(OPEN)
    await kari.says(f"svar {SURVEY}")
    scale = await kari.says("4.5")
    assert "Spørsmål 2 av 7" in scale.text and "Lagret: 4,5" in scale.text
    assert [b.label for b in scale.buttons] == ["1 – minimalt", "2", "3", "4", "5 – transformert"]
    yes_no = await kari.says("transformert")  # a label typed works like its button
    assert [b.label for b in yes_no.buttons] == ["Ja", "Nei"] and "Lagret: 5 – transformert" in yes_no.text
    choice = await kari.says("nei")
    assert [b.label for b in choice.buttons] == ["Elements", "Public 360", "WebSak"]
    multiple = await kari.says("3")  # an option's number typed
    assert "Spørsmål 5 av 7" in multiple.text and "Lagret: WebSak" in multiple.text
    assert [b.label for b in multiple.buttons] == ["Vestlandsdigi", "Hardanger IKT", "Anna", "Ferdig"]
    picked = await kari.says("2")
    assert [b.label for b in picked.buttons] == ["Vestlandsdigi", "✓ Hardanger IKT", "Anna", "Ferdig"]
    date = await kari.says("4")  # the number of "Ferdig"
    assert "Spørsmål 6 av 7" in date.text and "Lagret: Hardanger IKT" in date.text
    assert await stored(bot, "Voss") == {"arsverk": 4.5, "modenhet": 5, "sky": False, "plattform": "WebSak",
                                         "samarbeid": ["Hardanger IKT"]}


async def test_the_whole_survey_in_english_and_nynorsk_on_the_console(bot: TestBot) -> None:
    await bot.load(NETWORK)
    await bot.at(OPEN)
    emma = bot.person("emma.ulvik@ulvik.kommune.no")
    first = await emma.says("answer ikt-2026")
    assert "Question 1 of 7" in first.text and "Type a number, at least 0." in first.text
    for said in ("60,082", "2", "yes", "Elements", "1", "done", "2026-03-01", "skip"):
        reply = await act(emma, said)
    assert "Summary: IKT-status 2026" in reply.text
    assert "1. Hvor mange årsverk arbeider med IKT?: 60,082" in reply.text
    assert "6. Når vedtok kommunen digitaliseringsstrategien?: 1 March 2026" in reply.text
    assert "7. Hvilke utfordringer har kommunen?: not answered" in reply.text
    thanks = await emma.says("submit")
    assert "Thank you!" in thanks.text and await submitted(bot, "Ulvik")

    nils = bot.person("nils.eidfjord@eidfjord.kommune.no")
    first = await nils.says("svar ikt-2026")
    assert "Spørsmål 1 av 7" in first.text and "Skriv eit tal, minst 0." in first.text
    await nils.says("3")
    reply = await nils.says("pause")
    assert "Greitt, vi tek ein pause." in reply.text
    again = await nils.says("svar ikt-2026")
    assert "Du har svart på 1 av 7. Vi held fram med spørsmål 2." in again.text
