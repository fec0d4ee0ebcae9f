"""Texts of the e-mail channel: the mail's footer and link words, and the small pages a link opens."""

TEXTS: dict[str, dict[str, str]] = {
    "email_footer": {
        "nb": "Denne e-posten er sendt automatisk av {sender}. Du kan også spørre meg i chatten.",
        "nn": "Denne e-posten er send automatisk av {sender}. Du kan òg spørje meg i chatten.",
        "en": "This e-mail was sent automatically by {sender}. You can also ask me in the chat.",
    },
    "email_unsubscribe": {
        "nb": "Vil du ikke lenger få oppsummeringer? Meld deg av: {url}",
        "nn": "Vil du ikkje lenger få samandrag? Meld deg av: {url}",
        "en": "No longer want digests? Unsubscribe: {url}",
    },
    "email_unsubscribe_link": {"nb": "Meld deg av oppsummeringene", "nn": "Meld deg av samandraga",
                               "en": "Unsubscribe from digests"},
    "email_one_click_note": {
        "nb": "Knappene åpner en side der du bekrefter svaret ditt.",
        "nn": "Knappane opnar ei side der du stadfestar svaret ditt.",
        "en": "The buttons open a page where you confirm your answer.",
    },
    "email_survey_start": {
        "nb": "Svar ved å skrive «svar {id}» til boten i chatten din.",
        "nn": "Svar ved å skrive «svar {id}» til boten i chatten din.",
        "en": "Answer by writing \u201canswer {id}\u201d to the bot in your chat app.",
    },
    "email_button_in_chat": {
        "nb": "«{label}»: svar på dette i chatten med boten.",
        "nn": "«{label}»: svar på dette i chatten med boten.",
        "en": "\u201c{label}\u201d: answer this in your chat with the bot.",
    },
    # the pages a link in an e-mail opens (bot/channels/email/web.py)
    "email_page_confirm_title": {"nb": "Bekreft svaret ditt", "nn": "Stadfest svaret ditt",
                                 "en": "Confirm your answer"},
    "email_page_confirm_text": {
        "nb": "Du er i ferd med å svare «{label}». Trykk på knappen for å registrere svaret.",
        "nn": "Du er i ferd med å svare «{label}». Trykk på knappen for å registrere svaret.",
        "en": "You are about to answer \u201c{label}\u201d. Press the button to record your answer.",
    },
    "email_page_confirm_button": {"nb": "Registrer svaret", "nn": "Registrer svaret", "en": "Record my answer"},
    "email_page_reply_title": {"nb": "Svar: «{label}»", "nn": "Svar: «{label}»", "en": "Answer: \u201c{label}\u201d"},
    "email_page_expired_title": {"nb": "Lenken er utløpt", "nn": "Lenka har gått ut", "en": "The link has expired"},
    "email_page_expired_text": {
        "nb": "Denne lenken er for gammel til å brukes. Ingenting ble registrert. Svar i chatten i stedet, "
        "eller vent på neste e-post.",
        "nn": "Denne lenka er for gammal til å brukast. Ingenting vart registrert. Svar i chatten i staden, "
        "eller vent på neste e-post.",
        "en": "This link is too old to be used. Nothing was recorded. Answer in the chat instead, or wait for "
        "the next e-mail.",
    },
    "email_page_forged_title": {"nb": "Ugyldig lenke", "nn": "Ugyldig lenke", "en": "Invalid link"},
    "email_page_forged_text": {
        "nb": "Denne lenken er ikke gyldig, kanskje ble den kuttet av da den ble kopiert. Ingenting ble "
        "registrert. Åpne lenken direkte fra e-posten.",
        "nn": "Denne lenka er ikkje gyldig, kanskje vart ho kutta av då ho vart kopiert. Ingenting vart "
        "registrert. Opne lenka direkte frå e-posten.",
        "en": "This link is not valid; perhaps it was cut off when it was copied. Nothing was recorded. Open "
        "the link straight from the e-mail.",
    },
    "email_page_used_title": {"nb": "Lenken er allerede brukt", "nn": "Lenka er alt brukt",
                              "en": "The link has already been used"},
    "email_page_used_text": {
        "nb": "Denne lenken er allerede brukt, og svaret ditt er registrert. Vil du endre det, kan du svare "
        "i chatten.",
        "nn": "Denne lenka er alt brukt, og svaret ditt er registrert. Vil du endre det, kan du svare i "
        "chatten.",
        "en": "This link has already been used, and your answer is recorded. To change it, answer in the chat.",
    },
    "email_page_unsubscribe_title": {"nb": "Meld av oppsummeringer", "nn": "Meld av samandrag",
                                     "en": "Unsubscribe from digests"},
    "email_page_unsubscribe_text": {
        "nb": "Trykk på knappen for å slutte å få oppsummeringer på e-post til {email}.",
        "nn": "Trykk på knappen for å slutte å få samandrag på e-post til {email}.",
        "en": "Press the button to stop receiving digests by e-mail at {email}.",
    },
    "email_page_unsubscribe_button": {"nb": "Meld meg av", "nn": "Meld meg av", "en": "Unsubscribe me"},
    "email_page_unsubscribed_title": {"nb": "Du er meldt av", "nn": "Du er meld av", "en": "You are unsubscribed"},
    "email_page_unsubscribed_text": {
        "nb": "Du får ikke flere oppsummeringer. Varsler om møter og frister får du fortsatt.",
        "nn": "Du får ikkje fleire samandrag. Varsel om møte og fristar får du framleis.",
        "en": "You will get no more digests. You will still get notices of meetings and deadlines.",
    },
}
