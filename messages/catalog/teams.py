"""Texts about the Teams app: what a person is told in a Teams channel, what the secretariat sees about people
who must install the app, and the delivery reason (messages/delivery_status.py)."""

TEXTS: dict[str, dict[str, str]] = {
    "teams_private_needs_chat": {
        "nb": "Noe av svaret er personlig. Skriv til meg i en personlig chat i Teams, så får du det der.",
        "nn": "Noko av svaret er personleg. Skriv til meg i ein personleg chat i Teams, så får du det der.",
        "en": "Part of the answer is personal. Write to me in a personal chat in Teams and you will get it there.",
    },
    "ann_q_waiting_app_title": {
        "nb": "Venter på at appen blir installert",
        "nn": "Ventar på at appen blir installert",
        "en": "Waiting for the app to be installed",
    },
    "ann_q_waiting_app": {
        "nb": "{to}: {count} melding(er) venter",
        "nn": "{to}: {count} melding(ar) ventar",
        "en": "{to}: {count} message(s) waiting",
    },
    "ann_q_waiting_app_hint": {
        "nb": "Disse må legge til digibot-appen i Teams før de kan få meldinger der. De kommer fram straks appen er "
        "lagt til.",
        "nn": "Desse må leggje til digibot-appen i Teams før dei kan få meldingar der. Dei kjem fram straks appen er "
        "lagd til.",
        "en": "These people must add the digibot app in Teams before they can get messages there. The messages go "
        "out as soon as the app is added.",
    },
    "dr_app_not_installed": {
        "nb": "personen har ikke installert Teams-appen ennå",
        "nn": "personen har ikkje installert Teams-appen enno",
        "en": "the person has not installed the Teams app yet",
    },
    "teams_you_chose": {
        "nb": "Du valgte «{label}».",
        "nn": "Du valde «{label}».",
        "en": "You chose “{label}”.",
    },
}
