"""A survey report as channel-neutral messages (messages.model.Message) in nb, nn or en.

One message for the survey (figures, response rate, the anonymity note), one per question, and one
per breakdown (by status, by region). A suppressed report is the first message only, saying why.
Numbers as the rest of the bot writes them ("4,5" in nb/nn, "4.5" in en; "75 %").
"""

from __future__ import annotations

from handlers.surveys.breakdown import MIN_CELL, RateCell
from handlers.surveys.report import MIN_SUBMITTED, QuestionReport, SurveyReport
from handlers.surveys.report_views import distribution_rows, group_label
from messages.formatting import format_number
from messages.i18n import t
from messages.model import Field, Message


def report_messages(report: SurveyReport, lang: str) -> list[Message]:
    messages = [_overview(report, lang)]
    if report.suppressed:
        return messages
    messages += [_question(number, q, lang) for number, q in enumerate(report.questions, start=1)]
    if report.rates is not None:
        messages.append(_breakdown("status", report.rates.by_status, lang))
        messages.append(_breakdown("region", report.rates.by_region, lang))
    return messages


def format_figure(value: float, lang: str) -> str:
    """A mean or median: one decimal unless it is whole ("4,5", "4")."""
    rounded = round(value, 1)
    return format_number(rounded, lang, 0 if float(rounded).is_integer() else 1)


def format_percent(part: int, whole: int, lang: str) -> str:
    value = 100 * part / whole if whole else 0.0
    return t(lang, "sr_percent", value=format_figure(value, lang))


def _overview(report: SurveyReport, lang: str) -> Message:
    fields = [
        Field(t(lang, "sr_invited"), format_number(report.invited, lang)),
        Field(t(lang, "sr_submitted"), format_number(report.submitted, lang)),
        Field(t(lang, "sr_response_rate"), format_percent(report.submitted, report.invited, lang)),
    ]
    text = t(lang, "sr_suppressed", submitted=report.submitted, invited=report.invited, min=MIN_SUBMITTED) \
        if report.suppressed else None
    note = t(lang, "sr_anonymous_note" if report.anonymous else "sr_named_note")
    return Message(title=t(lang, "sr_title", title=report.title), text=text, fields=fields, context=note)


def _question(number: int, q: QuestionReport, lang: str) -> Message:
    message = Message(title=t(lang, "sr_question_heading", number=number, text=q.text or q.key))
    message.fields.append(Field(t(lang, "sr_answers"), format_number(q.answers, lang)))
    if q.answers == 0:
        message.text = t(lang, "sr_no_answers")
        return message
    if q.mean is not None:
        message.fields.append(Field(t(lang, "sr_mean"), format_figure(q.mean, lang)))
    if q.median is not None:
        message.fields.append(Field(t(lang, "sr_median"), format_figure(q.median, lang)))
    for option, label, count in distribution_rows(q, lang):
        name = t(lang, "sr_scale_option", value=option, label=label) if label else str(option)
        message.items.append(t(lang, "sr_count_share_line", label=name, count=count,
                               share=format_percent(count, q.answers, lang)))
    if q.texts is not None:
        themes = ", ".join(t(lang, "sr_theme_item", theme=th.label, count=th.count) for th in q.themes)
        message.fields.append(Field(t(lang, "sr_themes"), themes or t(lang, "sr_themes_none")))
        message.items.extend(q.texts)
    return message


def _breakdown(kind: str, cells: tuple[RateCell, ...], lang: str) -> Message:
    message = Message(title=t(lang, f"sr_by_{kind}"))
    for cell in cells:
        group = group_label(kind, cell.group, lang)
        if cell.suppressed or cell.submitted is None:
            message.items.append(t(lang, "sr_rate_hidden_line", group=group, invited=cell.invited,
                                   hidden=t(lang, "sr_cell_hidden", min=MIN_CELL)))
        else:
            message.items.append(t(lang, "sr_rate_line", group=group, submitted=cell.submitted,
                                   invited=cell.invited,
                                   rate=format_percent(cell.submitted, cell.invited, lang)))
    return message
