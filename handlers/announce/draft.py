"""An announcement before it is sent: what the secretariat gave (`DraftInput`) and what survived checking (`Draft`).

`check_draft` finds every problem at once, each under the field it belongs to ("text", "title", "send_at",
"audience" or an audience key), in the author's language, so a form can put each message next to its input
and the CLI can print them all. Nothing here writes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from handlers.announce.audience import Audience, Problems, check_audience
from handlers.context import Context
from messages.formatting import format_datetime
from messages.i18n import t
from messages.render_text import clean
from storage.snapshot import PersonInfo

MAX_TEXT = 3000  # an announcement is read in a chat or a mail preview: the rest belongs in a link or an attachment
MAX_TITLE = 150  # a title is one line (also the column's size)
GRACE = timedelta(minutes=1)  # a send time this little in the past still counts as "now"


@dataclass(frozen=True)
class DraftInput:
    """What the author gave, unchecked."""

    text: str
    title: str | None = None
    audience: Audience = field(default_factory=dict)
    send_at: datetime | None = None  # aware; None: now
    require_confirmation: bool = False


@dataclass(frozen=True)
class Draft:
    """A checked announcement, ready to preview or send."""

    text: str
    title: str | None
    audience: Audience
    send_at: datetime  # aware, UTC
    scheduled: bool  # False: goes out at once
    require_confirmation: bool
    recipients: tuple[PersonInfo, ...]


class Invalid(Exception):  # noqa: N818 - an outcome: the draft has problems
    def __init__(self, problems: Problems) -> None:
        super().__init__("; ".join(problems.values()))
        self.problems = problems


def parse_local_time(value: str, tz: str, lang: str) -> datetime:
    """An ISO 8601 date-time; without an offset it is the network's local time. Raises Invalid(send_at)."""
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise Invalid({"send_at": t(lang, "ann_time_invalid", value=value)}) from None
    return moment.replace(tzinfo=ZoneInfo(tz)) if moment.tzinfo is None else moment


def check_text(text: str, lang: str) -> tuple[str, str | None]:
    """The text cleaned of control characters and blank edges, and the problem with it, if any."""
    cleaned = clean(text).strip()
    if not cleaned:
        return "", t(lang, "ann_text_empty")
    if len(cleaned) > MAX_TEXT:
        return cleaned, t(lang, "ann_text_too_long", length=len(cleaned), limit=MAX_TEXT)
    return cleaned, None


def check_title(title: str | None, lang: str) -> tuple[str | None, str | None]:
    cleaned = " ".join(clean(title).split()) or None
    if cleaned is not None and len(cleaned) > MAX_TITLE:
        return cleaned, t(lang, "ann_title_too_long", length=len(cleaned), limit=MAX_TITLE)
    return cleaned, None


def check_send_at(ctx: Context, send_at: datetime | None) -> tuple[datetime, bool, str | None]:
    """When to send (UTC), whether that is later than now, and the problem (a time in the past)."""
    now = ctx.now.astimezone(UTC)
    if send_at is None:
        return now, False, None
    moment = send_at.astimezone(UTC)
    if moment < now - GRACE:
        when = format_datetime(moment, ctx.lang, ctx.tz)
        return moment, False, t(ctx.lang, "ann_time_past", when=when)
    if moment <= now:
        return now, False, None
    return moment, True, None


def check_draft(ctx: Context, given: DraftInput) -> Draft:
    """The checked draft, or Invalid with every problem found."""
    lang = ctx.lang
    text, text_problem = check_text(given.text, lang)
    title, title_problem = check_title(given.title, lang)
    send_at, scheduled, time_problem = check_send_at(ctx, given.send_at)
    audience, problems = check_audience(ctx.network, given.audience, lang)
    for name, problem in (("text", text_problem), ("title", title_problem), ("send_at", time_problem)):
        if problem:
            problems[name] = problem
    recipients: tuple[PersonInfo, ...] = ()
    if not any(key in problems for key in given.audience):
        recipients = tuple(sorted(ctx.network.audience_of(audience), key=lambda p: (p.name.lower(), p.email)))
        if not recipients:
            problems["audience"] = t(lang, "ann_no_recipients", network=ctx.network.name)
    if problems:
        raise Invalid(problems)
    return Draft(text=text, title=title, audience=audience, send_at=send_at, scheduled=scheduled,
                 require_confirmation=given.require_confirmation, recipients=recipients)
