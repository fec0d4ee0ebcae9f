"""The nynorsk lexicon: every word the question engine knows in nynorsk, as people type it (æøå or not).

Words shared with bokmål are listed in both lexicons. lexicon.py merges the three languages (nb, nn, en);
a word or phrase may be listed for several concepts. Phrases of several words are separated by "|".
"""

from __future__ import annotations

CONCEPTS: dict[str, str] = {
    "role:chief_executive": (
        "kommunedirektør kommunedirektøren kommunedirektørar kommunedirektørane kommunedirektørs rådmann "
        "rådmannen rådmenn rådmennane rådmenna rådkvinne rådmanns administrasjonssjef administrasjonssjefen "
        "administrasjonssjefar fylkesdirektør fylkesdirektøren fylkesrådmann fylkesrådmannen direktør direktøren "
        "kommunaldirektør toppleiar"),
    "role:coordinator": (
        "koordinator koordinatoren koordinatorar koordinatorane digitaliseringskoordinator "
        "digitaliseringskoordinatoren digitaliseringskoordinatorar kontaktkoordinator koordinerar"),
    "role:ict_lead": (
        "iktleiar iktsjef itsjef itleiar ikt-ansvarleg|ikt leiar|ikt leiaren|ikt leiarar|ikt sjef|ikt sjefen|"
        "it sjef|it sjefen|it leiar|it leiaren|ikt ansvarleg|it ansvarleg|ikt direktør|it direktør"),
    "role:secretariat": (
        "sekretariat sekretariatet sekretariatsleiar programkontor programkontoret prosjektkontor "
        "prosjektkontoret|sekretariatet sitt"),
    "role:project_leader": "prosjektleiar prosjektleiaren prosjektleiarar prosjektleiarane prosjektansvarleg",
    "topic:project": (
        "prosjekt prosjekta prosjektet prosjekts prosjektportefølje portefølje porteføljen tiltak tiltaka "
        "initiativ"),
    "topic:deadline": "frist fristen fristar fristane svarfrist svarfristen tidsfrist innleveringsfrist fristdato",
    "topic:meeting": (
        "møte møtet møta møtast samling samlinga møtedato møteplan møteplanen innkalling innkallinga"),
    "topic:group": "gruppe gruppa grupper gruppene gruppane utval utvalet komité komiteen forum",
    "topic:org": "organisasjon organisasjonen organisasjonar organisasjonane aktør aktørar deltakarkommunar",
    "topic:person": "person personen personar folk kontaktinfo",
    "topic:network": "nettverk nettverket nettverks samarbeid samarbeidet",
    "kind:municipality": (
        "kommune kommunen kommunar kommunane kommunes medlemskommune medlemskommunar medlemskommunane "
        "deltakarkommunar"),
    "kind:county": "fylkeskommune fylkeskommunen fylkeskommunar fylke fylket",
    "kind:ks": "ks",
    "kind:state": "statsforvaltar statsforvaltaren fylkesmann fylkesmannen stat staten",
    "status:member": (
        "medlem medlemar medlemane medlemmane medlemskommune medlemskommunar medlemskommunane medlemskap|"
        "framleis med|fortsatt med|framleis medlem"),
    "status:invited": "invitert inviterte invitera invitasjon",
    "status:observer": "observatør observatøren observatørar observatørane observatørstatus",
    "status:former": (
        "tidlegare utmeldt utmelde utmelding slutta|meldt seg ut|meldte seg ut|meldt ut|meldte ut|melde seg ut|"
        "meldt oss ut|meldt dei ut|meldt seg ut av|gått ut av|gjekk ut av|ikkje med lenger|ikkje lenger med"),
    "pstatus:active": "aktiv aktive aktivt pågåande igangsatte",
    "pstatus:planned": "planlagt planlagde kommande",
    "pstatus:completed": "avslutta ferdig ferdige fullført fullførte",
    "pstatus:paused": "pause pausa stansa|satt på vent",
    "attr:population": (
        "innbyggjar innbyggjarar innbyggjarane innbyggjartal folketal befolkning befolkninga bur stor store "
        "storleik|kor stor|flest innbyggjarar|fleire innbyggjarar"),
    "attr:region": "region regionen regionar regionane område området delregion ligg|høyrer til",
    "attr:status": "status statusen stoda tilstand",
    "attr:start": "startar start starta byrjar byrja oppstart|sette i gang|sett i gang",
    "attr:end": "sluttar slutt avsluttast sluttdato|ferdig med",
    "attr:joined": "innmeldt innmelding|vart med|gjekk inn|medlem sidan|kom med",
    "attr:fee": (
        "kontingent kontingenten medlemsavgift medlemsavgifta avgift avgifta bidrag bidraget bidrar tilskot "
        "tilskotet betale betalar betalt betala koste kostar kostnad kostnaden kostnader årsavgift årskontingent "
        "pris prisen"),
    "attr:owner": "eigar eigaren eigarar eig eiger prosjekteigar prosjekteigaren ansvarleg ansvar|står bak|stand bak",
    "attr:lead": "leiar leiaren leier leda leiast styrer leiing",
    "attr:chair": "leiar styreleiar møteleiar ordstyrer|leia av|vert leia",
    "attr:participants": "deltakar deltakarar deltakarane deltek deltok involvert involverte|er med|er med i|med på",
    "attr:members": "medlemar medlemane medlemmane sit består|er med i|sit i|består av",
    "attr:description": "beskrivinga skildring handlar føremål mål målet innhald|går ut på",
    "attr:agenda": "agenda agendaen sakliste saklista saker sakene sakane",
    "attr:where": "stad staden lokale lokalet adresse",
    "attr:when": "når tidspunkt dato datoen klokka",
    "attr:contact": "kontakt kontakten kontaktperson kontaktpersonen kontaktpersonar kontakta ringe ringa spørre",
    "attr:phone": (
        "telefon telefonen telefonnummer telefonnummeret nummer nummeret tlf mobil mobilen mobilnummer "
        "mobilnummeret"),
    "attr:email": "epost eposten mail mailen epostadresse|e post|e postadresse",
    "attr:title": "tittel tittelen stilling stillinga jobb rolle rollen roller",
    "attr:url": "lenke lenka link videolenke møtelenke teams zoom",
    "q:count": "antal|kor mange|talet på|tal på",
    "q:sum": "totalt samla samanlagt|til saman|i alt",
    "q:most": "flest størst største mest høgast|flest innbyggjarar",
    "q:least": "færrest minst minste lågast",
    "q:compare": "større mindre enn færre|fleire innbyggjarar",
    "q:list": "liste lista oversikt alle|kva for|vis meg",
    "q:who": "kven",
    "ref:me": "meg mine min mitt mæ|eg",
    "ref:us": "vi oss vår vårt våre|hos oss|kommunen vår|kommunen min",
    "time:next": "neste fyrstkomande komande næraste snart framtidige",
    "time:prev": (
        "førre utløpt utgått passert|sist|sidan sist|gått ut|gjekk ut|har gått|er over|var over|gått glepp|"
        "gjekk glepp|glepp"),
}

# Words that carry no meaning for matching but must never be taken for names either.
STOPWORDS = (
    "er var vart vert blir vere har hadde ha i på for av til med om og eller men den det dei dem ein eit ett som "
    "at kan skal vil ville må kunne skulle kva kven korleis kor kvar kvifor korfor sin sitt sine si hans hennar "
    "deira hos ved frå fram opp ned ut inn over under etter mellom mot utan nokon noko inga ikkje jo då no så "
    "òg berre kun gjerne takk hei hallo god dag kveld gje vis fortel seie sei finn finne finst veit veta "
    "kjenner lurer spør spørsmål treng ønskjer mykje lenge dykk du deg eigentleg akkurat framleis enno stadig "
    "allereie bestemt visst nokre dette denne desse her der dit hit slik sånn viss dersom når per pr mange få "
    "fått kjem gjeld andre anna alt heile ja nei ok okei skjer hender framover attståande står "
    "stå igjen jobbar jobbe arbeidar arbeide tilsett tilsette"
)

# Named word lists (periods and words that shape a question); lexicon.py merges them by name.
WORDS: dict[str, str] = {
    "day": "dag dagar dagane døgn",
    "week": "veke veker vekene veka",
    "month": "månad månader månadene månaden",
    "year": "år året åra",
    "this": "denne dette inneverande",
    "next": "neste komande følgjande næraste nærmaste",
    "previous": "førre sist siste",
    "in": "om",
    "before": "før innan",
    "after": "etter",
    "from": "frå",
    "between": "mellom",
    "the": "dei i løpet av",
    "and": "og til eller",
    "until": "og til",
    "within": "innan",
    "lead_in": "i på for",
    "christmas": "jul jula",
    "weekend": "helg helga",
    "romjul": "romjul romjula",
    "new_year": "nyttår nyttåret årsskiftet årsskifte",
    "today": "idag",
    "tomorrow": "imorgon",
    "yesterday": "igår",
    "after_i:today": "dag kveld",
    "after_i:tomorrow": "morgon",
    "after_i:day_after": "overmorgon",
    "after_i:yesterday": "gar",
    "short_months": "mar des sep jan okt",
    "prepositions": "i på for til hos frå om",
    "locative": "i på",
    "name_after": "",
    "org_name_after": "er betalar har vart blir",
    "todo": "svara levere gjere rekkje sende",
    "orgs_plural": "kommunar kommunane medlemar medlemane medlemskommunar medlemskommunane organisasjonar",
    "meeting_endings": "møte møtet møta samling samlinga",
    "ago": "sidan",
    "easter": "påske påska påskeferien påskeferie påskeuka påskehelga",
    "at_holiday": "i over",
    "quarter": "kvartal kvartalet kvartala",
    "season_lead": "i til neste denne om over komande",
    "spring": "vår våren",
    "summer": "sommar sommaren",
    "summer_holiday": "sommarferien|sommarferie|sommerferien|fellesferien|fellesferie",
    "past_tense": "var hadde skjedde",
    "autumn": "haust hausten",
    "winter": "vinter vinteren",
    "year_end": "innan utgangen av året|innan årets slutt|før årets slutt|resten av året|ut året|til årsskiftet|"
                "fram til nyttår|fram til årsskiftet",
}

NUMBERS: dict[str, int] = {
    "ein": 1, "eitt": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6, "sju": 7, "åtte": 8, "ni": 9, "ti": 10,
    "elleve": 11, "tolv": 12, "fjorten": 14, "femten": 15, "tjue": 20, "tretti": 30, "par": 2,
}
ORDINALS: dict[str, int] = {"1": 1, "fyrste": 1, "første": 1, "2": 2, "andre": 2, "3": 3, "tredje": 3, "4": 4,
                            "fjerde": 4}
# What people type for months besides the names messages/formatting.py writes.
MONTH_SHORT: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "aug": 8, "sept": 9, "sep": 9, "okt": 10, "nov": 11,
    "des": 12,
}


# Command words (see lexicon_nb.COMMANDS)
COMMANDS: dict[str, str] = {
    "help": "hjelp",
    "calendar": "kalender",
    "report": "rapport",
    "announcements": "kunngjeringar",
    "announce": "kunngjering",
    "survey": "undersøking",
    "answer": "svar",
    "status": "status",
    "yes": "ja",
    "no": "nei",
    "unsure": "usikker",
}
