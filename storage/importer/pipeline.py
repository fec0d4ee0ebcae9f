"""`import_network`: read, validate everything, then write in the caller's session."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession

from storage.importer.apply import apply_file
from storage.importer.conflicts import check_other_networks, check_shared_identities
from storage.importer.errors import ImportFailed, Problems
from storage.importer.existing import load_existing
from storage.importer.parse import parse_network_file
from storage.importer.references import check_references
from storage.importer.report import ImportReport
from storage.importer.source import load_yaml, read_text


async def import_network(
    session: AsyncSession, source: str | bytes | Path, *, prune: bool = False, now: datetime | None = None
) -> ImportReport:
    """Load a network file (spec/network-file.md) into the database, upserting by id (people by e-mail).

    `source` is a Path (or a one-line str naming a .yaml/.yml file), or the file's content as bytes or
    str. Everything is validated first: on any problem ImportFailed lists them all (up to 50) and nothing
    is written. Otherwise the changes are made in `session`, which the caller commits; if writing fails
    half-way the exception propagates and the caller's rollback leaves the database untouched.
    With `prune`, stored entries of the network that the file does not list are removed, so that the
    network becomes exactly the file, except that removed meetings are kept as cancelled (see history.py).
    The network's `revision` goes up by one when anything changed; `now` stamps cancellations and
    project status changes.
    """
    with _collector_paused():
        return await _import(session, source, prune, now)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off for the import: a 5,000-person file is about a million objects (the
    YAML, the records, the rows) with no cycles to find, and each collection would only walk them again
    (~0.2 s in all). They are freed by reference counting when the import returns."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


async def _import(session: AsyncSession, source: str | bytes | Path, prune: bool, now: datetime | None
                  ) -> ImportReport:
    data = load_yaml(read_text(source))
    problems = Problems()
    file = parse_network_file(data, problems)
    if file.network is None:  # without the network's id nothing can be compared with the database
        raise ImportFailed(problems.items)
    existing = await load_existing(session, file.network.id)
    check_references(file, existing, prune, problems)
    check_shared_identities(file, existing, prune, problems)
    await check_other_networks(session, file, file.network.id, problems)
    problems.raise_if_any()
    return await apply_file(session, file, existing, prune, now or datetime.now(UTC))
