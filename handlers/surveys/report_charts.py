"""A bar chart (PNG) per scale, choice and yes/no question of a survey report.

matplotlib is imported on first use, never at start-up, and used through its object API with the Agg
canvas (no pyplot, no global state), so charts can be drawn from any thread of the bot.
A suppressed report (an anonymous survey with fewer than 3 submitted) has no charts.
"""

from __future__ import annotations

import io
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

from handlers.surveys.report import QuestionReport, SurveyReport
from handlers.surveys.report_views import distribution_rows
from messages.i18n import t

CHART_TYPES = ("scale", "choice", "yes_no")
WIDTH_IN, HEIGHT_IN, DPI = 7.0, 4.0, 100


@dataclass(frozen=True)
class Chart:
    question: str  # the question's key
    filename: str  # "<survey>-<question>.png", safe as a file name
    png: bytes


def report_charts(report: SurveyReport, lang: str) -> list[Chart]:
    if report.suppressed:
        return []
    return [
        Chart(q.key, _filename(report.survey, q.key), chart_png(q, lang))
        for q in report.questions
        if q.type in CHART_TYPES and q.distribution
    ]


def write_charts(report: SurveyReport, directory: Path | str, lang: str) -> list[Path]:
    target = Path(directory)
    target.mkdir(parents=True, exist_ok=True)
    paths = []
    for chart in report_charts(report, lang):
        path = target / chart.filename
        path.write_bytes(chart.png)
        paths.append(path)
    return paths


def chart_png(question: QuestionReport, lang: str) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    rows = distribution_rows(question, lang)
    names = [_bar_label(option, label, question, lang) for option, label, _ in rows]
    counts = [count for _, _, count in rows]
    figure = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    positions = list(range(len(counts)))
    bars = axes.bar(positions, counts, color="#2f6f9f")
    axes.bar_label(bars, labels=[str(c) for c in counts], padding=2)
    axes.set_xticks(positions, names, fontsize=8)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_ylim(0, max([*counts, 1]) * 1.15)
    axes.set_ylabel(t(lang, "sr_chart_axis"))
    axes.set_title("\n".join(textwrap.wrap(question.text or question.key, 70)), fontsize=10)
    axes.spines[["top", "right"]].set_visible(False)
    figure.text(0.99, 0.01, t(lang, "sr_chart_footer", answers=question.answers), ha="right", fontsize=8)
    # fixed margins (room for a two-line title and three-line bar labels): tight_layout would draw twice
    figure.subplots_adjust(left=0.1, right=0.98, top=0.86, bottom=0.2)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", pil_kwargs={"compress_level": 3})
    return buffer.getvalue()


def _bar_label(option: object, label: str, question: QuestionReport, lang: str) -> str:
    text = t(lang, "sr_scale_option", value=option, label=label) if label else str(option)
    width = max(8, 90 // max(1, len(question.distribution or ())))
    return "\n".join(textwrap.wrap(text, width)) or text


def _filename(survey: str, question: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", f"{survey}-{question}") + ".png"
