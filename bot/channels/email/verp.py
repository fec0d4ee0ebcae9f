"""VERP return paths: each mail's envelope sender names its outbox row, signed, so a bounce that comes back
later by mail says which row it is about and cannot be forged for another one.

    verp = Verp("bounces@digibot.example", secret)
    verp.address(1234)                       # "bounces+b1234.5f0c9a1e2b7d@digibot.example"
    verp.row_id("bounces+b1234.5f0c9a1e2b7d@digibot.example")   # 1234; raises NotOurs or Forged

The signature is the first 12 hex digits of HMAC-SHA256 over the row id, with a key derived from
DIGIBOT_SECRET_KEY for this use only; it is compared in lower case (some mail servers change the case of
a local part). A mail with no outbox row (a reply, row id 0) gets the bare bounce address.
"""

from __future__ import annotations

import hashlib
import hmac
import re

SIGNATURE_DIGITS = 12
_TAG = re.compile(r"b(\d{1,18})\.([0-9a-f]+)")


class NotOurs(Exception):  # noqa: N818 - an outcome
    """Not an address of our bounce mailbox."""


class Forged(Exception):  # noqa: N818 - an outcome
    """Our bounce mailbox, but not an address this bot made (no row, a wrong signature)."""


def _key(secret: str) -> bytes:
    return hashlib.sha256(b"digibot bounce address\0" + secret.encode("utf-8")).digest()


class Verp:
    def __init__(self, bounce_address: str, secret: str) -> None:
        local, at, domain = bounce_address.strip().rpartition("@")
        if not at or not local or not domain or "+" in local:
            raise ValueError(f"BOUNCE_ADDRESS must be a plain address like bounces@example.no: {bounce_address!r}")
        self.local, self.domain = local, domain.lower()
        self._key = _key(secret)

    @property
    def bare(self) -> str:
        return f"{self.local}@{self.domain}"

    def signature(self, row_id: int) -> str:
        return hmac.new(self._key, str(row_id).encode("ascii"), hashlib.sha256).hexdigest()[:SIGNATURE_DIGITS]

    def address(self, row_id: int) -> str:
        """The envelope sender (Return-Path) of the mail of outbox row `row_id`."""
        if row_id <= 0:
            return self.bare
        return f"{self.local}+b{row_id}.{self.signature(row_id)}@{self.domain}"

    def is_ours(self, address: str) -> bool:
        """Whether `address` is our bounce mailbox (the bare address or any tagged one, signed or not)."""
        local, at, domain = address.strip().strip("<>").rpartition("@")
        base = local.split("+", 1)[0]
        return bool(at) and domain.lower() == self.domain and base.lower() == self.local.lower()

    def row_id(self, address: str) -> int:
        """The outbox row a bounce to `address` is about."""
        if not self.is_ours(address):
            raise NotOurs(address)
        local = address.strip().strip("<>").rpartition("@")[0]
        _, plus, tag = local.partition("+")
        found = _TAG.fullmatch(tag.lower()) if plus else None
        if found is None:
            raise Forged(f"no row in {address!r}")
        row_id = int(found.group(1))
        if row_id <= 0 or not hmac.compare_digest(found.group(2), self.signature(row_id)):
            raise Forged(f"bad signature in {address!r}")
        return row_id
