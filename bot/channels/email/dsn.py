"""Delivery status notifications (RFC 3464): what a mail server says, later and by mail, about a mail it
could not deliver (or not yet).

    multipart/report; report-type=delivery-status
      text/plain                       the words for people ("This is the mail system at host ...")
      message/delivery-status          per-message fields, then one block per recipient:
                                         Final-Recipient: rfc822; kari@rana.kommune.no
                                         Action: failed | delayed | delivered | relayed | expanded
                                         Status: 5.1.1
                                         Diagnostic-Code: smtp; 550 5.1.1 <kari@...>: User unknown
      message/rfc822 or text/rfc822-headers    the returned mail, or its headers

    notice = read_dsn(raw_bytes)   # a Notice, or raises NotADsn (not a report, malformed, nothing to tell)
    notice.reason                  # "bounced: 5.1.1 550 5.1.1 <kari@...>: User unknown" or "delayed: 4.4.1 ..."

What a recipient block means is a table of small rules (OUTCOMES): "failed" is a bounce whatever its
status class (a 4.x.x with Action failed is a server that gave up retrying); "delayed" is only a note;
a block without Action is judged by its Status class. "delivered", "relayed" and "expanded" tell nothing
wrong. Parsed with the `email` package; `message/global-delivery-status` (RFC 6533) is read the same way.
"""

from __future__ import annotations

import email
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from email.message import EmailMessage, Message
from email.policy import default

BOUNCED = "bounced"
DELAYED = "delayed"
REPORT_TYPES = ("message/delivery-status", "message/global-delivery-status")
RETURNED = ("message/rfc822", "text/rfc822-headers", "message/global", "message/global-headers")
MAX_DIAGNOSTIC = 400
_STATUS = re.compile(r"\b([245])\.(\d{1,3})\.(\d{1,3})\b")
_TYPED = re.compile(r"^[A-Za-z][\w-]*\s*;\s*")  # "smtp; ", "rfc822; ", "X-Postfix; "


class NotADsn(Exception):  # noqa: N818 - an outcome
    """Not a delivery status notification we can use (the reason says why)."""


@dataclass(frozen=True)
class Notice:
    outcome: str  # BOUNCED | DELAYED
    action: str  # as the report says, lower case ("" if it says none)
    status: str  # "5.1.1"
    diagnostic: str  # the remote server's words, without their type ("550 5.1.1 ... User unknown"), or ""
    recipient: str  # the Final-Recipient's address
    message_id: str | None  # the Message-ID of the returned mail, when the report includes its headers

    @property
    def reason(self) -> str:
        """As written on the outbox row (messages/delivery_status.py words it for the secretariat)."""
        return f"{self.outcome}: {self.status} {self.diagnostic}".strip()


# --------------------------------------------------------------------------- what a recipient block means

def _failed(action: str, status: str) -> bool:
    return action == "failed" or (not action and status.startswith("5."))


def _delayed(action: str, status: str) -> bool:
    return action == "delayed" or (not action and status.startswith("4."))


OUTCOMES: tuple[tuple[str, Callable[[str, str], bool]], ...] = ((BOUNCED, _failed), (DELAYED, _delayed))


def outcome_of(action: str, status: str) -> str | None:
    """BOUNCED, DELAYED, or None (delivered, relayed, expanded: nothing wrong)."""
    return next((name for name, rule in OUTCOMES if rule(action, status)), None)


# --------------------------------------------------------------------------- reading the report

def _field(block: Message, name: str) -> str:
    value = block.get(name)
    return " ".join(str(value).split()) if value is not None else ""


def _untyped(value: str) -> str:
    """ "rfc822; kari@rana.kommune.no" → "kari@rana.kommune.no"; "smtp; 550 ..." → "550 ..." """
    return _TYPED.sub("", value, count=1).strip()


def _blocks(part: Message) -> list[Message]:
    """The field blocks of a delivery-status part: the parser gives a list; a global one comes as text."""
    payload = part.get_payload()
    if isinstance(payload, list):
        return [block for block in payload if isinstance(block, Message)]
    if isinstance(payload, str):
        text = payload.replace("\r\n", "\n")
        return [email.message_from_string(chunk + "\n", policy=default)
                for chunk in re.split(r"\n\s*\n", text) if chunk.strip()]
    return []


def _returned_message_id(report: Message) -> str | None:
    for part in report.walk():
        if part.get_content_type() not in RETURNED:
            continue
        payload = part.get_payload()
        if isinstance(payload, list) and payload and isinstance(payload[0], Message):
            headers: Message = payload[0]
        else:
            text = part.get_payload(decode=True)
            headers = email.message_from_bytes(text if isinstance(text, bytes) else b"", policy=default)
        found = headers.get("Message-ID")
        return " ".join(str(found).split()) if found else None
    return None


def _notice(block: Message) -> Notice | None:
    action = (_field(block, "Action").lower().split() or [""])[0]
    status = _STATUS.search(_field(block, "Status"))
    if status is None:
        return None
    code = status.group(0)
    outcome = outcome_of(action, code)
    if outcome is None:
        return None
    return Notice(outcome=outcome, action=action, status=code,
                  diagnostic=_untyped(_field(block, "Diagnostic-Code"))[:MAX_DIAGNOSTIC],
                  recipient=_untyped(_field(block, "Final-Recipient") or _field(block, "Original-Recipient")),
                  message_id=None)


def parse(raw: bytes) -> EmailMessage:
    mail = email.message_from_bytes(raw, policy=default)
    assert isinstance(mail, EmailMessage)
    return mail


def read_dsn(raw: bytes) -> Notice:
    """The worst news a delivery status notification carries (a bounce before a delay)."""
    try:
        report = parse(raw)
    except Exception as exc:  # the parser is lenient; anything it still raises is garbage to us
        raise NotADsn(f"unreadable: {type(exc).__name__}") from exc
    if report.get_content_type() != "multipart/report":
        raise NotADsn(f"not a report ({report.get_content_type()})")
    if str(report.get_param("report-type", "")).lower() != "delivery-status":
        raise NotADsn(f"not a delivery status report (report-type={report.get_param('report-type')})")
    part = next((p for p in report.walk() if p.get_content_type() in REPORT_TYPES), None)
    if part is None:
        raise NotADsn("no message/delivery-status part")
    blocks = _blocks(part)
    notices = [n for n in (_notice(block) for block in blocks[1:]) if n is not None]
    if not notices:
        raise NotADsn("no failed or delayed recipient" if len(blocks) > 1 else "no recipient block")
    worst = next((n for n in notices if n.outcome == BOUNCED), notices[0])
    return replace(worst, message_id=_returned_message_id(report))
