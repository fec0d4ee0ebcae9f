"""What the secretariat reads about a message on its way (reports, App Home): why it waits or failed, and
what kind of message it is. messages/delivery_status.py maps the worker's raw texts to these keys."""

TEXTS: dict[str, dict[str, str]] = {
    "dr_unknown": {"nb": "ukjent feil", "nn": "ukjend feil", "en": "unknown error"},
    "dr_other": {"nb": "annen feil ({code})", "nn": "anna feil ({code})", "en": "other error ({code})"},
    "dr_room_url_missing": {
        "nb": "adressen til rommet (webhooken) er ikke satt opp",
        "nn": "adressa til rommet (webhooken) er ikkje sett opp",
        "en": "the room's address (its webhook) is not set up",
    },
    "dr_not_configured": {
        "nb": "kanalen er ikke satt opp",
        "nn": "kanalen er ikkje sett opp",
        "en": "the channel is not set up",
    },
    "dr_rate_limited": {
        "nb": "mange meldinger på kort tid, venter på tur",
        "nn": "mange meldingar på kort tid, ventar på tur",
        "en": "many messages at once, waiting for its turn",
    },
    "dr_platform_error": {
        "nb": "tjenesten svarte med en feil ({code})",
        "nn": "tenesta svarte med ein feil ({code})",
        "en": "the service answered with an error ({code})",
    },
    "dr_network": {
        "nb": "fikk ikke kontakt med tjenesten",
        "nn": "fekk ikkje kontakt med tenesta",
        "en": "could not reach the service",
    },
    "dr_no_user": {
        "nb": "finner ikke personen i Slack",
        "nn": "finn ikkje personen i Slack",
        "en": "the person was not found in Slack",
    },
    "dr_conversation_gone": {
        "nb": "samtalen finnes ikke lenger i Slack",
        "nn": "samtalen finst ikkje lenger i Slack",
        "en": "the conversation no longer exists in Slack",
    },
    "dr_account_inactive": {
        "nb": "kontoen til personen er deaktivert",
        "nn": "kontoen til personen er deaktivert",
        "en": "the person's account is deactivated",
    },
    "dr_not_allowed": {
        "nb": "boten mangler tilgang i Slack (kontakt den som drifter boten)",
        "nn": "boten manglar tilgang i Slack (kontakt den som driftar boten)",
        "en": "the bot lacks access in Slack (contact whoever runs the bot)",
    },
    "dr_rejected": {
        "nb": "meldingen ble avvist (for lang eller feil format)",
        "nn": "meldinga vart avvist (for lang eller feil format)",
        "en": "the message was refused (too long or malformed)",
    },
    "dr_no_direct_messages": {
        "nb": "mottakeren tar ikke imot direktemeldinger",
        "nn": "mottakaren tek ikkje imot direktemeldingar",
        "en": "the recipient does not accept direct messages",
    },
    # e-mail that came back after it was sent (bot/channels/email/bounces.py: "bounced: 5.1.1 ...")
    "dr_mail_no_address": {
        "nb": "e-postadressen finnes ikke (e-posten kom i retur, {code})",
        "nn": "e-postadressa finst ikkje (e-posten kom i retur, {code})",
        "en": "the e-mail address does not exist (the mail bounced, {code})",
    },
    "dr_mail_full": {
        "nb": "e-postkassen til mottakeren er full ({code})",
        "nn": "e-postkassa til mottakaren er full ({code})",
        "en": "the recipient's mailbox is full ({code})",
    },
    "dr_mail_refused": {
        "nb": "e-postserveren til mottakeren avviste e-posten ({code})",
        "nn": "e-postserveren til mottakaren avviste e-posten ({code})",
        "en": "the recipient's mail server refused the mail ({code})",
    },
    "dr_mail_bounced": {
        "nb": "e-posten kom i retur ({code})",
        "nn": "e-posten kom i retur ({code})",
        "en": "the mail bounced ({code})",
    },
    "dr_mail_delayed": {
        "nb": "e-posten er forsinket, e-postserveren til mottakeren prøver igjen ({code})",
        "nn": "e-posten er forseinka, e-postserveren til mottakaren prøver igjen ({code})",
        "en": "the mail is delayed; the recipient's mail server keeps trying ({code})",
    },
    # kinds of outgoing messages
    "kind_meeting_notice": {"nb": "møteinnkalling", "nn": "møteinnkalling", "en": "meeting invitation"},
    "kind_meeting_update": {"nb": "møteendring", "nn": "møteendring", "en": "meeting change"},
    "kind_meeting_cancel": {"nb": "møteavlysning", "nn": "møteavlysing", "en": "meeting cancellation"},
    "kind_reminder": {"nb": "fristpåminnelse", "nn": "fristpåminning", "en": "deadline reminder"},
    "kind_interest_call": {"nb": "interesseforespørsel", "nn": "interesseførespurnad", "en": "call for interest"},
    "kind_digest": {"nb": "oversikt", "nn": "oversikt", "en": "digest"},
    "kind_announcement": {"nb": "kunngjøring", "nn": "kunngjering", "en": "announcement"},
    "dr_survey_closed": {"nb": "ikke sendt: undersøkelsen ble lukket", "nn": "ikkje sendt: undersøkinga vart lukka",
                         "en": "not sent: the survey was closed"},
    "dr_response_submitted": {"nb": "ikke sendt: svaret var allerede sendt inn",
                              "nn": "ikkje sendt: svaret var alt sendt inn",
                              "en": "not sent: the response was already submitted"},
    "kind_survey_invitation": {"nb": "undersøkelse", "nn": "undersøking", "en": "survey"},
    "kind_survey_reminder": {"nb": "påminnelse om undersøkelse", "nn": "påminning om undersøking",
                             "en": "survey reminder"},
    "kind_survey_summary": {"nb": "oppsummering av undersøkelse", "nn": "oppsummering av undersøking",
                            "en": "survey summary"},
    "kind_survey_chart": {"nb": "figur fra undersøkelse", "nn": "figur frå undersøking", "en": "survey chart"},
    "kind_reply": {"nb": "svar", "nn": "svar", "en": "reply"},
    "kind_other": {"nb": "melding ({kind})", "nn": "melding ({kind})", "en": "message ({kind})"},
}
