"""The help text: what the bot can answer."""

TEXTS: dict[str, dict[str, str]] = {
    "help_title": {
        "nb": "Dette kan jeg hjelpe med",
        "nn": "Dette kan eg hjelpe med",
        "en": "What I can help with",
    },
    "help_intro": {
        "nb": "Spør meg med vanlige ord, på bokmål, nynorsk eller engelsk. Noen eksempler:",
        "nn": "Spør meg med vanlege ord, på nynorsk, bokmål eller engelsk. Nokre døme:",
        "en": "Ask me in plain words, in English, Norwegian Bokmål or Nynorsk. Some examples:",
    },
    "help_examples": {
        "nb": "Hvem er kommunedirektør i Bergen?\n"
        "Hvem er koordinator i Askøy?\n"
        "Hvilke prosjekter deltar Voss i?\n"
        "Hvem leder DigiHelse?\n"
        "Hvilke frister har vi de neste to ukene?\n"
        "Når er neste møte i styringsgruppen?\n"
        "Hvor mange medlemskommuner er det?\n"
        "Hva betaler Stord i årlig bidrag?\n"
        "kalender (lenke til møtene og fristene dine i Outlook eller Google Kalender)",
        "nn": "Kven er kommunedirektør i Bergen?\n"
        "Kven er koordinator i Askøy?\n"
        "Kva prosjekt er Voss med i?\n"
        "Kven leiar DigiHelse?\n"
        "Kva fristar har vi dei neste to vekene?\n"
        "Når er neste møte i styringsgruppa?\n"
        "Kor mange medlemskommunar er det?\n"
        "Kva betaler Stord i årleg bidrag?\n"
        "kalender (lenke til møta og fristane dine i Outlook eller Google Kalender)",
        "en": "Who is the chief executive of Bergen?\n"
        "Who is the coordinator in Askøy?\n"
        "Which projects does Voss take part in?\n"
        "Who leads DigiHelse?\n"
        "What deadlines are there in the next two weeks?\n"
        "When is the next steering group meeting?\n"
        "How many member municipalities are there?\n"
        "What is Stord's yearly fee?\n"
        "calendar (a link to your meetings and deadlines in Outlook or Google Calendar)",
    },
    "help_context": {
        "nb": "Du er logget inn som {name} ({organization}) i {network}.",
        "nn": "Du er logga inn som {name} ({organization}) i {network}.",
        "en": "You are signed in as {name} ({organization}) in {network}.",
    },
}
