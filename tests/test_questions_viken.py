"""Free questions against a second, independent network: tests/fixtures/network_viken.yaml (DigiViken,
language nb), written the way a programme office would keep it, not tuned to the bot's vocabulary.
The clock is fixed at Monday 23 November 2026 10:00 in Oslo. Rows mix bokmål, nynorsk and English,
all-lowercase questions without question marks, typos, names typed without æøå ("Baerum",
"Lorenskog", "As"), look-alike names (Hol / Hole, Våler / Hvaler, Lier / Lie), a place that only
appears inside another organization's name (Oslo), and questions the bot cannot answer.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from tests.chat import Chat, Row, check_answer, row

in_module_loop = pytest.mark.asyncio(loop_scope="module")

NOW = "2026-11-23T10:00"
MARTIN = "martin.dahl@as.kommune.no"  # coordinator in Ås, no language in his profile
GUNNAR = "gunnar.rud@nore-og-uvdal.kommune.no"  # coordinator in Nore og Uvdal (observer), profile nn
JAMES = "james.carter@baerum.kommune.no"  # IT-sjef (ict_lead) in Bærum, profile en
BJORN = "bjorn.tveit@lillestrom.kommune.no"  # chief executive of Lillestrøm, chair of Programstyret
PER = "per.hovda@hol.kommune.no"  # chief executive of Hol (invited)
KRISTIN = "kristin.hole@drammen.kommune.no"  # coordinator in Drammen, a project leader of no project

NOT_FOUND_NB = "Jeg finner ingen «"
DONT_KNOW_NB = "Det vet jeg dessverre ikke"

ROLES = [
    row("hvem er kommunedirektør i As", "Ragnhild Sæther", "Martin Dahl", as_=MARTIN, lang="nb"),
    row("Hvem er koordinator i Baerum?", "Camilla Riise", ("James Carter", "Morten Hagen"), as_=MARTIN),
    row("who's the CEO of Lorenskog?", "Espen Lie", "Hilde Nygaard", as_=MARTIN, lang="en"),
    row("kven er rådmann i Raelingen", "Sverre Foss", "Linn Eriksen", as_=MARTIN, lang="nn"),
    row("hvem er kordinator i Lillestrom", "Mari Haugen", "Bjørn Tveit", as_=MARTIN),
    row("Who is the ICT lead in Bærum?", "James Carter", "Camilla Riise", as_=MARTIN, lang="en"),
    row("hvem er it-sjef i ullensaker", "Thomas Ruud", "Kari Lunde", as_=MARTIN),
    row("hvem er i programkontoret?", ("Lise Amundsen", "Jonas Berge", "Farah Iqbal"),
        ("Bjørn Tveit", "Programstyret har"), as_=MARTIN),
    row("who works in the programme office", ("Lise Amundsen", "Jonas Berge"), "Bjørn Tveit", as_=MARTIN, lang="en"),
    row("hvem er kontaktperson for Frogn?", "Petter Holm", "Anita Lund", as_=MARTIN),
    row("hvem er kommunedirektør i Hol?", "Per Hovda", "Hanne Tangen", as_=MARTIN),
    row("hvem er kommunedirektør i Hole", "Hanne Tangen", "Per Hovda", as_=MARTIN),
    row("hvem er koordinator i Hole?", "Jeg har ingen koordinator registrert for Hole", "Kristin Hole", as_=MARTIN),
    row("hvem er koordinator i Valer", "Eirik Valen", "Arild Hvam", as_=MARTIN),
    row("hvem er koordinator i Hvaler", "Arild Hvam", "Eirik Valen", as_=MARTIN),
    row("hvem er rådmann i Oslo", NOT_FOUND_NB + "Oslo»", ("Statsforvalteren", "Frode Lind"), as_=MARTIN),
    row("hvem er ordfører i Oslo", NOT_FOUND_NB + "Oslo»", ("Statsforvalteren", "Frode Lind"), as_=MARTIN),
    row("who is the mayor of Drammen", "I don't have anyone with the title “mayor” registered in Drammen",
        "The chief executive", as_=MARTIN, lang="en"),
    row("hvem er koordinatorene i Østfold", ("Maria Olsen", "Ole Martin Lie", "Eirik Valen"),
        ("Kristin Hole", "Martin Dahl"), as_=MARTIN),
    row("hvem er IKT-ledere i Romerike", ("Romerike har 1 IKT-leder:", "Thomas Ruud"), "IKT-ledere:", as_=MARTIN),
    row("Hvem er rådmann i Lillestrøm og hvem er koordinator", ("Bjørn Tveit", "Mari Haugen"), as_=MARTIN),
    row("hvem er it-ansvarlig i Asker", ("IKT-leder i Asker", "Nina Solheim"), "Lars Evensen", as_=MARTIN),
    row("hvm er koordinatr i Eidsvol", "Hege Fjeld", "Per Arne Sandvik", as_=MARTIN),
    row("koordinator aurskog holand", "Jan Erik Wold", "Mona Krogh", as_=MARTIN),
    row("hvem er koordinator hos oss", "Martin Dahl", "Ragnhild Sæther", as_=MARTIN),
    row("hvem er Kari?", ("Kari Myhre", "Kari Lunde"), "Mari Haugen", as_=MARTIN),
]

PROJECTS = [
    row("hvem leder innbyggerportalen", "Camilla Riise", "Farah Iqbal", as_=MARTIN),
    row("who leads DigiHjemme?", "Maria Olsen", "Knut Sørensen", as_=MARTIN, lang="en"),
    row("kva er status for Skytjenester Romerike?", "sett på pause", as_=MARTIN, lang="nn"),
    row("what's the status of the cloud project", ("Skytjenester Romerike", "paused"), "All projects", as_=MARTIN,
        lang="en"),
    row("when does the KI project start", ("KI-assistent for saksbehandling", "1 February 2027"), "All projects",
        as_=MARTIN, lang="en"),
    row("hvem er prosjektleder for KI-assistenten?", "Jeg har ingen prosjektleder registrert", "Farah Iqbal",
        as_=MARTIN),
    row("hvilke kommuner deltar i Digital byggesak Viken?", ("Kongsberg", "Ringerike", "Lillestrøm"),
        ("Hvaler", "Ås"), as_=MARTIN),
    row("which projects does Fredrikstad take part in", ("DigiHjemme", "Digital byggesak Viken"),
        "Felles innbyggerportal", as_=MARTIN, lang="en"),
    row("kva prosjekt leiar Silje Bakken?", "Informasjonssikkerhet i Follo", "DigiHjemme", as_=MARTIN, lang="nn"),
    row("Which projects do I lead?", "Martin Dahl does not lead any projects", ("deadline", "Oppdater"), as_=MARTIN,
        lang="en"),
    row("hvilke prosjekter er pauset", "Skytjenester Romerike", ("DigiHjemme", "Felles innbyggerportal"), as_=MARTIN),
    row("who owns the building permit project", "owned by Drammen", as_=MARTIN, lang="en"),
    row("hvilke prosjekter er vi med i", "Informasjonssikkerhet i Follo", "DigiHjemme", as_=MARTIN),
]

DEADLINES = [
    row("hva er fristene neste uke", ("Meld inn behov til handlingsplan 2027", "Meld interesse for KI-assistent"),
        ("Oppdater kontaktpersoner", "Budsjettinnspill"), as_=MARTIN),
    row("kva fristar er det denne veka?", ("Oppdater kontaktpersoner i DigiViken", "Svar på invitasjon"),
        "Meld inn behov", as_=MARTIN, lang="nn"),
    row("frister i desember", ("Budsjettinnspill 2027", "Kartlegging av skytjenester"),
        ("Sluttrapport DigiHjemme", "Oppdater kontaktpersoner"), as_=MARTIN),
    row("mine frister", ("Oppdater kontaktpersoner i DigiViken", "Meld inn behov"),
        ("Kartlegging av skytjenester", "Budsjettinnspill", "Svar på invitasjon"), as_=MARTIN),
    row("what are my deadlines?", "Kartlegging av skytjenester", ("Oppdater kontaktpersoner", "Budsjettinnspill"),
        as_=JAMES, lang="en"),
    row("mine frister", "Svar på invitasjon til å bli med i DigiViken", "Meld inn behov", as_=PER),
    row("Hvem kan jeg kontakte om kartleggingen av skytjenester?", ("Thomas Ruud", "11. desember 2026"),
        "Skytjenester Romerike er", as_=MARTIN),
    row("kven er kontaktperson for budsjettinnspelet", ("Budsjettinnspill 2027", "Lise Amundsen"), "Eg finn ingen",
        as_=MARTIN, lang="nn"),
    row("frister for DigiHjemme", "Sluttrapport DigiHjemme", "Budsjettinnspill", as_=MARTIN),
    row("hvilke frister har gått ut?", "Høringssvar på strategi", "Oppdater kontaktpersoner", as_=MARTIN),
    row("hvilke frister har jeg gått glipp av", "Høringssvar på strategi", "Meld inn behov", as_=MARTIN),
    row("Hvilke frister har Oslo?", NOT_FOUND_NB + "Oslo»", "Statsforvalteren", as_=MARTIN),
    row("frister etter nyttår", ("Sluttrapport DigiHjemme", "Påmelding til Digitaliseringskonferansen"),
        ("Budsjettinnspill", "Jeg finner ingen"), as_=MARTIN),
    row("hvilke frister har vi i januar og februar", ("Sluttrapport DigiHjemme", "Påmelding til Digitaliseringskonf"),
        "Budsjettinnspill", as_=MARTIN),
    row("when is the deadline for the conference registration", "1 February 2027", as_=MARTIN, lang="en"),
    row("frister for programstyret", "Budsjettinnspill 2027", "Oppdater kontaktpersoner", as_=MARTIN),
]

MEETINGS = [
    row("når er neste møte i programstyret og hvor", ("9. desember 2026", "Bærum rådhus, Sandvika", "Budsjett 2027"),
        "14. oktober", as_=MARTIN),
    row("when does the programme board meet next", "9 December 2026", "14 October", as_=MARTIN, lang="en"),
    row("kvar er neste møte i koordinatorforumet?", ("Teams", "digiviken-koordinatorforum"), as_=MARTIN, lang="nn"),
    row("lenke til koordinatorforum", ("https://teams.example.com/l/meetup-join/digiviken-koordinatorforum",
                                       "26. november 2026"), "25 medlemmer", as_=MARTIN),
    row("when was the last program board meeting", "14 October 2026", "9 December", as_=MARTIN, lang="en"),
    row("hva er agendaen for faggruppemøtet?", ("2. desember 2026", "Ingen agenda er registrert"), as_=MARTIN),
    row("hvem er leder for Årsmøtet", ("Leder av Årsmøtet er Lise Amundsen"), "18. mars", as_=MARTIN),
    row("Når er årsmøtet?", ("18. mars 2027", "Thon Hotel Arena"), as_=MARTIN),
    row("hvilke møter har jeg", ("Programstyremøte", "Årsmøte i DigiViken"), "Koordinatorforum", as_=BJORN),
]

GROUPS = [
    row("kven leiar programstyret?", "Bjørn Tveit", "Morten Hagen", as_=MARTIN, lang="nn"),
    row("list the members of the program board", ("Bjørn Tveit", "Randi Fosse", "Solveig Ek"), "Martin Dahl",
        as_=MARTIN, lang="en"),
    row("Er Camilla Riise med i programstyret?", "Ja, Camilla Riise er medlem av Programstyret", as_=MARTIN),
    row("which groups am I in", "Faggruppe informasjonssikkerhet", "Programstyret", as_=JAMES, lang="en"),
]

ORGANIZATIONS = [
    row("hvor mange innbyggere har Baerum", "127 731", as_=MARTIN),
    row("What is the population of Lorenskog?", "42,181", as_=MARTIN, lang="en"),
    row("kor mange innbyggjarar har Nore og Uvdal?", "2 424", as_=MARTIN, lang="nn"),
    row("er Hol medlem?", ("Nei", "invitert"), as_=MARTIN),
    row("hvor mange medlemskommuner er det", "27 medlemskommuner", ("• Hol\n", "Flå", "Marker"), as_=MARTIN),
    row("hvor mange kommuner er invitert", ("3 kommuner", "Hurdal", "Marker"), "Nore og Uvdal", as_=MARTIN),
    row("hvilke kommuner er med i Follo", ("Ås", "Nordre Follo", "Enebakk"), ("Asker", "Lørenskog"), as_=MARTIN),
    row("hvilke kommuner er ikke medlem", ("Flå", "Hol", "Hurdal", "Marker", "Nore og Uvdal"), ("Bærum", "Ås ("),
        as_=MARTIN),
    row("hvilke kommuner har meldt seg ut?", "Flå", ("Bærum", "Hol"), as_=MARTIN),
    row("which is the smallest member municipality", "Hvaler has the smallest population", as_=MARTIN, lang="en"),
    row("hvor mange innbyggere er det i Follo", "145 658", as_=MARTIN),
    row("hva er DigiViken", ("DigiViken har 35 organisasjoner", "Statsforvalteren i Oslo og Viken"),
        DONT_KNOW_NB, as_=MARTIN),
]

FEES = [
    row("hva betaler As", "61 317 kr", as_=MARTIN),
    row("What's Asker's yearly contribution?", "NOK 283,323", as_=MARTIN, lang="en"),
    row("kva betaler vi i kontingent?", ("7 272 kr", "observatør"), as_=GUNNAR, lang="nn"),
    row("hva betaler fylkeskommunen?", "ikke innbyggertall for Viken fylkeskommune", "kr.", as_=MARTIN),
    row("hva betaler Oslo?", NOT_FOUND_NB + "Oslo»", "Statsforvalteren", as_=MARTIN),
    row("hvordan regnes kontingenten ut", "3 kr per innbygger", as_=MARTIN),
]

UNKNOWN = [
    row("hva er været i morgen", DONT_KNOW_NB, ("Oppdater kontaktpersoner", "Frister"), as_=MARTIN),
    row("hvem er Ola Nordmann", NOT_FOUND_NB + "Ola Nordmann»", as_=MARTIN),
    row("neste møte i arbeidsutvalget", NOT_FOUND_NB + "arbeidsutvalget»", "kl.", as_=MARTIN),
    row("hvem er personvernombud i Asker", "Jeg har ingen med tittelen «personvernombud» registrert i Asker",
        as_=MARTIN),
]

TABLE: list[Row] = ROLES + PROJECTS + DEADLINES + MEETINGS + GROUPS + ORGANIZATIONS + FEES + UNKNOWN


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def chat(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Chat]:
    chat = await Chat.start(tmp_path_factory.mktemp("viken"), "tests/fixtures/network_viken.yaml")
    yield chat
    await chat.close()


def test_the_table_is_large_enough() -> None:
    assert len(TABLE) >= 60
    assert len({(r.question, r.as_) for r in TABLE}) == len(TABLE)


@in_module_loop
@pytest.mark.parametrize("case", TABLE, ids=lambda r: f"{r.question} [{r.as_.split('@')[0]}]")
async def test_question(chat: Chat, case: Row) -> None:
    await check_answer(chat, case, NOW)
