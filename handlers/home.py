"""The App Home tab: the asking person's own upcoming deadlines and meetings.

Deadlines whose audience includes them and meetings they are invited to, for the next 30 days,
under a heading; a plain sentence when there is nothing. The Slack adapter awaits this function.
"""

from __future__ import annotations

from datetime import timedelta

from handlers.context import Context
from handlers.questions import answer_deadlines, answer_meetings, queries
from handlers.questions.present import Say
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
    if not deadlines and not meetings:
        heading.context = say("q_home_empty", days=HOME_DAYS)
        return [heading]
    out = [heading]
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
