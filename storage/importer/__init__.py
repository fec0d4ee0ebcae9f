"""`digibot import`: load a network file (spec/network-file.md) into the database.

    async with sessions() as s:
        report = await import_network(s, path, prune=False)
        await s.commit()

Modules: source (reading, YAML), parse/parse_events/values/durations (validation into records),
references/conflicts (checks that need the other entries or the database), existing (stored rows),
rows/apply/links (writing), report, errors.
"""

from storage.durations import Duration, parse_duration
from storage.importer.errors import ImportFailed
from storage.importer.pipeline import import_network
from storage.importer.report import ImportReport

__all__ = ["Duration", "ImportFailed", "ImportReport", "import_network", "parse_duration"]
