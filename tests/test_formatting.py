"""Dates, times and amounts read as before now that CLDR (through Babel) gives the names and symbols,
and `digibot ask` does not pay for loading Babel on every run (messages/locale_data.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

from babel.dates import get_day_names, get_month_names
from babel.numbers import get_decimal_symbol, get_group_symbol

from messages.formatting import (
    MONTHS,
    WEEKDAYS,
    format_date,
    format_datetime,
    format_nok,
    format_number,
    format_time_range,
)
from messages.locale_data import BABEL_LOCALES, from_babel, tables

ROOT = Path(__file__).resolve().parent.parent
THURSDAY = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)  # 10.00 in Oslo


def test_a_reader_sees_dates_times_and_sums_as_always() -> None:
    assert format_date(date(2026, 12, 4), "nb") == "4. desember 2026"
    assert format_date(date(2026, 12, 4), "en", weekday=True) == "Friday 4 December 2026"
    assert format_date(date(2026, 12, 4), "nn", weekday=True, year=False) == "fredag 4. desember"
    assert format_datetime(THURSDAY, "nb", weekday=True) == "torsdag 3. desember 2026 kl. 10.00"
    assert format_datetime(THURSDAY, "en") == "3 December 2026 at 10:00"
    assert format_time_range(THURSDAY, THURSDAY.replace(hour=11), "nn") == "torsdag 3. desember 2026 kl. 10.00–12.00"
    assert format_nok(60082.4, "nb") == "60 082 kr" and "\u00a0" not in format_nok(60082, "nn")
    assert format_nok(60082, "en") == "NOK 60,082"
    assert format_number(1234.5, "nn", 2) == "1 234,50" and format_number(291940, "en") == "291,940"
    assert format_number(-1234, "nb") == "-1 234"
    assert WEEKDAYS["nn"] == ["måndag", "tysdag", "onsdag", "torsdag", "fredag", "laurdag", "sundag"]
    assert WEEKDAYS["nb"][6] == "søndag" and MONTHS["en"][0] == "January" and set(MONTHS) == {"nb", "nn", "en"}


def test_names_and_symbols_are_cldrs_except_the_documented_choices() -> None:
    for lang, locale in BABEL_LOCALES.items():
        assert MONTHS[lang] == [get_month_names("wide", locale=locale)[m] for m in range(1, 13)]
        cldr_days = [get_day_names("wide", locale=locale)[d] for d in range(7)]
        expected = cldr_days if lang != "nn" else [*cldr_days[:6], "sundag"]  # the one kept project name
        assert WEEKDAYS[lang] == expected
        assert get_decimal_symbol(locale) == ("." if lang == "en" else ",")
        assert tables()[lang] == from_babel(lang)  # what the cache holds is what Babel gives
    assert get_group_symbol("nb") == "\u00a0"  # CLDR; the bot writes a plain space (see messages/formatting.py)


def run_formatting(cache_dir: Path) -> str:
    script = ("import sys\nfrom datetime import date\nfrom messages.formatting import format_date\n"
              "print(format_date(date(2026, 12, 4), 'nn'), 'babel' in sys.modules)\n")
    env = {**os.environ, "DIGIBOT_CACHE_DIR": str(cache_dir)}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, env=env,
                          check=True, timeout=60)
    return done.stdout.strip()


def test_the_cldr_table_is_built_once_and_later_runs_do_not_load_babel(tmp_path) -> None:
    assert run_formatting(tmp_path) == "4. desember 2026 True"  # the first run builds the table from Babel
    [cached] = tmp_path.glob("cldr-*.json")
    assert json.loads(cached.read_text(encoding="utf-8"))["nn"]["months"][11] == "desember"
    assert run_formatting(tmp_path) == "4. desember 2026 False"  # later runs read the small file

    cached.write_text("{not json", encoding="utf-8")  # a damaged file is built again
    assert run_formatting(tmp_path) == "4. desember 2026 True"
    assert run_formatting(tmp_path) == "4. desember 2026 False"
