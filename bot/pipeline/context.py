"""The one place that builds a `Context`: the pipeline, App Home, the announcement modal and the CLI use it.

`build_context` answers "who is this, in which network, in which language, at what time" from the cached
network snapshot (storage/snapshot.py): a `Context` for a person of the network, else a `Stranger`
carrying the language to tell them they are not registered in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.context import Context, aware_now, choose_language
from messages.i18n import Lang, as_lang
from storage.models import Network
from storage.snapshot import SnapshotCache

DEFAULT_PUBLIC_URL = "http://localhost:3000"


@dataclass(frozen=True)
class Stranger:
    """Somebody who is not a person of the network (or a network that does not exist)."""

    lang: Lang


async def build_context(
    session: AsyncSession,
    snapshots: SnapshotCache,
    network_id: str | None,
    person_id: int | None,
    *,
    lang: str | None = None,
    text: str = "",
    now: datetime | None = None,
    public_url: str = DEFAULT_PUBLIC_URL,
) -> Context | Stranger:
    """The Context of `person_id` in `network_id`; `lang` is an explicit choice (`--lang`), `text` what they
    said (its language is the last resort before the network's), `now` a fixed clock (aware) or None."""
    network = await snapshots.get(session, network_id) if network_id else None
    if network is None:
        return Stranger("nb")
    person = network.people.get(person_id) if person_id is not None else None
    chosen = choose_language(lang, person, text, network.language)
    if person is None:
        return Stranger(chosen)
    return Context(session=session, network=network, person=person, lang=chosen, now=aware_now(now),
                   public_url=public_url)


async def stranger_language(session: AsyncSession, network_id: str | None) -> Lang:
    """The language to tell an unknown user they are not registered in: the network's, else bokmål."""
    if not network_id:
        return "nb"
    network = await session.get(Network, network_id)
    return as_lang(network.language) if network is not None else "nb"
