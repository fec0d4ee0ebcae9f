"""Texts in calendar files: the subscribable feed's events and descriptions, and the names of the invite
files (a word, then "-<meeting id>.ics"), so that an invitation, a change and a cancellation can be told
apart in a list of attachments."""

TEXTS: dict[str, dict[str, str]] = {
    "calendar_deadline_summary": {
        "nb": "Frist: {title}",
        "nn": "Frist: {title}",
        "en": "Deadline: {title}",
    },
    "calendar_deadline_description": {
        "nb": "Fristen går ut {when}.",
        "nn": "Fristen går ut {when}.",
        "en": "Due {when}.",
    },
    "calendar_cancelled_summary": {
        "nb": "Avlyst: {title}",
        "nn": "Avlyst: {title}",
        "en": "Cancelled: {title}",
    },
    "calendar_feed_description": {
        "nb": "Møter og frister i {network} for {name}",
        "nn": "Møte og fristar i {network} for {name}",
        "en": "Meetings and deadlines in {network} for {name}",
    },
    "calendar_file_meeting_notice": {
        "nb": "innkalling",
        "nn": "innkalling",
        "en": "invitation",
    },
    "calendar_file_meeting_update": {
        "nb": "endret",
        "nn": "endra",
        "en": "changed",
    },
    "calendar_file_meeting_cancel": {
        "nb": "avlyst",
        "nn": "avlyst",
        "en": "cancelled",
    },
}
