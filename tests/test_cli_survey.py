"""`digibot survey list|open|close|status|report`: the CLI contract of DESIGN.md, the secretariat's rights,
and an anonymous survey's report that says nothing while fewer than 3 have submitted."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from bot.cli import main
from storage.db import make_engine, make_sessionmaker
from tests.survey_ops_world import EVA, KARI, LIV, OLA, PER, SECRETARY, SIRI, SURVEY, answer_with, network

OPENED = "2026-12-01T10:00"
BEFORE = "2026-11-30T10:00"  # the day before `opens`: scheduled unless someone opened it


@pytest.fixture
def db(tmp_path: Path) -> str:
    source = tmp_path / "network.yaml"
    source.write_text(yaml.safe_dump(network(), allow_unicode=True, sort_keys=False), encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'digibot.sqlite3'}"
    assert main(["import", str(source), "--db", url]) == 0
    return url


def survey(db: str, *args: str, now: str = OPENED) -> int:
    return main(["survey", *args, "--db", db, "--now", now])


def answered(db: str, email: str, answers: dict[str, object], submit: bool = True) -> None:
    async def go() -> None:
        engine = make_engine(db)
        await answer_with(make_sessionmaker(engine), email, answers, submit=submit,
                          at=datetime(2026, 12, 2, 9, tzinfo=UTC))
        await engine.dispose()

    asyncio.run(go())


def printed(capsys: pytest.CaptureFixture[str]) -> object:
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize(("action", "options"), [
    ("list", ["--json", "--db", "--now"]), ("open", ["ID", "--as", "--db", "--now"]),
    ("close", ["ID", "--as", "--db", "--now"]), ("status", ["ID", "--json", "--db", "--now"]),
    ("report", ["ID", "--json", "--csv", "--xlsx", "--charts", "--as", "--db", "--now"])])
def test_each_action_has_the_options_of_the_contract(action: str, options: list[str], capsys) -> None:
    with pytest.raises(SystemExit) as done:
        main(["survey", action, "--help"])
    assert done.value.code == 0
    usage = capsys.readouterr().out
    assert usage.startswith(f"usage: digibot survey {action}")
    for option in options:
        assert option in usage


def test_list_and_status_say_where_a_survey_stands(db, capsys) -> None:
    assert survey(db, "list", "--json", now=BEFORE) == 0
    assert printed(capsys) == [{
        "survey": SURVEY, "title": "Status på IKT-området", "state": "scheduled", "anonymous": True,
        "respondent": "organization", "opens": "2026-12-01T09:00:00+01:00", "deadline": "2026-12-10T23:59:00+01:00",
        "invited": 5, "submitted": 0, "in_progress": 0}]
    assert survey(db, "open", SURVEY, "--as", SECRETARY) == 0
    assert capsys.readouterr().out == f"survey {SURVEY} opened: 6 invitations queued\n"
    answered(db, KARI, {"arsverk": 3}, submit=True)
    answered(db, OLA, {"arsverk": 2}, submit=False)
    assert survey(db, "status", SURVEY, "--json") == 0
    status = printed(capsys)
    assert isinstance(status, dict)
    assert {k: status[k] for k in ("survey", "state", "invited", "submitted", "in_progress")} == {
        "survey": SURVEY, "state": "open", "invited": 5, "submitted": 1, "in_progress": 1}
    assert status["not_submitted"] == ["Askøy", "Etne", "Modalen", "Voss"]  # names, never with an answer
    assert survey(db, "status", SURVEY) == 0
    text = capsys.readouterr().out
    assert "state: open" in text and "submitted: 1" in text and "arsverk" not in text
    assert survey(db, "status", SURVEY, "--json", now="2026-12-11T00:00") == 0
    assert printed(capsys)["state"] == "closed"  # type: ignore[index]


def test_only_the_secretariat_may_act_and_a_refusal_changes_nothing(db, capsys) -> None:
    for action in (["open", SURVEY], ["close", SURVEY], ["report", SURVEY]):
        assert survey(db, *action, "--as", KARI) == 1
        assert "not in the secretariat" in capsys.readouterr().err
    assert survey(db, "status", SURVEY, "--json", now=BEFORE) == 0
    assert printed(capsys)["state"] == "scheduled"  # type: ignore[index]  (not opened by the refused `open`)
    assert survey(db, "open", "nope", "--as", SECRETARY) == 1
    assert f"no survey 'nope' in digitest (its surveys: {SURVEY})" in capsys.readouterr().err
    assert survey(db, "open", SURVEY) == 0  # without --as the operator is trusted
    capsys.readouterr()
    assert survey(db, "open", SURVEY) == 0
    assert "open already (0 new invitations queued)" in capsys.readouterr().out


def test_an_anonymous_report_shows_nothing_below_three_and_survives_the_close(db, capsys, tmp_path) -> None:
    assert survey(db, "open", SURVEY) == 0
    capsys.readouterr()
    answered(db, KARI, {"arsverk": 3, "modenhet": 4, "utfordringar": "Kompetanse og kapasitet"})
    answered(db, OLA, {"arsverk": 2, "modenhet": 2})
    assert survey(db, "report", SURVEY, "--json") == 0
    report = printed(capsys)
    assert report == {"survey": SURVEY, "title": "Status på IKT-området", "anonymous": True,
                      "respondent": "organization", "invited": 5, "submitted": 2, "suppressed": True,
                      "questions": []}
    answered(db, PER, {"arsverk": 1, "modenhet": 5, "utfordringar": "Kapasitet"})
    answered(db, LIV, {"arsverk": 40}, submit=False)
    assert survey(db, "report", SURVEY, "--json") == 0
    before = printed(capsys)
    assert isinstance(before, dict)
    assert (before["invited"], before["submitted"], before["suppressed"]) == (5, 3, False)
    assert before["questions"][0] == {"id": "arsverk", "type": "number", "answers": 3, "mean": 2.0, "median": 2}
    assert before["questions"][1]["distribution"] == {"1": 0, "2": 1, "3": 0, "4": 1, "5": 1}
    assert before["questions"][2]["texts"] == ["Kapasitet", "Kompetanse og kapasitet"]
    assert "responses" not in before

    assert survey(db, "close", SURVEY, "--as", SECRETARY, now="2026-12-05T12:00") == 0
    assert capsys.readouterr().out == (f"survey {SURVEY} closed: 3 of 5 submitted; answers unlinked from "
                                       "respondents; summary queued for the secretariat\n")
    out = tmp_path / "out"
    assert survey(db, "report", SURVEY, "--json", "--csv", str(out / "r.csv"), "--xlsx", str(out / "r.xlsx"),
                  "--charts", str(out / "charts"), "--as", SECRETARY, now="2026-12-05T12:00") == 0
    assert printed(capsys) == before
    assert sorted(p.name for p in (out / "charts").iterdir()) == ["ikt-status-modenhet.png"]
    csv = (out / "r.csv").read_text(encoding="utf-8")
    sheets = load_workbook(out / "r.xlsx").sheetnames
    assert "Kompetanse og kapasitet" in csv and len(sheets) > 1
    for name in ("Bergen", "Askøy", "Voss", "Kari", "Ola", "Per", KARI, OLA, PER, SIRI, EVA):
        assert name not in csv


def test_a_report_that_is_not_anonymous_names_who_answered(tmp_path, capsys) -> None:
    source = tmp_path / "network.yaml"
    source.write_text(yaml.safe_dump(network(anonymous=False), allow_unicode=True), encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'named.sqlite3'}"
    assert main(["import", str(source), "--db", db]) == 0
    capsys.readouterr()
    assert survey(db, "open", SURVEY) == 0
    capsys.readouterr()
    answered(db, OLA, {"arsverk": 2})
    assert survey(db, "report", SURVEY, "--json") == 0
    report = printed(capsys)
    assert isinstance(report, dict) and report["suppressed"] is False
    assert report["responses"][0]["organization"] == {"id": "4627", "name": "Askøy"}
    assert report["responses"][0]["person"] == {"name": "Ola Vik", "email": OLA}


def test_plan_shows_the_invitations_and_reminders_ahead(db, capsys) -> None:
    assert main(["plan", "--from", "2026-12-01", "--to", "2026-12-10", "--json", "--db", db,
                 "--now", "2026-11-20T10:00"]) == 0
    rows = json.loads(capsys.readouterr().out)
    invitations = [(r["at"], r["to"]) for r in rows if r["kind"] == "survey_invitation"]
    assert len(invitations) == 6 and {at for at, _ in invitations} == {"2026-12-01T09:00:00+01:00"}
    reminders = sorted({r["at"] for r in rows if r["kind"] == "survey_reminder"})
    assert reminders == ["2026-12-04T09:00:00+01:00", "2026-12-09T09:00:00+01:00"]
    assert {r["title"] for r in rows if r["kind"] == "survey_reminder" and r["lang"] == "nb"} == {
        "Påminnelse: Status på IKT-området"}


def test_a_database_that_does_not_exist_is_not_created(tmp_path, capsys) -> None:
    missing = tmp_path / "nothing.sqlite3"
    assert main(["survey", "list", "--db", f"sqlite:///{missing}"]) == 1
    assert "there is no database" in capsys.readouterr().err and not missing.exists()
