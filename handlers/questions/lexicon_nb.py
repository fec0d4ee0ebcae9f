"""The bokmål lexicon: every word the question engine knows in bokmål, as people type it (æøå or not).

Words shared with nynorsk are listed in both lexicons. lexicon.py merges the three languages (nb, nn, en);
a word or phrase may be listed for several concepts. Phrases of several words are separated by "|".
"""

from __future__ import annotations

CONCEPTS: dict[str, str] = {
    "role:chief_executive": (
        "kommunedirektør kommunedirektøren kommunedirektører kommunedirektørene kommunedirektørs rådmann "
        "rådmannen rådmenn rådmennene rådkvinne rådmanns administrasjonssjef administrasjonssjefen "
        "administrasjonssjefer fylkesdirektør fylkesdirektøren fylkesrådmann fylkesrådmannen direktør direktøren "
        "kommunaldirektør toppleder"),
    "role:coordinator": (
        "koordinator koordinatoren koordinatorer koordinatorene digitaliseringskoordinator "
        "digitaliseringskoordinatoren digitaliseringskoordinatorer kontaktkoordinator koordinerer"),
    "role:ict_lead": (
        "iktleder iktsjef itsjef itleder ikt-ansvarlig|ikt leder|ikt lederen|ikt ledere|ikt sjef|ikt sjefen|"
        "it sjef|it sjefen|it leder|it lederen|ikt ansvarlig|it ansvarlig|ikt direktør|it direktør"),
    "role:secretariat": (
        "sekretariat sekretariatet sekretariatets sekretariatleder sekretariatsleder programkontor programkontoret "
        "programkontorets programkontorer prosjektkontor prosjektkontoret|sekretariatet sitt"),
    "role:project_leader": "prosjektleder prosjektlederen prosjektledere prosjektlederne prosjektansvarlig",
    "topic:project": (
        "prosjekt prosjekter prosjektet prosjektene prosjekts prosjektportefølje portefølje porteføljen tiltak "
        "tiltakene initiativ"),
    "topic:deadline": (
        "frist fristen frister fristene svarfrist svarfristen tidsfrist innleveringsfrist fristdato"),
    "topic:meeting": (
        "møte møtet møter møtene møtes samling samlingen møtedato møteplan møteplanen innkalling innkallingen"),
    "topic:group": "gruppe gruppa gruppen grupper gruppene utvalg utvalget komité komiteen forum",
    "topic:org": "organisasjon organisasjonen organisasjoner organisasjonene aktør aktører deltakerkommuner",
    "topic:person": "person personen personer folk kontaktinfo",
    "topic:network": "nettverk nettverket nettverks samarbeid samarbeidet",
    "kind:municipality": (
        "kommune kommunen kommuner kommunene kommunes medlemskommune medlemskommuner medlemskommunene "
        "deltakerkommuner"),
    "kind:county": "fylkeskommune fylkeskommunen fylkeskommuner fylke fylket",
    "kind:ks": "ks",
    "kind:state": "statsforvalter statsforvalteren fylkesmann fylkesmannen stat staten",
    "status:member": (
        "medlem medlemmer medlemmene medlemskommune medlemskommuner medlemskommunene medlemskap|fortsatt med|"
        "fremdeles med|fortsatt medlem|fremdeles medlem"),
    "status:invited": "invitert inviterte invitasjon",
    "status:observer": "observatør observatøren observatører observatørstatus",
    "status:former": (
        "tidligere utmeldt utmeldte utmelding sluttet|meldt seg ut|meldte seg ut|meldt ut|meldte ut|"
        "melde seg ut|meldt oss ut|meldt seg ut av|gått ut av|gikk ut av|ikke med lenger|ikke lenger med|"
        "ikke med lengre|ikke lengre med"),
    "pstatus:active": "aktiv aktive aktivt pågående igangsatte",
    "pstatus:planned": "planlagt planlagte kommende",
    "pstatus:completed": "avsluttet avsluttede ferdig ferdige fullført fullførte",
    "pstatus:paused": "pause pauset stoppet stanset|satt på vent",
    "attr:population": (
        "innbygger innbyggere innbyggerne innbyggertall folketall befolkning befolkningen bor stor store "
        "størrelse|hvor stor|flest innbyggere|flere innbyggere"),
    "attr:region": "region regionen regioner regionene område området delregion ligger|hører til",
    "attr:status": "status statusen tilstand",
    "attr:start": "starter start starte begynner begynte oppstart|sette i gang|sett i gang",
    "attr:end": "slutter slutt avsluttes sluttdato|ferdig med",
    "attr:joined": "innmeldt innmelding|ble med|gikk inn|medlem siden|kom med",
    "attr:fee": (
        "kontingent kontingenten medlemsavgift medlemsavgiften avgift avgiften bidrag bidraget bidrar tilskudd "
        "tilskuddet betale betaler betalt koste koster kostnad kostnaden kostnader årsavgift årskontingent pris "
        "prisen"),
    "attr:owner": "eier eieren eiere prosjekteier prosjekteieren ansvarlig ansvar|står bak",
    "attr:lead": "leder lederen leier ledes styrer driver ledelse ledelsen",
    "attr:chair": "leder styreleder møteleder ordstyrer|ledet av|ledes av",
    "attr:participants": (
        "deltaker deltakere deltakerne deltar deltok involvert involverte samarbeider|er med|er med i|med på"),
    "attr:members": "medlemmer medlemmene sitter består|er med i|sitter i|består av",
    "attr:description": "beskrivelse handler formål mål målet innhold|går ut på|gaar ut pa",
    "attr:agenda": "agenda agendaen dagsorden dagsordenen sakliste saksliste sakslista saklista saker sakene",
    "attr:where": "sted stedet lokale lokalet adresse",
    "attr:when": "når tidspunkt dato datoen klokka klokken",
    "attr:contact": (
        "kontakt kontakten kontaktperson kontaktpersonen kontaktpersoner kontakte ringe ansvarlig spørre"),
    "attr:phone": (
        "telefon telefonen telefonnummer telefonnummeret nummer nummeret tlf mobil mobilen mobilnummer "
        "mobilnummeret"),
    "attr:email": "epost eposten mail mailen epostadresse|e post|e postadresse",
    "attr:title": "tittel tittelen stilling stillingen jobb rolle rollen roller",
    "attr:url": "lenke lenken link videolenke møtelenke teams zoom",
    "q:count": "antall|hvor mange",
    "q:sum": "totalt samlet sammenlagt|til sammen|i alt",
    "q:most": "flest størst største mest høyest|flest innbyggere",
    "q:least": "færrest minst minste lavest",
    "q:compare": "større storre mindre enn færre|flere innbyggere",
    "q:list": "hvilke hvilken hvilket liste lista oversikt alle|vis meg",
    "q:who": "hvem",
    "ref:me": "meg mine min mitt|jeg",
    "ref:us": "vi oss vår vårt våre|hos oss|kommunen vår|kommunen min",
    "time:next": "neste førstkommende kommende nærmeste snart fremtidige",
    "time:prev": (
        "forrige utløpt utløpte utgått passert passerte|sist|gått ut|gikk ut|har gått|er over|var over|"
        "gått glipp|gikk glipp|glipp"),
}

# Words that carry no meaning for matching but must never be taken for names either.
STOPWORDS = (
    "er var blir ble bli være har hadde ha i på paa for av til med om og eller men den det de dem en et ett som "
    "at kan skal vil ville må mått kunne skulle hva hvem hvordan hvor hvorfor sin sitt sine si hans hennes deres "
    "hos ved fra fram opp ned ut inn over under etter mellom mot uten noen noe ingen ikke jo da nå så sa også ogso "
    "bare kun gjerne takk hei hallo heisann god morgen dag kveld snill vennligst venligst gi vis fortell si finn "
    "finne finnes fins vet vite kjenner lurer lurte spør spørsmål trenger ønsker mye lenge dere du deg egentlig "
    "akkurat fortsatt ennå stadig allerede bestemt visst enkelte dette denne disse her der dit hit slik sånn hvis "
    "dersom når per pr mange få fått gang ganger kommer gjelder angår andre annen annet alt hele ja nei ok "
    "okei skjer hender fremover framover gjenstående står stå igjen jobber jobbe arbeider arbeide ansatt ansatte"
)

# Named word lists (periods and words that shape a question); lexicon.py merges them by name.
WORDS: dict[str, str] = {
    "day": "dag dager dagene døgn",
    "week": "uke uker ukene uka uken",
    "month": "måned måneder månedene måneden",
    "year": "år året årene",
    "this": "denne dette inneværende",
    "next": "neste kommende følgende nærmeste",
    "previous": "forrige sist siste",
    "in": "om",
    "before": "før innen",
    "after": "etter",
    "from": "fra",
    "between": "mellom",
    "the": "de i løpet av",
    "and": "og til eller",
    "until": "og til",
    "within": "innen",
    "lead_in": "i på for",
    "christmas": "jul julen jula",
    "weekend": "helg helga helgen",
    "romjul": "romjul romjula romjulen",
    "new_year": "nyttår nyttåret årsskiftet årsskifte",
    "today": "idag",
    "tomorrow": "imorgen",
    "yesterday": "igår igaar",
    "after_i:today": "dag kveld",
    "after_i:tomorrow": "morgen",
    "after_i:day_after": "overmorgen",
    "after_i:yesterday": "gar gaar",
    "short_months": "mar des sep jan okt",
    "prepositions": "i på for til hos fra om",
    "locative": "i på",
    "name_after": "",
    "org_name_after": "er betaler har ble blir",  # "hva betaler søgne", "er songdalen medlem"
    "todo": "svare levere gjøre rekke sende",
    "orgs_plural": "kommuner kommunene medlemmer medlemmene medlemskommuner medlemskommunene organisasjoner",
    "meeting_endings": "møte møtet møter møtene samling samlingen",
    "ago": "siden",
    "easter": "påske påsken påskeferien påskeferie påskeuka påskehelga",
    "at_holiday": "i over",
    "quarter": "kvartal kvartalet kvartalene kvartaler",
    "season_lead": "i til neste denne om over kommende",
    "spring": "vår våren",
    "summer": "sommer sommeren",
    "summer_holiday": "sommerferien|sommerferie|fellesferien|fellesferie",
    "past_tense": "var hadde skjedde",
    "autumn": "høst høsten",
    "winter": "vinter vinteren",
    "year_end": (
        "innen utgangen av året|før utgangen av året|innen årets slutt|før årets slutt|innen årsslutt|"
        "før årsslutt|resten av året|ut året|til årsskiftet|frem til nyttår|fram til nyttår|frem til årsskiftet|"
        "fram til årsskiftet"),
}

NUMBERS: dict[str, int] = {
    "en": 1, "ett": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6, "sju": 7, "syv": 7, "åtte": 8, "ni": 9,
    "ti": 10, "elleve": 11, "tolv": 12, "fjorten": 14, "femten": 15, "tjue": 20, "tyve": 20, "tretti": 30,
    "tredve": 30, "par": 2,
}
ORDINALS: dict[str, int] = {"1": 1, "første": 1, "2": 2, "andre": 2, "3": 3, "tredje": 3, "4": 4, "fjerde": 4}
# What people type for months besides the names messages/formatting.py writes.
MONTH_SHORT: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "aug": 8, "sept": 9, "sep": 9, "okt": 10, "nov": 11,
    "des": 12,
}


# Command words: the first word of a message that names a command rather than asking a question
# (handlers/app.py routes them; `lexicon.command_words` merges the languages).
COMMANDS: dict[str, str] = {
    "help": "hjelp ?",
    "calendar": "kalender kalenderlenke",
    "report": "rapport",
    "announcements": "kunngjøringer",
    "announce": "kunngjøring",
    "survey": "undersøkelse",
    "answer": "svar",
    "status": "status",
    "yes": "ja",
    "no": "nei",
    "unsure": "usikker",
}
