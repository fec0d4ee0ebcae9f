"""The e-mail sender against a real SMTP server on loopback (aiosmtpd): what arrives, parsed back with the
`email` package, and what the outbox row is told when the server says no (4xx: later, 5xx: never)."""

from __future__ import annotations

import base64
import socket
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import icalendar
import pytest

from bot.channels.base import Delivery, PermanentFailure, RetryLater
from bot.channels.email.links import LinkMaker
from bot.channels.email.sender import EmailSender, SmtpConfig
from bot.config import Settings
from messages.codec import message_to_dict
from messages.i18n import t
from messages.model import Button, Field, Message
from tests.smtp_server import LocalSmtp, self_signed

NOW = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
KARI = "kari.nordmann@rana.kommune.no"
FROM = "DigiVestland <post@digivestland.no>"


def delivery(kind: str = "reminder", recipient: str = KARI, lang: str = "nb", **message: Any) -> Delivery:
    shown = Message(**(message or {"title": "Frist om 1 dag: Søknad til Ærøy-fondet",
                                   "text": "Husk søknaden. «Blåbær» & <b>ikke fet</b>",
                                   "fields": [Field("Frist", "4. desember 2026 kl. 12.00")]}))
    return Delivery(id=7, key=f"{kind}:x:{recipient}", kind=kind, channel="email", network_id="vestland",
                    person_id=3, recipient=recipient, lang=lang, message=message_to_dict(shown))


def sender_to(smtp: LocalSmtp, **config: Any) -> EmailSender:
    config = {"tls": "none", "timeout": 5, **config}
    return EmailSender(SmtpConfig(host="127.0.0.1", port=smtp.port, mail_from=FROM, **config),
                       LinkMaker("secret", "https://bot.example.no", lambda: NOW), clock=lambda: NOW)


async def test_a_reminder_arrives_as_text_and_html_with_norwegian_letters_intact() -> None:
    async with LocalSmtp() as smtp:
        sender = sender_to(smtp)
        message_id = await sender.send(delivery())
        await sender.close()
    [received] = smtp.received
    mail = received.mail
    assert received.sender == "post@digivestland.no" and received.recipients == [KARI]
    assert mail["Message-ID"] == message_id
    assert mail["Subject"] == "Frist om 1 dag: Søknad til Ærøy-fondet"
    assert mail["Auto-Submitted"] == "auto-generated" and mail["Content-Language"] == "nb"
    assert mail["List-Unsubscribe"] is None  # only digests
    assert mail.get_content_type() == "multipart/alternative"
    plain, html = mail.iter_parts()
    assert (plain.get_content_type(), html.get_content_type()) == ("text/plain", "text/html")
    assert plain.get_content_charset() == html.get_content_charset() == "utf-8"
    text = plain.get_content()
    assert "Søknad til Ærøy-fondet" in text and "«Blåbær» & <b>ikke fet</b>" in text
    assert "Frist: 4. desember 2026 kl. 12.00" in text
    page = html.get_content()
    assert "«Blåbær» &amp; &lt;b&gt;ikke fet&lt;/b&gt;" in page  # escaped, never markup
    assert "<table" in page and "<img" not in page and "class=" not in page


async def test_the_same_row_has_the_same_message_id_on_every_attempt() -> None:
    async with LocalSmtp() as smtp:
        sender = sender_to(smtp)
        first = await sender.send(delivery())
        second = await sender.send(delivery())
        other = await sender.send(delivery(kind="digest"))
        await sender.close()
    assert first == second != other


async def test_mails_share_one_smtp_session() -> None:
    async with LocalSmtp() as smtp:
        sender = sender_to(smtp, max_connections=1)
        for n in range(5):
            await sender.send(delivery(recipient=f"person{n}@rana.kommune.no"))
        await sender.close()
    assert len(smtp.received) == 5 and smtp.connections == 1


async def test_a_digest_carries_one_click_unsubscribe_headers() -> None:
    async with LocalSmtp() as smtp:
        sender = sender_to(smtp)
        await sender.send(delivery(kind="digest", lang="nn", title="Samandrag for veke 49", text="Tre fristar"))
        await sender.close()
    mail = smtp.received[0].mail
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = str(mail["List-Unsubscribe"])
    assert link.startswith("<https://bot.example.no/email/unsubscribe/") and link.endswith(">")
    assert t("nn", "email_unsubscribe", url=link.strip("<>")) in mail.get_body(("plain",)).get_content()


async def test_a_survey_invitation_says_how_to_answer_in_the_chat() -> None:
    async with LocalSmtp() as smtp:
        sender = sender_to(smtp)
        await sender.send(delivery(kind="survey_invitation", lang="en", title="Survey: IT status",
                                   buttons=[Button("Start", "survey_start", "ikt-2026", style="primary")]))
        await sender.close()
    text = smtp.received[0].mail.get_body(("plain",)).get_content()
    assert "\u201canswer ikt-2026\u201d to the bot in your chat app" in text
    assert "https://" not in text.split("--")[0]  # no link: a survey is answered in the chat


@pytest.mark.parametrize(("reply", "outcome", "reason"), [
    ("550 5.1.1 No such user here", PermanentFailure, "SMTP 550 5.1.1 No such user here"),
    ("452 4.2.2 Mailbox full", RetryLater, "SMTP 452 4.2.2 Mailbox full"),
])
async def test_a_refused_recipient_is_failed_or_retried_by_the_code(reply, outcome, reason) -> None:
    async with LocalSmtp() as smtp:
        smtp.refuse(KARI, reply)
        sender = sender_to(smtp)
        with pytest.raises(outcome) as raised:
            await sender.send(delivery())
        assert await sender.send(delivery(recipient="ola@voss.kommune.no"))  # the next mail still goes
        await sender.close()
    assert raised.value.reason == reason
    assert [r.recipients for r in smtp.received] == [["ola@voss.kommune.no"]]


@pytest.mark.parametrize(("reply", "outcome"), [("451 4.3.0 Greylisted, try again later", RetryLater),
                                                ("554 5.7.1 Message rejected as spam", PermanentFailure)])
async def test_a_refused_message_is_failed_or_retried_by_the_code(reply, outcome) -> None:
    async with LocalSmtp() as smtp:
        smtp.data_reply = reply
        sender = sender_to(smtp)
        with pytest.raises(outcome) as raised:
            await sender.send(delivery())
        await sender.close()
    assert raised.value.reason == f"SMTP {reply}"


async def test_a_server_that_is_not_there_is_tried_again_later() -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sender = EmailSender(SmtpConfig(host="127.0.0.1", port=port, tls="none", mail_from=FROM, timeout=5))
    with pytest.raises(RetryLater) as raised:
        await sender.send(delivery())
    assert "not reachable" in raised.value.reason and raised.value.counts


async def test_login_with_the_configured_account_and_a_refused_login_is_retried() -> None:
    async with LocalSmtp(login=("digibot", "rett passord")) as smtp:
        good = sender_to(smtp, username="digibot", password="rett passord")
        assert await good.send(delivery())
        await good.close()
        bad = sender_to(smtp, username="digibot", password="feil")
        with pytest.raises(RetryLater) as raised:
            await bad.send(delivery())
        await bad.close()
    assert len(smtp.received) == 1 and "login refused" in raised.value.reason


@pytest.mark.parametrize("tls", ["starttls", "tls"])
async def test_starttls_and_implicit_tls_with_login(tls: str, tmp_path) -> None:
    cert = self_signed(tmp_path)
    async with LocalSmtp(tls=tls, cert=cert, login=("digibot", "hemmeleg")) as smtp:
        sender = sender_to(smtp, tls=tls, username="digibot", password="hemmeleg", ca_file=str(cert[0]))
        assert await sender.send(delivery())
        await sender.close()
        plain = sender_to(smtp)  # no TLS where the server wants it: not delivered, tried again later
        with pytest.raises(RetryLater):
            await plain.send(delivery())
        await plain.close()
        untrusted = sender_to(smtp, tls=tls, username="digibot", password="hemmeleg")  # the system's CAs
        with pytest.raises(RetryLater):
            await untrusted.send(delivery())
        await untrusted.close()
    assert [r.recipients for r in smtp.received] == [[KARI]]


async def test_no_address_is_a_permanent_failure() -> None:
    sender = EmailSender(SmtpConfig(host="127.0.0.1", port=1, tls="none"))
    with pytest.raises(PermanentFailure):
        await sender.send(delivery(recipient="not an address"))


def test_settings_choose_the_tls_mode_and_its_port() -> None:
    def config(**settings: Any) -> SmtpConfig:
        return SmtpConfig.from_settings(Settings(smtp_host="smtp.example.no", **settings))

    assert (config().tls, config().port) == ("starttls", 587)
    assert (config(smtp_tls="tls").tls, config(smtp_tls="tls").port) == ("tls", 465)
    assert config(smtp_tls="none", smtp_port=2525).port == 2525
    assert config(mail_from=FROM).envelope_from == "post@digivestland.no"
    client = config(smtp_tls="tls").client()
    assert client.use_tls and not client._start_tls_on_connect
    assert config().client()._start_tls_on_connect is True


CANCEL_ICS = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//digibot//NO\r\nMETHOD:CANCEL\r\nBEGIN:VEVENT\r\n"
              "UID:sg-2026-12@digibot\r\nSEQUENCE:2\r\nSTATUS:CANCELLED\r\nDTSTAMP:20261201T080000Z\r\n"
              "DTSTART:20261210T080000Z\r\nSUMMARY:Styringsgruppemøte på Å\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")


async def test_a_cancellation_is_a_cancel_invite_and_other_files_are_attachments() -> None:
    cancelled = replace(delivery(kind="meeting_cancel"), attachment={
        "filename": "avlyst-sg-2026-12.ics", "content_type": "text/calendar", "text": CANCEL_ICS})
    chart = replace(delivery(kind="survey_summary"), key="chart", attachment={
        "filename": "svar.png", "content_type": "image/png", "base64": base64.b64encode(b"\x89PNG fake").decode()})
    async with LocalSmtp() as smtp:
        sender = sender_to(smtp)
        await sender.send(cancelled)
        await sender.send(chart)
        await sender.close()
    invite, with_chart = (r.mail for r in smtp.received)
    part = next(p for p in invite.walk() if p.get_content_type() == "text/calendar")
    assert part.get_param("method") == "CANCEL"
    event = icalendar.Calendar.from_ical(part.get_content()).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Styringsgruppemøte på Å" and str(event["STATUS"]) == "CANCELLED"
    [png] = [p for p in with_chart.walk() if p.get_filename() == "svar.png"]
    assert png.get_content_type() == "image/png" and png.get_content() == b"\x89PNG fake"
