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
    # the examples name the asker's own network: {org} a member municipality, {project}, {title} the next
    # deadline, {group} a group (handlers/help.py)
    "help_example_chief": {"nb": "Hvem er kommunedirektør i {org}?", "nn": "Kven er kommunedirektør i {org}?",
                           "en": "Who is the chief executive of {org}?"},
    "help_example_coordinator": {"nb": "Hvem er koordinator i {org}?", "nn": "Kven er koordinator i {org}?",
                                 "en": "Who is the coordinator in {org}?"},
    "help_example_projects_of": {"nb": "Hvilke prosjekter deltar {org} i?", "nn": "Kva prosjekt er {org} med i?",
                                 "en": "Which projects does {org} take part in?"},
    "help_example_project_lead": {"nb": "Hvem leder {project}?", "nn": "Kven leiar {project}?",
                                  "en": "Who leads {project}?"},
    "help_example_deadlines": {"nb": "Hvilke frister har vi de neste to ukene?",
                               "nn": "Kva fristar har vi dei neste to vekene?",
                               "en": "What deadlines are there in the next two weeks?"},
    "help_example_deadline": {"nb": "Når er fristen for {title}?", "nn": "Når er fristen for {title}?",
                              "en": "When is the deadline for {title}?"},
    "help_example_meeting": {"nb": "Når er neste møte i {group}?", "nn": "Når er neste møte i {group}?",
                             "en": "When is the next meeting of {group}?"},
    "help_example_count": {"nb": "Hvor mange medlemskommuner er det?", "nn": "Kor mange medlemskommunar er det?",
                           "en": "How many member municipalities are there?"},
    "help_example_fee": {"nb": "Hva betaler {org} i årlig bidrag?", "nn": "Kva betaler {org} i årleg bidrag?",
                         "en": "What is {org}'s yearly fee?"},
    "help_example_answer": {
        "nb": "svar (det som venter på svaret ditt: undersøkelser og interessefrister; «svar <id>» starter eller "
              "fortsetter ett av dem)",
        "nn": "svar (det som ventar på svaret ditt: undersøkingar og interessefristar; «svar <id>» startar eller "
              "held fram med eitt av dei)",
        "en": "answer (what waits for your answer: surveys and calls for interest; “answer <id>” starts or "
              "resumes one)",
    },
    "help_example_calendar": {
        "nb": "kalender (lenke til møtene og fristene dine i Outlook eller Google Kalender)",
        "nn": "kalender (lenke til møta og fristane dine i Outlook eller Google Kalender)",
        "en": "calendar (a link to your meetings and deadlines in Outlook or Google Calendar)",
    },
    "help_context": {
        "nb": "Du er logget inn som {name} ({organization}) i {network}.",
        "nn": "Du er logga inn som {name} ({organization}) i {network}.",
        "en": "You are signed in as {name} ({organization}) in {network}.",
    },
}
