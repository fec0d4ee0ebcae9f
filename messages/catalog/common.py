"""Texts shared by every part of the bot: greetings, help, errors, registration."""

TEXTS: dict[str, dict[str, str]] = {
    "not_registered": {
        "nb": "Beklager, du er ikke registrert i dette nettverket. Ta kontakt med sekretariatet "
        "hvis du mener du skal ha tilgang.",
        "nn": "Orsak, du er ikkje registrert i dette nettverket. Ta kontakt med sekretariatet "
        "om du meiner du skal ha tilgang.",
        "en": "Sorry, you are not registered in this network. Please contact the secretariat "
        "if you think you should have access.",
    },
    "error_generic": {
        "nb": "Noe gikk galt hos meg, og ingenting ble endret. Prøv igjen om litt.",
        "nn": "Noko gjekk gale hjå meg, og ingenting vart endra. Prøv igjen om litt.",
        "en": "Something went wrong on my side, and nothing was changed. Please try again shortly.",
    },
    "text_too_long": {
        "nb": "Meldingen er for lang ({length} tegn, maks {limit}). Prøv et kortere spørsmål.",
        "nn": "Meldinga er for lang ({length} teikn, maks {limit}). Prøv eit kortare spørsmål.",
        "en": "The message is too long ({length} characters, at most {limit}). Try a shorter question.",
    },
    "empty_question": {
        "nb": "Skriv et spørsmål, eller «hjelp» for å se hva jeg kan svare på.",
        "nn": "Skriv eit spørsmål, eller «hjelp» for å sjå kva eg kan svare på.",
        "en": "Type a question, or “help” to see what I can answer.",
    },
    "truncated_note": {
        "nb": "Svaret er forkortet: {hidden} til er ikke vist. Spør mer presist for å se resten.",
        "nn": "Svaret er forkorta: {hidden} til er ikkje vist. Spør meir presist for å sjå resten.",
        "en": "The answer is shortened: {hidden} more not shown. Ask more precisely to see the rest.",
    },
    "continued": {
        "nb": "(fortsatt)",
        "nn": "(framhald)",
        "en": "(continued)",
    },
    "list_more": {
        "nb": "… og {count} til",
        "nn": "… og {count} til",
        "en": "… and {count} more",
    },
}
