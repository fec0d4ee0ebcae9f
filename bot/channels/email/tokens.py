"""Signed one-click tokens: what a link in an e-mail may do, for whom, until when.

    token = sign(secret, Grant("interest_answer", "vestland", 12, "d1:bergen:yes", "nb", expires, nonce))
    grant = verify(secret, token, now)     # raises Forged or Expired

A token is `<payload>.<signature>`: the payload is compact JSON in base64url (purpose, network, person,
value, language, expiry, a random nonce), the signature HMAC-SHA256 over the payload with a key derived
from DIGIBOT_SECRET_KEY for this use only. Nothing in a token is secret, but none of it can be changed:
a token names one action for one person and stops working at its expiry. Whether it was used already is
the database's business (storage/email_links.py), by its nonce.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

MAX_TOKEN = 2000  # characters; anything longer is not ours


class Forged(Exception):  # noqa: N818 - an outcome
    """Not a token this bot signed (or changed since)."""


class Expired(Exception):  # noqa: N818 - an outcome
    def __init__(self, grant: Grant) -> None:
        super().__init__("expired")
        self.grant = grant


@dataclass(frozen=True)
class Grant:
    purpose: str  # the router action (interest_answer, announcement_read) or "unsubscribe"
    network_id: str
    person_id: int
    value: str
    lang: str
    expires: datetime
    nonce: str
    label: str = ""  # the button's words, for the confirmation page

    def as_json(self) -> dict[str, Any]:
        return {"p": self.purpose, "n": self.network_id, "u": self.person_id, "v": self.value, "l": self.lang,
                "e": int(self.expires.timestamp()), "i": self.nonce, "b": self.label}

    @classmethod
    def from_json(cls, data: Any) -> Grant:
        try:
            return cls(str(data["p"]), str(data["n"]), int(data["u"]), str(data["v"]), str(data["l"]),
                       datetime.fromtimestamp(int(data["e"]), UTC), str(data["i"]), str(data.get("b") or ""))
        except (KeyError, TypeError, ValueError, OverflowError) as exc:
            raise Forged("malformed payload") from exc


def new_nonce() -> str:
    return secrets.token_urlsafe(12)


def _key(secret: str) -> bytes:
    return hashlib.sha256(b"digibot one-click links\0" + secret.encode("utf-8")).digest()


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def sign(secret: str, grant: Grant) -> str:
    payload = _b64(json.dumps(grant.as_json(), separators=(",", ":"), ensure_ascii=False).encode("utf-8"))
    signature = hmac.new(_key(secret), payload.encode("ascii"), hashlib.sha256).digest()
    return f"{payload}.{_b64(signature)}"


def _payload(token: str) -> tuple[str, str, Any]:
    if len(token) > MAX_TOKEN or token.count(".") != 1:
        raise Forged("not a token")
    payload, signature = token.split(".")
    try:
        data = json.loads(_unb64(payload))
    except (ValueError, UnicodeDecodeError) as exc:
        raise Forged("not a token") from exc
    return payload, signature, data


def verify(secret: str, token: str, now: datetime) -> Grant:
    """The grant a token carries, if this bot signed it and it has not expired."""
    payload, signature, data = _payload(token)
    expected = _b64(hmac.new(_key(secret), payload.encode("ascii"), hashlib.sha256).digest())
    if not hmac.compare_digest(expected, signature):
        raise Forged("bad signature")
    grant = Grant.from_json(data)
    if now >= grant.expires:
        raise Expired(grant)
    return grant


def claimed_language(token: str) -> str | None:
    """The language a token says, signed or not: only to word the page that refuses it."""
    try:
        data = _payload(token)[2]
    except Forged:
        return None
    lang = data.get("l") if isinstance(data, dict) else None
    return lang if isinstance(lang, str) else None
