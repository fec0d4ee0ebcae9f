"""The concept table of the lexicon: the words of questions, in bokmål, nynorsk and English, for each
concept, and the stop words. Part of lexicon.py (which holds the period, number, month and weekday words).

A concept is a short tag: "role:coordinator", "topic:deadline", "attr:population", "ref:me"...
Words are written as people type them, separated by spaces; phrases of several words are separated
by "|" ("chief executive|chief executives"). They are folded (æøå -> ASCII) when vocab.py loads them.
"""

from __future__ import annotations

CONCEPTS: tuple[tuple[str, str], ...] = (
    # --- roles ---
    ("role:chief_executive",
     "kommunedirektør kommunedirektøren kommunedirektører kommunedirektørar kommunedirektørane "
     "kommunedirektørene kommunedirektørs rådmann rådmannen rådmenn rådmennene rådmennane "
     "rådmenna rådkvinne rådmanns administrasjonssjef administrasjonssjefen administrasjonssjefar "
     "administrasjonssjefer ceo ceos fylkesdirektør fylkesdirektøren fylkesrådmann fylkesrådmannen "
     "direktør direktøren kommunaldirektør toppleder toppleiar executive executives chief cheif|chief executive|"
     "chief executives|"
     "chief executive officer|chief administrative officer|municipal director|chief officer|"
     "administrative head|city manager|town manager|head of administration"),
    ("role:coordinator",
     "koordinator koordinatoren koordinatorer koordinatorar koordinatorane koordinatorene "
     "digitaliseringskoordinator digitaliseringskoordinatoren digitaliseringskoordinatorar "
     "digitaliseringskoordinatorer coordinator coordinators kontaktkoordinator coordinates koordinerer "
     "koordinerar|"
     "digitalisation coordinator|digitalization coordinator|digital coordinator"),
    ("role:ict_lead",
     "iktleder iktleiar iktsjef itsjef itleder itleiar cio cto ikt-ansvarleg ikt-ansvarlig|"
     "ikt leder|ikt lederen|ikt leiar|ikt leiaren|ikt ledere|ikt leiarar|ikt sjef|ikt sjefen|it sjef|"
     "it sjefen|it leder|it lederen|it leiar|it leiaren|ikt ansvarlig|ikt ansvarleg|it ansvarlig|"
     "it ansvarleg|ict lead|ict leads|"
     "ict leader|ict manager|ict head|it lead|it manager|it leader|it head|head of it|head of ict|"
     "ikt direktør|it direktør|it director|ict director"),
    ("role:secretariat",
     "sekretariat sekretariatet sekretariatets sekretariatleder sekretariatsleder sekretariatsleiar "
     "secretariat secretariats programkontor programkontoret programkontorets programkontorer "
     "prosjektkontor prosjektkontoret|sekretariatet sitt|programme office|program office|project office"),
    ("role:project_leader",
     "prosjektleder prosjektlederen prosjektledere prosjektlederne prosjektleiar prosjektleiaren "
     "prosjektleiarar prosjektleiarane prosjektansvarlig prosjektansvarleg|project leader|project leaders|"
     "project manager|project managers|project lead|project leads"),
    # --- topics ---
    ("topic:project",
     "prosjekt prosjekter prosjekta prosjektet prosjektene prosjekts prosjektportefølje portefølje "
     "porteføljen project projects projekt tiltak tiltaka tiltakene initiativ"),
    ("topic:deadline",
     "frist fristen frister fristar fristane fristene svarfrist svarfristen tidsfrist innleveringsfrist "
     "deadline deadlines due fristdato frister"),
    ("topic:meeting",
     "møte møtet møter møta møtene møtes møtast samling samlinga samlingen meeting meetings meet meets "
     "møtedato møteplan møteplanen innkalling innkallinga innkallingen"),
    ("topic:group",
     "gruppe gruppa gruppen grupper gruppene gruppene grupper gruppane utvalg utvalget utval utvalet "
     "komité komiteen forum group groups committee committees board boards"),
    ("topic:org",
     "organisasjon organisasjonen organisasjoner organisasjonar organisasjonane organisasjonene "
     "organisation organisations organization organizations aktør aktører aktørar deltakarkommunar "
     "deltakerkommuner"),
    ("topic:person", "person personen personer personar folk people person persons kontaktinfo"),
    ("topic:network", "nettverk nettverket nettverks network samarbeid samarbeidet"),
    # --- kinds of organization ---
    ("kind:municipality",
     "kommune kommunen kommuner kommunar kommunane kommunene kommunes municipality municipalities "
     "municipal medlemskommune medlemskommuner medlemskommunar medlemskommunane medlemskommunene "
     "deltakerkommuner deltakarkommunar|member municipality|member municipalities"),
    ("kind:county", "fylkeskommune fylkeskommunen fylkeskommunar fylkeskommuner fylke fylket county counties"),
    ("kind:ks", "ks"),
    ("kind:state",
     "statsforvalter statsforvalteren statsforvaltar statsforvaltaren fylkesmann fylkesmannen stat staten state"),
    # --- statuses ---
    ("status:member",
     "medlem medlemmer medlemar medlemane medlemmene medlemmane medlemskommune medlemskommuner "
     "medlemskommunar medlemskommunane medlemskommunene member members membership medlemskap|"
     "member municipality|member municipalities|member organisations|member organizations"),
    ("status:invited", "invitert inviterte invitera invited invitation invitasjon"),
    ("status:observer", "observatør observatøren observatører observatørar observatørane observer observers "
     "observatørstatus"),
    ("status:former", "tidligere tidlegare former utmeldt utmelde utmelding utmeldte ex sluttet slutta|"
                      "meldt seg ut|meldte seg ut|meldt ut|meldte ut|melde seg ut|meldt oss ut|meldt dei ut|"
                      "meldt seg ut av|gått ut av|gikk ut av|gjekk ut av|left the network|have left|has left"),
    # --- project statuses ---
    ("pstatus:active", "aktiv aktive aktivt pågående pågåande igangsatte active ongoing running current"),
    ("pstatus:planned", "planlagt planlagte planlagde planned upcoming kommande kommende"),
    ("pstatus:completed", "avsluttet avsluttede avslutta ferdig ferdige fullført fullførte fullført "
     "completed finished done closed"),
    ("pstatus:paused", "pause pauset pausa stoppet stansa stanset paused halted hold|on hold|satt på vent"),
    # --- attributes ---
    ("attr:population",
     "innbygger innbyggere innbyggerne innbyggertall innbyggjar innbyggjarar innbyggjarane innbyggjartal "
     "folketall folketal befolkning befolkninga befolkningen population populations inhabitants residents "
     "citizens bor bur live lives living stor store størrelse storleik big large size|how big|kor stor|hvor stor|"
     "flest innbyggere|flest innbyggjarar|more inhabitants|flere innbyggere|fleire innbyggjarar"),
    ("attr:region", "region regionen regioner regionar regionane regionene område området delregion "
                    "subregion regions area ligger ligg located|sub region|hører til|høyrer til|belong to|"
                    "belongs to|part of"),
    ("attr:status", "status statusen stoda tilstand"),
    ("attr:start", "starter startar start starta starte begynner begynte byrjar byrja oppstart starts started "
                   "begins began begin|sette i gang|sett i gang"),
    ("attr:end", "slutter sluttar slutt avsluttes avsluttast ends ended finish finishes sluttdato|ferdig med"),
    ("attr:joined", "innmeldt innmelding joined join|ble med|vart med|gikk inn|gjekk inn|medlem siden|"
                    "medlem sidan|member since|since when|kom med"),
    ("attr:fee",
     "kontingent kontingenten medlemsavgift medlemsavgifta medlemsavgiften avgift avgifta avgiften bidrag "
     "bidraget bidrar tilskudd tilskot tilskotet tilskuddet betale betaler betalar betalt betala koste "
     "kostar koster kostnad kostnaden kostnader fee fees contribution contributions pay pays paying cost "
     "costs dues charge årsavgift årskontingent pris prisen|membership fee|annual fee|yearly fee"),
    ("attr:owner", "eier eieren eiere eigar eigaren eigarar eig eiger prosjekteier prosjekteieren "
                   "prosjekteigar prosjekteigaren owner owners owns own owned ownership ansvarlig ansvarleg "
                   "ansvar responsible|står bak|stand bak|behind"),
    ("attr:lead", "leder lederen leiar leiaren leier leiar leda ledes leiast leads lead leader leaders "
                  "leading led styrer heads head drives driver runs leiing ledelse ledelsen"),
    ("attr:chair", "chair chairs chairperson chairman chairwoman leiar leder styreleder styreleiar "
                   "møteleder møteleiar ordstyrer|led by|leia av|ledet av|ledes av|vert leia"),
    ("attr:participants",
     "deltaker deltakere deltakerne deltakar deltakarar deltakarane deltar deltek deltok participant "
     "participants participate participates participating partner partners involved involvert involverte "
     "samarbeider|er med|er med i|take part|takes part|taking part|part in|med på"),
    ("attr:members", "medlemmer medlemar medlemane medlemmene medlemmane members member sitter sit "
                     "består|er med i|is in|are in|who is in|sit i|sitter i|består av|consists"),
    ("attr:description", "beskrivelse beskrivinga skildring handler handlar description describe about "
                         "formål føremål mål målet purpose goal goals innhold innhald|går ut på|gaar ut pa"),
    ("attr:agenda", "agenda agendaen dagsorden dagsordenen sakliste saksliste sakslista saklista saker sakene "
                    "sakane topics items"),
    ("attr:where", "where sted stad stedet staden lokale lokalet location venue adresse address"),
    ("attr:when", "når when tidspunkt dato datoen date time klokka klokken"),
    ("attr:contact", "kontakt kontakten kontaktperson kontaktpersonen kontaktpersonar kontaktpersoner kontakte "
                     "kontakta ringe ringa contact contacts ansvarlig spørre ask|contact person|reach out"),
    ("attr:phone", "telefon telefonen telefonnummer telefonnummeret nummer nummeret tlf mobil mobilen mobilnummer "
                   "mobilnummeret phone telephone mobile cellphone"),
    ("attr:email", "epost eposten mail mailen email epostadresse|e post|e mail|e postadresse"),
    ("attr:title", "tittel tittelen stilling stillinga stillingen jobb job title position rolle rollen roller "
                   "role roles"),
    ("attr:url", "lenke lenka lenken link url teams zoom video videolenke møtelenke"),
    # --- question shapes ---
    ("q:count", "antall antal|hvor mange|kor mange|how many|number of|talet på|tal på|count of"),
    ("q:sum", "totalt samla samlet samanlagt sammenlagt total|til sammen|til saman|in total|all together|"
              "altogether|i alt"),
    ("q:most", "flest størst største mest størst høyest høgast largest biggest most highest|flest innbyggere|"
               "flest innbyggjarar"),
    ("q:least", "færrest minst minste lavest lågast smallest fewest least lowest"),
    ("q:compare", "større storre bigger larger smaller mindre enn than færre fewer|more inhabitants|"
                  "flere innbyggere|fleire innbyggjarar"),
    ("q:list", "hvilke hvilken hvilket which list liste lista oversikt overview alle all every|kva for|"
               "what are|vis meg|show me"),
    ("q:who", "hvem kven who whom"),
    # --- who is meant ---
    ("ref:me", "meg mine min mitt my me myself mæ|jeg|eg"),
    ("ref:us", "vi oss vår vårt våre our us we ours|hos oss|kommunen vår|kommunen min|my municipality|"
               "our municipality"),
    ("time:next", "neste førstkommende fyrstkomande kommende komande upcoming next nærmeste næraste "
                  "coming snart soon framtidige fremtidige future"),
    ("time:prev", "forrige førre previous last utløpt utløpte utgått passert passerte expired past|sist|sidan sist|"
                  "gått ut|gikk ut|gjekk ut|har gått|er over|var over|already passed|have passed|has passed|"
                  "gått glipp|gikk glipp|gått glepp|gjekk glepp|glipp|glepp|missed|overdue"),
)

STOPWORDS_TEXT = (
    # bokmål / nynorsk
    "er var vart vert blir ble bli vere være har hadde ha i på paa for av til med om og eller men den det de dei "
    "dem en ein et eit ett som at kan skal vil ville må mått kunne skulle hva hvem hvordan hvor hvorfor kva kven "
    "korleis kor kvar kvifor korfor sin sitt sine si hans hennes hennar deira deres hos ved fra frå fram opp ned "
    "ut inn over under etter mellom mot uten utan noen nokon noko noe ingen inga ikke ikkje jo da nå no så sa "
    "også ogso òg bare berre kun gjerne takk hei hallo heisann god morgen dag kveld snill vennligst venligst "
    "gi gje vis fortell fortel si seie sei si finn finne finnes fins finst vet veit vite veta kjenner kjenner "
    "lurer lurte spør spørsmål trenger treng ønsker ønskjer mye mykje lenge dere dykk du deg dei "
    "egentlig eigentleg akkurat fortsatt framleis enno ennå stadig allerede allereie bestemt visst "
    "nokre noen enkelte dette denne disse desse her der dit hit slik sånn så hvis viss dersom når "
    "the a an of in on at to for by with and or but is are was were be been being does do did has have had "
    "its it their there this that these those any some what who when where which how why please thanks "
    "thank hi hello hey tell give show find know want need can could would will should shall may might "
    "currently now right just only also still actually get got about regarding concerning per pr "
    "mange many much få fått gang ganger times kommer kjem gjelder gjeld concerns concern angår "
    "your you yours me if whether then than other andre anna annen annet all alt heile hele whole "
    "ja yes nei no ok okei ja takk wonder wondering like would be nice skjer hender happening happens going "
    "framover fremover ahead coming soon remaining gjenstående attståande står stå står igjen left "
    "sitt sin sine sine si sitt vi's "
    "jobber jobbar jobbe arbeider arbeidar arbeide works work working employed ansatt ansatte tilsett tilsette"
)

# Folded words that are also another word typed without æøå: the concept holds only when typed so.
TYPED_AS: dict[str, tuple[str, ...]] = {
    "var": ("vår", "vaar"), "vart": ("vårt", "vaart"), "vare": ("våre", "vaare"), "bor": ("bor",),
}
