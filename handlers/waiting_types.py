"""What one source of handlers/waiting.py lists: a thing that waits for the person's answer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Waiting:
    key: str  # what `svar <key>` takes (a survey's or a deadline's id from the network file)
    title: str
    due: datetime | None  # the deadline, if any
    state: str  # one short line in the person's language: "ikke svart ennå", "2 av 5 besvart"...
    done: bool = False  # answered (submitted) already: listed after the rest, still changeable until `due`
