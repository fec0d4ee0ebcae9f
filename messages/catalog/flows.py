"""Texts of the flow engine (handlers/flows): buttons that no longer work, moves that lost a race."""

TEXTS: dict[str, dict[str, str]] = {
    "flow_button_invalid": {
        "nb": "Denne knappen gjelder ikke lenger, så ingenting ble endret. Bruk knappene i den siste meldingen "
        "min, eller skriv «hjelp».",
        "nn": "Denne knappen gjeld ikkje lenger, så ingenting vart endra. Bruk knappane i den siste meldinga "
        "mi, eller skriv «hjelp».",
        "en": "This button is no longer valid, so nothing was changed. Use the buttons in my latest message, "
        "or type “help”.",
    },
    "flow_busy": {
        "nb": "Samtalen ble flyttet videre av en annen melding akkurat nå, så denne endret ingenting. "
        "Se det siste svaret mitt og prøv igjen.",
        "nn": "Samtalen vart flytta vidare av ei anna melding akkurat no, så denne endra ingenting. "
        "Sjå det siste svaret mitt og prøv igjen.",
        "en": "The conversation was moved on by another message just now, so this one changed nothing. "
        "See my latest reply and try again.",
    },
}
