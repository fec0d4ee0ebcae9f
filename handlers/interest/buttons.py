"""The answers to a call for interest as words and buttons.

Outbox messages (calls, reminders) are sent before any conversation exists, so their buttons carry what they answer
themselves: action_id `interest_answer`, value `<deadline key>:<organization key>:<yes|no|unsure>`. The router's
listener checks every part against the presser (handlers/interest/calls.py). Inside a conversation, the flow's
own buttons are used (handlers.flows.choice_button), stamped with the flow's row and version.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from messages.i18n import t
from messages.model import Button

ACTION = "interest_answer"
ANSWERS = ("yes", "no", "unsure")
STYLE: dict[str, Literal["primary", "danger"] | None] = {"yes": "primary", "no": None, "unsure": None}
_VALUE = re.compile(r"(?P<deadline>[^:]{1,64}):(?P<org>[^:]{1,64}):(?P<answer>yes|no|unsure)")

# What a person may type for each answer (in any of the bot's languages), besides the button's number.
WORDS: dict[str, str] = {
    "ja": "yes", "yes": "yes", "j": "yes", "y": "yes", "1": "yes",
    "nei": "no", "no": "no", "n": "no", "2": "no",
    "usikker": "unsure", "unsure": "unsure", "vet ikke": "unsure", "veit ikkje": "unsure", "not sure": "unsure",
    "3": "unsure",
}
SKIP_WORDS = frozenset({"hopp over", "hopp", "skip", "nei takk", "no thanks", "ingen kommentar", "no comment", "-"})


def answer_label(lang: str, answer: str) -> str:
    return t(lang, f"interest_answer_{answer}")


def answer_of_text(text: str) -> str | None:
    """yes | no | unsure for a typed answer ("Ja", "nei!", "3", "usikker"); None for anything else."""
    return WORDS.get(" ".join(text.lower().strip(" .!?,«»\"'").split()))


def is_skip(text: str) -> bool:
    return " ".join(text.lower().strip(" .!?,«»\"'").split()) in SKIP_WORDS


@dataclass(frozen=True)
class Pressed:
    deadline: str
    organization: str
    answer: str


def value_of(deadline_key: str, organization_key: str, answer: str) -> str:
    return f"{deadline_key}:{organization_key}:{answer}"


def parse_value(value: str | None) -> Pressed | None:
    """What an `interest_answer` button says it answers; None for a value no button of ours carries."""
    found = _VALUE.fullmatch(value or "")
    return Pressed(found["deadline"], found["org"], found["answer"]) if found else None


def answer_buttons(lang: str, deadline_key: str, organization_key: str) -> list[Button]:
    """Ja / Nei / Usikker for an outbox message (no conversation behind it yet)."""
    return [Button(label=answer_label(lang, answer), action_id=ACTION,
                   value=value_of(deadline_key, organization_key, answer), style=STYLE[answer])
            for answer in ANSWERS]
