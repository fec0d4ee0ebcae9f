"""Free questions of the kinds that failed on earlier networks, against a fifth, independent network:
tests/fixtures/network_innlandet.yaml (Digi Innlandet, language nb). The clock is Thursday 10 December
2026 10:00 in Oslo (NOW) unless a row says otherwise; SEP is Tuesday 15 September 2026 10:00.

The kinds (one list each): "we" meaning the network, combined statuses, a partial name shared by two
municipalities, an organization that is not in the network asked about by an attribute, first names
shared by two people and contact details that are not registered, a deadline's contact found by words
of its title, periods around holidays, seasons, the past and quarters, typos in short names and names
that are also surnames, and comparisons. Before the engine was fixed, 58 of the 104 rows failed.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from tests.chat import Chat, Row, check_answer, row

in_module_loop = pytest.mark.asyncio(loop_scope="module")

NOW = "2026-12-10T10:00"
SEP = "2026-09-15T10:00"
SIGRID = "sigrid.moen@digiinnlandet.no"  # secretariat (Hamar), profile nb
PER = "per.ivar.berg@hamar.kommune.no"  # coordinator in Hamar, no language in his profile
EMMA = "emma.lund@ringsaker.kommune.no"  # coordinator in Ringsaker, profile en
ASTRID = "astrid.bo@nord-fron.kommune.no"  # coordinator in Nord-Fron, profile nn
DAVID = "david.olsen@gjovik.kommune.no"  # IKT-leder in Gjøvik, profile en
GUNN = "gunn.aas@amot.kommune.no"  # kommunedirektør in Åmot (invited), profile en

NOT_FOUND_NB = "Jeg finner ingen «"
NOT_FOUND_NN = "Eg finn ingen «"
NOT_FOUND_EN = "I can't find “"

WE_ARE_THE_NETWORK = [
    row("kor mange kommunar er med hos oss", "Digi Innlandet har 21 medlemskommunar", "Nord-Fron (kommune) har",
        as_=ASTRID, lang="nn"),
    row("how many municipalities are we", "Digi Innlandet has 33 municipalities", "Yes, Ringsaker", as_=EMMA),
    row("hvor mange kommuner er vi", "Digi Innlandet har 33 kommuner", "Hamar (kommune) har status", as_=PER),
    row("hvor mange medlemmer har vi", ("Digi Innlandet har 22", "Hamar", "Innlandet fylkeskommune"),
        "Ja, Hamar har status medlem", as_=PER),
    row("how many members do we have", ("Digi Innlandet has 22", "Ringsaker"), "Yes, Ringsaker", as_=EMMA),
    row("how many of us are observers", ("Digi Innlandet has 7", "Eidskog", "Hol", "KS Innlandet"),
        ("Ringsaker", "No, Ringsaker"), as_=EMMA),
    row("kor mange av oss er observatørar", ("Digi Innlandet har 7", "Eidskog", "Ringebu"), "Nei, Nord-Fron",
        as_=ASTRID),
    row("hvilke kommuner er med hos oss", ("Digi Innlandet har 21 medlemskommuner", "Åsnes"), "Sør-Odal", as_=PER),
    row("which of us are invited", ("Gausdal", "Lom", "Sør-Odal", "Åmot"), ("Hamar", "Ringsaker"), as_=EMMA),
    # the asker's own organization is still meant when the question asks about one organization's attribute
    row("hvor mange innbyggere har vi", "32 258", "Digi Innlandet har", as_=PER),
    row("er vi medlem", "Ja, Hamar har status medlem", as_=PER),
    row("are we a member", "No, Åmot has the status invited", as_=GUNN),
]

COMBINED_STATUSES = [
    row("which are observers or former members", ("Eidskog", "Hol", "Grue", "Sør-Aurdal", "Vestre Toten"),
        ("Hamar", "Gausdal"), as_=EMMA),
    row("observatører eller tidligere medlemmer", ("Eidskog", "Ringebu", "Grue", "Vestre Toten"),
        ("Hamar", "Lom"), as_=PER),
    row("which ones have been invited but haven't joined", ("Gausdal", "Lom", "Sør-Odal", "Åmot"),
        ("Hamar", "Eidskog"), as_=EMMA),
    row("hvilke er invitert men ikke blitt med", ("Gausdal", "Lom", "Sør-Odal", "Åmot"), ("Hamar", "Eidskog"),
        as_=PER),
    row("kven er invitert eller observatør", ("Gausdal", "Eidskog", "Hol", "Hole"), ("Hamar", "Grue"), as_=ASTRID),
    row("list invited and former municipalities", ("Gausdal", "Sør-Odal", "Grue", "Sør-Aurdal"),
        ("Hamar", "Eidskog"), as_=EMMA),
    row("hvilke kommuner er ikke medlemmer", ("Eidskog", "Grue", "Gausdal"), ("Hamar", "Løten"), as_=PER),
    row("hvor mange er invitert eller observatører", "Digi Innlandet har 11", "Hamar", as_=PER),
    row("tidligere medlemmer", ("Grue", "Sør-Aurdal", "Vestre Toten"), ("Hamar", "Eidskog"), as_=PER),
]

SHARED_PARTS_OF_NAMES = [
    row("hvem er koordinator i Odal", ("Nord-Odal", "Sør-Odal"), NOT_FOUND_NB, as_=PER),
    row("koordinator i odal", ("Nord-Odal", "Sør-Odal"), NOT_FOUND_NB, as_=PER),
    row("kven er kommunedirektør i Fron", ("Nord-Fron", "Sør-Fron"), NOT_FOUND_NN, as_=ASTRID),
    row("innbyggertall fron", ("Nord-Fron", "Sør-Fron"), NOT_FOUND_NN, as_=ASTRID),
    row("hvor mange innbyggere har Odal", ("Nord-Odal", "Sør-Odal"), NOT_FOUND_NB, as_=PER),
    row("who is the coordinator in Toten", ("Østre Toten", "Vestre Toten"), NOT_FOUND_EN, as_=EMMA),
    row("what does Aurdal pay", ("Nord-Aurdal", "Sør-Aurdal"), NOT_FOUND_EN, as_=EMMA),
    # a whole name is still one municipality
    row("hvem er koordinator i Nord-Odal", "Lise Nordby", ("Tone Dahl", "Mener du"), as_=PER),
    row("who is the ceo of sor fron", "Sindre Hov", ("Halvor Kleiven", "Do you mean"), as_=EMMA),
]

NOT_IN_THE_NETWORK = [
    row("hvor mange innbyggere har Lesja", NOT_FOUND_NB + "Lesja»", "Digi Innlandet har", as_=PER),
    row("innbyggertall i lesja", NOT_FOUND_NB + "lesja»", "Digi Innlandet har", as_=PER),
    row("hva betaler dovre kommune", NOT_FOUND_NB + "dovre»", ("40 000 kr fast", "Digi Innlandet har"), as_=PER),
    row("what is the fee for Folldal", NOT_FOUND_EN + "Folldal”", ("NOK 40,000", "Digi Innlandet has"), as_=EMMA),
    row("what does folldal pay", NOT_FOUND_EN + "folldal”", ("NOK 40,000", "Digi Innlandet has"), as_=EMMA),
    row("how many inhabitants does Tynset have", NOT_FOUND_EN + "Tynset”", "Digi Innlandet has", as_=EMMA),
    row("folketall tynset", NOT_FOUND_NN + "tynset»", "Digi Innlandet har", as_=ASTRID),
    row("er Alvdal medlem", NOT_FOUND_NB + "Alvdal»", "Digi Innlandet har", as_=PER),
    row("kor mange innbyggjarar har skjåk kommune", NOT_FOUND_NN + "skjåk»", "Digi Innlandet har", as_=ASTRID),
]

PEOPLE_AND_CONTACT_DETAILS = [
    row("Kari's e-mail", ("Kari Bakken", "Kari Holm"), "kari.bakken@gjovik.kommune.no", as_=EMMA),
    row("epost til Kari", ("Kari Bakken", "Kari Holm"), "kari.holm@oyer.kommune.no", as_=PER),
    row("telefonnummeret til Kari", ("Kari Bakken", "Kari Holm"), "+47 61 18 95 00", as_=PER),
    row("kva er telefonnummeret til Kari Holm", "Det er ikkje registrert noko telefonnummer for Kari Holm",
        as_=ASTRID),
    row("phone number of Kari Holm", "No phone number is registered for Kari Holm", as_=EMMA),
    row("hva er telefonen til Per Ivar Berg", "Det er ikke registrert noe telefonnummer for Per Ivar Berg",
        as_=SIGRID),
    row("tlf til Sindre Hov", "Det er ikke registrert noe telefonnummer for Sindre Hov", as_=PER),
    row("what is Kari Bakken's phone number", "+47 61 18 95 00", "No phone number", as_=EMMA),
    row("e-post til Emma Lund", "emma.lund@ringsaker.kommune.no", as_=PER),
]

DEADLINE_CONTACTS = [
    row("who is the contact person for the cloud survey", "Marit Gran", "Sigrid Moen", as_=EMMA),
    row("hvem er kontaktperson for kartleggingen av skytjenester", "Marit Gran", "Sigrid Moen", as_=PER),
    row("kontaktperson for skykartlegginga", "Marit Gran", as_=ASTRID),
    row("hvem er kontakt for årsrapporten", "Sigrid Moen", "Marit Gran", as_=PER),
    row("kven er kontaktperson for evalueringa av KI-piloten", "Ingvild Rø", as_=ASTRID),
    row("hvem kan jeg kontakte om velferdsteknologirapporten", "Kari Bakken", as_=PER),
    row("hvem er kontaktperson for handlingsplanen", "Jon Haug", "Sigrid Moen", as_=PER),
    row("kontaktperson regional plan", "James Wright", "Jon Haug", as_=PER),
    row("hvem skal jeg spørre om skjønnsmidlene", "Sigrid Moen", "Jon Haug", as_=PER),
]

PERIODS = [
    row("which deadlines are due by year end", ("Budsjettinnspill 2027", "Årsrapport 2026"),
        ("Påmelding til Digitaliseringskonferansen", "I can't find a deadline"), as_=EMMA),
    row("what deadlines are there before the end of the year", ("Kartlegging av skytjenester", "Årsrapport 2026"),
        ("Påmelding til Digitaliseringskonferansen", "I can't find a deadline"), as_=EMMA),
    row("frister resten av året", ("Budsjettinnspill 2027", "Årsrapport 2026"),
        ("Påmelding til Digitaliseringskonferansen", "Jeg finner ingen frist"), as_=PER),
    row("frister innen utgangen av året", ("Rapportering på velferdsteknologi", "Årsrapport 2026"),
        ("Påmelding til Digitaliseringskonferansen", "Jeg finner ingen frist"), as_=PER),
    row("frister før årsskiftet", "Årsrapport 2026", "Påmelding til Digitaliseringskonferansen", as_=PER),
    row("what deadlines are there after New Year", ("Påmelding til Digitaliseringskonferansen", "Søknad om"),
        ("Årsrapport 2026", "Budsjettinnspill"), as_=EMMA),
    row("kva fristar er det i romjula", ("Kartlegging av skytjenester", "Årsrapport 2026"),
        ("Rapportering på velferdsteknologi", "Påmelding"), as_=ASTRID),
    row("hvilke frister er det før påske", ("Evaluering av KI-piloten", "Søknad om skjønnsmidler", "25. mars 2027"),
        ("Innspill til handlingsplan", NOT_FOUND_NB), as_=PER),
    row("frister etter påske", ("Innspill til handlingsplan 2027", "Spørreundersøkelse om informasjonssikkerhet"),
        ("Evaluering av KI-piloten", "Jeg finner ingen frist"), as_=PER),
    row("deadlines after Easter", "Innspill til handlingsplan 2027", ("Evaluering av KI-piloten", "Årsrapport"),
        as_=EMMA),
    row("frister i påsken", ("Det er ingen frister", "25. mars 2027", "29. mars 2027"),
        ("Evaluering av KI-piloten", NOT_FOUND_NB), as_=PER),
    row("kva fristar er det i vår", ("Evaluering av KI-piloten", "Spørreundersøkelse om informasjonssikkerhet",
                                     "Kvartalsrapport for hjemmeoppfølging"),
        ("Søknad om skjønnsmidler", "Årsrapport 2026"), as_=ASTRID),
    row("deadlines in the spring", ("Evaluering av KI-piloten", "Kvartalsrapport for hjemmeoppfølging"),
        ("Søknad om skjønnsmidler", "I can't find a deadline"), as_=EMMA),
    row("møter i vår", "Fagnettverk IKT-sikkerhet", ("Styringsgruppemøte", "Koordinatorforum"), as_=PER),
    row("kva møte er det i haust", ("Fagnettverk IKT-sikkerhet", "Koordinatorforum"), "Styringsgruppemøte",
        as_=ASTRID, now=SEP),
    row("frister i høst", "Sluttrapport for fiberprosjektet", ("Oppdater kontaktlistene", "Budsjettinnspill"),
        as_=PER, now=SEP),
    row("hvilke frister hadde vi for 2 uker siden", "Sluttrapport for fiberprosjektet",
        ("Oppdater kontaktlistene", "Budsjettinnspill", "Jeg finner ingen frist"), as_=PER),
    row("which deadlines were two weeks ago", "Sluttrapport for fiberprosjektet",
        ("Oppdater kontaktlistene", "I can't find a deadline"), as_=EMMA),
    row("hvilke møter var det for to uker siden", "Koordinatorforum", ("Styringsgruppemøte", NOT_FOUND_NB), as_=PER),
    row("kva frist var det førre veke", "Oppdater kontaktlistene", "Sluttrapport", as_=ASTRID),
    row("frister neste kvartal", ("Påmelding til Digitaliseringskonferansen", "Evaluering av KI-piloten",
                                  "Innspill til handlingsplan 2027"),
        ("Årsrapport 2026", "Spørreundersøkelse", "Kvartalsrapport for hjemmeoppfølging"), as_=PER),
    row("deadlines next quarter", ("Påmelding til Digitaliseringskonferansen", "Innspill til handlingsplan 2027"),
        ("Årsrapport 2026", "Spørreundersøkelse", "I can't find a deadline"), as_=EMMA),
    row("hvilke frister er det dette kvartalet", ("Budsjettinnspill 2027", "Årsrapport 2026"),
        ("Påmelding", "Kvartalsrapport for hjemmeoppfølging"), as_=PER),
    row("frister i første kvartal", ("Påmelding til Digitaliseringskonferansen", "Innspill til handlingsplan 2027"),
        ("Årsrapport 2026", "Spørreundersøkelse", "Kvartalsrapport for hjemmeoppfølging"), as_=PER),
    row("deadlines in Q2", ("Spørreundersøkelse om informasjonssikkerhet", "Kvartalsrapport for hjemmeoppfølging"),
        ("Innspill til handlingsplan", "Evaluering av KI-piloten"), as_=EMMA),
]

TYPOS_AND_LOOKALIKES = [
    row("hvem er rådmann i Hoel", ("Hol", "Hole", "Mener du"), NOT_FOUND_NB, as_=PER),
    row("who is the ceo of Hoel", ("Hol", "Hole", "Do you mean"), NOT_FOUND_EN, as_=EMMA),
    row("hvem er rådmann i hol", "Leiv Ruud", "Hilde Sørum", as_=PER),
    row("kommunedirektør i Hole", "Hilde Sørum", "Leiv Ruud", as_=PER),
    row("hvem er koordinator i Kamar", "Per Ivar Berg", NOT_FOUND_NB, as_=SIGRID),
    row("koordinator i Tjøvik", "Kari Bakken", NOT_FOUND_NB, as_=PER),
    row("who is the coordinator of Bjovik", "Kari Bakken", NOT_FOUND_EN, as_=EMMA),
    row("hvem er koordinator i Stang", "Stein Furuseth", "Ola Stang", as_=PER),
    row("kommunedirektør i Stang", "Anne Kolstad", "Ola Stang", as_=PER),
    row("koordinator i Vang", "Olav Hegg", "Kjetil Vang", as_=PER),
    row("kven er kommunedirektør i Gran", "Jørgen Lunde", "Marit Gran", as_=ASTRID),
    row("hvem er Ola Stang", ("Ola Stang", "Elverum"), "Stein Furuseth", as_=PER),
    row("hvem er koordinator i Lillehamer", "Ingvild Rø", as_=PER),
]

COMPARISONS = [
    row("which is bigger, Hamar or Gjøvik?", ("Hamar has 1,472 more inhabitants than Gjøvik", "32,258", "30,786"),
        "Member since", as_=EMMA),
    row("hvem er størst av Elverum og Stange", "Elverum har 195 flere innbyggere enn Stange", "Medlem siden", as_=PER),
    row("er Hamar større enn Ringsaker", "Ringsaker har 3 107 flere innbyggere enn Hamar", "Medlem siden", as_=PER),
    row("how many more inhabitants does Hamar have than Gjøvik", "Hamar has 1,472 more inhabitants than Gjøvik",
        as_=EMMA),
    row("hvilken er størst, Sel eller Vågå", "Sel har 2 129 flere innbyggere enn Vågå", "Medlem siden", as_=PER),
    row("kven er minst av Lom og Vang", "Lom har 711 fleire innbyggjarar enn Vang", "Medlem sidan", as_=ASTRID),
    row("kven har flest innbyggjarar", "Ringsaker har flest innbyggjarar", "Det veit eg dessverre ikkje", as_=ASTRID),
    row("which municipality has the most inhabitants", "Ringsaker has the largest population", as_=EMMA),
    row("hvilken kommune er minst", "Vang har færrest innbyggere", as_=PER),
]

TABLE: list[Row] = [*WE_ARE_THE_NETWORK, *COMBINED_STATUSES, *SHARED_PARTS_OF_NAMES, *NOT_IN_THE_NETWORK,
                    *PEOPLE_AND_CONTACT_DETAILS, *DEADLINE_CONTACTS, *PERIODS, *TYPOS_AND_LOOKALIKES, *COMPARISONS]


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def chat(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Chat]:
    chat = await Chat.start(tmp_path_factory.mktemp("innlandet"), "tests/fixtures/network_innlandet.yaml")
    yield chat
    await chat.close()


@in_module_loop
@pytest.mark.parametrize("case", TABLE, ids=str)
async def test_innlandet(chat: Chat, case: Row) -> None:
    await check_answer(chat, case, NOW)


def test_the_table_covers_every_kind_with_several_rows() -> None:
    for kind in (WE_ARE_THE_NETWORK, COMBINED_STATUSES, SHARED_PARTS_OF_NAMES, NOT_IN_THE_NETWORK,
                 PEOPLE_AND_CONTACT_DETAILS, DEADLINE_CONTACTS, PERIODS, TYPOS_AND_LOOKALIKES, COMPARISONS):
        assert len(kind) >= 5
    assert len({case.question for case in TABLE}) == len(TABLE)
