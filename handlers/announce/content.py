"""The messages of an announcement: what recipients get, the author's preview, the reminder. No I/O."""

from __future__ import annotations

from collections import Counter

from handlers.announce.audience import describe_audience
from handlers.announce.draft import Draft
from messages.formatting import format_datetime
from messages.i18n import Lang, as_lang, t
from messages.model import Button, Field, Message
from storage.snapshot import NetworkSnapshot, PersonInfo

READ_ACTION = "announcement_read"
REMIND_ACTION = "announcement_remind"
REPORT_ACTION = "announcement_report"


def recipients_text(lang: str, count: int) -> str:
    return t(lang, "ann_recipients_one" if count == 1 else "ann_recipients_other", count=count)


def reader_language(network: NetworkSnapshot, person: PersonInfo) -> Lang:
    """The person's language, else the network's."""
    return as_lang(person.language, as_lang(network.language))


def heading(network: NetworkSnapshot, title: str | None, lang: str) -> str:
    return title or t(lang, "ann_default_title", network=network.name)


def announcement_message(network: NetworkSnapshot, title: str | None, text: str, confirm: bool, lang: str,
                         announcement_id: int | None) -> Message:
    """The announcement as a recipient reads it; with a "Lest"/"Read" button when confirmation is asked."""
    buttons = []
    if confirm:
        value = "" if announcement_id is None else str(announcement_id)
        buttons.append(Button(t(lang, "ann_read_button"), READ_ACTION, value, style="primary"))
    sender = t(lang, "ann_sender_confirm" if confirm else "ann_sender", network=network.name)
    return Message(title=heading(network, title, lang), text=text, buttons=buttons, context=sender)


def reminder_message(network: NetworkSnapshot, title: str | None, text: str, lang: str,
                     announcement_id: int) -> Message:
    original = announcement_message(network, title, text, True, lang, announcement_id)
    original.title = t(lang, "ann_reminder_title", title=heading(network, title, lang))
    original.text = f"{t(lang, 'ann_reminder_intro')}\n\n{text}"
    return original


def when_text(network: NetworkSnapshot, draft: Draft, lang: str) -> str:
    return format_datetime(draft.send_at, lang, network.timezone) if draft.scheduled else t(lang, "ann_now")


def channels_text(recipients: tuple[PersonInfo, ...], lang: str) -> str:
    counts = Counter(p.channel for p in recipients)
    known = {"slack", "teams", "email", "console"}
    return ", ".join(f"{t(lang, f'ann_channel_{c}') if c in known else c} {n}" for c, n in counts.most_common())


def preview_messages(network: NetworkSnapshot, draft: Draft, lang: str) -> list[Message]:
    """What the author checks before sending: who, when, how, and the announcement as recipients see it."""
    count = len(draft.recipients)
    summary = Message(
        title=t(lang, "ann_preview_title"),
        text=t(lang, "ann_preview_text", recipients=recipients_text(lang, count)),
        fields=[
            Field(t(lang, "ann_field_audience"), describe_audience(network, draft.audience, lang)),
            Field(t(lang, "ann_field_send_at"), when_text(network, draft, lang)),
            Field(t(lang, "ann_field_confirm"), t(lang, "ann_yes" if draft.require_confirmation else "ann_no")),
            Field(t(lang, "ann_field_channels"), channels_text(draft.recipients, lang)),
        ],
    )
    sample = announcement_message(network, draft.title, draft.text, draft.require_confirmation, lang, None)
    return [summary, sample]


def sent_message(network: NetworkSnapshot, announcement_id: int, draft: Draft, lang: str) -> Message:
    """What the author hears once it is queued, with a button to the report."""
    recipients = recipients_text(lang, len(draft.recipients))
    if draft.scheduled:
        text = t(lang, "ann_sent_later", id=announcement_id, recipients=recipients,
                 when=format_datetime(draft.send_at, lang, network.timezone))
    else:
        text = t(lang, "ann_sent_now", id=announcement_id, recipients=recipients)
    return Message(text=text, buttons=[Button(t(lang, "ann_report_button"), REPORT_ACTION, str(announcement_id))],
                   context=t(lang, "ann_sent_report_hint", id=announcement_id))

