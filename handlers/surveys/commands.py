"""The secretariat's survey commands in chat: `survey open|close|status|report <id>` (also "undersøkelse",
"undersøking"). Anyone else is refused with the reason, and nothing changes.

    survey open <id>     open now and queue the invitations (once)
    survey close <id>    close now: unlink an anonymous survey's answers, send the summary
    survey status <id>   state, invited, submitted, in progress, and who has not submitted (names, no answers)
    survey report <id>   the report; its charts follow as PNG files through the outbox
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from handlers.context import Context
from handlers.incoming import Incoming
from handlers.surveys import lifecycle
from handlers.surveys.report import build_report
from handlers.surveys.report_messages import report_messages
from handlers.surveys.stored import SurveyStatus, all_surveys, find_survey, load_results, load_status
from messages.formatting import format_datetime
from messages.i18n import t
from messages.model import Field, Message
from storage.models import Survey
from storage.outbox import enqueue

Action = Callable[[Context, Survey], Awaitable[list[Message]]]


def refusal(ctx: Context) -> str | None:
    return None if ctx.has_role(lifecycle.SECRETARIAT) else t(ctx.lang, "svo_refused")


def _say(ctx: Context, key: str, **params: object) -> list[Message]:
    return [Message(text=t(ctx.lang, key, **params))]


async def _ids(ctx: Context) -> str:
    keys = [s.key for s in await all_surveys(ctx.session, ctx.network.id)]
    return ", ".join(keys) or t(ctx.lang, "svo_none")


async def _open(ctx: Context, survey: Survey) -> list[Message]:
    opened = await lifecycle.open_survey(ctx.session, ctx.network, survey, ctx.now)
    if opened.outcome == "closed":
        return _say(ctx, "svo_cannot_reopen", title=survey.title)
    if opened.outcome == "already_open":
        return _say(ctx, "svo_already_open", title=survey.title)
    return _say(ctx, "svo_opened", title=survey.title, count=opened.queued)


async def _close(ctx: Context, survey: Survey) -> list[Message]:
    closed = await lifecycle.close_survey(ctx.session, ctx.network, survey, ctx.now)
    if closed.report is None:
        return _say(ctx, "svo_already_closed", title=survey.title)
    return _say(ctx, "svo_closed", title=survey.title, submitted=closed.report.submitted,
                invited=closed.report.invited)


def status_message(status: SurveyStatus, lang: str, tz: str) -> Message:
    """The status for the secretariat: counts, and the names of who has not submitted (never an answer)."""
    if status.state == "scheduled":
        state = (t(lang, "svo_state_scheduled", opens=format_datetime(status.opens, lang, tz))
                 if status.opens else t(lang, "svo_state_scheduled_by_hand"))
    else:
        state = t(lang, f"svo_state_{status.state}")
    fields = [Field(t(lang, "svo_state"), state), Field(t(lang, "svo_invited"), str(status.invited)),
              Field(t(lang, "svo_submitted"), str(status.submitted)),
              Field(t(lang, "svo_in_progress"), str(status.in_progress))]
    if status.deadline is not None:
        fields.append(Field(t(lang, "svo_deadline"), format_datetime(status.deadline, lang, tz, weekday=True)))
    message = Message(title=t(lang, "svo_status_title", title=status.title), fields=fields)
    if status.waiting and status.state != "closed":
        message.text = t(lang, "svo_waiting")
        message.items = list(status.waiting)
    return message


async def _status(ctx: Context, survey: Survey) -> list[Message]:
    status = await load_status(ctx.session, ctx.network, survey, ctx.now)
    return [status_message(status, ctx.lang, ctx.tz)]


async def _report(ctx: Context, survey: Survey) -> list[Message]:
    report = build_report(await load_results(ctx.session, ctx.network, survey))
    messages = report_messages(report, ctx.lang)
    if ctx.person is not None:
        charts = lifecycle.chart_rows(ctx.network, report, ctx.person, ctx.now, stamp=ctx.now.isoformat())
        if await enqueue(ctx.session, ctx.network.id, charts, ctx.now):
            messages.append(Message(context=t(ctx.lang, "svo_charts_queued")))
    return messages


ACTIONS: dict[str, Action] = {
    "open": _open, "åpne": _open, "opne": _open,
    "close": _close, "lukk": _close,
    "status": _status,
    "report": _report, "rapport": _report,
}


async def survey_command(ctx: Context, incoming: Incoming) -> list[Message]:
    if (refused := refusal(ctx)) is not None:
        return [Message(text=refused)]
    words = incoming.text.split()
    action = ACTIONS.get(words[1].lower()) if len(words) > 1 else None
    if action is None or len(words) != 3:
        return _say(ctx, "svo_usage", ids=await _ids(ctx))
    survey = await find_survey(ctx.session, ctx.network.id, words[2])
    if survey is None:
        return _say(ctx, "svo_unknown", id=words[2][:64], ids=await _ids(ctx))
    return await action(ctx, survey)
