"""What a channel adapter hands to the handlers: who said what, where, in which network."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Incoming:
    network_id: str
    person_id: int | None
    text: str = ""
    action_id: str | None = None  # a button press instead of text
    value: str | None = None  # the pressed button's value
    channel: str = "console"  # slack | teams | email | console: where the answer goes
    lang: str | None = None  # an explicit language choice (`digibot ask --lang`)
    now: datetime | None = None  # a fixed clock (`--now`, tests); else the real time
