"""Free questions against a third, independent network: tests/fixtures/network_rogaland.yaml (Digi
Rogaland, language nn), with a fee model that clamps both ways (Kvitsøy is raised to the minimum,
Stavanger capped at the maximum). The clock is fixed at Monday 14 December 2026 09:00 in Oslo, so
"before Christmas", "between Christmas and New Year" and "etter nyttår" all matter. Many rows are
English questions from people whose profile says `en`; others are nynorsk and bokmål, typed without
æøå ("Haa", "Tysvaer", "Karmoy"), in capitals, without question marks, or about things the bot does
not know.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from tests.chat import Chat, Row, check_answer, row

in_module_loop = pytest.mark.asyncio(loop_scope="module")

NOW = "2026-12-14T09:00"
SARAH = "sarah.mitchell@stavanger.kommune.no"  # IKT-sjef in Stavanger, profile en, chairs the infosec network
ANDERS = "anders.tjelta@stavanger.kommune.no"  # coordinator in Stavanger, profile en, leads KI i sakshandsaming
GUNNAR = "gunnar.moi@lund.kommune.no"  # rådmann in Lund (invited), profile en
SIRI = "siri.hauge@karmoy.kommune.no"  # coordinator in Karmøy, profile nn
KRISTINE = "kristine.larsen@stavanger.kommune.no"  # kommunedirektør in Stavanger, profile nb
OLA = "ola.haugland@sandnes.kommune.no"  # rådmann in Sandnes, no language in his profile
METTE = "mette.tysse@tysvar.kommune.no"  # coordinator in Tysvær, no language in her profile
INGRID = "ingrid.thu@digirogaland.no"  # secretariat, profile nn
JORUNN = "jorunn.kvalen@utsira.kommune.no"  # rådmann and coordinator of Utsira (observer), no language

NOT_FOUND_EN = "I can't find “"
DONT_KNOW_EN = "Sorry, I don't know that"
DONT_KNOW_NN = "Det veit eg dessverre ikkje"

ROLES = [
    row("who's the CEO of Sandnes", ("Ola Haugland", "Rådmann"), ("Emily Hart", "Bjarte Lie"), as_=SARAH, lang="en"),
    row("who is the coordinator in Haa", "Lars Nærland", "Bente Obrestad", as_=SARAH, lang="en"),
    row("who is the chief executive of Hå kommune", "Bente Obrestad", "Lars Nærland", as_=SARAH, lang="en"),
    row("who is the rådmann in Tysvaer", "Arne Vestbø", "Mette Tysse", as_=SARAH, lang="en"),
    row("WHO IS THE CEO OF TIME", "Kari Lende", "Peter Walsh", as_=SARAH, lang="en"),
    row("who is the coordinator in Sokndal kommune", "I don't have a coordinator registered for Sokndal",
        "Åse Sirevåg", as_=SARAH, lang="en"),
    row("who is coordinator in Strand", "I don't have a coordinator registered for Strand", "Kari Strand",
        as_=SARAH, lang="en"),
    row("who is the ICT lead in Karmoy", "Thomas Brown", "Siri Hauge", as_=SARAH, lang="en"),
    row("who is the ICT lead in Sandnes", ("Bjarte Lie", "Digitaliseringsleiar"), "Emily Hart", as_=SARAH),
    row("who's in the secretariat", ("Ingrid Thu", "Oliver Grant", "Marius Eik"), "Anders Tjelta", as_=SARAH,
        lang="en"),
    row("who is the mayor of Stavanger", "I don't have anyone with the title “mayor” registered in Stavanger",
        "The chief executive", as_=SARAH, lang="en"),
    row("who is the coordinator in Bergen", NOT_FOUND_EN + "Bergen”", ("Anders Tjelta", "The coordinator"),
        as_=SARAH, lang="en"),
    row("who is Kari", ("Kari Lende", "Kari Strand", "Kari Svela"), as_=SARAH, lang="en"),
    row("who is the ceo of Bjerkrem", "Aud Ognedal", "Kari Svela", as_=SARAH),
    row("who is the coordinator in Egersund", "Helen Ward", "Trond Ravndal", as_=SARAH),
    row("who is the chief executive of Rogaland county", "Morten Frøyland", "Grace Olsen", as_=ANDERS),
    row("who are the coordinators in Dalane", ("Kari Svela", "Helen Ward"), ("Anna Cole", "Åse Sirevåg"), as_=ANDERS),
    row("who am i?", ("Sarah Mitchell", "Chair of Fagnettverk informasjonstryggleik"), DONT_KNOW_EN, as_=SARAH),
    row("kven er kordinator i tysver", "Mette Tysse", "Arne Vestbø", as_=SIRI, lang="nn"),
    row("kven er IKT-sjef i Haugesund", "Kjetil Vold", "Anna Cole", as_=SIRI, lang="nn"),
    row("kven er koordinator hjå oss", "Siri Hauge", "Liv Kvalvik", as_=SIRI, lang="nn"),
    row("kven er eg", ("Mette Tysse", "Koordinatorforum"), DONT_KNOW_NN, as_=METTE, lang="nn"),
    row("hvem er kommunedirektør i Hå", "Bente Obrestad", as_=KRISTINE, lang="nb"),
    row("kven er koordinator i Sandnes", "Emily Hart", "Ola Haugland", as_=OLA, lang="nn"),
]

PROJECTS = [
    row("which projects is Stavanger involved in", ("KI i sakshandsaming", "DigiHelse Rogaland"),
        ("Felles arkivløysing", "MinSide Dalane"), as_=SARAH, lang="en"),
    row("who leads the archive project", ("Thomas Brown", "Owner: Haugesund"), "Siri Hauge", as_=SARAH,
        lang="en"),
    row("what's the status of Smart Water Jaeren", "Smart Water Jæren is paused", as_=SARAH, lang="en"),
    row("who takes part in the Cyber Security Ryfylke project", ("Sauda", "Strand", "Suldal"), "Karmøy", as_=SARAH),
    row("which projects does Karmøy own", "Karmøy does not own any projects", "Felles arkivløysing", as_=SARAH),
    row("which projects does Karmøy lead", ("Felles arkivløysing", "project leader Thomas Brown"),
        "KI i sakshandsaming", as_=SARAH),
    row("hvilke prosjekter eier Stavanger", "KI i sakshandsaming", "DigiHelse Rogaland", as_=KRISTINE, lang="nb"),
    row("hvem er prosjektleder for Smart Water Jæren", "Jeg har ingen prosjektleder registrert", as_=KRISTINE),
    row("which projects do I lead", "KI i sakshandsaming", "DigiHelse Rogaland", as_=ANDERS, lang="en"),
    row("who leads the water project", "I don't have a project leader registered for Smart Water Jæren", as_=SARAH),
    row("kva er status på ki-prosjektet", ("KI i sakshandsaming", "aktivt"), as_=SIRI, lang="nn"),
    row("kven eig DigiHelse", "Sandnes eig DigiHelse Rogaland", as_=SIRI, lang="nn"),
    row("KVA ER STATUS FOR FELLES ARKIVLOYSING", "Felles arkivløysing er planlagt", as_=METTE, lang="nn"),
    row("kva prosjekt er vi med i", ("KI i sakshandsaming", "Felles arkivløysing"), "DigiHelse", as_=SIRI),
]

DEADLINES = [
    row("what deadlines are coming up before Christmas",
        ("Oppdater kontaktpersonar", "Meld interesse for KI", "Kartlegging av arkivsystem", "Innspel til DigiHelse"),
        ("Sluttrapport Cyber", "Svar på invitasjonen"), as_=SARAH, lang="en"),
    row("deadlines next week", ("Kartlegging av arkivsystem", "Innspel til DigiHelse"),
        ("Oppdater kontaktpersonar", "Sluttrapport"), as_=SARAH, lang="en"),
    row("which deadlines concern me", ("Kartlegging av arkivsystem", "Survey: information security maturity"),
        ("Oppdater kontaktpersonar", "Meld interesse"), as_=SARAH, lang="en"),
    row("who should I contact about the archive survey", ("Thomas Brown", "22 December 2026"), as_=SARAH, lang="en"),
    row("what deadlines are between Christmas and New Year",
        ("Sluttrapport Cyber Security Ryfylke", "Svar på invitasjonen til medlemskap"),
        ("Innspel til DigiHelse", "Tilbakemelding på handlingsplan", "I can't find"), as_=SARAH, lang="en"),
    row("deadlines after Christmas", ("Sluttrapport Cyber Security Ryfylke", "Tilbakemelding på handlingsplan"),
        ("Innspel til DigiHelse", "I can't find"), as_=ANDERS, lang="en"),
    row("deadlines in January", ("Tilbakemelding på handlingsplan 2027", "Survey: information security"),
        ("Påmelding", "Svar på invitasjonen"), as_=SARAH, lang="en"),
    row("which deadlines am I the contact for", "Meld interesse for KI i sakshandsaming fase 2",
        ("Oppdater kontaktpersonar", "Innspel til DigiHelse"), as_=ANDERS, lang="en"),
    row("what are my deadlines", ("Svar på invitasjonen til medlemskap", "Påmelding"),
        ("Meld interesse for KI", "Oppdater kontaktpersonar"), as_=GUNNAR, lang="en"),
    row("deadlines tomorrow", "There are no deadlines tomorrow", as_=ANDERS, lang="en"),
    row("kva fristar er det dei neste to vekene", ("Oppdater kontaktpersonar", "Innspel til DigiHelse"),
        ("Sluttrapport Cyber", "Svar på invitasjonen"), as_=SIRI, lang="nn"),
    row("kva fristar er det denne veka", ("Oppdater kontaktpersonar", "Meld interesse for KI"),
        "Kartlegging av arkivsystem", as_=SIRI, lang="nn"),
    row("fristar mellom jul og nyttår", ("Sluttrapport Cyber Security Ryfylke", "Svar på invitasjonen"),
        ("Eg finn ingen", "Innspel til DigiHelse"), as_=SIRI, lang="nn"),
    row("fristar i romjula", "Sluttrapport Cyber Security Ryfylke", "Tilbakemelding på handlingsplan", as_=SIRI),
    row("fristar etter nyttår", ("Tilbakemelding på handlingsplan 2027", "Påmelding"), "Svar på invitasjonen",
        as_=SIRI, lang="nn"),
    row("mine fristar", ("Oppdater kontaktpersonar", "Tilbakemelding på handlingsplan"),
        ("Meld interesse for KI", "Kartlegging av arkivsystem"), as_=SIRI, lang="nn"),
    row("kva fristar er eg kontaktperson for", ("Svar på invitasjonen", "Tilbakemelding på handlingsplan"),
        "Oppdater kontaktpersonar", as_=INGRID, lang="nn"),
    row("hvilke frister har gått ut", "Budsjettinnspel 2027", "Oppdater kontaktpersonar", as_=KRISTINE, lang="nb"),
    row("hvem er kontaktperson for budsjettinnspillet", ("Ingrid Thu", "Budsjettinnspel 2027"), as_=KRISTINE),
    row("kven er kontaktperson for sluttrapporten", "Kari Strand", as_=METTE, lang="nn"),
    row("frister neste veke", ("Kartlegging av arkivsystem", "Innspel til DigiHelse"), "Oppdater", as_=OLA),
]

MEETINGS = [
    row("when is the next meeting of the steering group and where",
        ("17 December 2026", "Stavanger rådhus, Olav Kyrres gate 19"), "21 October", as_=SARAH, lang="en"),
    row("what's on the agenda for the steering group meeting", ("Budsjett 2027", "Status KI i sakshandsaming"),
        as_=SARAH, lang="en"),
    row("when does the infosec network meet next", ("Fagnettverk informasjonstryggleik", "7 January 2027"),
        "Koordinatorforum", as_=SARAH, lang="en"),
    row("link to the coordinator forum", "https://teams.example.com/l/meetup-join/digirogaland-koordinatorforum",
        as_=SARAH, lang="en"),
    row("WHEN IS THE ANNUAL MEETING", ("10 March 2027", "Clarion Hotel Energy"), as_=ANDERS, lang="en"),
    row("kvar er neste møte i koordinatorforum", ("Teams", "15. desember 2026"), as_=SIRI, lang="nn"),
    row("neste møte i arbeidsutvalet", "Det er ingen komande møte registrert for Arbeidsutvalet", "kl.", as_=SIRI),
    row("når møtes fagnettverket for informasjonssikkerhet", ("7. januar 2027", "Sandnes kulturhus"),
        as_=KRISTINE, lang="nb"),
    row("what meetings do I have", "no upcoming meetings", "Årsmøte", as_=GUNNAR, lang="en"),
]

GROUPS = [
    row("list the members of the steering group", ("Rune Skeie", "Kristine Bøe Larsen", "Morten Frøyland"),
        ("Anders Tjelta", "Sarah Mitchell"), as_=SARAH, lang="en"),
    row("who chairs the coordinator forum", "The chair of Koordinatorforum is Anders Tjelta", "Kari Svela",
        as_=SARAH, lang="en"),
    row("kven leiar ressursgruppa?", "Anders Tjelta", "Rune Skeie", as_=SIRI, lang="nn"),
    row("kven leiar koordinator forum", "Leiar av Koordinatorforum er Anders Tjelta", as_=SIRI, lang="nn"),
    row("who is in the information security network", ("Sarah Mitchell", "Kjetil Vold", "Kari Strand"),
        "Anders Tjelta", as_=SARAH, lang="en"),
    row("who is in the working committee", ("Rune Skeie", "Ingrid Thu"), "Liv Kvalvik", as_=ANDERS, lang="en"),
    row("which group do I chair", "Chair of Koordinatorforum", as_=ANDERS, lang="en"),
]

ORGANIZATIONS = [
    row("how many people live in Haugesund", "38,106", as_=SARAH, lang="en"),
    row("HOW MANY PEOPLE LIVE IN HAA", "19,509", as_=SARAH, lang="en"),
    row("which municipalities in Jaeren are members?", ("Hå", "Klepp", "Time"), "Gjesdal", as_=SARAH, lang="en"),
    row("is Utsira a member", ("No", "observer"), as_=SARAH, lang="en"),
    row("how many invited municipalities", ("3 municipalities", "Bokn", "Gjesdal", "Lund"), "Utsira", as_=SARAH),
    row("how many member municipalities are there", "18 member municipalities", ("Gjesdal", "Utsira", "Hjelmeland"),
        as_=SARAH, lang="en"),
    row("which municipalities have left", "Hjelmeland", "Sauda", as_=SARAH, lang="en"),
    row("which region is Bokn in", "Haugalandet", as_=SARAH, lang="en"),
    row("which is the smallest member municipality", "Kvitsøy has the smallest population", as_=ANDERS, lang="en"),
    row("how many people live in Jaeren", "71,692", as_=ANDERS, lang="en"),
    row("kor mange bur i Utsira", "203", as_=SIRI, lang="nn"),
    row("kva kommunar på Haugalandet er medlem", ("Haugesund", "Karmøy", "Tysvær", "Vindafjord"),
        ("Bokn", "Utsira"), as_=SIRI, lang="nn"),
    row("er Sokndal kommune medlem", "Ja, Sokndal har status medlem", as_=METTE, lang="nn"),
    row("kor mange innbyggjarar er det i Ryfylke", "24 092", as_=METTE, lang="nn"),
    row("er vi medlem", ("Nei", "observatør"), as_=JORUNN, lang="nn"),
]

FEES = [
    row("what does Sola pay per year", "NOK 161,464", as_=SARAH, lang="en"),
    row("what is the yearly fee for Kvitsøy", ("NOK 60,000", "raised to the minimum"), as_=SARAH, lang="en"),
    row("what is the yearly fee for Stavanger", ("NOK 400,000", "capped at the maximum"), "is NOK 628,796",
        as_=SARAH, lang="en"),
    row("what does the county pay", "I don't have a population figure for Rogaland fylkeskommune", "is NOK",
        as_=SARAH, lang="en"),
    row("how is the fee calculated", ("NOK 50,000 fixed", "NOK 4 per inhabitant", "at most NOK 400,000"), as_=SARAH),
    row("kva betaler vi", ("221 976 kr",), as_=SIRI, lang="nn"),
    row("hva betaler Stavanger i året", "400 000 kr", as_=KRISTINE, lang="nb"),
    row("kva kostar det for Bokn", ("60 000 kr", "invitert"), as_=METTE, lang="nn"),
]

UNKNOWN = [
    row("what's the weather tomorrow", DONT_KNOW_EN, "Oppdater kontaktpersonar", as_=SARAH, lang="en"),
    row("korleis blir været i morgon", DONT_KNOW_NN, as_=SIRI, lang="nn"),
    row("kven er ordførar i Haugesund", "Eg har ingen med tittelen «ordførar» registrert i Haugesund", as_=SIRI),
    row("who is the CFO of Sandnes", "I don't have anyone with the title “CFO” registered in Sandnes", as_=ANDERS),
]

TABLE: list[Row] = ROLES + PROJECTS + DEADLINES + MEETINGS + GROUPS + ORGANIZATIONS + FEES + UNKNOWN


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def chat(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Chat]:
    chat = await Chat.start(tmp_path_factory.mktemp("rogaland"), "tests/fixtures/network_rogaland.yaml")
    yield chat
    await chat.close()


def test_the_table_is_large_enough() -> None:
    assert len(TABLE) >= 60
    assert len({(r.question, r.as_) for r in TABLE}) == len(TABLE)


@in_module_loop
@pytest.mark.parametrize("case", TABLE, ids=lambda r: f"{r.question} [{r.as_.split('@')[0]}]")
async def test_question(chat: Chat, case: Row) -> None:
    await check_answer(chat, case, NOW)
