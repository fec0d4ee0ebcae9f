"""Text lookup: every user-visible string lives in messages/catalog/*.py in nb, nn and en."""

from __future__ import annotations

from typing import Any, Literal

Lang = Literal["nb", "nn", "en"]
LANGUAGES: tuple[Lang, ...] = ("nb", "nn", "en")


def _load() -> dict[str, dict[str, str]]:
    from messages.catalog import CATALOG

    return CATALOG


_catalog: dict[str, dict[str, str]] | None = None


def catalog() -> dict[str, dict[str, str]]:
    global _catalog
    if _catalog is None:
        _catalog = _load()
    return _catalog


def as_lang(value: str | None, default: Lang = "nb") -> Lang:
    """A supported language code for `value` ("no" and "nob" count as nb, "nno" as nn)."""
    if not value:
        return default
    v = value.strip().lower()
    aliases: dict[str, Lang] = {"no": "nb", "nob": "nb", "nno": "nn", "eng": "en"}
    v = aliases.get(v, v)
    return v if v in LANGUAGES else default


def t(lang: str, key: str, **params: Any) -> str:
    """The text `key` in `lang`, with `{placeholders}` filled from `params`."""
    entry = catalog()[key]
    template = entry.get(lang) or entry["nb"]
    return template.format(**params) if params else template
