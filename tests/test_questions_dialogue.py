"""Questions in context: asking back and answering the reply, twin names, the answer's language,
a network without a fee model, re-imports, and the App Home."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.pipeline import build_context
from handlers.context import Context
from handlers.home import home_messages
from messages.render_text import to_text
from storage.importer import import_network
from storage.snapshot import SnapshotCache
from tests.chat import ROOT, Chat
from tests.testbot import TestBot

NETWORK = ROOT / "tests/fixtures/network_testland.yaml"
NOW = "2026-03-04T10:00"
MONA = "mona.lien@rana.kommune.no"
KARI_B = "kari.bakke@orsta.kommune.no"
EMMA = "emma.wilson@vagan.kommune.no"


def network(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(yaml.safe_load(NETWORK.read_text(encoding="utf-8")))
    for key, value in changes.items():
        data["network"][key] = value
    return data


async def test_a_reply_with_just_the_name_answers_the_question_asked(bot: TestBot) -> None:
    await bot.load(NETWORK)
    mona = bot.person(MONA)
    await bot.at(NOW)
    first = (await mona.says("kven er koordinator i Herøi?")).text
    assert "Meiner du Herøy eller Hareid?" in first
    assert "Marte Solberg" not in first and "Eirik Hareide" not in first
    await bot.at("2026-03-04T10:01")
    second = (await mona.says("Hareid")).text
    assert "Eirik Hareide" in second and "Koordinator i Hareid" in second
    # the pending question is used once: the same word again is a plain question about Hareid
    await bot.at("2026-03-04T10:02")
    third = (await mona.says("Hareid")).text
    assert "Koordinator i Hareid er" not in third and "Hareid (kommune) har status medlem" in third
    assert [r.text for r in mona.received] == [first, second, third]


async def test_two_organizations_with_the_same_name_are_told_apart_by_region(tmp_path: Path) -> None:
    data = network()
    data["organizations"].append({"id": "1515", "name": "Herøy", "kind": "municipality", "population": 8900,
                                  "region": "Sunnmøre", "status": "member"})
    data["people"].append({"email": "petter.myklebust@heroy.kommune.no", "name": "Petter Myklebust",
                           "organization": "1515", "title": "Koordinator", "roles": ["coordinator"]})
    chat = await Chat.start(tmp_path, data)
    try:
        asked = await chat.ask("Hvem er koordinator i Herøy?", as_=MONA, now=NOW)
        assert "Mener du Herøy (Ytre Helgeland) eller Herøy (Sunnmøre)?" in asked
        assert "Marte Solberg" not in asked and "Petter Myklebust" not in asked
        reply = await chat.ask("Herøy på Sunnmøre", as_=MONA, now=NOW)
        assert "Petter Myklebust" in reply and "Marte Solberg" not in reply
        direct = await chat.ask("Hvem er koordinator i Herøy i Ytre Helgeland?", as_=MONA, now=NOW)
        assert "Marte Solberg" in direct and "Petter Myklebust" not in direct
        assert "Mener du" not in await chat.ask("Hvem er koordinator i Hareid?", as_=MONA, now=NOW)
    finally:
        await chat.close()


async def test_two_people_with_the_same_name_are_told_apart_by_organization(tmp_path: Path) -> None:
    data = network()
    data["people"].append({"email": "kari.nordmann@vefsn.kommune.no", "name": "Kari Nordmann", "organization": "1824",
                           "title": "Arkivleder", "roles": ["member"]})
    chat = await Chat.start(tmp_path, data)
    try:
        asked = await chat.ask("Hvem er Kari Nordmann?", as_=MONA, now=NOW)
        assert "Mener du Kari Nordmann (Rana) eller Kari Nordmann (Vefsn)?" in asked
        direct = await chat.ask("Hvem er Kari Nordmann i Vefsn?", as_=MONA, now=NOW)
        assert "Arkivleder" in direct and "Kommunedirektør" not in direct
        assert "Kari Nordmann" in await chat.ask("Hvem er kommunedirektør i Rana?", as_=MONA, now=NOW)
    finally:
        await chat.close()


async def test_a_name_that_is_also_a_month_is_a_name(tmp_path: Path) -> None:
    data = network()
    data["people"].append({"email": "mai.lund@hemnes.kommune.no", "name": "Mai Lund", "organization": "1832",
                           "title": "Arkivleder", "roles": ["member"]})
    chat = await Chat.start(tmp_path, data)
    try:
        assert "Arkivleder" in await chat.ask("Hvem er Mai Lund?", as_=MONA, now=NOW)
        assert "Frister i mai 2026" in await chat.ask("Hvilke frister er det i mai?", as_=MONA, now=NOW)
    finally:
        await chat.close()


async def test_the_answer_language_is_the_profiles_else_the_questions_else_the_networks(tmp_path: Path) -> None:
    chat = await Chat.start(tmp_path, network(language="nn"))
    try:
        profile = await chat.answer("Who is the coordinator in Rana?", as_=KARI_B, now=NOW)  # profile nn
        assert profile.lang == "nn" and "Koordinator i Rana er Mona Lien." in profile.text
        english = await chat.answer("Hvem er koordinator i Rana?", as_=EMMA, now=NOW)  # profile en
        assert english.lang == "en" and "The coordinator of Rana is Mona Lien." in english.text
        question = await chat.answer("Hvem er koordinator i Rana?", as_=MONA, now=NOW)  # no profile language
        assert question.lang == "nb" and "Koordinator i Rana er Mona Lien." in question.text
        network_default = await chat.answer("Rana?", as_=MONA, now=NOW)  # no marker words: the network's
        assert network_default.lang == "nn" and "Innbyggjarar: 26 573" in network_default.text
        explicit = await chat.answer("Hvem er koordinator i Rana?", as_=KARI_B, now=NOW, lang="en")
        assert explicit.lang == "en" and "The coordinator of Rana" in explicit.text
    finally:
        await chat.close()


async def test_a_network_without_a_fee_model_says_so(tmp_path: Path) -> None:
    data = network()
    del data["network"]["fee"]
    chat = await Chat.start(tmp_path, data)
    try:
        text = await chat.ask("Hva betaler Rana i kontingent?", as_=MONA, now=NOW)
        assert "Digi Kyst har ingen kontingentmodell registrert" in text
        assert " kr" not in text
    finally:
        await chat.close()


async def test_answers_follow_a_new_import(tmp_path: Path) -> None:
    chat = await Chat.start(tmp_path, NETWORK)
    try:
        assert "Mona Lien" in await chat.ask("Hvem er koordinator i Rana?", as_=MONA, now=NOW)
        data = network()
        for person in data["people"]:
            if person["email"] == "bjorn.eriksen@rana.kommune.no":
                person["name"], person["roles"] = "Bjørn Eriksson", ["ict_lead", "coordinator"]
        changed = tmp_path / "changed.yaml"
        changed.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        async with chat.sessions() as session:
            await import_network(session, changed)
            await session.commit()
        text = await chat.ask("Hvem er koordinator i Rana?", as_=MONA, now=NOW)
        assert "Bjørn Eriksson" in text and "Mona Lien" in text
        assert "Bjørn Eriksson" in await chat.ask("Hvem er Bjørn Eriksson?", as_=MONA, now=NOW)
    finally:
        await chat.close()


async def test_a_long_or_odd_question_never_breaks_the_handler(tmp_path: Path) -> None:
    chat = await Chat.start(tmp_path, NETWORK)
    try:
        for text in ("?", "!!!", "ø", "1 2 3 4", "i i i i i", "Rana " * 200, "\x00\x07 hei", "frister før 31. februar",
                     "neste neste neste uke", "Hvem hvem hvem", "de neste 999999 dagene", "☃ 🎉 Herøy"):
            answer = await chat.answer(text, as_=MONA, now=NOW)
            assert answer.text.strip()
            assert "Noe gikk galt" not in answer.text, text
    finally:
        await chat.close()


@pytest.mark.parametrize(("who", "now", "shows", "hides"), [
    (MONA, NOW, ("Hei, Mona!", "Oppdater kontaktlistene", "Innspill til ny samarbeidsavtale", "Ressursgruppemøte",
                 "tirsdag 10. mars 2026 kl. 09.00–11.30"),
     ("Meld interesse", "Styringsgruppemøte", "Årsmøte", "Påmelding til samling")),
    ("per.hansen@vefsn.kommune.no", NOW, ("Meld interesse for felles anskaffelse", "Styringsgruppemøte"),
     ("Oppdater kontaktlistene", "Ressursgruppemøte")),
    (EMMA, NOW, ("Hi, Emma!", "Your deadlines", "Oppdater kontaktlistene"), ("Dine frister",)),
    (MONA, "2027-06-01T10:00", ("Du har ingen frister eller møter de neste 30 dagene.",), ("Dine frister",)),
])
async def test_app_home_lists_my_own_deadlines_and_meetings(tmp_path: Path, who: str, now: str,
                                                            shows: tuple[str, ...], hides: tuple[str, ...]) -> None:
    chat = await Chat.start(tmp_path, NETWORK)
    try:
        async with chat.sessions() as session:
            snapshots = SnapshotCache()
            net = await snapshots.get(session, chat.network_id)
            assert net is not None
            person = net.people[chat.person_id(who)]
            lang = "en" if person.language == "en" else "nb"
            moment = chat.clock(now)
            assert moment is not None
            ctx = await build_context(session, snapshots, chat.network_id, person.id, lang=lang, now=moment)
            assert isinstance(ctx, Context)
            text = to_text(await home_messages(ctx), lang)
    finally:
        await chat.close()
    for expected in shows:
        assert expected in text, text
    for unexpected in hides:
        assert unexpected not in text, text
