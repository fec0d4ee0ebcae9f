"""The secretariat's App Home: the open surveys with how many are invited and how many have submitted.

Counts only: no answer and no name, so an anonymous survey shows here what its status shows.
"""

from __future__ import annotations

from handlers.context import Context
from handlers.surveys.lifecycle import SECRETARIAT
from handlers.surveys.stored import all_surveys, load_status
from messages.formatting import format_datetime
from messages.i18n import t
from messages.model import Message
from storage.surveys import survey_state


async def open_survey_messages(ctx: Context) -> list[Message]:
    """One message listing the open surveys, for the secretariat; nothing for others or when none is open."""
    if not ctx.has_role(SECRETARIAT):
        return []
    items = []
    for survey in await all_surveys(ctx.session, ctx.network.id):
        if survey_state(survey, ctx.now) != "open":
            continue
        status = await load_status(ctx.session, ctx.network, survey, ctx.now)
        if survey.deadline is None:
            items.append(t(ctx.lang, "svo_home_line_open_ended", title=survey.title, id=survey.key,
                           submitted=status.submitted, invited=status.invited))
        else:
            items.append(t(ctx.lang, "svo_home_line", title=survey.title, id=survey.key, submitted=status.submitted,
                           invited=status.invited,
                           due=format_datetime(survey.deadline, ctx.lang, ctx.tz, weekday=True)))
    return [Message(title=t(ctx.lang, "svo_home_title"), items=items)] if items else []
