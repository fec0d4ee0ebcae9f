"""A real SMTP server on loopback (aiosmtpd), for the e-mail channel's tests and bench.

    async with LocalSmtp() as smtp:                  # 127.0.0.1, a free port, in this event loop
        ... send to smtp.port ...
        mail = smtp.mails_to("kari@bergen.kommune.no")[-1]      # parsed back with the `email` package
        smtp.refuse("ola@voss.no", "550 5.1.1 No such user")    # RCPT answered with that code
        smtp.data_reply = "451 4.3.0 Try again later"            # every DATA answered with that code

Mails are parsed with `email.policy.default` (EmailMessage objects) from the exact bytes received.
`keep=False` (the bench) only counts mails and bytes.
"""

from __future__ import annotations

import asyncio
import email
import ssl
import subprocess
import warnings
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import default
from pathlib import Path
from types import TracebackType
from typing import Any

from aiosmtpd.smtp import SMTP as SmtpProtocol
from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword, Session


@dataclass
class Received:
    sender: str
    recipients: list[str]
    raw: bytes
    mail: EmailMessage


@dataclass
class Handler:
    keep: bool = True
    received: list[Received] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)
    data_reply: str | None = None
    count: int = 0
    bytes: int = 0

    async def handle_RCPT(self, server: SmtpProtocol, session: Session, envelope: Envelope, address: str,  # noqa: N802
                          rcpt_options: list[str]) -> str:
        reply = self.refused.get(address.lower())
        if reply is not None:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SmtpProtocol, session: Session, envelope: Envelope) -> str:  # noqa: N802
        if self.data_reply is not None:
            return self.data_reply
        raw = envelope.original_content or b""
        self.count += 1
        self.bytes += len(raw)
        if self.keep:
            mail = email.message_from_bytes(raw, policy=default)
            assert isinstance(mail, EmailMessage)
            self.received.append(Received(str(envelope.mail_from), list(envelope.rcpt_tos), raw, mail))
        return "250 Message accepted for delivery"


class Authenticator:
    def __init__(self, username: str, password: str) -> None:
        self.username, self.password = username.encode(), password.encode()

    def __call__(self, server: SmtpProtocol, session: Session, envelope: Envelope, mechanism: str,
                 auth_data: Any) -> AuthResult:
        ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
            self.username, self.password)
        return AuthResult(success=ok, handled=False)


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key (openssl), for the TLS tests."""
    cert, key = folder / "smtp-cert.pem", folder / "smtp-key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True, timeout=60)
    return cert, key


class LocalSmtp:
    """`tls`: None (plain), "starttls" (required before anything is sent) or "tls" (implicit, from the
    first byte), with `cert` = (certificate, key) files."""

    def __init__(self, *, keep: bool = True, login: tuple[str, str] | None = None, tls: str | None = None,
                 cert: tuple[Path, Path] | None = None) -> None:
        self.handler = Handler(keep=keep)
        self.login = login
        self.tls = tls
        self.context: ssl.SSLContext | None = None
        if tls is not None:
            assert cert is not None
            self.context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            self.context.load_cert_chain(*map(str, cert))
        self.server: asyncio.Server | None = None
        self.port = 0
        self.connections = 0

    def _protocol(self) -> SmtpProtocol:
        self.connections += 1
        extra: dict[str, Any] = {}
        if self.login is not None:  # AUTH without TLS: aiosmtpd warns, rightly; on loopback in a test it is fine
            extra = {"authenticator": Authenticator(*self.login), "auth_required": True,
                     "auth_require_tls": self.tls == "starttls"}  # implicit TLS: aiosmtpd cannot tell
        if self.tls == "starttls":
            extra.update(tls_context=self.context, require_starttls=True)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            return SmtpProtocol(self.handler, hostname="smtp.test", enable_SMTPUTF8=True, **extra)

    async def __aenter__(self) -> LocalSmtp:
        loop = asyncio.get_running_loop()
        self.server = await loop.create_server(self._protocol, host="127.0.0.1", port=0,
                                               ssl=self.context if self.tls == "tls" else None)
        self.port = self.server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        if self.server is not None:
            self.server.close()
            await self.server.wait_closed()

    @property
    def received(self) -> list[Received]:
        return self.handler.received

    def mails_to(self, address: str) -> list[EmailMessage]:
        return [r.mail for r in self.received if address.lower() in (a.lower() for a in r.recipients)]

    def refuse(self, address: str, reply: str) -> None:
        self.handler.refused[address.lower()] = reply

    @property
    def data_reply(self) -> str | None:
        return self.handler.data_reply

    @data_reply.setter
    def data_reply(self, reply: str | None) -> None:
        self.handler.data_reply = reply
