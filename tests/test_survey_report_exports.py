"""The secretariat takes the report away: CSV, XLSX with real number cells, a bar chart per question,
and the report in chat in bokmål, nynorsk and English."""

from __future__ import annotations

import csv
import io
import struct
import subprocess
import sys
from dataclasses import replace

import pytest
from openpyxl import load_workbook

from handlers.surveys.report import build_report
from handlers.surveys.report_charts import report_charts, write_charts
from handlers.surveys.report_export import report_csv, report_xlsx, write_csv, write_xlsx
from handlers.surveys.report_messages import report_messages
from handlers.surveys.results import SurveyResults
from messages.render_text import to_text
from tests.survey_report_data import names_in, seed_001

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _sheets(data: bytes) -> dict[str, list[tuple[object, ...]]]:
    workbook = load_workbook(io.BytesIO(data))
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in workbook.worksheets}


def test_the_workbook_has_one_sheet_per_view_with_number_cells():
    sheets = _sheets(report_xlsx(build_report(seed_001()), "nn"))

    assert list(sheets) == ["Oversikt", "Spørsmål", "Fordeling", "Svarprosent", "Fritekst", "Tema"]
    summary = dict(sheets["Oversikt"][1:])
    assert summary["Invitert"] == 15 and summary["Sendt inn"] == 12 and summary["Svarprosent (%)"] == 80.0

    questions = sheets["Spørsmål"]
    assert questions[0] == ("Spørsmål", "Tekst", "Type", "Svar", "Gjennomsnitt", "Median")
    arsverk = next(row for row in questions if row[0] == "arsverk")
    assert arsverk[2:] == ("tal", 12, 4.5, 3.5)
    assert isinstance(arsverk[3], int) and isinstance(arsverk[4], float)

    distribution = [row for row in sheets["Fordeling"] if row[0] == "regionalt"]
    assert [(row[1], row[3], row[4]) for row in distribution] == [("Ja", 9, 75.0), ("Nei", 3, 25.0)]
    themes = sheets["Tema"]
    assert ("utfordringar", "kompetanse", 6) in themes


def test_the_workbook_cells_are_numbers_not_text():
    workbook = load_workbook(io.BytesIO(report_xlsx(build_report(seed_001()), "en")))
    sheet = workbook["Questions"]
    mean = sheet.cell(row=2, column=5)
    assert mean.value == 4.5 and mean.data_type == "n"
    assert sheet.cell(row=2, column=4).data_type == "n"
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.b  # a bold header row that stays in view
    hidden = [row for row in workbook["Response rates"].iter_rows(values_only=True) if row[1] == "Nordhordland"]
    assert hidden == [("Region", "Nordhordland", 3, None, None, "hidden (fewer than 3 responses)")]


def test_a_named_survey_adds_the_raw_responses_sheet_with_who_answered():
    sheets = _sheets(report_xlsx(build_report(seed_001(anonymous=False)), "nb"))

    rows = sheets["Svar"]
    assert rows[0][:7] == ("Organisasjonsnr.", "Organisasjon", "Person", "E-post", "Status", "Region", "Sendt inn")
    assert rows[0][7:] == ("arsverk", "samarbeid", "utfordringar", "tiltak", "regionalt", "bidrag")
    bomlo = rows[1]
    assert bomlo[1:3] == ("Bømlo", "Bjørg Bømlo-Rådmann")
    assert bomlo[7] == 1.5 and bomlo[11] == "Ja"
    assert bomlo[8] == "Nabokommunar; Interkommunalt IKT-samarbeid"
    assert bomlo[6].year == 2017  # a date cell, in Oslo time
    assert len(rows) == 13


def test_an_answer_that_looks_like_a_formula_stays_text():
    results = seed_001(anonymous=False)
    first = results.responses[0]
    forged = replace(first, answers={**first.answers, "tiltak": "=HYPERLINK(\"http://x\")"})
    data = report_xlsx(build_report(SurveyResults(results.survey, (forged, *results.responses[1:]))), "nb")
    workbook = load_workbook(io.BytesIO(data))
    cells = [c for row in workbook["Fritekst"].iter_rows() for c in row if c.value and "HYPERLINK" in str(c.value)]
    assert cells and all(c.data_type == "s" for c in cells)


def test_the_csv_is_one_file_with_a_section_per_view(tmp_path):
    text = report_csv(build_report(seed_001()), "en")
    rows = list(csv.reader(io.StringIO(text)))
    titles = [rows[i + 1][0] for i, row in enumerate(rows[:-1]) if row == [] and i + 1 < len(rows)]
    assert [rows[0][0], *titles] == ["Summary", "Questions", "Distribution", "Response rates", "Free text", "Themes"]
    assert ["arsverk", next(r[1] for r in rows if r and r[0] == "arsverk"), "number", "12", "4.5", "3.5"] in rows
    assert ["Status", "member", "12", "9", "75", ""] in rows

    path = write_csv(build_report(seed_001()), tmp_path / "r.csv", "nb")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # a BOM, so Excel reads æøå
    assert "Svarprosent etter" not in path.read_text(encoding="utf-8-sig")  # that one is the chat's title


def test_a_suppressed_report_exports_only_the_summary(tmp_path):
    results = seed_001()
    two = SurveyResults(results.survey, tuple(replace(r, submitted=i < 2) for i, r in enumerate(results.responses)))
    report = build_report(two)

    assert list(_sheets(report_xlsx(report, "nb"))) == ["Oversikt"]
    assert report_charts(report, "nb") == []
    text = report_csv(report, "nn")
    assert "Ingen tal blir viste før minst 3 har svart" in text and "arsverk" not in text
    write_xlsx(report, tmp_path / "r.xlsx", "en")
    assert (tmp_path / "r.xlsx").stat().st_size > 0


def test_a_bar_chart_per_choice_and_yes_no_question(tmp_path):
    report = build_report(seed_001())
    paths = write_charts(report, tmp_path / "charts", "nn")

    assert [p.name for p in paths] == ["ikt-status-2017-samarbeid.png", "ikt-status-2017-regionalt.png"]
    for path in paths:
        data = path.read_bytes()
        assert data[:8] == PNG_SIGNATURE
        width, height = struct.unpack(">II", data[16:24])  # the IHDR chunk
        assert (width, height) == (700, 400)


def test_the_chart_opens_as_an_image():
    from PIL import Image

    chart = report_charts(build_report(seed_001()), "en")[0]
    with Image.open(io.BytesIO(chart.png)) as image:
        assert image.format == "PNG" and image.size == (700, 400)
        low, high = image.convert("L").getextrema()
        assert low < 100 < high  # something dark is drawn on white


@pytest.mark.parametrize(("lang", "mean", "title", "rate"), [
    ("nb", "Gjennomsnitt: 4,5", "Svarprosent etter region", "Sunnhordland: 6 av 7 (85,7 %)"),
    ("nn", "Gjennomsnitt: 4,5", "Svarprosent etter region", "Sunnhordland: 6 av 7 (85,7 %)"),
    ("en", "Mean: 4.5", "Response rate by region", "Sunnhordland: 6 of 7 (85.7%)"),
])
def test_the_report_reads_in_the_secretariats_language(lang, mean, title, rate):
    messages = report_messages(build_report(seed_001()), lang)
    text = to_text(messages, lang)

    assert mean in text and title in text and rate in text
    assert "Median: 3,5" in text if lang != "en" else "Median: 3.5" in text
    assert len(messages) == 1 + 6 + 2
    for name in names_in(seed_001()):
        assert name not in text


def test_the_chat_report_of_a_suppressed_survey_says_why_and_nothing_more():
    results = seed_001()
    two = SurveyResults(results.survey, tuple(replace(r, submitted=i < 2) for i, r in enumerate(results.responses)))
    messages = report_messages(build_report(two), "nb")
    assert len(messages) == 1
    assert "bare 2 av 15 har sendt inn svar" in to_text(messages, "nb")


def test_an_answer_with_control_characters_still_exports():
    """Found by the property test: openpyxl refuses "\\x1b" in a cell, which made the whole export fail."""
    results = seed_001()
    first = results.responses[0]
    odd = replace(first, answers={**first.answers, "tiltak": "Felles\x1b løysingar\x00"})
    report = build_report(SurveyResults(results.survey, (odd, *results.responses[1:])))
    texts = [row[1] for row in _sheets(report_xlsx(report, "nb"))["Fritekst"] if row[0] == "tiltak"]
    assert "Felles løysingar" in texts


def test_the_bot_does_not_load_matplotlib_or_openpyxl_until_a_report_is_exported():
    code = ("import sys, handlers.surveys.report, handlers.surveys.report_charts, handlers.surveys.report_export, "
            "handlers.surveys.report_messages; "
            "print(sorted(m for m in ('matplotlib', 'openpyxl') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
