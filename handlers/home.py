"""The App Home tab: the asking person's own upcoming deadlines and meetings.

Deadlines whose audience includes them and meetings they are invited to, for the next 30 days,
under a heading; a plain sentence when there is nothing. The secretariat also sees the open calls for
interest and the open surveys with their counts. The Slack adapter awaits this function.
"""

from __future__ import annotations

from datetime import timedelta

from handlers.context import Context
from handlers.interest.calls import open_calls
from handlers.interest.status import call_status, counts_text
from handlers.questions import answer_deadlines, answer_meetings, queries
from handlers.questions.present import Say
from handlers.surveys.home import open_survey_messages
from messages.formatting import format_datetime
from messages.i18n import t
from messages.model import Message

HOME_DAYS = 30
MAX_ITEMS = 15


async def home_messages(ctx: Context) -> list[Message]:
    say = Say(ctx)
    net = ctx.network
    person = ctx.person
    if person is None:
        return [Message(text=say("not_registered"))]
    end = ctx.now + timedelta(days=HOME_DAYS)
    deadlines = queries.deadlines_for_person(net, person, ctx.now, end)
    meetings = queries.meetings_for_person(net, person, ctx.now, end)
    first_name = person.name.split()[0] if person.name.split() else person.name
    heading = Message(title=say("q_home_title", name=first_name),
                      text=say("q_home_intro", network=net.name, days=HOME_DAYS))
    calls = [*await _open_calls(ctx), *await open_survey_messages(ctx)] if ctx.has_role("secretariat") else []
    if not deadlines and not meetings:
        heading.context = say("q_home_empty", days=HOME_DAYS)
        return [heading, *calls]
    out = [heading, *calls]
    if deadlines:
        out.append(Message(title=say("q_home_deadlines"),
                           items=say.items([answer_deadlines.line(say, d) for d in deadlines], MAX_ITEMS)))
    else:
        out.append(Message(title=say("q_home_deadlines"), text=say("q_home_no_deadlines", days=HOME_DAYS)))
    if meetings:
        out.append(Message(title=say("q_home_meetings"),
                           items=say.items([answer_meetings.line(say, m) for m in meetings], MAX_ITEMS)))
    else:
        out.append(Message(title=say("q_home_meetings"), text=say("q_home_no_meetings", days=HOME_DAYS)))
    out.append(Message(context=say("q_home_hint")))
    return out


async def _open_calls(ctx: Context) -> list[Message]:
    """The secretariat's open calls for interest, each with its counts (none: nothing shown)."""
    lines = []
    for deadline in open_calls(ctx.network, ctx.now)[:MAX_ITEMS]:
        status = await call_status(ctx.session, ctx.network, deadline)
        lines.append(t(ctx.lang, "interest_home_line", title=deadline.title, id=deadline.key,
                       due=format_datetime(deadline.due, ctx.lang, ctx.tz, weekday=True),
                       counts=counts_text(ctx.lang, status.counts)))
    return [Message(title=t(ctx.lang, "interest_home_title"), items=lines)] if lines else []
