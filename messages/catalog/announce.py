"""Announcements: composing, previewing, sending, confirming, reporting; the outbox queue on the App Home."""

TEXTS: dict[str, dict[str, str]] = {
    # --- permission -------------------------------------------------------------------------------
    "ann_refused": {
        "nb": "Beklager, bare sekretariatet kan sende kunngjøringer og se rapportene for dem. "
        "Ta kontakt med sekretariatet hvis noe bør sendes ut.",
        "nn": "Orsak, berre sekretariatet kan sende kunngjeringar og sjå rapportane for dei. "
        "Ta kontakt med sekretariatet om noko bør sendast ut.",
        "en": "Sorry, only the secretariat can send announcements and see their reports. "
        "Please contact the secretariat if something should be sent out.",
    },
    "ann_compose_hint": {
        "nb": "Trykk på knappen for å skrive en kunngjøring. «kunngjøringer» viser de siste.",
        "nn": "Trykk på knappen for å skrive ei kunngjering. «kunngjeringar» viser dei siste.",
        "en": "Press the button to write an announcement. “announcements” lists the latest ones.",
    },
    "ann_compose_button": {"nb": "Skriv kunngjøring", "nn": "Skriv kunngjering", "en": "Write announcement"},
    "ann_compose_no_form": {
        "nb": "Her kan jeg ikke vise skjemaet for kunngjøringer. Bruk «digibot announce» på kommandolinjen, "
        "eller skriv «kunngjøring» til meg i en chat som viser skjemaer.",
        "nn": "Her kan eg ikkje vise skjemaet for kunngjeringar. Bruk «digibot announce» på kommandolinja, "
        "eller skriv «kunngjering» til meg i ein chat som viser skjema.",
        "en": "I cannot show the announcement form here. Use “digibot announce” on the command line, or "
        "type “announce” to me in a chat that shows forms.",
    },
    # --- validation -------------------------------------------------------------------------------
    "ann_text_empty": {
        "nb": "Kunngjøringen har ingen tekst. Skriv noe før du sender.",
        "nn": "Kunngjeringa har ingen tekst. Skriv noko før du sender.",
        "en": "The announcement has no text. Write something before sending.",
    },
    "ann_text_too_long": {
        "nb": "Teksten er for lang: {length} tegn, men høyst {limit} tegn er lov i en kunngjøring. "
        "Kort den ned, eller legg resten i et vedlegg eller en lenke.",
        "nn": "Teksten er for lang: {length} teikn, men høgst {limit} teikn er lov i ei kunngjering. "
        "Kort han ned, eller legg resten i eit vedlegg eller ei lenkje.",
        "en": "The text is too long: {length} characters, but an announcement may have at most {limit}. "
        "Shorten it, or put the rest in an attachment or a link.",
    },
    "ann_title_too_long": {
        "nb": "Tittelen er for lang: {length} tegn, høyst {limit}.",
        "nn": "Tittelen er for lang: {length} teikn, høgst {limit}.",
        "en": "The title is too long: {length} characters, at most {limit}.",
    },
    "ann_audience_syntax": {
        "nb": "Forstår ikke «{part}» i målgruppen. Skriv for eksempel roles=coordinator;regions=Sogn.",
        "nn": "Forstår ikkje «{part}» i målgruppa. Skriv til dømes roles=coordinator;regions=Sogn.",
        "en": "Cannot read “{part}” in the audience. Write for example roles=coordinator;regions=Sogn.",
    },
    "ann_audience_unknown_key": {
        "nb": "Ukjent målgruppe «{name}». Bruk {keys}.",
        "nn": "Ukjend målgruppe «{name}». Bruk {keys}.",
        "en": "Unknown audience “{name}”. Use {keys}.",
    },
    "ann_unknown_roles": {
        "nb": "Ukjent rolle: {values}. Rollene er {valid}.",
        "nn": "Ukjend rolle: {values}. Rollene er {valid}.",
        "en": "Unknown role: {values}. The roles are {valid}.",
    },
    "ann_unknown_groups": {
        "nb": "Ukjent gruppe: {values}. Gruppene i {network} er {valid}.",
        "nn": "Ukjend gruppe: {values}. Gruppene i {network} er {valid}.",
        "en": "Unknown group: {values}. The groups of {network} are {valid}.",
    },
    "ann_unknown_regions": {
        "nb": "Ukjent region: {values}. Regionene i {network} er {valid}.",
        "nn": "Ukjend region: {values}. Regionane i {network} er {valid}.",
        "en": "Unknown region: {values}. The regions of {network} are {valid}.",
    },
    "ann_unknown_statuses": {
        "nb": "Ukjent medlemsstatus: {values}. Statusene er {valid}.",
        "nn": "Ukjend medlemsstatus: {values}. Statusane er {valid}.",
        "en": "Unknown membership status: {values}. The statuses are {valid}.",
    },
    "ann_unknown_organizations": {
        "nb": "Ukjent organisasjon: {values}. Bruk nøkkelen fra nettverksfila, for eksempel {valid}.",
        "nn": "Ukjend organisasjon: {values}. Bruk nøkkelen frå nettverksfila, til dømes {valid}.",
        "en": "Unknown organization: {values}. Use the key from the network file, for example {valid}.",
    },
    "ann_none": {"nb": "ingen", "nn": "ingen", "en": "none"},
    "ann_no_recipients": {
        "nb": "Ingen i {network} hører til denne målgruppen, så det er ingen å sende til.",
        "nn": "Ingen i {network} høyrer til denne målgruppa, så det er ingen å sende til.",
        "en": "Nobody in {network} belongs to this audience, so there is no one to send to.",
    },
    "ann_time_past": {
        "nb": "Sendetidspunktet {when} har allerede vært. Velg et tidspunkt fram i tid, eller ingen for å sende nå.",
        "nn": "Sendetidspunktet {when} har alt vore. Vel eit tidspunkt fram i tid, eller ingen for å sende no.",
        "en": "The sending time {when} has already passed. Pick a time in the future, or none to send now.",
    },
    "ann_time_invalid": {
        "nb": "Forstår ikke tidspunktet «{value}». Skriv for eksempel 2026-12-01T09:00 (norsk tid).",
        "nn": "Forstår ikkje tidspunktet «{value}». Skriv til dømes 2026-12-01T09:00 (norsk tid).",
        "en": "Cannot read the time “{value}”. Write for example 2026-12-01T09:00 (Norwegian time).",
    },
    "ann_time_out_of_range": {
        "nb": "Det tidspunktet finnes ikke i kalenderen. Velg dato og klokkeslett på nytt, eller ingen for å sende nå.",
        "nn": "Det tidspunktet finst ikkje i kalenderen. Vel dato og klokkeslett på nytt, eller ingen for å sende no.",
        "en": "That time is not in the calendar. Pick the date and time again, or none to send now.",
    },
    # --- labels -----------------------------------------------------------------------------------
    "ann_role_chief_executive": {"nb": "Kommunedirektør", "nn": "Kommunedirektør", "en": "Chief executive"},
    "ann_role_coordinator": {"nb": "Koordinator", "nn": "Koordinator", "en": "Coordinator"},
    "ann_role_secretariat": {"nb": "Sekretariatet", "nn": "Sekretariatet", "en": "Secretariat"},
    "ann_role_project_leader": {"nb": "Prosjektleder", "nn": "Prosjektleiar", "en": "Project leader"},
    "ann_role_ict_lead": {"nb": "IKT-leder", "nn": "IKT-leiar", "en": "ICT lead"},
    "ann_role_member": {"nb": "Medlem", "nn": "Medlem", "en": "Member"},
    "ann_status_member": {"nb": "Medlem", "nn": "Medlem", "en": "Member"},
    "ann_status_invited": {"nb": "Invitert", "nn": "Invitert", "en": "Invited"},
    "ann_status_observer": {"nb": "Observatør", "nn": "Observatør", "en": "Observer"},
    "ann_status_former": {"nb": "Tidligere medlem", "nn": "Tidlegare medlem", "en": "Former member"},
    "ann_key_roles": {"nb": "Roller", "nn": "Roller", "en": "Roles"},
    "ann_key_groups": {"nb": "Grupper", "nn": "Grupper", "en": "Groups"},
    "ann_key_regions": {"nb": "Regioner", "nn": "Regionar", "en": "Regions"},
    "ann_key_statuses": {"nb": "Medlemsstatus", "nn": "Medlemsstatus", "en": "Membership status"},
    "ann_key_organizations": {"nb": "Organisasjoner", "nn": "Organisasjonar", "en": "Organizations"},
    "ann_everyone": {"nb": "Alle i {network}", "nn": "Alle i {network}", "en": "Everyone in {network}"},
    "ann_channel_slack": {"nb": "Slack", "nn": "Slack", "en": "Slack"},
    "ann_channel_teams": {"nb": "Teams", "nn": "Teams", "en": "Teams"},
    "ann_channel_email": {"nb": "e-post", "nn": "e-post", "en": "e-mail"},
    "ann_channel_console": {"nb": "terminal", "nn": "terminal", "en": "terminal"},
    "ann_recipients_one": {"nb": "{count} mottaker", "nn": "{count} mottakar", "en": "{count} recipient"},
    "ann_recipients_other": {"nb": "{count} mottakere", "nn": "{count} mottakarar", "en": "{count} recipients"},
    "ann_yes": {"nb": "Ja", "nn": "Ja", "en": "Yes"},
    "ann_no": {"nb": "Nei", "nn": "Nei", "en": "No"},
    "ann_now": {"nb": "Nå", "nn": "No", "en": "Now"},
    # --- the announcement as recipients see it ---------------------------------------------------
    "ann_default_title": {
        "nb": "Kunngjøring fra {network}",
        "nn": "Kunngjering frå {network}",
        "en": "Announcement from {network}",
    },
    "ann_sender": {
        "nb": "Fra sekretariatet i {network}",
        "nn": "Frå sekretariatet i {network}",
        "en": "From the secretariat of {network}",
    },
    "ann_sender_confirm": {
        "nb": "Fra sekretariatet i {network}. Trykk «Lest» når du har lest dette.",
        "nn": "Frå sekretariatet i {network}. Trykk «Lest» når du har lese dette.",
        "en": "From the secretariat of {network}. Press “Read” once you have read this.",
    },
    "ann_read_button": {"nb": "Lest", "nn": "Lest", "en": "Read"},
    "ann_reminder_title": {"nb": "Påminnelse: {title}", "nn": "Påminning: {title}", "en": "Reminder: {title}"},
    "ann_reminder_intro": {
        "nb": "Du har ikke bekreftet at du har lest denne kunngjøringen ennå.",
        "nn": "Du har ikkje stadfesta at du har lese denne kunngjeringa enno.",
        "en": "You have not yet confirmed that you have read this announcement.",
    },
    # --- preview ----------------------------------------------------------------------------------
    "ann_preview_title": {"nb": "Forhåndsvisning", "nn": "Førehandsvising", "en": "Preview"},
    "ann_preview_text": {
        "nb": "Kunngjøringen går til {recipients}. Under ser du den slik mottakerne får den.",
        "nn": "Kunngjeringa går til {recipients}. Under ser du ho slik mottakarane får ho.",
        "en": "The announcement goes to {recipients}. Below is what they will get.",
    },
    "ann_field_audience": {"nb": "Målgruppe", "nn": "Målgruppe", "en": "Audience"},
    "ann_field_send_at": {"nb": "Sendes", "nn": "Blir send", "en": "Sent"},
    "ann_field_confirm": {"nb": "Lesebekreftelse", "nn": "Lesestadfesting", "en": "Read confirmation"},
    "ann_field_channels": {"nb": "Kanaler", "nn": "Kanalar", "en": "Channels"},
    # --- sent ------------------------------------------------------------------------------------
    "ann_sent_now": {
        "nb": "Kunngjøring #{id} er lagt i køen til {recipients} og sendes nå.",
        "nn": "Kunngjering #{id} er lagd i køen til {recipients} og blir send no.",
        "en": "Announcement #{id} is queued for {recipients} and goes out now.",
    },
    "ann_sent_later": {
        "nb": "Kunngjøring #{id} er lagt i køen til {recipients} og sendes {when}.",
        "nn": "Kunngjering #{id} er lagd i køen til {recipients} og blir send {when}.",
        "en": "Announcement #{id} is queued for {recipients} and goes out {when}.",
    },
    "ann_sent_report_hint": {
        "nb": "Skriv «rapport {id}» for å se hvem som har fått og lest den.",
        "nn": "Skriv «rapport {id}» for å sjå kven som har fått og lese ho.",
        "en": "Type “report {id}” to see who has received and read it.",
    },
    "ann_report_button": {"nb": "Vis rapport", "nn": "Vis rapport", "en": "Show report"},
    "ann_cli_ask": {"nb": "Send? [j/N] ", "nn": "Send? [j/N] ", "en": "Send? [y/N] "},
    "ann_cli_not_sent": {
        "nb": "Ingenting er sendt. Kjør kommandoen på nytt med --yes for å sende.",
        "nn": "Ingenting er sendt. Køyr kommandoen på nytt med --yes for å sende.",
        "en": "Nothing was sent. Run the command again with --yes to send.",
    },
    "ann_cli_report": {
        "nb": "Rapport: {command}",
        "nn": "Rapport: {command}",
        "en": "Report: {command}",
    },
    # --- read confirmation ------------------------------------------------------------------------
    "ann_read_thanks": {
        "nb": "Takk, registrert som lest.",
        "nn": "Takk, registrert som lest.",
        "en": "Thank you, marked as read.",
    },
    "ann_read_not_recipient": {  # one answer for every case that is not "delivered to you, please confirm"
        "nb": "Det er ingenting å bekrefte her.",
        "nn": "Det er ingenting å stadfeste her.",
        "en": "There is nothing to confirm here.",
    },
    "ann_not_found": {
        "nb": "Finner ingen kunngjøring nummer {id}. «kunngjøringer» viser de siste.",
        "nn": "Finn inga kunngjering nummer {id}. «kunngjeringar» viser dei siste.",
        "en": "There is no announcement number {id}. “announcements” lists the latest ones.",
    },
    "ann_report_usage": {
        "nb": "Skriv nummeret på kunngjøringen, for eksempel «rapport 12». «kunngjøringer» viser de siste.",
        "nn": "Skriv nummeret på kunngjeringa, til dømes «rapport 12». «kunngjeringar» viser dei siste.",
        "en": "Give the announcement's number, for example “report 12”. “announcements” lists the latest ones.",
    },
    # --- report -----------------------------------------------------------------------------------
    "ann_report_title": {
        "nb": "Rapport for kunngjøring #{id}",
        "nn": "Rapport for kunngjering #{id}",
        "en": "Report for announcement #{id}",
    },
    "ann_r_recipients": {"nb": "Mottakere", "nn": "Mottakarar", "en": "Recipients"},
    "ann_r_delivered": {"nb": "Levert", "nn": "Levert", "en": "Delivered"},
    "ann_r_waiting": {"nb": "Venter", "nn": "Ventar", "en": "Waiting"},
    "ann_r_failed": {"nb": "Feilet", "nn": "Feila", "en": "Failed"},
    "ann_r_cancelled": {"nb": "Avbrutt", "nn": "Avbrote", "en": "Cancelled"},
    "ann_r_confirmed": {"nb": "Har bekreftet", "nn": "Har stadfesta", "en": "Confirmed"},
    "ann_r_unconfirmed": {"nb": "Har ikke bekreftet ennå", "nn": "Har ikkje stadfesta enno",
                          "en": "Not yet confirmed"},
    "ann_r_failure": {
        "nb": "Feilet for {count}: {reason}",
        "nn": "Feila for {count}: {reason}",
        "en": "Failed for {count}: {reason}",
    },
    "ann_r_waiting_reason": {
        "nb": "Venter for {count}: {reason}",
        "nn": "Ventar for {count}: {reason}",
        "en": "Waiting for {count}: {reason}",
    },
    "ann_r_unconfirmed_names": {
        "nb": "Ikke bekreftet ennå: {names}",
        "nn": "Ikkje stadfesta enno: {names}",
        "en": "Not yet confirmed: {names}",
    },
    "ann_r_unconfirmed_many": {
        "nb": "{count} har ikke bekreftet ennå.",
        "nn": "{count} har ikkje stadfesta enno.",
        "en": "{count} have not confirmed yet.",
    },
    "ann_r_sent": {
        "nb": "Sendt {when} av {author} til {audience}.",
        "nn": "Send {when} av {author} til {audience}.",
        "en": "Sent {when} by {author} to {audience}.",
    },
    "ann_r_scheduled": {
        "nb": "Planlagt sendt {when} av {author} til {audience}.",
        "nn": "Planlagd send {when} av {author} til {audience}.",
        "en": "Scheduled for {when} by {author} to {audience}.",
    },
    "ann_r_unknown_author": {"nb": "ukjent", "nn": "ukjend", "en": "unknown"},
    "ann_remind_button": {
        "nb": "Påminn de som ikke har bekreftet",
        "nn": "Påminn dei som ikkje har stadfesta",
        "en": "Remind those who have not confirmed",
    },
    "ann_remind_done": {
        "nb": "Påminnelse lagt i køen til {recipients}.",
        "nn": "Påminning lagd i køen til {recipients}.",
        "en": "Reminder queued for {recipients}.",
    },
    "ann_remind_all_confirmed": {
        "nb": "Alle som har fått kunngjøringen, har bekreftet at de har lest den.",
        "nn": "Alle som har fått kunngjeringa, har stadfesta at dei har lese ho.",
        "en": "Everyone who has received the announcement has confirmed reading it.",
    },
    "ann_remind_recent": {
        "nb": "Ingen nye påminnelser: de som ikke har bekreftet, har en påminnelse i køen eller fikk en "
        "den siste timen.",
        "nn": "Ingen nye påminningar: dei som ikkje har stadfesta, har ei påminning i køen eller fekk ei "
        "den siste timen.",
        "en": "No new reminders: those who have not confirmed have a reminder queued or got one in the last hour.",
    },
    "ann_remind_not_asked": {
        "nb": "Denne kunngjøringen ber ikke om lesebekreftelse, så det er ingen å minne på.",
        "nn": "Denne kunngjeringa ber ikkje om lesestadfesting, så det er ingen å minne på.",
        "en": "This announcement does not ask for a read confirmation, so there is no one to remind.",
    },
    # --- list -------------------------------------------------------------------------------------
    "ann_list_title": {
        "nb": "Siste kunngjøringer i {network}",
        "nn": "Siste kunngjeringar i {network}",
        "en": "Latest announcements in {network}",
    },
    "ann_list_empty": {
        "nb": "Det er ikke sendt noen kunngjøringer ennå.",
        "nn": "Det er ikkje sendt nokon kunngjeringar enno.",
        "en": "No announcements have been sent yet.",
    },
    "ann_list_item": {
        "nb": "#{id} {title} ({when}): levert til {delivered} av {total}",
        "nn": "#{id} {title} ({when}): levert til {delivered} av {total}",
        "en": "#{id} {title} ({when}): delivered to {delivered} of {total}",
    },
    "ann_list_item_confirm": {
        "nb": "#{id} {title} ({when}): levert til {delivered} av {total}, {confirmed} har bekreftet",
        "nn": "#{id} {title} ({when}): levert til {delivered} av {total}, {confirmed} har stadfesta",
        "en": "#{id} {title} ({when}): delivered to {delivered} of {total}, {confirmed} confirmed",
    },
    "ann_list_hint": {
        "nb": "Skriv «rapport <nummer>» for detaljer.",
        "nn": "Skriv «rapport <nummer>» for detaljar.",
        "en": "Type “report <number>” for details.",
    },
    # --- the outbox queue on the secretariat's App Home ------------------------------------------
    "ann_q_title": {"nb": "Utsendingskø", "nn": "Utsendingskø", "en": "Outbox queue"},
    "ann_q_pending": {"nb": "Venter", "nn": "Ventar", "en": "Pending"},
    "ann_q_failed": {"nb": "Feilet", "nn": "Feila", "en": "Failed"},
    "ann_q_sent_today": {"nb": "Sendt i dag", "nn": "Send i dag", "en": "Sent today"},
    "ann_q_failures_title": {"nb": "Siste feil", "nn": "Siste feil", "en": "Latest failures"},
    "ann_q_failure": {
        "nb": "{when}: {kind} til {to} – {reason}",
        "nn": "{when}: {kind} til {to} – {reason}",
        "en": "{when}: {kind} to {to} – {reason}",
    },
    "ann_q_failures_hint": {
        "nb": "Prøv på nytt med «digibot outbox retry --failed».",
        "nn": "Prøv på nytt med «digibot outbox retry --failed».",
        "en": "Retry with “digibot outbox retry --failed”.",
    },
    "ann_q_announcements_title": {
        "nb": "Siste kunngjøringer",
        "nn": "Siste kunngjeringar",
        "en": "Latest announcements",
    },
    # --- the Slack modal --------------------------------------------------------------------------
    "ann_modal_title": {"nb": "Ny kunngjøring", "nn": "Ny kunngjering", "en": "New announcement"},
    "ann_modal_preview": {"nb": "Forhåndsvis", "nn": "Førehandsvis", "en": "Preview"},
    "ann_modal_send": {"nb": "Send", "nn": "Send", "en": "Send"},
    "ann_modal_cancel": {"nb": "Avbryt", "nn": "Avbryt", "en": "Cancel"},
    "ann_modal_text": {"nb": "Tekst", "nn": "Tekst", "en": "Text"},
    "ann_modal_text_hint": {
        "nb": "Høyst {limit} tegn.",
        "nn": "Høgst {limit} teikn.",
        "en": "At most {limit} characters.",
    },
    "ann_modal_title_label": {"nb": "Tittel (valgfri)", "nn": "Tittel (valfri)", "en": "Title (optional)"},
    "ann_modal_choose": {"nb": "Alle", "nn": "Alle", "en": "Everyone"},
    "ann_modal_audience_hint": {
        "nb": "Målgruppe: tomme felt betyr alle; mottakerne må passe med alt du velger.",
        "nn": "Målgruppe: tomme felt tyder alle; mottakarane må passe med alt du vel.",
        "en": "Audience: empty fields mean everyone; recipients must match everything you choose.",
    },
    "ann_modal_capped": {
        "nb": "Viser de første {limit} av {total}; bruk «digibot announce» for de andre.",
        "nn": "Viser dei første {limit} av {total}; bruk «digibot announce» for dei andre.",
        "en": "Showing the first {limit} of {total}; use “digibot announce” for the others.",
    },
    "ann_modal_send_at": {
        "nb": "Sendetidspunkt (valgfritt, ellers nå)",
        "nn": "Sendetidspunkt (valfritt, elles no)",
        "en": "Time to send (optional, else now)",
    },
    "ann_modal_confirm": {"nb": "Lesebekreftelse", "nn": "Lesestadfesting", "en": "Read confirmation"},
    "ann_modal_confirm_option": {
        "nb": "Be mottakerne bekrefte at de har lest den",
        "nn": "Be mottakarane stadfeste at dei har lese ho",
        "en": "Ask recipients to confirm they have read it",
    },
    "ann_modal_edit_below": {
        "nb": "Trykk Send for å sende, eller endre under og forhåndsvis på nytt.",
        "nn": "Trykk Send for å sende, eller endre under og førehandsvis på nytt.",
        "en": "Press Send to send it, or change it below and preview again.",
    },
    "ann_modal_changed": {
        "nb": "Du endret kunngjøringen. Se over forhåndsvisningen og trykk Send igjen.",
        "nn": "Du endra kunngjeringa. Sjå over førehandsvisinga og trykk Send igjen.",
        "en": "You changed the announcement. Check the preview and press Send again.",
    },
    "ann_modal_sent_title": {"nb": "Sendt", "nn": "Sendt", "en": "Sent"},
    "ann_modal_close": {"nb": "Lukk", "nn": "Lukk", "en": "Close"},
}
