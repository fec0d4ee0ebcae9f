"""One outbox delivery as an RFC 5322 mail (the e-mail channel's only use of the `email` package).

    multipart/alternative                                a message without attachment
      text/plain; charset=utf-8                          the same words, plain (messages/render_email.py)
      text/html; charset=utf-8

    multipart/mixed                                      a meeting notice, update or cancellation
      multipart/alternative
        text/plain, text/html
        text/calendar; method=REQUEST|CANCEL             what Outlook and Gmail show as an invite
      application/ics; name=<file>.ics                   the same calendar file, for clients that do not

Headers: From (MAIL_FROM), To, Subject (the first title), Date, a Message-ID that is the same for every
attempt of one outbox row (a receiving system can drop a duplicate), Auto-Submitted and
X-Auto-Response-Suppress (no out-of-office replies to a bot), Content-Language, and on digests
List-Unsubscribe with List-Unsubscribe-Post: List-Unsubscribe=One-Click (RFC 8058).
"""

from __future__ import annotations

import base64
import hashlib
import re
from datetime import datetime
from email.message import EmailMessage
from email.policy import SMTP, SMTPUTF8
from email.utils import format_datetime, parseaddr
from typing import Any

from bot.channels.base import Delivery
from bot.channels.email.links import LinkMaker
from messages.codec import message_from_dict
from messages.render_email import no_links, to_email

DIGEST = "digest"
CALENDAR_TYPE = "text/calendar"
# Headers fold at 78 characters where they can, but a long link in List-Unsubscribe must stay one word, not
# be RFC 2047-encoded: on the wire, lines may be up to RFC 5322's 998.
WIRE = SMTP.clone(max_line_length=998)
WIRE_UTF8 = SMTPUTF8.clone(max_line_length=998)
_METHOD = re.compile(r"^METHOD:(\w+)\s*$", re.MULTILINE)


def sender_name(mail_from: str) -> str:
    """ "DigiVestland" of "DigiVestland <post@digivestland.no>" (else the address)."""
    name, address = parseaddr(mail_from)
    return name or address or "digibot"


def message_id(delivery: Delivery, mail_from: str) -> str:
    domain = parseaddr(mail_from)[1].rpartition("@")[2] or "digibot.invalid"
    digest = hashlib.sha256(f"{delivery.network_id}\0{delivery.key}\0{delivery.id}".encode()).hexdigest()[:20]
    return f"<{delivery.kind}.{digest}@{domain}>"


def calendar_method(ics: str, kind: str) -> str:
    found = _METHOD.search(ics.replace("\r\n", "\n"))
    return found.group(1).upper() if found else ("CANCEL" if kind == "meeting_cancel" else "REQUEST")


def _attachment_bytes(attachment: dict[str, Any]) -> bytes:
    encoded, text = attachment.get("base64"), attachment.get("text")
    if isinstance(encoded, str):  # a binary file (a chart) travels base64-encoded in the JSON column
        return base64.b64decode(encoded)
    return text.encode("utf-8") if isinstance(text, str) else bytes(text or b"")


def _attach(mail: EmailMessage, delivery: Delivery, attachment: dict[str, Any]) -> None:
    filename = str(attachment.get("filename") or "attachment")
    content_type = str(attachment.get("content_type") or "application/octet-stream").split(";")[0].strip()
    text = attachment.get("text")
    if content_type == CALENDAR_TYPE and isinstance(text, str):
        method = calendar_method(text, delivery.kind)
        mail.add_alternative(text, subtype="calendar", charset="utf-8", cte="quoted-printable",
                             params={"method": method})
        mail.add_attachment(text.encode("utf-8"), maintype="application", subtype="ics", filename=filename)
        return
    maintype, _, subtype = content_type.partition("/")
    mail.add_attachment(_attachment_bytes(attachment), maintype=maintype or "application",
                        subtype=subtype or "octet-stream", filename=filename)


def build_mail(delivery: Delivery, *, mail_from: str, links: LinkMaker | None, now: datetime) -> EmailMessage:
    messages = [message_from_dict(m) for m in (delivery.message, *delivery.more)]
    unsubscribe = links.unsubscribe(delivery) if links is not None and delivery.kind == DIGEST else None
    body = to_email(messages, delivery.lang, links=links.buttons(delivery) if links is not None else no_links,
                    sender=sender_name(mail_from), unsubscribe_url=unsubscribe)
    mail = EmailMessage(policy=SMTP)
    mail["From"] = mail_from
    mail["To"] = delivery.recipient
    mail["Subject"] = body.subject
    mail["Date"] = format_datetime(now)
    mail["Message-ID"] = message_id(delivery, mail_from)
    mail["Auto-Submitted"] = "auto-generated"
    mail["X-Auto-Response-Suppress"] = "OOF, AutoReply"
    if unsubscribe:
        mail["List-Unsubscribe"] = f"<{unsubscribe}>"
        mail["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    mail.set_content(body.text, subtype="plain", charset="utf-8", cte="quoted-printable")
    mail.add_alternative(body.html, subtype="html", charset="utf-8", cte="quoted-printable")
    if delivery.attachment:
        _attach(mail, delivery, delivery.attachment)
    mail["Content-Language"] = delivery.lang  # last: making the parts moves Content-* headers into them
    return mail


def wire_bytes(mail: EmailMessage, recipient: str) -> bytes:
    """The mail as sent: CRLF lines; a non-ASCII address needs SMTPUTF8 (headers in UTF-8)."""
    return mail.as_bytes(policy=WIRE if recipient.isascii() else WIRE_UTF8)
