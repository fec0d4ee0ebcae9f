"""Free questions, as a table: what the asker types, and what they must (and must not) read.

The network is tests/fixtures/network_testland.yaml ("Digi Kyst", language nb), the clock is fixed
at Wednesday 4 March 2026 10:00 in Oslo. Rows mix bokmål, nynorsk and English, typos, names typed
without æøå, look-alike names (Herøy / Hareid, Vågan / Vågå), unknown names and relative periods.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from tests.chat import Chat, Row, check_answer
from tests.chat import row as chat_row

in_module_loop = pytest.mark.asyncio(loop_scope="module")

NOW = "2026-03-04T10:00"
MONA = "mona.lien@rana.kommune.no"  # coordinator in Rana, no language in her profile
KARI_B = "kari.bakke@orsta.kommune.no"  # coordinator in Ørsta, profile language nn
EMMA = "emma.wilson@vagan.kommune.no"  # coordinator in Vågan, profile language en
PER = "per.hansen@vefsn.kommune.no"  # chief executive in Vefsn, chair of the steering group
ODD = "odd.bindal@bindal.kommune.no"  # chief executive of Bindal (invited)

DONT_KNOW_NB = "Det vet jeg dessverre ikke"
NOT_FOUND_NB = "Jeg finner ingen «"


def row(question: str, shows: str | tuple[str, ...], hides: str | tuple[str, ...] = (), *, as_: str = MONA,
        lang: str | None = None) -> Row:
    return chat_row(question, shows, hides, as_=as_, lang=lang)


ROLES = [
    row("kven er koordinator i Orsta?", ("Kari Bakke", "kari.bakke@orsta.kommune.no"), "Jorunn Hovden", lang="nn"),
    row("Hvem er kommunedirektør i Rana?", "Kari Nordmann", ("Mona Lien", "Bjørn Eriksen"), lang="nb"),
    row("hvem er kordinator i Alstahaug", "Siv Pedersen", "Kari Hansen"),
    row("Who is the chief executive of Vefsn?", "Per Hansen", "Erik Nilsen", lang="en"),
    row("Who is the CEO of Aalesund?", "Sigrid Moe", "Thomas Brekke", lang="en"),
    row("hvem er radmann i Bronnoy", "Tor Eriksen", "Hilde Strøm"),
    row("kven er kommunedirektør i Hareid?", "Anne Berg", ("Anne Lise Berg", "Meiner du")),
    row("hvem er koordinator i Herøy", "Marte Solberg", ("Eirik Hareide", "Mener du")),
    row("kven er koordinator i Hareid", "Eirik Hareide", ("Marte Solberg", "Meiner du")),
    row("Who is the ICT lead in Brønnøy?", "Hilde Strøm", "Tor Eriksen"),
    row("hvem er IKT-leder i Rana", "Bjørn Eriksen", ("Trond Aas", "HALD IKT")),
    row("Hvem er IT-sjef i Ålesund?", "Thomas Brekke", "Sigrid Moe"),
    row("hvem er koordinator i Vega?", "Jeg har ingen koordinator registrert for Vega", "Svein Vik"),
    row("Who is the ICT lead in Hemnes?", "I don't have an ICT lead registered for Hemnes",
        ("Ola Hansen", "Nils Olsen")),
    row("hvem er koordinator i Tromsø?", (NOT_FOUND_NB + "Tromsø»",), ("Mona Lien", "Kari Bakke", "Koordinator i")),
    row("Who is the coordinator in Springfield?", "I can't find “Springfield”", ("Mona Lien", "The coordinator")),
    row("Hvem er i sekretariatet?", ("Ingrid Johansen", "Ola Nordmann"), "Per Hansen"),
    row("hvem er koordinator i Vågan", "Emma Wilson", "Gudrun Sve"),
    row("hvem er kommunedirektør i Vaga", "Gudrun Sve", ("Knut Våg", "Emma Wilson")),
    row("koordinator i Bø?", "Tone Vik", "Harald Bø"),
    row("hvem er rådmennene på Sunnmøre?", ("Anne Berg", "Sigrid Moe", "Jorunn Hovden", "Per Volden"),
        ("Kari Nordmann", "Anne Lise Berg")),
    row("Hvem er prosjektleder i Brønnøy?", "Hilde Strøm", "Tor Eriksen"),
    row("Hvem er koordinator hos oss?", "Kari Bakke", "Mona Lien", as_=KARI_B, lang="nn"),
    row("who coordinates digitalisation in Alstahaug?", "Siv Pedersen", "Kari Hansen", lang="en"),
    row("Hvem er Ranas koordinator?", "Mona Lien", "Kari Nordmann"),
    row("Hvem er fylkeskommunens koordinator?", "Lars Nordmann", "Marit Hov"),
    row("kven er kommunedirektør i stad", "Håkon Stad", "Finn"),
    row("Hvem er ordfører i Rana?", "Geir Waage", ("Kari Nordmann", "Mona Lien")),
    row("who is the mayor of Rana?", "Geir Waage", "Kari Nordmann", lang="en"),
    row("Hvem er daglig leder?", "Ingrid Johansen", "Ola Nordmann"),
    row("Kven er kontaktperson for Vevelstad?", "Lena Bakken"),
    row("Hvem er kommunedirektørene i styringsgruppa?", ("Kari Hansen", "Tor Eriksen", "Anne Berg"),
        ("Mona Lien", "Nils Olsen")),
    row("kven er koordinator i Os?", "Eg finn ingen «Os»", "Koordinatorar i"),
    row("Hvem er kommunedirektør i Herøy kommune i Nordland?", "Anne Lise Berg", ("Mener du", "Marit Hov")),
    row("hvem er koordinatorn i Brønøy", "Hilde Strøm"),
    row("Orsta koordinator", "Kari Bakke"),
]

PEOPLE = [
    row("Hvem er Kari Nordman?", ("Kari Nordmann", "kari.nordmann@rana.kommune.no", "Rana"), "Kari Hansen"),
    row("Hvem er Kari?", ("Mener du", "Kari Nordmann", "Kari Hansen", "Kari Bakke"), "Mona Lien"),
    row("What is Mona Lien's phone number?", "+47 481 22 333", lang="en"),
    row("Hvem er Anne Berg?", ("Anne Berg", "Hareid"), ("Herøy", "Anne Lise Berg")),
    row("Hvem er Ola Dunk?", NOT_FOUND_NB + "Ola Dunk»", ("Ola Nordmann", "Ola Hansen", "Mener du")),
    row("Which groups is Siv Pedersen in?", ("Faggruppe velferdsteknologi", "Ressursgruppe"), "Styringsgruppe"),
    row("Er Kari Nordmann med i styringsgruppa?", "Ja, Kari Nordmann er medlem av Styringsgruppe"),
    row("Is Mona Lien in the steering group?", "No, Mona Lien is not a member", lang="en"),
    row("Hvem er Nordmann?", ("Mener du", "Ola Nordmann", "Kari Nordmann", "Lars Nordmann")),
]

PROJECTS = [
    row("Hvem leder DigiSos?", ("Hilde Strøm", "DigiSos Nord"), "Tor Eriksen"),
    row("kven leiar Digital skule?", "Mona Lien", "Erik Nilsen", lang="nn"),
    row("Hvem eier Innbyggerportalen?", "Ørsta eier Innbyggerportalen"),
    row("Who owns the Felles arkiv project?", "owned by Vefsn", lang="en"),
    row("Hva er status for Felles arkivløsning?", "Felles arkivløsning er avsluttet"),
    row("What is the status of DigiSos Nord?", "DigiSos Nord is paused"),
    row("Hva handler Digital skole om?", "Felles læringsplattform og elevbrett"),
    row("Hvilke kommuner deltar i Velferdsteknologi Helgeland?",
        ("Alstahaug", "Herøy", "Leirfjord", "Dønna", "Vefsn"), ("Rana", "Hareid")),
    row("Hvilke prosjekter deltar Hemnes i?", "Digital skole", ("Felles arkivløsning", "DigiSos")),
    row("Which projects does Rana take part in?", ("Digital skole", "Felles arkivløsning"),
        ("DigiSos", "Innbyggerportalen")),
    row("Hvilke prosjekter eier Vefsn?", ("Felles arkivløsning", "KI-piloten"), "Velferdsteknologi"),
    row("kva prosjekt leier Kari Bakke?", "Innbyggerportalen", "Digital skole"),
    row("Hvem leder KI-piloten?", "Jeg har ingen prosjektleder registrert for KI-piloten",
        ("Erik Nilsen", "Per Hansen")),
    row("aktive prosjekter", ("Velferdsteknologi Helgeland", "Innbyggerportalen"), ("Digital skole", "DigiSos")),
    row("How many projects are there?", "(6)", lang="en"),
    row("Hvem er prosjektleder for Digital skole?", "Mona Lien", "Kari Nordmann"),
    row("Which projects do I lead?", "Digital skole", "Innbyggerportalen"),
    row("Who leads the welfare technology project?", "Siv Pedersen", "Rapportering"),
    row("Who is the project leader of the school project?", "Mona Lien"),
    row("Når starter Digital skole?", "1. august 2026"),
    row("Hvem er prosjektleder for velferdsteknologiprosjektet?", "Siv Pedersen"),
    row("Hvilke prosjekter er aktive i Sunnmøre?", "Innbyggerportalen", "Velferdsteknologi Helgeland"),
]

DEADLINES = [
    row("Hvilke frister har vi de neste to ukene?",
        ("Svar på invitasjon til Digi Kyst", "Oppdater kontaktlistene", "Svar på kartleggingen av IKT-status",
         "Meld interesse for felles anskaffelse av trygghetsalarmer", "fredag 13. mars 2026 kl. 12.00",
         "kontakt: Siv Pedersen"),
        ("Innspill til ny samarbeidsavtale", "Rapportering velferdsteknologi")),
    row("kva fristar er det denne veka?",
        ("Svar på invitasjon til Digi Kyst", "Oppdater kontaktlistene", "Svar på kartleggingen av IKT-status"),
        ("Meld interesse", "Rapportering"), lang="nn"),
    row("frister neste uke", "Meld interesse for felles anskaffelse", ("Oppdater kontaktlistene", "Innspill")),
    row("Hvilke frister er det i desember?", ("4. desember 2026 kl. 10.00", "Årsrapport fra sekretariatet"),
        "Evaluering av DigiSos Nord"),
    row("deadlines in December", "4 December 2026 at 10:00", "15 January", as_=EMMA, lang="en"),
    row("frister i dag", "Svar på invitasjon til Digi Kyst", "Oppdater kontaktlistene"),
    row("what is due tomorrow?", "Oppdater kontaktlistene", ("Svar på invitasjon", "kartleggingen")),
    row("mine frister",
        ("Oppdater kontaktlistene", "Svar på kartleggingen", "Innspill til ny samarbeidsavtale",
         "Påmelding til samling for Digital skole"),
        ("Meld interesse", "Budsjettinnspill", "Svar på invitasjon")),
    row("what are my deadlines?", ("Oppdater kontaktlistene", "Innspill til ny samarbeidsavtale"),
        ("Påmelding til samling", "Meld interesse"), as_=EMMA, lang="en"),
    row("Har jeg noen frister de neste to ukene?", "Meld interesse for felles anskaffelse",
        ("Oppdater kontaktlistene", "Budsjettinnspill"), as_=PER),
    row("mine frister i dag", "Svar på invitasjon til Digi Kyst", "Oppdater kontaktlistene", as_=ODD),
    row("Hvem er kontaktperson for innspill til samarbeidsavtalen?", ("Ingrid Johansen", "27. mars 2026")),
    row("Når er fristen for budsjettinnspill?", "onsdag 15. april 2026 kl. 15.00", "Innspill til ny"),
    row("Who is the contact for the budget input deadline?", "Per Hansen", "Ingrid Johansen", lang="en"),
    row("frister for Velferdsteknologi Helgeland", "Meld interesse for felles anskaffelse",
        "Rapportering velferdsteknologi 2025"),
    row("Hvilke frister gjelder Hemnes?", "Påmelding til samling for Digital skole", "Evaluering av DigiSos Nord"),
    row("kva er neste frist?", ("Svar på invitasjon til Digi Kyst", "4. mars 2026 kl. 15.00"),
        "Oppdater kontaktlistene"),
    row("Er det noen frister neste måned?", "Budsjettinnspill 2027", "Innspill til ny samarbeidsavtale"),
    row("frister i februar", "Det er ingen frister i februar 2027", "Rapportering velferdsteknologi 2025"),
    row("frister før jul", ("18. desember 2026", "Budsjettinnspill 2027"), "Evaluering av DigiSos Nord"),
    row("Which deadlines are there in the next 10 days?", "13 March 2026", ("27 March", "Innspill til ny")),
    row("frister i uke 11", "Meld interesse for felles anskaffelse", ("Oppdater kontaktlistene", "Innspill til ny")),
    row("Hvilke frister har gått ut?", "Rapportering velferdsteknologi 2025", "Oppdater kontaktlistene"),
    row("Hvilke frister er det mellom 1. april og 1. juni?", "Budsjettinnspill 2027",
        ("Innspill til ny", "Påmelding")),
    row("Hvilke frister gjelder koordinatorer?", ("Oppdater kontaktlistene", "Svar på kartleggingen"),
        "Meld interesse"),
    row("Frister for styringsgruppa", "Budsjettinnspill 2027", "Oppdater kontaktlistene"),
    row("Hvem kan jeg kontakte om kartleggingen av IKT-status?", "Ola Nordmann", "HALD IKT"),
    row("Hva må jeg svare på?", ("Oppdater kontaktlistene", "Svar på kartleggingen"), "Meld interesse"),
    row("hvilke fister har vi?", "Svar på invitasjon til Digi Kyst"),
    row("fristar dei næraste to vekene", "Meld interesse for felles anskaffelse", "Innspill til ny", lang="nn"),
    row("Hvilke frister har Tromsø?", NOT_FOUND_NB + "Tromsø»", "Svar på invitasjon"),
]

MEETINGS = [
    row("Når er neste møte i styringsgruppa?",
        ("18. mars 2026 kl. 10.00–12.00", "Mosjøen rådhus", "Budsjett 2027"), ("20. januar", "10. juni")),
    row("When is the next steering group meeting?", "18 March 2026 at 10:00–12:00", "20 January", lang="en"),
    row("Hva står på agendaen for neste ressursgruppemøte?", ("Status i prosjektene", "Kartleggingen av IKT-status")),
    row("kvar er neste møte i ressursgruppa?", ("Teams", "https://teams.example.com/l/meetup-join/digikyst-rg"),
        lang="nn"),
    row("Når var forrige møte i styringsgruppa?", "20. januar 2026", "18. mars"),
    row("Where is the annual meeting?", ("Meyergården", "28 May 2026"), "Ressursgruppe", lang="en"),
    row("Når er årsmøtet?", "28. mai 2026 kl. 10.00–15.00"),
    row("møter i april", ("Fagsamling velferdsteknologi", "8. april 2026"), "28. mai"),
    row("neste møte i arbeidsutvalget", "Det er ingen kommende møter registrert for Arbeidsutvalg", "kl."),
    row("Hvilke møter har jeg?", ("Ressursgruppemøte", "Årsmøte i Digi Kyst"), "Styringsgruppemøte"),
    row("Kven er inviterte til årsmøtet?", ("Mona Lien", "Kari Bakke"), ("Bindal", "Lurøy")),
    row("Show me upcoming meetings", ("Ressursgruppemøte", "Styringsgruppemøte", "Årsmøte i Digi Kyst"),
        "20 January", lang="en"),
    row("Hva skjer neste uke?", ("Meld interesse for felles anskaffelse", "Ressursgruppemøte"),
        ("Styringsgruppemøte", "Oppdater kontaktlistene")),
]

GROUPS = [
    row("Hvem sitter i styringsgruppen?", ("Per Hansen", "Kari Nordmann", "Marit Hov"), "Mona Lien"),
    row("Hvem leder ressursgruppa?", "Ingrid Johansen", "Mona Lien"),
    row("Who chairs the steering group?", "Per Hansen", "Kari Nordmann", lang="en"),
    row("Hvem leder arbeidsutvalget?", "Jeg har ingen leder registrert for Arbeidsutvalg", "Per Hansen"),
    row("kven er med i faggruppa for velferdsteknologi?", ("Hanne Moe", "Marte Solberg", "Siv Pedersen"),
        "Mona Lien", lang="nn"),
]

ORGANIZATIONS = [
    row("Hvor mange innbyggere har Aalesund?", "58 000"),
    row("What is the population of Orsta?", "10,899", lang="en"),
    row("Hvilken region hører Vefsn til?", "Indre Helgeland"),
    row("Er Bindal medlem?", ("Nei", "invitert")),
    row("Is Hareid a member?", "Yes", lang="en"),
    row("Hvor mange medlemskommuner er det?", "18 medlemskommuner", "Bindal"),
    row("how many member municipalities are there", "18 member municipalities", "Volda", lang="en"),
    row("kor mange kommunar er invitert?", ("4 kommunar", "Bindal", "Rødøy", "Stad", "Volda"), "Lurøy", lang="nn"),
    row("Hvilke kommuner er i Sunnmøre?", ("Hareid", "Volda", "Ålesund", "Ørsta"), "Herøy"),
    row("kommunane på Helgeland", ("Rana", "Træna", "Bindal"), ("Ørsta", "Vågan")),
    row("Når ble Rana med?", "1. juni 2019"),
    row("Hvor mange innbyggere har HALD IKT?", "Jeg har ikke innbyggertall for HALD IKT"),
    row("Er KS medlem?", "observatør"),
    row("Hvor mange innbyggere har Tromsø?", NOT_FOUND_NB + "Tromsø»", "innbyggere i"),
    row("kor mange innbyggjarar har medlemskommunane til saman?", "100 392", lang="nn"),
    row("Hvilken kommune er størst?", "Ålesund har flest innbyggere", "Træna har"),
    row("Which is the smallest municipality?", "Træna has the smallest population", lang="en"),
    row("Hvilke kommuner ble med i 2020?", ("Grane", "Hemnes", "Vega"), ("Rana", "Træna")),
    row("Når ble Vefsn medlem?", "1. juni 2019"),
    row("Hvor mange kommuner er med i Digi Kyst?", "18 medlemskommuner"),
]

FEES = [
    row("Hva betaler Rana i årlig bidrag?", ("99 719 kr", "26 573")),
    row("Hva er kontingenten for Ålesund?", ("150 000 kr", "maksimalbeløpet")),
    row("kontingent for Træna", ("25 000 kr", "minstebeløpet")),
    row("What is Vefsn's yearly fee?", "NOK 59,918", lang="en"),
    row("hva betaler vi i kontingent?", "52 697 kr", as_=KARI_B, lang="nn"),
    row("Hva betaler HALD IKT?", "ikke innbyggertall for HALD IKT"),
    row("Hvordan regnes kontingenten ut?", ("20 000 kr fast", "3 kr per innbygger", "150 000 kr")),
]

UNKNOWN = [
    row("Hva er meningen med livet?", DONT_KNOW_NB, ("Mona Lien", "Kari Nordmann")),
    row("What's the weather tomorrow?", "Sorry, I don't know that", ("Oppdater kontaktlistene", "Deadlines")),
    row("Hvem vant fotball-VM i 2022?", DONT_KNOW_NB, "Kari"),
]

TABLE = ROLES + PEOPLE + PROJECTS + DEADLINES + MEETINGS + GROUPS + ORGANIZATIONS + FEES + UNKNOWN


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def chat(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Chat]:
    chat = await Chat.start(tmp_path_factory.mktemp("questions"), "tests/fixtures/network_testland.yaml")
    yield chat
    await chat.close()


def test_the_table_is_large_enough() -> None:
    assert len(TABLE) >= 80
    assert len({r.question for r in TABLE}) == len(TABLE)


@in_module_loop
@pytest.mark.parametrize("case", TABLE, ids=str)
async def test_question(chat: Chat, case: Row) -> None:
    await check_answer(chat, case, NOW)
