"""Free questions about TIME against a fourth, independent network: tests/fixtures/network_helgeland.yaml
(Digitale Helgeland, language nb, Europe/Oslo). Deadlines and meetings sit on awkward moments and the
clock moves between rows:

    W    Wednesday 9 December 2026 10:00 (winter time): a deadline earlier today (passed) and later today,
         23:59 on the last day of the week / of "the next two weeks" / of the month, 00:30 the day after
    SUN  Sunday 25 October 2026 21:00, the day summer time ends
    SAT  Saturday 27 March 2027 12:00, the day before summer time starts
    NYE  New Year's Eve 2026 18:00
    SUM  Monday 15 June 2026 09:00 (summer time)

Every row says what the asker must read, what they must not read (an item just outside the period, a
past or cancelled meeting offered as the next one, a time shown in UTC) and the answer's language.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from tests.chat import Chat, Row, check_answer
from tests.chat import row as chat_row

in_module_loop = pytest.mark.asyncio(loop_scope="module")

W = "2026-12-09T10:00"
SUN = "2026-10-25T21:00"
SAT = "2027-03-27T12:00"
NYE = "2026-12-31T18:00"
SUM = "2026-06-15T09:00"
ING = "ingrid.sandnes@digihelgeland.no"  # secretariat, profile nb
KJELL = "kjell.mo@alstahaug.kommune.no"  # kommunedirektør in Alstahaug, chairs the steering group, profile nb
TOR = "torbjorn.aakre@vefsn.kommune.no"  # kommunedirektør in Vefsn, profile nn
MARIT = "marit.strand@traena.kommune.no"  # rådmann in Træna, no language in her profile
EMILY = "emily.carter@rana.kommune.no"  # coordinator in Rana, profile en
HANNE = "hanne.lovold@bronnoy.kommune.no"  # coordinator in Brønnøy, no language in her profile
SILJE = "silje.dahl@heroy-no.kommune.no"  # coordinator in Herøy, profile nn
JONAS = "jonas.berg@hemnes.kommune.no"  # IKT-leder in Hemnes, project leader
DAVID = "david.olsen@nfk.no"  # coordinator at Nordland fylkeskommune, profile en


def row(question: str, shows: str | tuple[str, ...], hides: str | tuple[str, ...] = (), *, as_: str = ING,
        now: str = W, lang: str | None = None) -> Row:
    return chat_row(question, shows, hides, as_=as_, now=now, lang=lang)


TABLE: list[Row] = [
    row(
        "hvilke frister er det i dag",
        ("kl. 15.00", "Innspill til handlingsplan 2027"),
        "Meld deltakere",
        as_=ING,
        now=W,
        lang="nb",
    ),
    row(
        "frister i morgen",
        ("Meld deltakere til fagdag om KI", "torsdag 10. desember 2026 kl. 12.00"),
        ("handlingsplan", "Søknad om"),
        as_=ING,
        now=W,
        lang="nb",
    ),
    row("deadlines tomorrow", "Thursday 10 December 2026 at 12:00", "handlingsplan", as_=EMILY, now=W, lang="en"),
    row(
        "hvilke frister er denne uka",
        (
            "Rapportering velferdsteknologi",
            "søndag 13. desember 2026 kl. 23.59",
            "fredag 11. desember 2026 kl. 23.59",
            "skytjenester (kontakt: Ingrid Sandnes) (gått ut)",
        ),
        "Budsjettinnspill sak og arkiv",
        as_=ING,
        now=W,
        lang="nb",
    ),
    row(
        "kva fristar er det denne veka",
        "Rapportering velferdsteknologi",
        "Budsjettinnspill sak og arkiv",
        as_=TOR,
        now=W,
        lang="nn",
    ),
    row(
        "what deadlines are due this week",
        ("Rapportering velferdsteknologi", "Sunday 13 December 2026 at 23:59"),
        "Budsjettinnspill",
        as_=EMILY,
        now=W,
        lang="en",
    ),
    row(
        "frister neste uke",
        ("Budsjettinnspill sak og arkiv", "mandag 14. desember 2026 kl. 00.30"),
        ("Rapportering velferdsteknologi", "Høring om felles personvernombud"),
        as_=ING,
        now=W,
        lang="nb",
    ),
    row(
        "fristar neste veke",
        "Budsjettinnspill sak og arkiv",
        "Rapportering velferdsteknologi",
        as_=TOR,
        now=W,
        lang="nn",
    ),
    row(
        "what are the deadlines next week",
        ("Budsjettinnspill sak og arkiv", "Monday 14 December 2026 at 00:30"),
        "Rapportering",
        as_=EMILY,
        now=W,
        lang="en",
    ),
    row(
        "hvilke frister er det de neste to ukene",
        ("Høring om felles personvernombud", "onsdag 23. desember 2026 kl. 23.59"),
        ("Påmelding til vårsamlingen", "Svar på kartlegging"),
        as_=ING,
        now=W,
        lang="nb",
    ),
    row(
        "kva fristar har vi dei neste to vekene",
        "Høring om felles personvernombud",
        "Påmelding til vårsamlingen",
        as_=TOR,
        now=W,
        lang="nn",
    ),
    row(
        "deadlines in the next two weeks",
        "Høring om felles personvernombud",
        "Påmelding til vårsamlingen",
        as_=EMILY,
        now=W,
        lang="en",
    ),
    row(
        "frister de neste 10 dagene",
        "Budsjettinnspill sak og arkiv",
        "Høring om felles personvernombud",
        as_=ING,
        now=W,
        lang="nb",
    ),
    row(
        "frister denne måneden",
        ("Årsrapport fra kommunene", "torsdag 31. desember 2026 kl. 23.59"),
        ("Bestilling av nettbrett", "Kartlegging av IKT"),
        as_=ING,
        now=W,
        lang="nb",
    ),
    row(
        "frister neste måned",
        ("Bestilling av nettbrett til skolene", "fredag 1. januar 2027 kl. 00.30", "Evaluering av DigiOppvekst"),
        "Årsrapport",
        as_=ING,
        now=W,
        lang="nb",
    ),
    row(
        "frister i desember",
        ("Årsrapport fra kommunene", "Påmelding til vårsamlingen"),
        "Bestilling av nettbrett",
        as_=ING,
        now=W,
        lang="nb",
    ),
    row(
        "frister i januar",
        ("Bestilling av nettbrett til skolene", "Evaluering av DigiOppvekst"),
        ("Årsrapport", "ROS-analyse"),
        as_=ING,
        now=W,
        lang="nb",
    ),
    row(
        "deadlines in january",
        ("Bestilling av nettbrett", "1 January 2027 at 00:30"),
        "Årsrapport",
        as_=EMILY,
        now=W,
        lang="en",
    ),
    row(
        "frister før jul",
        "Høring om felles personvernombud",
        ("Påmelding til vårsamlingen", "Årsrapport"),
        as_=ING,
        now=W,
        lang="nb",
    ),
    row(
        "frister etter nyttår",
        "Bestilling av nettbrett til skolene",
        "Årsrapport fra kommunene",
        as_=ING,
        now=W,
        lang="nb",
    ),
    row(
        "hva skjer i helgen",
        ("Fagsamling velferdsteknologi", "Rapportering velferdsteknologi"),
        "Budsjettinnspill",
        as_=ING,
        now=W,
        lang="nb",
    ),
    row("har fristen for kartlegging av skytjenester gått ut?", ("gikk ut", "kl. 08.00"), as_=ING, now=W, lang="nb"),
    row("har fristen for innspill til handlingsplan gått ut", "15.00", "gikk ut", as_=ING, now=W, lang="nb"),
    row("når er fristen for årsrapporten", "torsdag 31. desember 2026 kl. 23.59", as_=ING, now=W, lang="nb"),
    row(
        "når er fristen for søknad om skjønnsmidler",
        "fredag 11. desember 2026 kl. 23.59",
        "22.59",
        as_=ING,
        now=W,
        lang="nb",
    ),
    row("hvor lang tid er det til fristen for årsrapporten", "om 22 dager", as_=ING, now=W, lang="nb"),
    row(
        "how long until the deadline for the annual report",
        ("in 22 days", "Årsrapport"),
        "Rapportering",
        as_=EMILY,
        now=W,
        lang="en",
    ),
    row("hvem er kontaktperson for høringen om personvernombud", "Silje Dahl", as_=ING, now=W, lang="nb"),
    row(
        "når er neste møte i styringsgruppa",
        ("onsdag 13. januar 2027 kl. 10.00", "Mo i Rana"),
        ("16. desember", "2. desember", "Ekstra"),
        as_=ING,
        now=W,
        lang="nb",
    ),
    row("når er neste styringsgruppemøte", "13. januar 2027", ("16. desember", "Ekstra"), as_=ING, now=W, lang="nb"),
    row("kva er neste møte i styringsgruppa", "13. januar 2027", "16. desember", as_=TOR, now=W, lang="nn"),
    row(
        "when is the next meeting of the steering group",
        "13 January 2027 at 10:00",
        "16 December",
        as_=EMILY,
        now=W,
        lang="en",
    ),
    row("when is the next meeting", "10 December 2026", "16 December", as_=EMILY, now=W, lang="en"),
    row("hvor er neste møte i styringsgruppa", "Mo i Rana, Rana rådhus", "Brønnøy rådhus", as_=ING, now=W, lang="nb"),
    row(
        "hva er agendaen for neste møte i styringsgruppa",
        ("Handlingsplan 2027", "Budsjett for sak og arkiv"),
        "16. desember",
        as_=ING,
        now=W,
        lang="nb",
    ),
    row(
        "møter neste uke",
        ("Det er ingen møter neste uke", "Avlyst: onsdag 16. desember"),
        "Neste møte i Styringsgruppa",
        as_=ING,
        now=W,
        lang="nb",
    ),
    row(
        "hvilke møter er det i desember",
        ("Koordinatorforum desember", "Fagsamling velferdsteknologi"),
        ("Ekstra styringsgruppemøte", "Styringsgruppemøte desember"),
        as_=ING,
        now=W,
        lang="nb",
    ),
    row("når var forrige møte i styringsgruppa", "2. desember 2026", "16. desember", as_=ING, now=W, lang="nb"),
    row("møter i morgen", ("Koordinatorforum desember", "13.00"), as_=ING, now=W, lang="nb"),
    row("neste møte i koordinatorforum", "torsdag 10. desember 2026 kl. 13.00–15.00", as_=HANNE, now=W, lang="nb"),
    row(
        "har jeg noen frister denne uka",
        ("Søknad om skjønnsmidler 2027", "Rapportering velferdsteknologi"),
        "Meld deltakere",
        as_=KJELL,
        now=W,
        lang="nb",
    ),
    row(
        "mine frister de neste to ukene",
        ("Meld deltakere til fagdag om KI", "Høring om felles personvernombud"),
        "Søknad om skjønnsmidler",
        as_=HANNE,
        now=W,
        lang="nb",
    ),
    row(
        "my deadlines this week",
        ("Meld deltakere", "Rapportering velferdsteknologi"),
        "Søknad om skjønnsmidler",
        as_=EMILY,
        now=W,
        lang="en",
    ),
    row(
        "frister for velferdsprosjektet",
        ("Rapportering velferdsteknologi", "ROS-analyse"),
        "Årsrapport",
        as_=ING,
        now=W,
        lang="nb",
    ),
    row(
        "frister idag",
        ("Svar på kartlegging av skytjenester", "Innspill til handlingsplan"),
        as_=ING,
        now="2026-12-09T07:00",
        lang="nb",
    ),
    row("fristr denne uka", "Rapportering velferdsteknologi", "Budsjettinnspill", as_=ING, now=W, lang="nb"),
    row("hvilke frsiter er det neste uke", "Budsjettinnspill sak og arkiv", "Rapportering", as_=ING, now=W, lang="nb"),
    row("frister i går", (), "Innspill til handlingsplan", as_=ING, now=W, lang="nb"),
    row(
        "hvilke frister har gått ut",
        ("Svar på kartlegging av skytjenester", "Kartlegging av IKT-kompetanse"),
        "Innspill til handlingsplan 2027",
        as_=ING,
        now=W,
        lang="nb",
    ),
    row(
        "hva skjer i dag",
        ("Spørreundersøkelse om ROS-arbeid", "søndag 25. oktober 2026 kl. 23.00"),
        "Innspill til beredskapsplan",
        as_=ING,
        now=SUN,
        lang="nb",
    ),
    row(
        "frister i morgen",
        ("Innspill til beredskapsplan", "mandag 26. oktober 2026 kl. 09.00"),
        "ROS-arbeid",
        as_=ING,
        now=SUN,
        lang="nb",
    ),
    row("frister denne uka", "Spørreundersøkelse om ROS-arbeid", "beredskapsplan", as_=ING, now=SUN, lang="nb"),
    row("frister neste uke", "Innspill til beredskapsplan", "ROS-arbeid", as_=ING, now=SUN, lang="nb"),
    row(
        "møter neste uke",
        ("Koordinatorforum ekstra", "mandag 26. oktober 2026 kl. 13.00"),
        "Koordinatorforum oktober",
        as_=ING,
        now=SUN,
        lang="nb",
    ),
    row("når var forrige koordinatorforum", "søndag 25. oktober 2026 kl. 10.00", as_=ING, now=SUN, lang="nb"),
    row(
        "neste møte i koordinatorforum", "Monday 26 October 2026 at 13:00", "25 October", as_=EMILY, now=SUN, lang="en"
    ),
    row("møter i dag", "Forrige møte", "Neste møte", as_=ING, now=SUN, lang="nb"),
    row("hva skjer i helgen", "Koordinatorforum oktober", as_=ING, now=SUN, lang="nb"),
    row(
        "møter i morgen",
        ("Koordinatorforum mars", "søndag 28. mars 2027 kl. 10.00–11.00"),
        "ROS-analyse",
        as_=ING,
        now=SAT,
        lang="nb",
    ),
    row("hva skjer i helgen", "Koordinatorforum mars", "Faggruppemøte om ROS-analyse", as_=ING, now=SAT, lang="nb"),
    row(
        "møter neste uke",
        ("Faggruppemøte om ROS-analyse", "mandag 29. mars 2027 kl. 10.00–11.30"),
        "Koordinatorforum mars",
        as_=ING,
        now=SAT,
        lang="nb",
    ),
    row("frister neste uke", "mandag 29. mars 2027 kl. 09.00", as_=ING, now=SAT, lang="nb"),
    row(
        "when is the next meeting of the faggruppe velferdsteknologi",
        "Monday 29 March 2027 at 10:00",
        as_=EMILY,
        now=SAT,
        lang="en",
    ),
    row("neste møte i koordinatorforum", "søndag 28. mars 2027 kl. 10.00", as_=HANNE, now=SAT, lang="nb"),
    row("når er fristen for ROS-analysen", "mandag 29. mars 2027 kl. 09.00", as_=ING, now=SAT, lang="nb"),
    row("frister i dag", ("Årsrapport fra kommunene", "kl. 23.59"), "nettbrett", as_=ING, now=NYE, lang="nb"),
    row(
        "frister i morgen",
        ("Bestilling av nettbrett til skolene", "fredag 1. januar 2027 kl. 00.30"),
        "Årsrapport",
        as_=ING,
        now=NYE,
        lang="nb",
    ),
    row(
        "møter i januar",
        ("Faggruppemøte velferdsteknologi", "Styringsgruppemøte januar"),
        "Koordinatorforum mars",
        as_=ING,
        now=NYE,
        lang="nb",
    ),
    row(
        "frister i januar",
        ("Bestilling av nettbrett", "Evaluering av DigiOppvekst"),
        "Årsrapport",
        as_=ING,
        now=NYE,
        lang="nb",
    ),
    row(
        "frister neste måned",
        ("Bestilling av nettbrett", "Evaluering av DigiOppvekst"),
        "Årsrapport",
        as_=ING,
        now=NYE,
        lang="nb",
    ),
    row("frister denne uka", ("Årsrapport fra kommunene", "Bestilling av nettbrett"), as_=ING, now=NYE, lang="nb"),
    row("frister etter nyttår", "Bestilling av nettbrett", "Årsrapport", as_=ING, now=NYE, lang="nb"),
    row("neste møte i styringsgruppa", "13. januar 2027", as_=ING, now=NYE, lang="nb"),
    row("frister neste år", ("Bestilling av nettbrett", "ROS-analyse"), "Årsrapport", as_=ING, now=NYE, lang="nb"),
    row("what deadlines are there this year", "Årsrapport", "nettbrett", as_=EMILY, now=NYE, lang="en"),
    row(
        "frister denne uka",
        ("Innspill til regional plan for digitalisering", "fredag 19. juni 2026 kl. 12.00"),
        as_=ING,
        now=SUM,
        lang="nb",
    ),
    row("neste møte i styringsgruppa", "onsdag 17. juni 2026 kl. 10.00–12.00", as_=ING, now=SUM, lang="nb"),
    row("møter denne veka", "17. juni 2026 kl. 10.00", as_=TOR, now=SUM, lang="nn"),
    row("deadlines this week", "Friday 19 June 2026 at 12:00", as_=DAVID, now=SUM, lang="en"),
    row("frister i juni", "Innspill til regional plan", as_=ING, now=SUM, lang="nb"),
    row("frister i juli", "Det er ingen frister", as_=ING, now=SUM, lang="nb"),
    row("fristar i dag", "(gått ut)", as_=MARIT, now=W, lang="nn"),
    row("deadlines today", "15:00", as_=MARIT, now=W, lang="en"),
    row("kva skjer i morgon", "Koordinatorforum desember", as_=SILJE, now=W, lang="nn"),
    row("neste mote i styringsgruppa", "13. januar 2027", "16. desember", as_=HANNE, now=W, lang="nb"),
    row("nar er neste styringsgruppemote", "13. januar 2027", "16. desember", as_=HANNE, now=W, lang="nb"),
    row(
        "frister de neste 2 ukene",
        "Høring om felles personvernombud",
        "Påmelding til vårsamlingen",
        as_=HANNE,
        now=W,
        lang="nb",
    ),
    row(
        "hva skjer de neste to ukene",
        ("Høring om felles personvernombud", "Koordinatorforum desember"),
        ("Påmelding til vårsamlingen", "Ekstra styringsgruppemøte"),
        as_=ING,
        now=W,
        lang="nb",
    ),
    row("frister mellom jul og nyttår", "Årsrapport", "nettbrett", as_=ING, now=W, lang="nb"),
    row("frister i romjula", "Årsrapport", "nettbrett", as_=ING, now=W, lang="nb"),
    row(
        "deadlines before christmas",
        "Høring om felles personvernombud",
        "Påmelding til vårsamlingen",
        as_=EMILY,
        now=W,
        lang="en",
    ),
    row("any deadlines after new year", "Bestilling av nettbrett", "Årsrapport", as_=EMILY, now=W, lang="en"),
    row("frister på fredag", "Søknad om skjønnsmidler 2027", as_=ING, now=W, lang="nb"),
    row("frister på søndag", "Rapportering velferdsteknologi", as_=ING, now=W, lang="nb"),
    row("frister mandag", "Budsjettinnspill sak og arkiv", as_=ING, now=W, lang="nb"),
    row("frister 24. desember", "Påmelding til vårsamlingen", "personvernombud", as_=ING, now=W, lang="nb"),
    row(
        "frister til og med 23. desember",
        "Høring om felles personvernombud",
        "Påmelding til vårsamlingen",
        as_=ING,
        now=W,
        lang="nb",
    ),
    row("frister i uke 51", "Budsjettinnspill sak og arkiv", ("Påmelding", "Høring"), as_=ING, now=W, lang="nb"),
    row(
        "frister i uke 52",
        ("Påmelding til vårsamlingen", "Høring om felles"),
        ("nettbrett", "Årsrapport"),
        as_=ING,
        now=W,
        lang="nb",
    ),
    row("frister i uke 53", ("Årsrapport", "Bestilling av nettbrett"), as_=ING, now=W, lang="nb"),
    row("frister i overmorgen", "Søknad om skjønnsmidler", as_=ING, now=W, lang="nb"),
    row("hvor mange dager er det til fristen for personvernombud", "23. desember 2026", as_=ING, now=W, lang="nb"),
    row("er det noen møter i helga", "Fagsamling velferdsteknologi", as_=SILJE, now=W, lang="nn"),
    row("when is the next steering group meeting", "13 January 2027", "16 December", as_=DAVID, now=W, lang="en"),
    row("møter 16. desember", ("Avlyst", "Ekstra styringsgruppemøte"), as_=ING, now=W, lang="nb"),
    row("fristen for påmelding til vårsamlingen", "torsdag 24. desember 2026 kl. 00.30", as_=ING, now=W, lang="nb"),
    row("hva er fristen for nettbrett", "fredag 1. januar 2027 kl. 00.30", as_=ING, now=W, lang="nb"),
    row("who is the contact for the tablet order", "Hanne Løvold", as_=EMILY, now=W, lang="en"),
    row("deadlines in december", "Årsrapport", "Bestilling av nettbrett", as_=DAVID, now=W, lang="en"),
    row("deadlines next month", "Bestilling av nettbrett", "Årsrapport", as_=DAVID, now=W, lang="en"),
    row("deadlines this month", "Årsrapport", "Bestilling av nettbrett", as_=DAVID, now=W, lang="en"),
    row("meetings this week", "Koordinatorforum desember", "Ekstra", as_=DAVID, now=W, lang="en"),
    row(
        "upcoming deadlines",
        "Innspill til handlingsplan 2027",
        "Svar på kartlegging av skytjenester",
        as_=DAVID,
        now=W,
        lang="en",
    ),
    row(
        "kommende frister",
        "Meld deltakere",
        "Innspill til handlingsplan 2027",
        as_=ING,
        now="2026-12-09T15:30",
        lang="nb",
    ),
    row("neste frist", "Innspill til handlingsplan 2027", "Svar på kartlegging", as_=ING, now=W, lang="nb"),
    row("hva skjer i morgen", "Koordinatorforum mars", as_=TOR, now=SAT, lang="nn"),
    row("frister de neste 7 dagene", "Budsjettinnspill", "personvernombud", as_=ING, now=W, lang="nb"),
    row(
        "frister de neste 3 dagene",
        "Søknad om skjønnsmidler",
        "Rapportering velferdsteknologi",
        as_=ING,
        now=W,
        lang="nb",
    ),
    row(
        "frister i går",
        ("Innspill til handlingsplan 2027", "Svar på kartlegging"),
        "Meld deltakere",
        as_=ING,
        now="2026-12-10T09:00",
        lang="nb",
    ),
    row(
        "deadlines yesterday",
        "Innspill til handlingsplan 2027",
        "Meld deltakere",
        as_=EMILY,
        now="2026-12-10T09:00",
        lang="en",
    ),
    row(
        "møter forrige uke",
        ("Styringsgruppemøte desember", "2. desember 2026"),
        "Koordinatorforum desember",
        as_=ING,
        now=W,
        lang="nb",
    ),
    row(
        "frister om to uker",
        ("Høring om felles personvernombud", "Påmelding til vårsamlingen"),
        ("Rapportering", "Årsrapport"),
        as_=ING,
        now=W,
        lang="nb",
    ),
    row("deadlines in two weeks", "Høring om felles personvernombud", "Rapportering", as_=EMILY, now=W, lang="en"),
    row("møter om 2 dager", "Fagsamling velferdsteknologi", as_=ING, now="2026-12-10T09:00", lang="nb"),
    row("frister neste helg", "Det er ingen frister neste helg", "ROS-arbeid", as_=ING, now=SUN, lang="nb"),
    row("når er fristen for handlingsplanen", "i dag, om 5 timer", as_=ING, now=W, lang="nb"),
    row("når gikk fristen for kartlegging av skytjenester ut", "i dag, for 2 timer siden", as_=ING, now=W, lang="nb"),
    row(
        "frister i dag",
        (
            "Svar på kartlegging av skytjenester (kontakt: Ingrid Sandnes) (gått ut)",
            "Innspill til handlingsplan 2027 (kontakt: Kjell Mo) (gått ut)",
        ),
        as_=ING,
        now="2026-12-09T16:00",
        lang="nb",
    ),
    row("when does the steering group meet next", "13 January 2027", "16 December", as_=EMILY, now=W, lang="en"),
    row("når møtes styringsgruppa", "13. januar 2027", "16. desember", as_=ING, now=W, lang="nb"),
    row("hvem er leder av styringsgruppa", "Kjell Mo", "13. januar", as_=ING, now=W, lang="nb"),
    row("hvem sitter i koordinatorforum", "Emily Carter", "10. desember", as_=ING, now=W, lang="nb"),
]


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def chat(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Chat]:
    chat = await Chat.start(tmp_path_factory.mktemp("helgeland"), "tests/fixtures/network_helgeland.yaml")
    yield chat
    await chat.close()


def test_the_table_is_large_enough() -> None:
    assert len(TABLE) >= 50
    assert len({(r.question, r.as_, r.now) for r in TABLE}) == len(TABLE)


@in_module_loop
@pytest.mark.parametrize("case", TABLE, ids=lambda r: f"{r.question} [{r.as_.split('@')[0]} {r.now}]")
async def test_question(chat: Chat, case: Row) -> None:
    await check_answer(chat, case, W)
