"""The data of the demo network DigiVestland (bot/cli/demo_network.py builds the network file from it).

Municipality numbers, names and approximate populations are real (Vestland, 2024); every person is invented.
"""

from __future__ import annotations

DEMO_COORDINATOR = "demo.koordinator@bergen.kommune.no"
SECRETARIAT_MAILBOX = "sekretariat@digivestland.no"

_BG, _NH, _SH = "Bergensområdet", "Nordhordland", "Sunnhordland"
_HV, _SO, _SF, _NF = "Hardanger og Voss", "Sogn", "Sunnfjord", "Nordfjord"
SUNNHORDLAND = _SH

# (kommunenummer, name, population ~2024, sub-region); status is member unless INVITED.
MUNICIPALITIES: tuple[tuple[str, str, int, str], ...] = (
    ("4601", "Bergen", 291940, _BG), ("4602", "Kinn", 17300, _NF), ("4611", "Etne", 4100, _SH),
    ("4612", "Sveio", 5900, _SH), ("4613", "Bømlo", 12200, _SH), ("4614", "Stord", 19000, _SH),
    ("4615", "Fitjar", 3200, _SH), ("4616", "Tysnes", 2900, _SH), ("4617", "Kvinnherad", 13100, _SH),
    ("4618", "Ullensvang", 11100, _HV), ("4619", "Eidfjord", 900, _HV), ("4620", "Ulvik", 1100, _HV),
    ("4621", "Voss", 16100, _HV), ("4622", "Kvam", 8600, _HV), ("4623", "Samnanger", 2500, _BG),
    ("4624", "Bjørnafjorden", 26000, _BG), ("4625", "Austevoll", 5300, _BG), ("4626", "Øygarden", 39500, _BG),
    ("4627", "Askøy", 30200, _BG), ("4628", "Vaksdal", 3900, _BG), ("4629", "Modalen", 390, _NH),
    ("4630", "Osterøy", 8200, _BG), ("4631", "Alver", 30000, _NH), ("4632", "Austrheim", 2900, _NH),
    ("4633", "Fedje", 520, _NH), ("4634", "Masfjorden", 1700, _NH), ("4635", "Gulen", 2300, _NH),
    ("4636", "Solund", 780, _SF), ("4637", "Hyllestad", 1300, _SF), ("4638", "Høyanger", 4000, _SO),
    ("4639", "Vik", 2600, _SO), ("4640", "Sogndal", 12300, _SO), ("4641", "Aurland", 1800, _SO),
    ("4642", "Lærdal", 2100, _SO), ("4643", "Årdal", 5200, _SO), ("4644", "Luster", 5200, _SO),
    ("4645", "Askvoll", 3000, _SF), ("4646", "Fjaler", 2800, _SF), ("4647", "Sunnfjord", 22400, _SF),
    ("4648", "Bremanger", 3500, _NF), ("4649", "Stad", 9500, _NF), ("4650", "Gloppen", 5900, _NF),
    ("4651", "Stryn", 7300, _NF),
)
INVITED = ("4629", "4633", "4636")  # DigiVestland has 40 of the 43 municipalities
# Municipalities that also have an ICT lead in the demo.
ICT_LEADS = ("4601", "4602", "4614", "4617", "4618", "4621", "4624", "4626", "4627", "4631", "4640", "4647", "4649")
FOUNDERS = ("4601", "4624", "4626", "4627", "4631")  # the 2018 Bergensområdet pilot

FIRST_NAMES = (
    "Ingrid", "Marit", "Ragnhild", "Sigrid", "Solveig", "Astrid", "Guro", "Tone", "Hilde", "Liv", "Randi", "Eli",
    "Gunn", "Anne", "Mari", "Nina", "Turid", "Synnøve", "Åse", "Torunn", "Bjørg", "Helga", "Kristin", "Lene", "Ida",
    "Maren", "Oda", "Vigdis", "Lars", "Knut", "Arne", "Geir", "Terje", "Håkon", "Eirik", "Sindre", "Magnus", "Jon",
    "Oddvar", "Trond", "Rune", "Svein", "Nils", "Bjarte", "Øystein", "Leif", "Kjell", "Torbjørn", "Halvard", "Audun",
    "Steinar", "Vidar", "Gaute", "Per", "Anders", "Idar",
)
LAST_NAMES = (
    "Tveit", "Lunde", "Myklebust", "Bøe", "Hauge", "Vik", "Nesheim", "Solheim", "Aase", "Eide", "Kvamme", "Hope",
    "Brekke", "Helle", "Rygg", "Midtbø", "Skaar", "Lid", "Sæle", "Ness", "Hovland", "Djuve", "Fosse", "Rong",
    "Fjeldstad", "Hjelmeland", "Hatlestad", "Grov", "Lien", "Moldestad", "Indrebø", "Tysse", "Hamre", "Valde",
    "Stakkestad", "Bruvik", "Nygård", "Sandvik", "Liland", "Dale", "Reigstad", "Utne", "Kleppe", "Loftesnes",
    "Hegrenes", "Takle", "Vevle", "Ulvestad", "Folkestad", "Heggheim", "Nordeide", "Førde", "Sunde", "Tjønneland",
    "Gjerde", "Østerbø", "Flatebø", "Røyrvik",
)

# (name, title, roles, language): the secretariat, employed by Bergen.
SECRETARIAT: tuple[tuple[str, str, tuple[str, ...], str], ...] = (
    ("Hanne Instebø", "Dagleg leiar", ("secretariat",), "nn"),
    ("Espen Mjelde", "Rådgjevar", ("secretariat", "project_leader"), "nb"),
    ("Camilla Rosland", "Kommunikasjonsrådgjevar", ("secretariat",), "nn"),
)

# (id, name, owner, status, start, end or None (= end of next year), participants|None
#  (= every member), leader role at owner, description)
PROJECTS: tuple[tuple[str, str, str, str, str, str | None, tuple[str, ...] | None, str,
                      str], ...] = (
    ("digihelse", "DigiHelse", "4601", "completed", "2019-01-01", "2021-06-30",
     ("4601", "4624", "4626", "4627", "4631", "4614", "4621"), "coordinator",
     "Innbyggjarar kan sende meldingar til og frå helse- og omsorgstenesta på Helsenorge."),
    ("digisos", "Digisos", "4627", "completed", "2018-09-01", "2020-12-31", None,
     "coordinator", "Digital søknad om økonomisk sosialhjelp i alle medlemskommunane."),
    ("digibarnevern", "Digibarnevern", "4601", "active", "2021-03-01", None,
     ("4601", "4626", "4627", "4631", "4647", "4640", "4602"), "ict_lead",
     "Felles innføring av nytt fagsystem og digital samhandling i barnevernet."),
    ("digihelsestasjon", "DigiHelsestasjon", "4624", "active", "2023-01-01", None,
     ("4624", "4601", "4623", "4625", "4630", "4622", "4618", "4649"), "coordinator",
     "Digital helsestasjon og skulehelseteneste med sikre meldingar til foreldre."),
    ("felles-ikt-plattform", "Felles IKT-plattform", "4647", "paused", "2022-08-15",
     None, ("4647", "4645", "4646", "4637", "4648"), "ict_lead",
     "Felles driftsplattform for små kommunar i Sunnfjord, sett på vent medan "
     "finansieringa vert avklart."),
    ("velferdsteknologi", "Velferdsteknologi", "4631", "active", "2022-01-01", None,
     None, "coordinator",
     "Felles innkjøp og innføring av digitalt tilsyn og medisinautomatar."),
    ("fiks-plattforma", "Innføring av KS Fiks-plattforma", "4614", "active",
     "2024-02-01", None, ("4614", "4611", "4612", "4613", "4615", "4616", "4617"),
     "ict_lead", "Sunnhordland tek i bruk Fiks-tenester for innsyn, arkiv og digital post."),
    ("informasjonssikkerheit", "Felles styringssystem for informasjonssikkerheit",
     "4621", "active", "2023-09-01", None, None, "ict_lead",
     "Felles malar, risikovurderingar og opplæring for internkontroll på "
     "informasjonssikkerheit."),
    ("ki-sakshandsaming", "Kunstig intelligens i sakshandsaming", "4601", "planned",
     "+next", None, ("4601", "4626", "4640", "4649"), "ict_lead",
     "Utprøving av språkmodellar til samandrag og journalføring i sakshandsaminga."),
    ("digital-byggesak", "Digital byggesak", "4640", "planned", "+next", None,
     ("4640", "4644", "4643", "4639", "4641", "4642", "4638"), "coordinator",
     "Felles løysing for digitale byggesøknader og automatisert sakshandsaming i Sogn."),
)
