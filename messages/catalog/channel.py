"""Texts a channel says about the conversation itself: a secret moved to a DM, a dead button, an outage."""

TEXTS: dict[str, dict[str, str]] = {
    "sent_you_a_dm": {
        "nb": "Dette er personlig, så jeg har sendt det til deg i en direktemelding.",
        "nn": "Dette er personleg, så eg har sendt det til deg i ei direktemelding.",
        "en": "This is personal, so I have sent it to you in a direct message.",
    },
    "button_gone": {
        "nb": "Denne knappen virker ikke lenger. Skriv gjerne spørsmålet ditt i stedet.",
        "nn": "Denne knappen verkar ikkje lenger. Skriv gjerne spørsmålet ditt i staden.",
        "en": "This button no longer works. You are welcome to type your question instead.",
    },
    "error_unavailable": {
        "nb": "Jeg får ikke tak i dataene mine akkurat nå. Det er et midlertidig problem, og ingenting ble "
        "endret. Prøv igjen om litt.",
        "nn": "Eg får ikkje tak i dataa mine akkurat no. Det er eit mellombels problem, og ingenting vart "
        "endra. Prøv igjen om litt.",
        "en": "I cannot reach my data right now. This is a temporary problem, and nothing was changed. "
        "Please try again in a little while.",
    },
}
