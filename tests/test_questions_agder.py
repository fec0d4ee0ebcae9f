"""Round 4 of the adversarial question tables: free questions against tests/fixtures/network_agder.yaml
(DigiAgder, language nb), a network the engine has never seen, written by someone who has not read the
question engine. The clock is Monday 14 December 2026 10:00 in Oslo (NOW) unless a row says otherwise;
SEP is Tuesday 15 September 2026 10:00 and FEB Wednesday 10 February 2027 10:00.

Questions are typed the way coordinators type: lowercase, without æøå, with typos, half sentences, in
bokmål, nynorsk and the English of Norwegian users. The expectations come from the network file and
common sense. Easter 2027 is Sunday 28 March; "romjula" is 27-31 December.

Before the engine was fixed (wp-questions at 03ec9cb), 21 of the 171 rows failed. Four expectations were
corrected against the network file before that count (the fee rows may show the uncapped or unraised
sum in the computation; "ordfører i Arendal" may list the people who are registered in Arendal).
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from tests.chat import Chat, Row, check_answer, row

in_module_loop = pytest.mark.asyncio(loop_scope="module")

NOW = "2026-12-14T10:00"
SEP = "2026-09-15T10:00"
FEB = "2027-02-10T10:00"
KARI = "kari.lund@kristiansand.kommune.no"  # coordinator in Kristiansand, leads hjemmeoppfølging, no language
MONA = "mona.salvesen@arendal.kommune.no"  # coordinator in Arendal, no language
ANNE = "anne.froland@arendal.kommune.no"  # IKT-leder in Arendal, profile en
OLAV = "olav.rysstad@valle.kommune.no"  # kommunedirektør and coordinator in Valle, profile nn
INGRID = "ingrid.valle@digiagder.no"  # the network's secretariat (Kristiansand), nb
BENTE = "bente.tveit@vegarshei.kommune.no"  # kommunedirektør in Vegårshei (invited)

NOT_FOUND_NB = "Jeg finner ingen «"
NOT_FOUND_NN = "Eg finn ingen «"
NOT_FOUND_EN = "I can't find “"

WE_ARE_THE_NETWORK = [
    row("hvor mange kommuner er vi", "DigiAgder har 25", "Kristiansand har status", as_=KARI),
    row("how many municipalities are we", "DigiAgder has 25", "Arendal has the status", as_=ANNE, lang="en"),
    row("kor mange kommunar er med hos oss", "DigiAgder har 17", "Valle har status", as_=OLAV, lang="nn"),
    row("hvor mange medlemmer har vi", "DigiAgder har 20", "Kristiansand har status", as_=KARI),
    row("how many members do we have", "DigiAgder has 20", "Arendal has the status", as_=ANNE, lang="en"),
    row("kor mange av oss er observatørar", ("DigiAgder har 4", "Bykle", "Sirdal", "KS Agder"), "Nei, Valle",
        as_=OLAV, lang="nn"),
    row("hvilke kommuner er med hos oss", ("17", "Åseral", "Valle", "Risør"), ("Gjerstad", "Bykle", "Åmli"),
        as_=KARI),
    row("are we a member", ("Vegårshei", "invited"), "Yes", as_=BENTE, lang="en"),
    row("er vi medlem", ("Ja", "Kristiansand"), as_=KARI),
    row("hvor mange innbyggere er vi til sammen", "303 355", "116 986 innbyggere", as_=KARI),
    row("how many people live in our member municipalities", "303,355", as_=ANNE, lang="en"),
    row("hvem er med hos oss i lister", ("Farsund", "Flekkefjord", "Lyngdal", "Kvinesdal"), ("Lindesnes", "Arendal"),
        as_=MONA),
]

COMBINED_STATUSES = [
    row("hvilke er observatører eller tidligere medlemmer",
        ("Bykle", "Sirdal", "KS Agder", "Statsforvalteren i Agder", "Gjerstad", "Hægebostad"), ("Arendal", "Åmli"),
        as_=KARI),
    row("which ones are invited but haven't joined yet", ("Vegårshei", "Åmli", "Bygland", "Iveland"),
        ("Gjerstad", "Bykle"), as_=ANNE, lang="en"),
    row("invitert eller tidligere medlem", ("Vegårshei", "Iveland", "Gjerstad", "Hægebostad"), ("Sirdal", "Arendal"),
        as_=MONA),
    row("kva kommunar er ikkje medlem", ("Gjerstad", "Vegårshei", "Åmli", "Hægebostad", "Sirdal", "Bykle", "Bygland",
                                         "Iveland"), ("Arendal", "Lyngdal"), as_=OLAV, lang="nn"),
    row("hvor mange er observatør eller invitert", "DigiAgder har 8", "Arendal", as_=KARI),
    row("list former members and observers", ("Gjerstad", "Hægebostad", "Bykle", "Sirdal"), ("Lyngdal", "Åmli"),
        as_=ANNE, lang="en"),
    row("hvem i lister er ikke med lenger", "Hægebostad", ("Farsund", "Gjerstad"), as_=MONA),
    row("observatører i setesdal", "Bykle", ("Valle", "Sirdal"), as_=KARI),
    row("hvilke kommuner i østre agder er invitert", ("Vegårshei", "Åmli"), ("Bygland", "Tvedestrand"), as_=MONA),
    row("medlemmer og observatører i Lister", ("Farsund", "Flekkefjord", "Lyngdal", "Kvinesdal", "Sirdal"),
        "Hægebostad", as_=KARI),
]

SHARED_PARTS_OF_NAMES = [
    row("hva betaler agder", ("Agder fylkeskommune", "IKT Agder"), NOT_FOUND_NB, as_=KARI),
    row("hvem jobber i ikt", ("IKT Agder", "Setesdal IKT"), NOT_FOUND_NB, as_=KARI),
    row("who works at agder", ("Agder fylkeskommune", "IKT Agder"), NOT_FOUND_EN, as_=ANNE),
    row("er Evje medlem", ("Ja", "Evje og Hornnes"), (NOT_FOUND_NB, "Jon Evje"), as_=KARI),
    row("koordinator i hornnes", "Ragnhild Haugland", NOT_FOUND_NB, as_=KARI),
    row("who is the coordinator in evje", "Ragnhild Haugland", ("Jon Evje", NOT_FOUND_EN), as_=ANNE),
    row("innbyggertall kristiansand", "116 986", "149 029", as_=MONA),
    row("hvor mange innbyggere i kristiansandsregionen", "149 029", as_=MONA),
    row("kontaktperson hos statsforvalteren", "Thomas Grimstad", NOT_FOUND_NB, as_=KARI),
]

NOT_IN_THE_NETWORK = [
    row("hvor mange innbyggere har Mandal", NOT_FOUND_NB + "Mandal»", ("DigiAgder har", "303 355"), as_=KARI),
    row("hva betaler søgne", NOT_FOUND_NB + "søgne»", ("20 000 kr", "DigiAgder har"), as_=KARI),
    row("what's the population of Porsgrunn", NOT_FOUND_EN + "Porsgrunn”", "DigiAgder has", as_=ANNE),
    row("fee for kragero", NOT_FOUND_EN + "kragero”", ("NOK 20,000", "DigiAgder has"), as_=ANNE),
    row("er songdalen medlem", NOT_FOUND_NB + "songdalen»", "DigiAgder har", as_=KARI),
    row("kor mange innbyggjarar har stavanger kommune", NOT_FOUND_NN + "stavanger»", "DigiAgder har", as_=OLAV),
    row("hvem er koordinator i Mandal", NOT_FOUND_NB + "Mandal»", ("Eva Marnes", "Koordinatorer"), as_=MONA),
]

PEOPLE_AND_CONTACT_DETAILS = [
    row("eposten til kari", ("Kari Lund", "Kari Vik"), "kari.vik@arendal.kommune.no", as_=MONA),
    row("Kari's phone number", ("Kari Lund", "Kari Vik"), "+47 38 07 50 00", as_=ANNE),
    row("tlf kari vik", "Det er ikke registrert noe telefonnummer for Kari Vik", "+47", as_=MONA),
    row("phone number for Kari Lund", "+47 38 07 50 00", "No phone number", as_=ANNE),
    row("hva er telefonnummeret til Hanne Birkeland",
        "Det er ikke registrert noe telefonnummer for Hanne Birkeland", "+47 37 26 15 00", as_=KARI),
    row("kva er telefonen til Svein Birkeland", "+47 37 26 15 00", "Det er ikkje registrert", as_=OLAV),
    row("hvem er Birkeland", ("Svein Birkeland", "Hanne Birkeland"), as_=KARI),
    row("hvem er Tveit", ("Ole Tveit", "Bente Tveit"), as_=KARI),
    row("mailen til per", ("Per Lund", "Per Arne Holt"), "per.lund@kristiansand.kommune.no", as_=MONA),
    row("email to Tor Lillesand", "tor.lillesand@grimstad.kommune.no", as_=ANNE),
    row("tlf til Mona", "+47 37 01 30 00", as_=KARI),
    row("telefonnummer til Thomas Grimstad", "Det er ikke registrert noe telefonnummer for Thomas Grimstad",
        as_=KARI),
    row("hvem er Hans", ("Hans Lister", "Farsund"), as_=KARI),
]

DEADLINE_CONTACTS = [
    row("hvem er kontaktperson for kartleggingen av informasjonssikkerhet", "Anne Froland", "Ingrid Valle",
        as_=KARI),
    row("who do i contact about the security survey", "Anne Froland", "Ingrid Valle", as_=MONA),
    row("kontaktperson ki piloten", "Stein Kvinesdal", "Ingrid Valle", as_=KARI),
    row("hvem kan jeg spørre om agderkonferansen", "Ole Tveit", "Ingrid Valle", as_=KARI),
    row("kven er kontakt for årsrapporten", "Kari Lund", "Ingrid Valle", as_=OLAV),
    row("kontaktperson for budsjettinnspillet", "Ingrid Valle", "Ole Tveit", as_=KARI),
    row("hvem er kontakt for arkivkartleggingen", "Mona Salvesen", "Ingrid Valle", as_=KARI),
    row("hvem tar imot rapporten om velferdsteknologi", "Thomas Grimstad", "Ingrid Valle", as_=KARI),
    row("kontaktperson for sluttrapporten for fiber", "Sluttrapport for fiberutbygging i Setesdal",
        ("Ingrid Valle", "Ole Tveit"), as_=KARI),
    row("who is the contact person for the strategy hearing", "Ingrid Valle", "Ole Tveit", as_=ANNE),
    row("hvem svarer på spørsmål om kontaktlisten", "Ole Tveit", "Ingrid Valle", as_=KARI),
]

PERIODS = [
    row("frister før jul", ("Budsjettinnspill 2027", "Meld interesse for KI-pilot"),
        ("Årsrapport for hjemmeoppfølging", "Kartlegging av informasjonssikkerhet"), as_=KARI),
    row("deadlines before christmas", ("Budsjettinnspill 2027", "Meld interesse for KI-pilot"),
        ("Årsrapport for hjemmeoppfølging", "Kartlegging av informasjonssikkerhet"), as_=ANNE),
    row("kva fristar er det i romjula", "Årsrapport for hjemmeoppfølging 2026",
        ("Meld interesse", "Kartlegging av informasjonssikkerhet"), as_=OLAV),
    row("frister mellom jul og nyttår", "Årsrapport for hjemmeoppfølging 2026",
        ("Meld interesse", "Kartlegging av informasjonssikkerhet"), as_=KARI),
    row("deadlines by year end", ("Budsjettinnspill 2027", "Meld interesse for KI-pilot", "Årsrapport"),
        ("Kartlegging av informasjonssikkerhet", "Påmelding"), as_=ANNE),
    row("frister innen nyttår", ("Budsjettinnspill 2027", "Meld interesse for KI-pilot", "Årsrapport"),
        ("Kartlegging av informasjonssikkerhet", "Påmelding"), as_=KARI),
    row("frister etter nyttår", ("Kartlegging av informasjonssikkerhet", "Påmelding til Agderkonferansen"),
        ("Årsrapport", "Budsjettinnspill"), as_=KARI),
    row("whats due in the new year", "Kartlegging av informasjonssikkerhet", ("Budsjettinnspill", "Årsrapport"),
        as_=ANNE),
    row("frister i januar", "Kartlegging av informasjonssikkerhet", ("Påmelding", "Årsrapport"), as_=KARI),
    row("frister før påske", ("Innspill til handlingsplan 2027", "Påmelding til Agderkonferansen"),
        ("Behovskartlegging", "Rapportering til Statsforvalteren"), as_=KARI),
    row("deadlines after easter", ("Behovskartlegging for felles arkivløsning", "Rapportering til Statsforvalteren"),
        ("Innspill til handlingsplan", "Påmelding"), as_=ANNE),
    row("kva fristar er det i vår", ("Innspill til handlingsplan 2027", "Behovskartlegging"),
        ("Budsjettinnspill", "Rapportering til Statsforvalteren"), as_=OLAV),
    row("frister før sommerferien", ("Behovskartlegging", "Rapportering til Statsforvalteren"), NOT_FOUND_NB,
        as_=KARI),
    row("møter i vår", "Årsmøte i DigiAgder", ("Styringsgruppemøte", "Faggruppemøte"), as_=KARI),
    row("frister i høst", "Sluttrapport for fiberutbygging", ("Budsjettinnspill", "Oppdater kontaktlisten"),
        as_=KARI, now=SEP),
    row("kva møte er det i haust", ("24. september 2026", "18. november 2026"),
        ("3. desember 2026", "Arbeidsutvalgsmøte"), as_=OLAV, now=SEP),
    row("hvilke frister hadde vi for 2 uker siden", "Høringssvar til digitaliseringsstrategi",
        ("Oppdater kontaktlisten", "Budsjettinnspill"), as_=KARI),
    row("which deadlines were last week", "Oppdater kontaktlisten", ("Høringssvar", "Budsjettinnspill"), as_=ANNE),
    row("kva frist var det førre veke", "Oppdater kontaktlisten", ("Høringssvar", "Budsjettinnspill"), as_=OLAV),
    row("hvilke møter var det for to uker siden", ("Koordinatornettverket", "3. desember 2026"),
        ("Styringsgruppemøte", NOT_FOUND_NB), as_=KARI),
    row("hvilke møter var det i september", ("Koordinatornettverket", "24. september 2026"),
        ("18. november 2026", "3. desember 2026"), as_=KARI),
    row("møter forrige måned", ("Styringsgruppemøte", "18. november 2026"), "16. desember", as_=KARI),
    row("frister neste kvartal", ("Kartlegging av informasjonssikkerhet", "Påmelding til Agderkonferansen",
                                  "Innspill til handlingsplan 2027"),
        ("Behovskartlegging", "Årsrapport", "Budsjettinnspill"), as_=KARI),
    row("deadlines next quarter", ("Påmelding til Agderkonferansen", "Innspill til handlingsplan 2027"),
        ("Behovskartlegging", "Årsrapport"), as_=ANNE),
    row("frister i andre kvartal", ("Behovskartlegging", "Rapportering til Statsforvalteren"),
        ("Innspill til handlingsplan", "Påmelding"), as_=KARI),
    row("deadlines in Q1", ("Kartlegging av informasjonssikkerhet", "Påmelding", "Innspill til handlingsplan"),
        ("Behovskartlegging", "Budsjettinnspill"), as_=ANNE),
    row("frister dette kvartalet", ("Budsjettinnspill 2027", "Meld interesse", "Årsrapport"),
        ("Kartlegging av informasjonssikkerhet", "Påmelding"), as_=KARI),
    row("hvilke frister er det neste kvartal", ("Behovskartlegging", "Rapportering til Statsforvalteren"),
        ("Innspill til handlingsplan", "Påmelding"), as_=MONA, now=FEB),
    row("møter i januar", ("Arbeidsutvalgsmøte", "Faggruppemøte IKT-sikkerhet"), ("Årsmøte", "Styringsgruppemøte"),
        as_=KARI),
    row("møter denne uka", ("Styringsgruppemøte", "16. desember 2026"), "Arbeidsutvalgsmøte", as_=KARI),
]

COMPARISONS = [
    row("hvem er størst av froland og tvedestrand", "Froland har 52 flere innbyggere enn Tvedestrand",
        "Medlem siden", as_=KARI),
    row("which is bigger, lillesand or vennesla?", "Vennesla has 3,773 more inhabitants than Lillesand",
        "Member since", as_=ANNE),
    row("er farsund større enn flekkefjord", "Farsund har 678 flere innbyggere enn Flekkefjord", as_=KARI),
    row("kven har flest innbyggjarar", "Kristiansand", "Det veit eg dessverre ikkje", as_=OLAV),
    row("minste medlemskommune", "Åseral", "Bykle", as_=KARI),
    row("which member has the fewest inhabitants", "Åseral", "Bykle", as_=ANNE),
    row("største kommune i lister", "Lyngdal", "Kristiansand", as_=KARI),
    row("grimstad eller lindesnes, hvem er størst", "Grimstad har 629 flere innbyggere enn Lindesnes", as_=KARI),
    row("hvilken kommune i setesdal er størst", "Evje og Hornnes har flest innbyggere", "Kristiansand", as_=KARI),
    row("ranger kommunene i setesdal etter innbyggertall", ("Evje og Hornnes", "Iveland", "Valle", "Bykle"),
        ("Kristiansand", "Arendal"), as_=KARI),
    row("hvor mye mer betaler arendal enn grimstad", "42 832", as_=KARI),
]

TYPOS_AND_PLACE_SURNAMES = [
    row("hvem er rådmann i Amli", "Sindre Brokka", NOT_FOUND_NB, as_=KARI),
    row("kommunedirektør i Bykel", "Knut Hovden", NOT_FOUND_NB, as_=KARI),
    row("hvem er koordinator i Vale", "Olav Rysstad", "Ingrid Valle", as_=KARI),
    row("koordinator i Risr", "Per Arne Holt", NOT_FOUND_NB, as_=KARI),
    row("hvem er koordinator i Trimstad", "Tor Lillesand", NOT_FOUND_NB, as_=KARI),
    row("who is the ceo of Erendal", "Kari Vik", NOT_FOUND_EN, as_=ANNE),
    row("koordinator i Lillesan", "Svein Birkeland", "Tor Lillesand", as_=KARI),
    row("koordinator i Lillesand", "Svein Birkeland", "Tor Lillesand", as_=MONA),
    row("hvem er koordinator i Grimstad", "Tor Lillesand", "Thomas Grimstad", as_=KARI),
    row("kommunedirektør i froland", "Trond Aasland", "Anne Froland", as_=KARI),
    row("koordinator i Kvinesdal", "Astrid Fedde", "Stein Kvinesdal", as_=KARI),
    row("hvem er koordinatorene i Lister", ("Hans Lister", "Martin Nome", "Stein Kvinesdal", "Astrid Fedde"),
        "Eva Marnes", as_=KARI),
    row("kommunedirektør i Valle", "Olav Rysstad", "Ingrid Valle", as_=KARI),
    row("hvem er koordinator i Evje og Hornes", "Ragnhild Haugland", NOT_FOUND_NB, as_=KARI),
    row("ceo of kristiansan", "Per Lund", NOT_FOUND_EN, as_=ANNE),
    row("hvem er Kristiansen", "Rune Kristiansen", "Per Lund", as_=KARI),
    row("hvem er koordinator i Bygland", "Jeg har ingen koordinator registrert for Bygland", as_=KARI),
    row("hvem er it-sjef i kristansand", "Jon Evje", "Kari Lund", as_=MONA),
    row("hvem er kommunedirektør i flekkefjor", "Gro Tjørsvåg", "Martin Nome", as_=KARI),
    row("kven er kommunedirektør i aaseral", "Tone Ljosland", as_=OLAV),
]

PROJECTS = [
    row("hvem leder hjemmeoppfølgingsprosjektet", "Kari Lund", "Ingrid Valle", as_=MONA),
    row("who leads the chatbot project", "Tor Lillesand", "Geir Olsen", as_=ANNE),
    row("kva er status for KI i saksbehandling Lister", "pause", as_=OLAV),
    row("hvem er prosjektleder for fiberprosjektet", "Jeg har ingen prosjektleder registrert",
        ("Ingrid Valle", "Gunnar Syrtveit"), as_=KARI),
    row("hvilke prosjekter er vi med i", "Digital hjemmeoppfølging Agder", ("Chatbot", "Felles arkivløsning"),
        as_=KARI),
    row("which projects does Lillesand take part in", ("Digital hjemmeoppfølging Agder", "Chatbot for innbyggere"),
        "Felles arkivløsning", as_=ANNE),
    row("når starter arkivprosjektet", "1. april 2027", as_=KARI),
    row("hvilke prosjekter er fullført", "Fiberutbygging i Setesdal", ("Chatbot", "Digital hjemmeoppfølging"),
        as_=KARI),
    row("hvilke kommuner er med i arkivprosjektet", ("Arendal", "Grimstad", "Froland", "Tvedestrand", "Risør"),
        ("Lillesand", "Vennesla"), as_=KARI),
    row("når slutter chatboten", "31. desember 2026", as_=KARI),
    row("aktive prosjekter", ("Digital hjemmeoppfølging Agder", "Chatbot for innbyggere"),
        ("Fiberutbygging", "KI i saksbehandling"), as_=KARI),
]

GROUPS = [
    row("hvem leder styringsgruppa", "Per Lund", "Kari Vik", as_=KARI),
    row("who is in the working committee", ("Ingrid Valle", "Kari Lund", "Mona Salvesen", "Hans Lister"),
        "Per Lund", as_=ANNE),
    row("er Kari Vik med i styringsgruppen", "Ja", as_=KARI),
    row("er Kari Lund med i styringsgruppen", "Nei", as_=MONA),
    row("hvilke grupper er jeg med i", ("Koordinatornettverket", "Arbeidsutvalget"), "Styringsgruppen", as_=KARI),
    row("kven er med i faggruppa for ikt-sikkerheit", ("Anne Froland", "Jon Evje", "Pål Ribe", "Gunn Bjørnarå"),
        "Per Lund", as_=OLAV),
    row("hvor mange er med i koordinatornettverket", "17", as_=KARI),
]

MEETINGS = [
    row("når er neste styringsgruppemøte og hvor", ("16. desember 2026", "Arendal rådhus"), "18. november",
        as_=KARI),
    row("lenke til arbeidsutvalgsmøtet", ("https://teams.example.com/l/meetup-join/digiagder-au", "6. januar 2027"),
        as_=KARI),
    row("when was the last coordinator network meeting", "3 December 2026", "24 September", as_=ANNE),
    row("agenda for styringsgruppemøtet", ("Budsjett 2027", "KI-pilot i Lister"), "Porteføljestatus", as_=KARI),
    row("når er årsmøtet", ("15. april 2027", "Scandic Kristiansand Bystranda"), as_=KARI),
    row("hvor er faggruppemøtet", ("Setesdal IKT, Evje", "20. januar 2027"), as_=KARI),
    row("hvilke møter har jeg", "Arbeidsutvalgsmøte", ("Styringsgruppemøte", "Årsmøte"), as_=KARI),
]

FEES = [
    row("hva betaler arendal", "111 468 kr", as_=KARI),
    row("what does kristiansand pay", "NOK 200,000", as_=ANNE),  # the shown computation may name the uncapped sum
    row("kva betaler vi i kontingent", "25 000 kr", as_=OLAV),
    row("kontingent åseral", "25 000 kr", as_=KARI),
    row("hva betaler lyngdal i året", "41 456 kr", as_=KARI),
    row("hvor mye betaler grimstad", "68 636 kr", as_=KARI),
    row("how is the fee calculated", ("20,000", "200,000"), as_=ANNE),
]

MORE = [
    row("hvem er Lund", ("Per Lund", "Kari Lund"), as_=MONA),
    row("hvem er Vik", ("Kari Vik", "Kjell Vik"), as_=KARI),
    row("er det noen interessemeldinger ute nå", "Meld interesse for KI-pilot i saksbehandling", "Budsjettinnspill",
        as_=KARI),
    row("any open calls for interest", "Meld interesse for KI-pilot i saksbehandling", "Budsjettinnspill", as_=ANNE),
    row("hva betaler vi", "200 000 kr", as_=KARI),
    row("koordinator i tvedestrand", "Jeg har ingen koordinator registrert for Tvedestrand", "Kari Vik", as_=KARI),
    row("hvor mange innbyggere har hægebostad", "1 702", NOT_FOUND_NB, as_=KARI),
    row("er gjerstad fortsatt med", ("Nei", "tidligere medlem"), as_=KARI),
    row("når ble sirdal med", "1. mai 2022", as_=KARI),
    row("hvilke kommuner ble med i 2021", ("Birkenes", "Risør", "Kvinesdal", "Evje og Hornnes", "Valle"),
        ("Arendal", "Åseral"), as_=KARI),
    row("deadlines this week", "Budsjettinnspill 2027", ("Meld interesse", "Årsrapport"), as_=ANNE),
    row("frister neste uke", "Meld interesse for KI-pilot", ("Budsjettinnspill", "Årsrapport"), as_=KARI),
    row("kva fristar har eg", ("Meld interesse for KI-pilot", "Innspill til handlingsplan 2027"),
        ("Budsjettinnspill", "Årsrapport", "Behovskartlegging"), as_=OLAV),
    row("mine frister", "Påmelding til Agderkonferansen", ("Meld interesse", "Innspill til handlingsplan"),
        as_=BENTE),
]

UNKNOWN = [
    row("hvem er ordfører i Arendal", "Jeg har ingen med tittelen «ordfører» registrert i Arendal",
        "ordfører i Arendal er", as_=KARI),
    row("hvem er Ola Nordmann", NOT_FOUND_NB + "Ola Nordmann»", as_=KARI),
]

TABLE: list[Row] = (WE_ARE_THE_NETWORK + COMBINED_STATUSES + SHARED_PARTS_OF_NAMES + NOT_IN_THE_NETWORK
                    + PEOPLE_AND_CONTACT_DETAILS + DEADLINE_CONTACTS + PERIODS + COMPARISONS
                    + TYPOS_AND_PLACE_SURNAMES + PROJECTS + GROUPS + MEETINGS + FEES + MORE + UNKNOWN)


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def chat(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Chat]:
    chat = await Chat.start(tmp_path_factory.mktemp("agder"), "tests/fixtures/network_agder.yaml")
    yield chat
    await chat.close()


def test_the_table_is_large_enough() -> None:
    assert len(TABLE) >= 110
    assert len({(r.question, r.as_) for r in TABLE}) == len(TABLE)


@in_module_loop
@pytest.mark.parametrize("case", TABLE, ids=lambda r: f"{r.question} [{r.as_.split('@')[0]}]")
async def test_question(chat: Chat, case: Row) -> None:
    await check_answer(chat, case, NOW)
