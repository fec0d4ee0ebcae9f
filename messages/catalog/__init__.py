"""All texts of the bot. Each module in this package holds one area as
`TEXTS = {key: {"nb": ..., "nn": ..., "en": ...}}`; every module here is picked up automatically."""

from __future__ import annotations

import importlib
import pkgutil

CATALOG: dict[str, dict[str, str]] = {}
for _info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
    _module = importlib.import_module(f"{__name__}.{_info.name}")
    for _key, _texts in _module.TEXTS.items():
        if _key in CATALOG:
            raise RuntimeError(f"text key {_key!r} defined twice (again in {_info.name})")
        CATALOG[_key] = _texts
