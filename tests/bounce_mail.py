"""Bounces as a receiving mail server writes them, for the bounce receiver's tests.

    raw = dsn(original, action="failed", status="5.1.1", diagnostic="smtp; 550 5.1.1 <kari@...>: User unknown")
    await send_bounce(raw, to=return_path, port=receiver.port)   # MAIL FROM:<>, as bounces are sent

`dsn` builds an RFC 3464 report with the `email` package the way Postfix does: multipart/report;
report-type=delivery-status with a text/plain part for people, a message/delivery-status part (the
per-message fields, then the recipient's block) and the returned mail's headers as text/rfc822-headers.
"""

from __future__ import annotations

from datetime import UTC, datetime
from email.message import EmailMessage, Message
from email.mime.base import MIMEBase
from email.mime.message import MIMEMessage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.policy import SMTP
from email.utils import format_datetime, make_msgid

import aiosmtplib

REPORTING_MTA = "mx1.rana.kommune.no"


def _block(**fields: str) -> Message:
    block = Message()
    for name, value in fields.items():
        block[name.replace("_", "-")] = value
    return block


def dsn(original: EmailMessage, *, action: str, status: str, diagnostic: str, recipient: str | None = None,
        return_path: str | None = None, whole: bool = False) -> bytes:
    """`whole`: the returned mail as message/rfc822, as Exchange does (else its headers, as Postfix does)."""
    recipient = recipient or str(original["To"])
    report = MIMEMultipart("report", report_type="delivery-status")
    report["From"] = f"Mail Delivery System <MAILER-DAEMON@{REPORTING_MTA}>"
    report["To"] = return_path or "bounces@digibot.example"
    report["Subject"] = ("Undelivered Mail Returned to Sender" if action == "failed"
                         else "Delayed Mail (still being retried)")
    report["Date"] = format_datetime(datetime.now(UTC))
    report["Message-ID"] = make_msgid(domain=REPORTING_MTA)
    report["Auto-Submitted"] = "auto-replied"
    report.attach(MIMEText(f"This is the mail system at host {REPORTING_MTA}.\n\nI'm sorry to have to inform "
                           f"you that your message could not be delivered to one or more recipients.\n\n"
                           f"<{recipient}>: {diagnostic}\n"))
    status_part = MIMEBase("message", "delivery-status")
    status_part.set_payload([
        _block(Reporting_MTA=f"dns; {REPORTING_MTA}", X_Postfix_Queue_ID="4dKq2x0Z1sz9vD",
               Arrival_Date=format_datetime(datetime.now(UTC))),
        _block(Final_Recipient=f"rfc822; {recipient}", Original_Recipient=f"rfc822;{recipient}", Action=action,
               Status=status, Remote_MTA="dns; mail.rana.kommune.no", Diagnostic_Code=diagnostic),
    ])
    report.attach(status_part)
    if whole:
        report.attach(MIMEMessage(original))
    else:
        headers = original.as_bytes(policy=SMTP).split(b"\r\n\r\n", 1)[0].decode("ascii", "replace")
        report.attach(MIMEText(headers + "\n", "rfc822-headers"))
    return report.as_bytes(policy=SMTP)


def out_of_office(to: str) -> bytes:
    """A reply from a person's mailbox: not a delivery status notification."""
    mail = EmailMessage()
    mail["From"] = "kari.nordmann@rana.kommune.no"
    mail["To"] = to
    mail["Subject"] = "Fraværende: Ny samarbeidsavtale"
    mail.set_content("Jeg er på ferie til 10. mars. Failed: 5.1.1 (this is not a report)")
    return mail.as_bytes(policy=SMTP)


async def send_bounce(raw: bytes, *, to: str, port: int) -> None:
    """Delivered like a bounce: from the null sender, over SMTP to the receiver on loopback."""
    client = aiosmtplib.SMTP(hostname="127.0.0.1", port=port, use_tls=False, start_tls=False, timeout=10)
    async with client:
        await client.sendmail("", [to], raw)
