"""The command-line contract the product is judged by: `digibot import FILE --db URL`, then
`digibot ask --db URL --as EMAIL [--lang nb|nn|en] [--now ISO-DATETIME] "question"`, which prints only
the answer. `--now` without an offset is the network's local time (Europe/Oslo); with an offset it is
that moment. The network is tests/fixtures/network_helgeland.yaml (Digitale Helgeland, language nb).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main

ROOT = Path(__file__).resolve().parent.parent
NETWORK = ROOT / "tests" / "fixtures" / "network_helgeland.yaml"
INGRID = "ingrid.sandnes@digihelgeland.no"  # secretariat, profile nb
EMILY = "emily.carter@rana.kommune.no"  # coordinator in Rana, profile en
MARIT = "marit.strand@traena.kommune.no"  # rådmann in Træna, no language in her profile


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('cli-contract') / 'digibot.sqlite3'}"
    assert main(["import", str(NETWORK), "--db", url]) == 0
    return url


def ask(db: str, capsys: pytest.CaptureFixture[str], question: str, *args: str) -> str:
    capsys.readouterr()
    assert main(["ask", "--db", db, *args, question]) == 0
    captured = capsys.readouterr()
    return captured.out


def test_import_reports_what_was_created(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'x.sqlite3'}"
    assert main(["import", str(NETWORK), "--db", url]) == 0
    out = capsys.readouterr().out
    assert "organizations: 19 created" in out and "meetings: 12 created" in out


def test_now_without_offset_is_local_time(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    # 10:00 in Oslo: the 08:00 deadline has passed, the 15:00 one has not
    out = ask(db, capsys, "frister i dag", "--as", INGRID, "--now", "2026-12-09T10:00")
    assert "onsdag 9. desember 2026 kl. 08.00 – Svar på kartlegging av skytjenester" in out
    assert "kl. 08.00 – Svar på kartlegging av skytjenester (kontakt: Ingrid Sandnes) (gått ut)" in out
    assert "kl. 15.00 – Innspill til handlingsplan 2027 (kontakt: Kjell Mo)\n" in out
    assert "Meld deltakere" not in out


def test_now_with_an_offset_is_that_moment(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    # 23:30 UTC on 9 December is 00:30 on Thursday 10 December in Oslo: "today" is the 10th
    out = ask(db, capsys, "frister i dag", "--as", INGRID, "--now", "2026-12-09T23:30+00:00")
    assert "Meld deltakere til fagdag om KI" in out
    assert "handlingsplan" not in out and "skytjenester" not in out
    # the same moment without offset would be the 9th
    out = ask(db, capsys, "frister i dag", "--as", INGRID, "--now", "2026-12-09T23:30")
    assert "Innspill til handlingsplan 2027" in out and "Meld deltakere" not in out


def test_an_offset_in_summer_time(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    # 07:30Z is 09:30 CEST: the 10:00 meeting is next; at 08:30Z (10:30 CEST) it has begun
    out = ask(db, capsys, "when is the next meeting of the steering group", "--as", EMILY, "--now", "2026-06-17T07:30Z")
    assert "Wednesday 17 June 2026 at 10:00–12:00" in out
    out = ask(db, capsys, "when is the next meeting of the steering group", "--as", EMILY, "--now", "2026-06-17T08:30Z")
    assert "17 June" not in out and "Wednesday 18 November 2026 at 10:00" in out


def test_lang_forces_the_language(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    out = ask(db, capsys, "møter i morgen", "--as", INGRID, "--lang", "en", "--now", "2027-03-27T12:00")
    assert "Sunday 28 March 2027 at 10:00–11:00" in out and "søndag" not in out
    out = ask(db, capsys, "neste møte i styringsgruppa", "--as", EMILY, "--lang", "nn", "--now", "2026-12-09T10:00")
    assert "Neste møte i Styringsgruppa er onsdag 13. januar 2027 kl. 10.00–14.00." in out
    assert "Sakliste" in out and "16. desember" not in out


def test_without_lang_the_profile_then_the_question_decides(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    out = ask(db, capsys, "frister i morgen", "--as", EMILY, "--now", "2026-12-09T10:00")
    assert "Thursday 10 December 2026 at 12:00" in out  # Emily's profile says en
    out = ask(db, capsys, "kva fristar er det i morgon", "--as", MARIT, "--now", "2026-12-09T10:00")
    assert "Fristar i morgon" in out and "torsdag 10. desember 2026 kl. 12.00" in out  # no profile: nn question


def test_dst_switch_days_show_local_wall_clock_time(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    out = ask(db, capsys, "møter neste uke", "--as", INGRID, "--now", "2027-03-27T12:00")
    assert "mandag 29. mars 2027 kl. 10.00–11.30" in out
    out = ask(db, capsys, "møter i dag", "--as", INGRID, "--now", "2026-10-25T09:00")
    assert "søndag 25. oktober 2026 kl. 10.00–11.30" in out


def test_ask_prints_only_the_answer(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert (
        main(["ask", "--db", db, "--as", INGRID, "--now", "2026-12-09T10:00", "når er fristen for årsrapporten"]) == 0
    )
    captured = capsys.readouterr()
    assert captured.out.startswith("Årsrapport fra kommunene\n")
    assert "Fristen er torsdag 31. desember 2026 kl. 23.59 (om 22 dager)." in captured.out
    assert captured.err == ""
