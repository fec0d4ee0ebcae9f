"""All texts of the bot. Each module holds one area: {key: {"nb": ..., "nn": ..., "en": ...}}."""

from __future__ import annotations

from messages.catalog import common

CATALOG: dict[str, dict[str, str]] = {}
for _module in (common,):
    for _key, _texts in _module.TEXTS.items():
        if _key in CATALOG:
            raise RuntimeError(f"text key defined twice: {_key}")
        CATALOG[_key] = _texts
