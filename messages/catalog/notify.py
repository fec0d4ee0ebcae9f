"""Texts of what the bot sends on its own: meeting notices, changes and cancellations, deadline reminders,
digests (handlers/notify)."""

TEXTS: dict[str, dict[str, str]] = {
    # Meetings
    "notify_meeting_notice_title": {
        "nb": "Møteinnkalling: {title}",
        "nn": "Møteinnkalling: {title}",
        "en": "Meeting notice: {title}",
    },
    "notify_meeting_notice_text": {
        "nb": "Du er invitert til {title} {when}.",
        "nn": "Du er invitert til {title} {when}.",
        "en": "You are invited to {title} on {when}.",
    },
    "notify_meeting_update_title": {
        "nb": "Endret møte: {title}",
        "nn": "Endra møte: {title}",
        "en": "Meeting changed: {title}",
    },
    "notify_meeting_update_text": {
        "nb": "Tid, sted eller lenke for {title} er endret. Oppdater kalenderen din.",
        "nn": "Tid, stad eller lenkje for {title} er endra. Oppdater kalenderen din.",
        "en": "The time, place or link of {title} has changed. Please update your calendar.",
    },
    "notify_meeting_cancel_title": {
        "nb": "Avlyst: {title}",
        "nn": "Avlyst: {title}",
        "en": "Cancelled: {title}",
    },
    "notify_meeting_cancel_text": {
        "nb": "Møtet {title} {when} er avlyst.",
        "nn": "Møtet {title} {when} er avlyst.",
        "en": "The meeting {title} on {when} has been cancelled.",
    },
    "notify_when": {
        "nb": "Når",
        "nn": "Når",
        "en": "When",
    },
    "notify_where": {
        "nb": "Hvor",
        "nn": "Kvar",
        "en": "Where",
    },
    "notify_link": {
        "nb": "Videolenke",
        "nn": "Videolenkje",
        "en": "Video link",
    },
    "notify_group": {
        "nb": "Gruppe",
        "nn": "Gruppe",
        "en": "Group",
    },
    "notify_agenda": {
        "nb": "Saksliste:",
        "nn": "Saksliste:",
        "en": "Agenda:",
    },
    "notify_changed": {
        "nb": "{old} → {new}",
        "nn": "{old} → {new}",
        "en": "{old} → {new}",
    },
    "notify_none": {
        "nb": "(ikke oppgitt)",
        "nn": "(ikkje oppgitt)",
        "en": "(not given)",
    },
    "notify_invite_attached": {
        "nb": "Kalenderinvitasjonen er vedlagt.",
        "nn": "Kalenderinvitasjonen er lagd ved.",
        "en": "The calendar invitation is attached.",
    },
    "notify_cancel_attached": {
        "nb": "Vedlegget fjerner møtet fra kalenderen din.",
        "nn": "Vedlegget fjernar møtet frå kalenderen din.",
        "en": "The attachment removes the meeting from your calendar.",
    },
    # Deadline reminders
    "notify_reminder_title": {
        "nb": "Påminnelse",
        "nn": "Påminning",
        "en": "Reminder",
    },
    "notify_reminder_days": {
        "nb": "Frist om {days} dager: {title}, {due}",
        "nn": "Frist om {days} dagar: {title}, {due}",
        "en": "Deadline in {days} days: {title}, {due}",
    },
    "notify_reminder_one_day": {
        "nb": "Frist om 1 dag: {title}, {due}",
        "nn": "Frist om 1 dag: {title}, {due}",
        "en": "Deadline in 1 day: {title}, {due}",
    },
    "notify_reminder_today": {
        "nb": "Frist i dag: {title}, {due}",
        "nn": "Frist i dag: {title}, {due}",
        "en": "Deadline today: {title}, {due}",
    },
    "notify_contact": {
        "nb": "Kontaktperson",
        "nn": "Kontaktperson",
        "en": "Contact",
    },
    "notify_project": {
        "nb": "Prosjekt",
        "nn": "Prosjekt",
        "en": "Project",
    },
    # Digests
    "notify_digest_weekly_title": {
        "nb": "Ukeoversikt fra {network}",
        "nn": "Vekeoversikt frå {network}",
        "en": "Weekly digest from {network}",
    },
    "notify_digest_daily_title": {
        "nb": "Dagens oversikt fra {network}",
        "nn": "Dagens oversikt frå {network}",
        "en": "Daily digest from {network}",
    },
    "notify_digest_text": {
        "nb": "Frister og møter de neste {days} dagene som gjelder deg, og det som er nytt siden forrige oversikt.",
        "nn": "Fristar og møte dei neste {days} dagane som gjeld deg, og det som er nytt sidan førre oversikt.",
        "en": "Deadlines and meetings in the next {days} days that concern you, and what is new since the last "
        "digest.",
    },
    "notify_digest_deadline": {
        "nb": "Frist {due}: {title}",
        "nn": "Frist {due}: {title}",
        "en": "Deadline {due}: {title}",
    },
    "notify_digest_meeting": {
        "nb": "Møte {when}: {title}",
        "nn": "Møte {when}: {title}",
        "en": "Meeting {when}: {title}",
    },
    "notify_digest_announcement": {
        "nb": "Kunngjøring {when}: {title}",
        "nn": "Kunngjering {when}: {title}",
        "en": "Announcement {when}: {title}",
    },
    "notify_digest_status": {
        "nb": "Prosjektet {project} er nå {new} (var {old})",
        "nn": "Prosjektet {project} er no {new} (var {old})",
        "en": "The project {project} is now {new} (was {old})",
    },
    "notify_digest_status_new": {
        "nb": "Prosjektet {project} er nå {new}",
        "nn": "Prosjektet {project} er no {new}",
        "en": "The project {project} is now {new}",
    },
    "notify_digest_weekly_context": {
        "nb": "Du får denne oversikten hver mandag fordi du har valgt ukentlig oversikt. Prosjektendringer gjelder "
        "prosjekter organisasjonen din eier, deltar i eller du leder.",
        "nn": "Du får denne oversikta kvar måndag fordi du har valt vekeoversikt. Prosjektendringar gjeld "
        "prosjekt organisasjonen din eig, er med i eller du leiar.",
        "en": "You get this digest every Monday because you chose a weekly digest. Project changes cover "
        "projects your organization owns or takes part in, or that you lead.",
    },
    "notify_digest_daily_context": {
        "nb": "Du får denne oversikten hver arbeidsdag fordi du har valgt daglig oversikt. Prosjektendringer gjelder "
        "prosjekter organisasjonen din eier, deltar i eller du leder.",
        "nn": "Du får denne oversikta kvar arbeidsdag fordi du har valt dagleg oversikt. Prosjektendringar gjeld "
        "prosjekt organisasjonen din eig, er med i eller du leiar.",
        "en": "You get this digest every working day because you chose a daily digest. Project changes cover "
        "projects your organization owns or takes part in, or that you lead.",
    },
    "notify_project_status_planned": {
        "nb": "planlagt",
        "nn": "planlagt",
        "en": "planned",
    },
    "notify_project_status_active": {
        "nb": "aktivt",
        "nn": "aktivt",
        "en": "active",
    },
    "notify_project_status_completed": {
        "nb": "fullført",
        "nn": "fullført",
        "en": "completed",
    },
    "notify_project_status_paused": {
        "nb": "satt på pause",
        "nn": "sett på pause",
        "en": "paused",
    },
}
