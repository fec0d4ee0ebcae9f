"""The CLDR data the formats of messages/formatting.py need, from Babel, for nb, nn and en (en_GB).

Babel is the source: month and weekday names, the decimal and grouping symbols, and the long date
pattern of each language. Loading a locale through Babel costs about 60 ms (importing Babel and merging
the CLDR files root → no → nb), which `digibot ask` would pay on every run that prints a date or a sum.
So the few strings are kept in a small JSON file in the user's cache directory (XDG_CACHE_HOME, else
~/.cache; DIGIBOT_CACHE_DIR overrides it), stamped with the installed Babel's data file: a new Babel
makes a new file. Reading it costs well under a millisecond. When no cache directory is writable the
table is built from Babel in every process, which is correct, only slower.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from functools import cache
from importlib.util import find_spec
from pathlib import Path

BABEL_LOCALES = {"nb": "nb", "nn": "nn", "en": "en_GB"}  # English as in Britain: "4 December 2026"


@dataclass(frozen=True)
class LocaleTable:
    months: tuple[str, ...]  # January first, the "wide" names used in running text
    weekdays: tuple[str, ...]  # Monday first
    decimal: str
    group: str
    long_date: str  # CLDR pattern, e.g. "d. MMMM y"


def from_babel(lang: str) -> LocaleTable:
    """The table as Babel gives it (imports Babel and loads the locale: slow, see the module docstring)."""
    from babel import Locale

    locale = Locale.parse(BABEL_LOCALES[lang])
    months = locale.months["format"]["wide"]
    days = locale.days["format"]["wide"]
    symbols = locale.number_symbols["latn"]
    return LocaleTable(months=tuple(str(months[i]) for i in range(1, 13)),
                       weekdays=tuple(str(days[i]) for i in range(7)),
                       decimal=str(symbols["decimal"]), group=str(symbols["group"]),
                       long_date=str(locale.date_formats["long"].pattern))


def _stamp() -> str | None:
    """Which Babel data is installed (its root locale file's size and time), found without importing Babel."""
    spec = find_spec("babel")
    if spec is None or spec.origin is None:
        return None
    try:
        info = os.stat(Path(spec.origin).parent / "locale-data" / "root.dat")
    except OSError:
        return None
    return f"{info.st_size:x}-{info.st_mtime_ns:x}"


def _cache_file(stamp: str) -> Path:
    base = os.environ.get("DIGIBOT_CACHE_DIR") or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache",
                                                       "digibot")
    return Path(base) / f"cldr-{stamp}.json"


def _write(path: Path, tables: dict[str, LocaleTable]) -> None:
    import tempfile  # only when the file is written: it costs ~10 ms to import

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False,
                                         suffix=".tmp") as out:
            json.dump({lang: asdict(table) for lang, table in tables.items()}, out, ensure_ascii=False)
        os.replace(out.name, path)  # atomic: a reader sees the old file, the new one, or none
    except OSError:
        pass  # a read-only home: build from Babel next time too


def _from_json(raw: dict[str, object]) -> LocaleTable:
    months, weekdays = raw["months"], raw["weekdays"]
    if not (isinstance(months, list) and len(months) == 12 and isinstance(weekdays, list) and len(weekdays) == 7):
        raise ValueError("not a locale table")
    return LocaleTable(months=tuple(map(str, months)), weekdays=tuple(map(str, weekdays)),
                       decimal=str(raw["decimal"]), group=str(raw["group"]), long_date=str(raw["long_date"]))


@cache
def tables() -> dict[str, LocaleTable]:
    """The tables of nb, nn and en: from the cache file when there is one for this Babel, else from Babel."""
    stamp = _stamp()
    path = _cache_file(stamp) if stamp else None
    if path is not None:
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            return {lang: _from_json(raw[lang]) for lang in BABEL_LOCALES}
        except (OSError, ValueError, KeyError, TypeError):
            pass
    built = {lang: from_babel(lang) for lang in BABEL_LOCALES}
    if path is not None:
        _write(path, built)
    return built


def table(lang: str) -> LocaleTable:
    return tables()[lang if lang in BABEL_LOCALES else "nb"]
