"""Which call for interest a person may answer now, and the reason when not.

A call is a deadline of kind `interest`. Only people in its audience answer, each for their own
organization, until its due time (that moment included). Every check names the reason in the person's
language; a refusal changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from handlers.context import Context
from messages.formatting import format_datetime
from messages.i18n import t
from storage.snapshot import DeadlineInfo, NetworkSnapshot, Org, PersonInfo

KIND = "interest"


@dataclass(frozen=True)
class Call:
    """A call the person may answer now, for their organization."""

    deadline: DeadlineInfo
    person: PersonInfo
    org: Org


def find_call(network: NetworkSnapshot, key: str) -> DeadlineInfo | None:
    """The call for interest with the id `key` (the network file's deadline id), if there is one."""
    wanted = key.strip().lower()
    return next((d for d in network.deadlines.values() if d.kind == KIND and d.key.lower() == wanted), None)


def open_calls(network: NetworkSnapshot, now: datetime) -> list[DeadlineInfo]:
    """The calls whose deadline has not passed at `now`, soonest first."""
    return sorted((d for d in network.deadlines.values() if d.kind == KIND and now <= d.due),
                  key=lambda d: (d.due, d.key))


def addressed(network: NetworkSnapshot, person: PersonInfo, deadline: DeadlineInfo) -> bool:
    return network.in_audience(person, deadline.audience)


def due_text(ctx: Context, deadline: DeadlineInfo) -> str:
    return format_datetime(deadline.due, ctx.lang, ctx.tz, weekday=True)


def check(ctx: Context, key: str, organization_key: str | None = None) -> Call | str:
    """The call `key` if the person may answer it now (for `organization_key`, when a button names one);
    else the reason, in the person's language."""
    deadline = find_call(ctx.network, key)
    person = ctx.person
    if person is None:
        return t(ctx.lang, "not_registered")
    if deadline is None:
        return t(ctx.lang, "interest_unknown", id=key[:64])
    if not addressed(ctx.network, person, deadline):
        return t(ctx.lang, "interest_not_addressed", title=deadline.title)
    org = ctx.network.orgs[person.org_id]
    if organization_key is not None and organization_key != org.key:
        return t(ctx.lang, "interest_other_org", org=org.name)
    if ctx.now > deadline.due:
        return t(ctx.lang, "interest_closed", title=deadline.title, due=due_text(ctx, deadline))
    return Call(deadline, person, org)
