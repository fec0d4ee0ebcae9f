"""Where a call for interest stands: per organization its answer, who gave it and when, the comment; the counts.

One reading serves every view: `digibot interest status` (text and JSON, DESIGN.md "Command line"), the
secretariat's `status <id>` / `/digi status <id>`, and the App Home. The organizations listed are those with
someone in the call's audience, and any other that answered (say, before the audience changed).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.interest.buttons import ANSWERS, answer_label
from messages.formatting import format_datetime
from messages.i18n import t
from messages.model import Message
from storage.interest import Answer, answers_to
from storage.snapshot import DeadlineInfo, NetworkSnapshot, Org, PersonInfo

NONE = "none"


@dataclass(frozen=True)
class OrgAnswer:
    org: Org
    answer: Answer | None
    by: PersonInfo | None  # who gave the answer standing (None: no answer, or that person has left)


@dataclass(frozen=True)
class CallStatus:
    deadline: DeadlineInfo
    rows: list[OrgAnswer]

    @property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys((*ANSWERS, NONE), 0)
        for row in self.rows:
            counts[row.answer.answer if row.answer is not None else NONE] += 1
        return counts


async def call_status(session: AsyncSession, network: NetworkSnapshot, deadline: DeadlineInfo) -> CallStatus:
    answers = await answers_to(session, deadline.id)
    org_ids = {p.org_id for p in network.audience_of(deadline.audience)} | set(answers)
    orgs = sorted((network.orgs[i] for i in org_ids if i in network.orgs), key=lambda o: (o.name.lower(), o.key))
    rows = []
    for org in orgs:
        answer = answers.get(org.id)
        by = network.people.get(answer.person_id) if answer is not None and answer.person_id is not None else None
        rows.append(OrgAnswer(org, answer, by))
    return CallStatus(deadline, rows)


def as_json(status: CallStatus, tz: str) -> dict[str, Any]:
    """The contract of `digibot interest status --json`: `by` is the answering person's e-mail, `at` the local
    time the standing answer was given (ISO 8601 with offset)."""
    zone = ZoneInfo(tz)
    return {
        "deadline": status.deadline.key,
        "organizations": [
            {"id": row.org.key, "name": row.org.name,
             "answer": row.answer.answer if row.answer is not None else None,
             "by": row.by.email if row.by is not None else None,
             "at": row.answer.updated_at.astimezone(zone).isoformat(timespec="seconds") if row.answer else None,
             "comment": row.answer.comment if row.answer is not None else None}
            for row in status.rows
        ],
        "counts": status.counts,
    }


def counts_text(lang: str, counts: dict[str, int]) -> str:
    """ "Ja 3 · Nei 1 · Usikker 0 · ikke svart 19" """
    return t(lang, "interest_counts", yes=counts["yes"], no=counts["no"], unsure=counts["unsure"], none=counts[NONE])


def answered_by(lang: str, tz: str, answer: Answer, by: PersonInfo | None) -> str:
    """ "Ja (Kari Nordmann, 3. mars 2026 kl. 10.00)" """
    who = by.name if by is not None else t(lang, "interest_someone")
    return t(lang, "interest_answered_by", answer=answer_label(lang, answer.answer), who=who,
             when=format_datetime(answer.updated_at, lang, tz))


def _line(lang: str, tz: str, row: OrgAnswer) -> str:
    if row.answer is None:
        return t(lang, "interest_status_line_none", org=row.org.name)
    line = t(lang, "interest_status_line", org=row.org.name, answer=answered_by(lang, tz, row.answer, row.by))
    return t(lang, "interest_with_comment", text=line, comment=row.answer.comment) if row.answer.comment else line


def status_messages(lang: str, tz: str, status: CallStatus) -> list[Message]:
    deadline = status.deadline
    return [Message(title=t(lang, "interest_status_title", title=deadline.title),
                    text=t(lang, "interest_status_text", due=format_datetime(deadline.due, lang, tz, weekday=True),
                           counts=counts_text(lang, status.counts)),
                    items=[_line(lang, tz, row) for row in status.rows])]
