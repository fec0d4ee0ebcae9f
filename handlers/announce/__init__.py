"""Announcements from the secretariat: compose, check, preview, send, confirm, remind, report.

    audience.py   the audience: CLI form, checks against the network, descriptions
    draft.py      DraftInput -> check_draft -> Draft (or Invalid with a problem per field)
    content.py    the messages: the announcement, its preview, the reminder, "queued"
    send.py       who may (refusal), and Announcement + outbox rows (send / announce)
    confirm.py    read confirmations and reminders
    report.py     the delivery report and the list of recent announcements
    listeners.py  what the router calls

The CLI (bot/cli/announce.py) and the Slack modal (bot/channels/slack/announce.py) call
`prepare`/`send` directly; buttons and text commands come through the router (handlers/app.py).
"""

from handlers.announce.audience import AUDIENCE_KEYS, audience_choices, parse_audience, value_label
from handlers.announce.content import preview_messages, recipients_text
from handlers.announce.draft import MAX_TEXT, MAX_TITLE, Draft, DraftInput, Invalid, check_draft, parse_local_time
from handlers.announce.send import NotAllowed, Sent, announce, prepare, refusal, send

__all__ = [
    "AUDIENCE_KEYS", "MAX_TEXT", "MAX_TITLE", "Draft", "DraftInput", "Invalid", "NotAllowed", "Sent",
    "announce", "audience_choices", "check_draft", "parse_audience", "parse_local_time", "prepare",
    "preview_messages", "recipients_text", "refusal", "send", "value_label",
]
