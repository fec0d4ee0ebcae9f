"""The delivery log lines: `event=sent id=12 key=... latency_ms=40`, easy to grep and to parse."""

from __future__ import annotations

from typing import Any


def kv(**fields: Any) -> str:
    """key=value pairs for a log line; values with spaces or quotes are quoted."""
    parts = []
    for key, value in fields.items():
        text = "" if value is None else str(value)
        if not text or any(c in text for c in ' "=\n'):
            text = '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
        parts.append(f"{key}={text}")
    return " ".join(parts)
