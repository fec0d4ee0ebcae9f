"""A survey report as tables, one per view, with headers in the reader's language.

The CSV export writes them as sections of one file and the XLSX export as one sheet each, so the two
always hold the same figures. Cells keep their type (int, float, date, datetime, str, None): the XLSX
writes numbers as number cells. Shares and response rates are percentages (0-100, one decimal).

Views: summary (always); questions, distribution, response rates, free text and themes (unless
suppressed); responses, one row per submitted response naming organization and person (only for a
survey that is not anonymous).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from handlers.surveys.breakdown import MIN_CELL, RateCell
from handlers.surveys.report import MIN_SUBMITTED, QuestionReport, SurveyReport
from handlers.surveys.results import AnswerValue
from messages.formatting import DEFAULT_TZ
from messages.i18n import t

Cell = str | int | float | date | datetime | None
STATUSES = ("member", "invited", "observer", "former")  # organization statuses with a name in the catalog


@dataclass
class Table:
    key: str  # summary | questions | distribution | rates | texts | themes | responses
    title: str  # the sheet name / section title, in the reader's language
    headers: tuple[str, ...]
    rows: list[tuple[Cell, ...]] = field(default_factory=list)


def percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def report_tables(report: SurveyReport, lang: str, tz: str = DEFAULT_TZ) -> list[Table]:
    tables = [_summary(report, lang)]
    if report.suppressed:
        return tables
    tables += [_questions(report, lang), _distribution(report, lang), _rates(report, lang)]
    texts = [q for q in report.questions if q.texts is not None]
    if texts:
        tables += [_texts(texts, lang), _themes(texts, lang)]
    if report.raw and not report.anonymous:
        tables.append(_responses(report, lang, tz))
    return tables


def _summary(report: SurveyReport, lang: str) -> Table:
    table = Table("summary", t(lang, "sr_sheet_summary"), (t(lang, "sr_col_item"), t(lang, "sr_col_value")))
    table.rows += [
        (t(lang, "sr_col_survey"), report.survey),
        (t(lang, "sr_col_title"), report.title),
        (t(lang, "sr_anonymous"), t(lang, "sr_yes" if report.anonymous else "sr_no")),
        (t(lang, "sr_invited"), report.invited),
        (t(lang, "sr_submitted"), report.submitted),
        (t(lang, "sr_col_rate"), percent(report.submitted, report.invited)),
    ]
    if report.suppressed:
        table.rows.append((t(lang, "sr_col_note"), t(lang, "sr_suppressed", submitted=report.submitted,
                                                      invited=report.invited, min=MIN_SUBMITTED)))
    return table


def _questions(report: SurveyReport, lang: str) -> Table:
    table = Table("questions", t(lang, "sr_sheet_questions"), (
        t(lang, "sr_col_question"), t(lang, "sr_col_text"), t(lang, "sr_col_type"), t(lang, "sr_answers"),
        t(lang, "sr_mean"), t(lang, "sr_median")))
    for q in report.questions:
        mean = None if q.mean is None else round(q.mean, 2)
        table.rows.append((q.key, q.text, t(lang, f"sr_type_{q.type}"), q.answers, mean, q.median))
    return table


def distribution_rows(q: QuestionReport, lang: str) -> list[tuple[Cell, str, int]]:
    """(option, label, count) of a question with a distribution; scale values stay numbers."""
    labels = dict(q.labels)
    rows: list[tuple[Cell, str, int]] = []
    for key, count in q.distribution or ():
        if q.type == "scale":
            rows.append((int(key), labels.get(key, ""), count))
        elif q.type == "yes_no":
            rows.append((t(lang, f"sr_{key}"), "", count))
        else:
            rows.append((key, "", count))
    return rows


def _distribution(report: SurveyReport, lang: str) -> Table:
    table = Table("distribution", t(lang, "sr_sheet_distribution"), (
        t(lang, "sr_col_question"), t(lang, "sr_col_option"), t(lang, "sr_col_label"), t(lang, "sr_col_count"),
        t(lang, "sr_col_share")))
    for q in report.questions:
        for option, label, count in distribution_rows(q, lang):
            table.rows.append((q.key, option, label, count, percent(count, q.answers)))
    return table


def group_label(kind: str, group: str | None, lang: str) -> str:
    if group is None:
        return t(lang, f"sr_no_{kind}")
    if kind == "status" and group in STATUSES:
        return t(lang, f"sr_status_{group}")
    return group


def _rates(report: SurveyReport, lang: str) -> Table:
    table = Table("rates", t(lang, "sr_sheet_rates"), (
        t(lang, "sr_col_breakdown"), t(lang, "sr_col_group"), t(lang, "sr_invited"), t(lang, "sr_submitted"),
        t(lang, "sr_col_rate"), t(lang, "sr_col_note")))
    if report.rates is None:
        return table
    cells: list[tuple[str, RateCell]] = [("status", c) for c in report.rates.by_status]
    cells += [("region", c) for c in report.rates.by_region]
    for kind, cell in cells:
        name = group_label(kind, cell.group, lang)
        if cell.suppressed:
            table.rows.append((t(lang, f"sr_col_{kind}"), name, cell.invited, None, None,
                               t(lang, "sr_cell_hidden", min=MIN_CELL)))
        else:
            submitted = cell.submitted or 0
            table.rows.append((t(lang, f"sr_col_{kind}"), name, cell.invited, submitted,
                               percent(submitted, cell.invited), None))
    return table


def _texts(questions: list[QuestionReport], lang: str) -> Table:
    table = Table("texts", t(lang, "sr_sheet_texts"), (t(lang, "sr_col_question"), t(lang, "sr_col_answer")))
    for q in questions:
        table.rows += [(q.key, text) for text in q.texts or ()]
    return table


def _themes(questions: list[QuestionReport], lang: str) -> Table:
    table = Table("themes", t(lang, "sr_sheet_themes"), (
        t(lang, "sr_col_question"), t(lang, "sr_col_theme"), t(lang, "sr_col_answers_mentioning")))
    for q in questions:
        table.rows += [(q.key, theme.label, theme.count) for theme in q.themes]
    return table


def answer_cell(value: AnswerValue | None, lang: str) -> Cell:
    if value is None:
        return None
    if isinstance(value, bool):
        return t(lang, "sr_yes" if value else "sr_no")
    if isinstance(value, tuple):
        return "; ".join(value)
    return value


def _responses(report: SurveyReport, lang: str, tz: str) -> Table:
    keys = [key for key, _, _ in report.question_texts]
    table = Table("responses", t(lang, "sr_sheet_responses"), (
        t(lang, "sr_col_organization_id"), t(lang, "sr_col_organization"), t(lang, "sr_col_person"),
        t(lang, "sr_col_email"), t(lang, "sr_col_status"), t(lang, "sr_col_region"),
        t(lang, "sr_col_submitted_at"), *keys))
    for raw in report.raw:
        r = raw.respondent
        at = raw.submitted_at
        local = at.astimezone(ZoneInfo(tz)).replace(tzinfo=None) if isinstance(at, datetime) else None
        answers = dict(raw.answers)
        table.rows.append((
            r.organization_id, r.organization_name, r.person_name, r.person_email,
            group_label("status", r.status, lang) if r.status else None, r.region, local,
            *(answer_cell(answers.get(key), lang) for key in keys),
        ))
    return table
