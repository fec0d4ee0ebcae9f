"""The Teams app package an administrator uploads: manifest.json (schema 1.17), color.png (192x192) and
outline.png (32x32, white on transparent), in one zip. The icons are drawn here, no files needed."""

from __future__ import annotations

import io
import json
import struct
import zipfile
import zlib
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

MANIFEST_VERSION = "1.17"
MANIFEST_SCHEMA = f"https://developer.microsoft.com/en-us/json-schemas/teams/v{MANIFEST_VERSION}/MicrosoftTeams.schema.json"
ACCENT = (31, 111, 178)  # #1F6FB2
Pixel = Callable[[int, int], tuple[int, int, int, int]]


def png(width: int, height: int, pixel: Pixel) -> bytes:
    """An RGBA PNG of `pixel(x, y)`."""
    rows = b"".join(b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(width)) for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + \
        chunk(b"IEND", b"")


def _speech_bubble(size: int, x: int, y: int) -> bool:
    """A round speech bubble with a tail, in a `size` square."""
    c, r = size / 2, size * 0.36
    in_circle = (x + 0.5 - c) ** 2 + (y + 0.5 - c * 0.92) ** 2 <= r * r
    tail = size * 0.25 <= x <= size * 0.45 and size * 0.72 <= y <= size * 0.88 and (y - size * 0.72) <= (
        size * 0.45 - x)
    return in_circle or tail


def color_icon() -> bytes:
    def pixel(x: int, y: int) -> tuple[int, int, int, int]:
        return (255, 255, 255, 255) if _speech_bubble(192, x, y) else (*ACCENT, 255)

    return png(192, 192, pixel)


def outline_icon() -> bytes:
    def pixel(x: int, y: int) -> tuple[int, int, int, int]:
        inside = _speech_bubble(32, x, y)
        edge = inside and not all(_speech_bubble(32, x + dx, y + dy) for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1)))
        return (255, 255, 255, 255) if edge else (255, 255, 255, 0)

    return png(32, 32, pixel)


def manifest(app_id: str, public_url: str, *, name: str = "digibot", version: str = "1.0.0") -> dict[str, Any]:
    host = urlsplit(public_url).hostname or "localhost"
    return {
        "$schema": MANIFEST_SCHEMA,
        "manifestVersion": MANIFEST_VERSION,
        "version": version,
        "id": app_id,
        "developer": {"name": "digibot", "websiteUrl": public_url, "privacyUrl": f"{public_url}/privacy",
                      "termsOfUseUrl": f"{public_url}/terms"},
        "name": {"short": name, "full": f"{name}: the network's assistant"},
        "description": {
            "short": "Questions, notices, surveys and calls for interest for the network.",
            "full": "Ask about members, projects, meetings and deadlines; get the network's notices, reminders, "
                    "digests, surveys and calls for interest, and answer them here.",
        },
        "icons": {"color": "color.png", "outline": "outline.png"},
        "accentColor": "#{:02X}{:02X}{:02X}".format(*ACCENT),
        "bots": [{"botId": app_id, "scopes": ["personal", "team"], "supportsFiles": False,
                  "isNotificationOnly": False}],
        "permissions": ["identity", "messageTeamMembers"],
        "validDomains": [host],
    }


def build_package(app_id: str, public_url: str) -> bytes:
    """The zip: manifest.json, color.png, outline.png at its top level."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest(app_id, public_url), indent=2, ensure_ascii=False))
        archive.writestr("color.png", color_icon())
        archive.writestr("outline.png", outline_icon())
    return buffer.getvalue()
