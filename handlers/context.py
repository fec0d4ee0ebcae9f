"""Everything a handler needs to answer one incoming message."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from messages.i18n import Lang, as_lang
from storage.snapshot import NetworkSnapshot, PersonInfo


@dataclass
class Context:
    session: AsyncSession
    network: NetworkSnapshot
    person: PersonInfo | None
    lang: Lang
    now: datetime  # aware
    public_url: str = "http://localhost:3000"  # where people reach the web app (calendar links)

    @property
    def tz(self) -> str:
        return self.network.timezone

    def has_role(self, role: str) -> bool:
        return self.person is not None and role in self.person.roles


def choose_language(explicit: str | None, person: PersonInfo | None, text: str, network_lang: str) -> Lang:
    """The asker's explicit choice, else their profile, else the question's language, else the network's."""
    if explicit:
        return as_lang(explicit)
    if person is not None and person.language:
        return as_lang(person.language)
    from handlers.questions.language import detect_language  # the questions package imports Context

    detected = detect_language(text) if text else None
    return detected or as_lang(network_lang)


def aware_now(now: datetime | None) -> datetime:
    if now is None:
        return datetime.now(UTC)
    if now.tzinfo is None:
        raise ValueError("Incoming.now must carry a time zone")
    return now
