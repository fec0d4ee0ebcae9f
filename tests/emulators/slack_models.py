"""Identifiers, records and errors shared by the Slack emulator and the payload builders."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

TEAM_ID = "T0TEST"
TEAM_DOMAIN = "digibot-test"
API_APP_ID = "A0TEST"
BOT_USER_ID = "U0BOT"
BOT_ID = "B0BOT"

MAX_BLOCKS = 50
MAX_TEXT = 40_000

JsonDict = dict[str, Any]


def dm_channel_id(user_id: str) -> str:
    """Stable id of the app's DM ("D...") with ``user_id``; same in events and API."""
    digest = base64.b32encode(hashlib.sha1(user_id.encode()).digest()).decode()
    return "D" + digest[:10]


class ApiError(Exception):
    """Raised by a method handler; becomes ``{"ok": false, "error": ...}`` (HTTP 200)."""

    def __init__(self, error: str, **extra: Any) -> None:
        super().__init__(error)
        self.error = error
        self.extra = extra


@dataclass
class Message:
    """A message posted with chat.postMessage (mutated in place by chat.update)."""

    channel: str
    text: str | None
    blocks: list[JsonDict] | None
    thread_ts: str | None
    ts: str
    user: str = BOT_USER_ID
    attachments: list[JsonDict] | None = None
    edit_count: int = 0
    args: JsonDict = field(default_factory=dict)


@dataclass
class Ephemeral:
    """A chat.postEphemeral message, visible only to ``user``."""

    channel: str
    user: str
    text: str | None
    blocks: list[JsonDict] | None
    thread_ts: str | None
    message_ts: str


@dataclass
class UploadedFile:
    """A file going through files.getUploadURLExternal -> upload -> completeUploadExternal."""

    file_id: str
    filename: str
    length: int
    upload_key: str
    content: bytes | None = None
    title: str | None = None
    alt_txt: str | None = None
    snippet_type: str | None = None
    completed: bool = False
    channel_id: str | None = None
    channels: list[str] = field(default_factory=list)
    initial_comment: str | None = None
    thread_ts: str | None = None


@dataclass
class Reaction:
    channel: str
    timestamp: str
    name: str
    user: str = BOT_USER_ID


@dataclass
class View:
    """A view published to a user's App Home (views.publish) or opened as a modal (views.open)."""

    id: str
    type: str
    view: JsonDict
    user_id: str | None = None
    trigger_id: str | None = None


def opt_str(args: JsonDict, key: str) -> str | None:
    value = args.get(key)
    if value is None or value == "":
        return None
    return str(value)


def tz_fields(tz: str) -> JsonDict:
    try:
        now = datetime.now(ZoneInfo(tz))
    except ZoneInfoNotFoundError:
        return {"tz": tz, "tz_label": tz, "tz_offset": 0}
    offset = now.utcoffset()
    return {
        "tz": tz,
        "tz_label": now.tzname() or tz,
        "tz_offset": int(offset.total_seconds()) if offset else 0,
    }
