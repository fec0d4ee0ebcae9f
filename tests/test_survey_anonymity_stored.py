"""Anonymity over the stored path: a network file imported, answers stored and submitted (or not), the survey
open or closed (unlinked), then every output built from the database: report JSON, CSV, XLSX cells, the
report in chat, the secretariat's summary at close, App Home and the log lines. Whatever the names and the
answers, none of these names an organization or a person (free text that does not contain the name)."""

from __future__ import annotations

import asyncio
import io
import json
import logging
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from handlers.context import Context
from handlers.surveys import lifecycle
from handlers.surveys.home import open_survey_messages
from handlers.surveys.notices import summary
from handlers.surveys.report import build_report
from handlers.surveys.report_export import report_csv, report_xlsx
from handlers.surveys.report_messages import report_messages
from handlers.surveys.stored import find_survey, load_results
from messages.render_text import to_text
from storage.db import make_engine, make_sessionmaker
from storage.importer import import_network
from storage.migrate import upgrade
from storage.snapshot import load_snapshot
from tests.survey_ops_world import SURVEY, answer_with, network

NOW = datetime(2026, 12, 2, 9, tzinfo=UTC)
AFTER = datetime(2026, 12, 11, 9, tzinfo=UTC)

name = st.text(alphabet="abcdefghijklmnopqrstuvwxyzæøå", min_size=3, max_size=7).map(lambda s: "Qz" + s)
given_answers = st.fixed_dictionaries({}, optional={
    "arsverk": st.one_of(st.integers(0, 300), st.floats(0, 1e4, allow_nan=False)),
    "modenhet": st.integers(1, 5),
    "utfordringar": st.text(min_size=1, max_size=40),
})
municipality = st.tuples(name, name, given_answers, st.booleans())  # org, person, answers, submitted


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty migrated SQLite file, copied for each example (migrating is the slow part)."""
    path = tmp_path_factory.mktemp("anon") / "template.sqlite3"

    async def migrate() -> None:
        engine = make_engine(f"sqlite:///{path}")
        await upgrade(engine)
        await engine.dispose()

    asyncio.run(migrate())
    return path


def _network(municipalities: list[tuple[str, str, dict[str, Any], bool]], per_person: bool) -> dict[str, Any]:
    data = network(respondent="person" if per_person else "organization")
    data["organizations"] = [{"id": f"{4600 + i}", "name": org, "kind": "municipality", "status": "member",
                              "region": "Vest" if i % 2 else "Nord"} for i, (org, _, _, _) in enumerate(municipalities)]
    data["people"] = [data["people"][0]] + [
        {"email": f"{person.lower()}@{org.lower()}.no", "name": person, "organization": f"{4600 + i}",
         "roles": ["coordinator"]} for i, (org, person, _, _) in enumerate(municipalities)]
    data["people"][0]["organization"] = "4600"
    return data


async def _outputs(db: str, source: Path, municipalities: list[tuple[str, str, dict[str, Any], bool]],
                   close: bool, lang: str) -> list[str]:
    engine = make_engine(db)
    sessions = make_sessionmaker(engine)
    try:
        async with sessions() as session:
            await import_network(session, source)
            await session.commit()
        for org, person, answers, submitted in municipalities:
            await answer_with(sessions, f"{person.lower()}@{org.lower()}.no", answers, submit=submitted, at=NOW)
        async with sessions() as session:
            net = await load_snapshot(session, "digitest")
            survey = await find_survey(session, "digitest", SURVEY)
            assert net is not None and survey is not None
            await lifecycle.open_survey(session, net, survey, NOW)
            out: list[str] = []
            secretary = next(p for p in net.people.values() if "secretariat" in p.roles)
            ctx = Context(session, net, secretary, lang, NOW)  # type: ignore[arg-type]
            out.append(to_text(await open_survey_messages(ctx), lang))
            if close:
                closed = await lifecycle.close_survey(session, net, survey, AFTER)
                assert closed.report is not None
                out.append(to_text([summary(closed.report, lang, unlinked=closed.unlinked)], lang))  # type: ignore[arg-type]
            report = build_report(await load_results(session, net, survey))
            await session.commit()
        workbook = load_workbook(io.BytesIO(report_xlsx(report, lang)))
        out += [json.dumps(report.to_json(), ensure_ascii=False), report_csv(report, lang),
                "\n".join(str(v) for ws in workbook.worksheets for row in ws.iter_rows(values_only=True)
                          for v in row if v is not None),
                to_text(report_messages(report, lang), lang)]
        return out
    finally:
        await engine.dispose()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(municipalities=st.lists(municipality, min_size=1, max_size=6, unique_by=(lambda m: m[0], lambda m: m[1])),
       close=st.booleans(), per_person=st.booleans(), lang=st.sampled_from(["nb", "nn", "en"]))
def test_nothing_built_from_the_database_names_who_answered(template, tmp_path, caplog, municipalities, close,
                                                            per_person, lang) -> None:
    names = {n.casefold() for org, person, _, _ in municipalities for n in (org, person)}
    assume(len(names) == 2 * len(municipalities))
    typed = " ".join(str(v) for _, _, answers, _ in municipalities for v in answers.values()).casefold()
    assume(not any(n in typed for n in names))  # a name the respondent typed is theirs to give
    folder = tmp_path / f"ex{len(list(tmp_path.iterdir()))}"
    folder.mkdir()
    database = folder / "db.sqlite3"
    shutil.copy(template, database)
    source = folder / "network.yaml"
    source.write_text(yaml.safe_dump(_network(municipalities, per_person), allow_unicode=True), encoding="utf-8")
    caplog.clear()
    with caplog.at_level(logging.INFO):
        outputs = asyncio.run(_outputs(f"sqlite:///{database}", source, municipalities, close, lang))
    logged = "\n".join(f"{r.getMessage()} {r.__dict__}" for r in caplog.records if r.name.startswith("digibot.surv"))
    for output in [*outputs, logged]:
        folded = output.casefold()
        for found in names:
            assert found not in folded, (found, output[:400])
