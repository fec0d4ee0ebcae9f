"""Texts of the `kalender` / `calendar` command: the person's subscribable calendar link."""

TEXTS: dict[str, dict[str, str]] = {
    "callink_title": {
        "nb": "Din kalender",
        "nn": "Kalenderen din",
        "en": "Your calendar",
    },
    "callink_text": {
        "nb": "Abonner på denne adressen i Outlook eller Google Kalender, så får du møtene og fristene dine "
        "der, og de holdes oppdatert:",
        "nn": "Abonner på denne adressa i Outlook eller Google Kalender, så får du møta og fristane dine der, "
        "og dei vert haldne oppdaterte:",
        "en": "Subscribe to this address in Outlook or Google Calendar to get your meetings and deadlines "
        "there, kept up to date:",
    },
    "callink_context": {
        "nb": "Lenken er personlig. Skriv «kalender ny» for å gjøre den gamle ugyldig og få en ny.",
        "nn": "Lenka er personleg. Skriv «kalender ny» for å gjere den gamle ugyldig og få ei ny.",
        "en": "The link is personal. Type “calendar new” to make the old one stop working and get a new one.",
    },
    "callink_renewed": {
        "nb": "Den gamle lenken virker ikke lenger.",
        "nn": "Den gamle lenka verkar ikkje lenger.",
        "en": "The old link no longer works.",
    },
}
