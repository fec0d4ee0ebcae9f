"""`digibot import`: a secretariat loads its network file, and loads it again, and edits it...

Each storage test runs on SQLite and on PostgreSQL (the `engine`/`sessions` fixtures).
Bad files are in test_importer_errors.py.
"""

from __future__ import annotations

import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage import models as m
from storage.importer import ImportFailed, ImportReport, import_network
from storage.snapshot import load_snapshot
from tests.linking import account_of

FIXTURES = Path(__file__).parent / "fixtures" / "importer"
VESTLAND = FIXTURES / "digivestland.yaml"
VIKEN = FIXTURES / "digiviken.yaml"
Sessions = async_sessionmaker[AsyncSession]


def vestland() -> dict[str, Any]:
    """The DigiVestland file as data, to edit and dump again."""
    return yaml.safe_load(VESTLAND.read_text(encoding="utf-8"))


def dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


async def run_import(sessions: Sessions, source: str | bytes | Path | dict[str, Any],
                     prune: bool = False) -> ImportReport:
    """What the CLI does: import in a session, commit."""
    if isinstance(source, dict):
        source = dump(source)
    async with sessions() as s:
        report = await import_network(s, source, prune=prune)
        await s.commit()
    return report


async def table_counts(sessions: Sessions) -> dict[str, int]:
    async with sessions() as s:
        return {name: await s.scalar(select(func.count()).select_from(table)) or 0
                for name, table in m.Base.metadata.tables.items()}


async def revisions(sessions: Sessions) -> dict[str, int]:
    async with sessions() as s:
        return {key: revision for key, revision in await s.execute(select(m.Network.id, m.Network.revision))}


async def by_key(sessions: Sessions, model: Any, network_id: str = "digivestland") -> dict[str, Any]:
    async with sessions() as s:
        rows = (await s.scalars(select(model).where(model.network_id == network_id))).all()
    return {getattr(r, "email", None) or r.key: r for r in rows}


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


async def test_a_secretariat_imports_its_network_file_and_every_field_lands(sessions: Sessions) -> None:
    report = await run_import(sessions, VESTLAND)

    assert report.network_id == "digivestland"
    assert report.created["network"] == ["digivestland"]
    assert report.created["organizations"] == ["4601", "4627", "4626", "46", "ks-vest"]
    assert len(report.created["people"]) == 5 and "siri.sekretariat@example.no" in report.created["people"]
    assert report.revision == 1 and report.changed()

    async with sessions() as s:
        net = await s.get(m.Network, "digivestland")
    assert net is not None
    assert (net.name, net.timezone, net.language, net.revision) == ("DigiVestland", "Europe/Oslo", "nn", 1)
    fee = (net.fee_fixed_nok, net.fee_per_inhabitant_nok, net.fee_min_nok, net.fee_max_nok)
    assert fee == (150000, 5, 50000, 600000)

    orgs = await by_key(sessions, m.Organization)
    bergen = orgs["4601"]
    assert (bergen.name, bergen.kind, bergen.population, bergen.region, bergen.status, bergen.joined) == (
        "Bergen", "municipality", 291940, "Bergensområdet", "member", date(2018, 6, 23))
    assert orgs["4627"].kind == "municipality" and orgs["4627"].joined is None  # defaults
    assert orgs["46"].joined == date(2019, 1, 1)  # a quoted date is a date too

    people = await by_key(sessions, m.Person)
    kari = people["kari.nordmann@example.no"]
    assert kari.organization_id == bergen.id
    assert (kari.name, kari.title, kari.roles, kari.language, kari.phone) == (
        "Kari Nordmann", "Kommunedirektør", ["chief_executive"], "nb", "+47 55 00 00 00")
    async with sessions() as s:
        kari_ids = (await account_of(s, kari.id, "slack"), await account_of(s, kari.id, "teams"))
        ola_teams = await account_of(s, people["ola.askoy@example.no"].id, "teams")
    assert (*kari_ids, kari.channel, kari.digest) == ("U01KARI", None, "slack", "weekly")
    assert "siri.sekretariat@example.no" in people  # e-mails are stored lower-case
    per = people["per.oygarden@example.no"]
    assert (per.language, per.channel, per.digest, per.title) == (None, "email", "none", None)
    assert ola_teams == "29:1ola-askoy"

    groups = await by_key(sessions, m.Group)
    projects = await by_key(sessions, m.Project)
    surveys = await by_key(sessions, m.Survey)
    async with sessions() as s:
        members = {(g, p) for g, p in await s.execute(select(m.GroupMember.group_id, m.GroupMember.person_id))}
        participants = {(p, o) for p, o in await s.execute(select(m.ProjectParticipant.project_id,
                                                                  m.ProjectParticipant.organization_id))}
        questions = (await s.scalars(select(m.SurveyQuestion).order_by(m.SurveyQuestion.position))).all()
    sg = groups["styringsgruppe"]
    assert sg.chair_id == kari.id and sg.description == "Kommunedirektørane i medlemskommunane"
    assert {p for g, p in members if g == sg.id} == {kari.id, people["ola.askoy@example.no"].id}
    assert len({p for g, p in members if g == groups["ressursgruppe"].id}) == 3
    helse = projects["digihelse"]
    assert (helse.owner_id, helse.leader_id, helse.status, helse.start, helse.end) == (
        bergen.id, people["siri.sekretariat@example.no"].id, "active", date(2019, 1, 1), date(2026, 12, 31))
    assert {o for p, o in participants if p == helse.id} == {bergen.id, orgs["4627"].id}

    survey = surveys["ikt-status-2025"]
    assert (survey.respondent, survey.anonymous, survey.reminders) == ("organization", True, ["P5D", "P1D"])
    assert survey.audience == {"roles": ["chief_executive"]}
    assert [q.key for q in questions] == ["arsverk", "modenhet", "samarbeid", "klar", "oppstart", "utfordringar"]
    assert [q.position for q in questions] == [0, 1, 2, 3, 4, 5]
    scale = questions[1]
    assert (scale.type, scale.min, scale.max, scale.labels) == ("scale", 1, 5, {"1": "minimalt", "5": "transformert"})
    assert (questions[2].options, questions[2].multiple) == (["HALD-IKT", "Øyriket IKT", "Anna"], True)
    assert questions[0].required and not questions[4].required

    deadlines = await by_key(sessions, m.Deadline)
    interest = deadlines["interesse-skjonn-2025"]
    assert interest.kind == "interest" and interest.contact_id == kari.id
    assert interest.reminders == ["P7D", "P1D"]  # "p1d" is stored upper-case
    assert interest.audience == {"roles": ["chief_executive"], "statuses": ["member", "invited"],
                                 "organizations": [], "groups": []}
    answer = deadlines["svar-ikt-status"]
    assert answer.survey_id == survey.id and answer.reminders == ["P1W", "P1DT12H"]
    assert answer.audience == {"organizations": ["4601", "4627"], "groups": ["ressursgruppe"]}
    assert deadlines["tilbakemelding-digihelse"].project_id == helse.id

    meetings = await by_key(sessions, m.Meeting)
    sg_meeting = meetings["sg-2025-03"]
    assert sg_meeting.group_id == sg.id and sg_meeting.location == "Bergen rådhus"
    assert sg_meeting.agenda == "1. Portefølje\n2. Budsjett 2026\n" and sg_meeting.notices == ["P14D", "P1D"]
    everyone = meetings["allmote"]
    assert everyone.group_id is None and everyone.audience == {} and everyone.end is None
    assert everyone.url == "https://teams.example.com/allmote"


async def test_local_times_become_utc_on_both_sides_of_daylight_saving(sessions: Sessions) -> None:
    await run_import(sessions, VESTLAND)
    deadlines = await by_key(sessions, m.Deadline)
    meetings = await by_key(sessions, m.Meeting)
    surveys = await by_key(sessions, m.Survey)

    assert deadlines["interesse-skjonn-2025"].due == utc(2025, 2, 16, 22, 59)  # CET, UTC+1
    assert deadlines["svar-ikt-status"].due == utc(2025, 6, 20, 21, 59)  # a date alone: 23:59 CEST
    assert deadlines["tilbakemelding-digihelse"].due == utc(2025, 10, 26, 11, 0)  # explicit offset wins
    assert (meetings["sg-2025-03"].start, meetings["sg-2025-03"].end) == (utc(2025, 3, 12, 9), utc(2025, 3, 12, 11))
    assert meetings["sg-2025-06"].start == utc(2025, 6, 11, 8)  # YAML's own timestamp, CEST
    # 01:30 CET to 03:30 CEST on the night the clocks go forward: one real hour.
    assert (meetings["nattmote"].start, meetings["nattmote"].end) == (utc(2025, 3, 30, 0, 30), utc(2025, 3, 30, 1, 30))
    assert surveys["ikt-status-2025"].opens == utc(2025, 6, 2, 7)
    assert surveys["ikt-status-2025"].deadline == utc(2025, 6, 20, 21, 59)


async def test_a_secretariat_reimports_the_same_file_and_nothing_changes(sessions: Sessions) -> None:
    await run_import(sessions, VESTLAND)
    before = await table_counts(sessions)

    again = await run_import(sessions, VESTLAND)

    assert not again.changed()
    assert again.revision == 1 and await revisions(sessions) == {"digivestland": 1}
    assert await table_counts(sessions) == before
    assert "network digivestland: unchanged (revision 1)" in again.summary()


async def test_an_edited_file_updates_what_changed_and_raises_the_revision(sessions: Sessions) -> None:
    await run_import(sessions, VESTLAND)
    people_before = await by_key(sessions, m.Person)
    data = vestland()
    data["people"][0]["title"] = "Kommunedirektør (konstituert)"
    data["people"].append({"email": "nils.ny@example.no", "name": "Nils Ny", "organization": "4627",
                           "roles": ["member"]})
    data["groups"][0]["members"].append("nils.ny@example.no")
    data["surveys"][0]["questions"][0]["text"] = "Kor mange årsverk (heile stillingar)?"
    data["deadlines"][0]["due"] = "2025-02-17T12:00"
    data["network"]["fee"]["fixed_nok"] = 160000

    report = await run_import(sessions, data)

    assert report.created == {"network": [], "organizations": [], "people": ["nils.ny@example.no"], "groups": [],
                              "projects": [], "surveys": [], "deadlines": [], "meetings": [],
                              "rooms": []}
    assert report.updated["network"] == ["digivestland"]
    assert report.updated["people"] == ["kari.nordmann@example.no"]
    assert report.updated["groups"] == ["styringsgruppe"]
    assert report.updated["surveys"] == ["ikt-status-2025"]
    assert report.updated["deadlines"] == ["interesse-skjonn-2025"]
    assert report.updated["organizations"] == [] and report.updated["meetings"] == []
    assert await revisions(sessions) == {"digivestland": 2} and report.revision == 2

    people = await by_key(sessions, m.Person)
    assert people["kari.nordmann@example.no"].title == "Kommunedirektør (konstituert)"
    assert people["kari.nordmann@example.no"].id == people_before["kari.nordmann@example.no"].id  # updated in place
    deadlines = await by_key(sessions, m.Deadline)
    assert deadlines["interesse-skjonn-2025"].due == utc(2025, 2, 17, 11)
    async with sessions() as s:
        question = await s.scalar(select(m.SurveyQuestion).where(m.SurveyQuestion.key == "arsverk"))
    assert question is not None and question.text == "Kor mange årsverk (heile stillingar)?"

    assert not (await run_import(sessions, data)).changed()
    assert await revisions(sessions) == {"digivestland": 2}


async def test_entries_missing_from_the_file_are_kept_without_prune(sessions: Sessions) -> None:
    await run_import(sessions, VESTLAND)
    data = vestland()
    del data["people"][4]  # lise.fylke
    data["groups"][1]["members"].remove("LISE.FYLKE@example.no")
    del data["meetings"][3]
    del data["organizations"][4]

    report = await run_import(sessions, data)

    assert report.removed == {kind: [] for kind in report.removed}
    assert "lise.fylke@example.no" in await by_key(sessions, m.Person)
    assert "allmote" in await by_key(sessions, m.Meeting)
    assert "ks-vest" in await by_key(sessions, m.Organization)
    assert report.updated["groups"] == ["ressursgruppe"]  # members always follow the file


async def test_a_file_may_refer_to_entries_that_are_already_stored(sessions: Sessions) -> None:
    await run_import(sessions, VESTLAND)
    people_only = {"network": vestland()["network"],
                   "people": [{"email": "eva.ny@example.no", "name": "Eva Ny", "organization": "ks-vest"}]}

    report = await run_import(sessions, people_only)

    assert report.created["people"] == ["eva.ny@example.no"]
    with pytest.raises(ImportFailed) as failed:  # with prune, "ks-vest" would be removed
        await run_import(sessions, people_only, prune=True)
    assert failed.value.problems == ['people[0].organization: no organization with id "ks-vest"']


async def test_prune_removes_what_the_file_no_longer_lists(sessions: Sessions) -> None:
    await run_import(sessions, VESTLAND)
    data = vestland()
    del data["people"][4]
    data["groups"][1]["members"].remove("LISE.FYLKE@example.no")
    del data["meetings"][3]
    del data["organizations"][4]
    del data["surveys"]
    data["deadlines"] = [d for d in data["deadlines"] if d["id"] != "svar-ikt-status"]
    del data["projects"][1]

    report = await run_import(sessions, data, prune=True)

    assert report.removed["people"] == ["lise.fylke@example.no"]
    assert report.removed["organizations"] == ["ks-vest"]
    assert report.removed["meetings"] == ["allmote"]
    assert report.removed["surveys"] == ["ikt-status-2025"]
    assert report.removed["deadlines"] == ["svar-ikt-status"]
    assert report.removed["projects"] == ["felles-arkiv"]
    assert report.revision == 2
    counts = await table_counts(sessions)
    assert (counts["people"], counts["organizations"], counts["survey_questions"], counts["group_members"]) == (
        4, 4, 0, 4)
    assert "organizations: 0 created, 0 updated, 1 removed" in report.summary()


async def test_members_participants_and_questions_follow_the_file_even_without_prune(sessions: Sessions) -> None:
    await run_import(sessions, VESTLAND)
    questions_before = {q.key: q.id for q in await _questions(sessions)}
    data = vestland()
    data["groups"][0]["members"] = ["ola.askoy@example.no"]
    data["projects"][0]["participants"] = ["4627", "4626"]
    survey = data["surveys"][0]
    survey["questions"] = [survey["questions"][1], {"id": "ny", "text": "Ny?", "type": "yes_no"},
                           survey["questions"][0]]

    report = await run_import(sessions, data)

    assert report.updated["groups"] == ["styringsgruppe"]
    assert report.updated["projects"] == ["digihelse"]
    assert report.updated["surveys"] == ["ikt-status-2025"]
    people, orgs = await by_key(sessions, m.Person), await by_key(sessions, m.Organization)
    async with sessions() as s:
        members = set((await s.execute(select(m.GroupMember.person_id).join(m.Group)
                                       .where(m.Group.key == "styringsgruppe"))).scalars())
        parts = set((await s.execute(select(m.ProjectParticipant.organization_id))).scalars())
    assert members == {people["ola.askoy@example.no"].id}
    assert parts == {orgs["4627"].id, orgs["4626"].id}
    questions = await _questions(sessions)
    assert [(q.key, q.position) for q in questions] == [("modenhet", 0), ("ny", 1), ("arsverk", 2)]
    assert questions[0].id == questions_before["modenhet"]  # kept by id, so stored answers still fit


async def _questions(sessions: Sessions) -> list[m.SurveyQuestion]:
    async with sessions() as s:
        return list((await s.scalars(select(m.SurveyQuestion).order_by(m.SurveyQuestion.position))).all())


async def test_two_networks_with_the_same_organization_ids_do_not_leak_into_each_other(sessions: Sessions) -> None:
    await run_import(sessions, VESTLAND)
    viken = await run_import(sessions, VIKEN)

    assert viken.created["organizations"] == ["4601", "4699"]  # a new "4601", not DigiVestland's
    assert viken.created["people"] == ["kari.nordmann@example.no", "viken.leiar@example.no"]
    vest_orgs, viken_orgs = await by_key(sessions, m.Organization), await by_key(sessions, m.Organization, "digiviken")
    assert vest_orgs["4601"].name == "Bergen" and viken_orgs["4601"].name == "Viken-kommunen med same nummer"
    vest_kari = (await by_key(sessions, m.Person))["kari.nordmann@example.no"]
    viken_kari = (await by_key(sessions, m.Person, "digiviken"))["kari.nordmann@example.no"]
    assert vest_kari.id != viken_kari.id
    assert (vest_kari.organization_id, viken_kari.organization_id) == (vest_orgs["4601"].id, viken_orgs["4699"].id)

    again = await run_import(sessions, VESTLAND, prune=True)  # prune touches only its own network
    assert not again.changed()
    assert await revisions(sessions) == {"digivestland": 1, "digiviken": 1}
    async with sessions() as s:
        viken_snapshot = await load_snapshot(s, "digiviken")
    assert viken_snapshot is not None and len(viken_snapshot.people) == 2 and len(viken_snapshot.groups) == 1


async def test_a_person_in_two_networks_may_differ_where_one_side_is_empty(sessions: Sessions) -> None:
    await run_import(sessions, VESTLAND)
    viken = yaml.safe_load(VIKEN.read_text(encoding="utf-8"))
    viken["people"][0].pop("slack_user_id")
    viken["people"][0]["name"] = "kari  NORDMANN"  # same name, written differently

    report = await run_import(sessions, viken)

    assert "kari.nordmann@example.no" in report.created["people"]


async def test_a_failure_half_way_leaves_nothing_after_rollback(sessions: Sessions,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    await run_import(sessions, VIKEN)
    before, revs = await table_counts(sessions), await revisions(sessions)

    async def broken(*args: Any) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr("storage.importer.apply.sync_questions", broken)  # after people, groups... are written
    async with sessions() as s:
        with pytest.raises(RuntimeError, match="disk full"):
            await import_network(s, VESTLAND)
        await s.rollback()

    assert await table_counts(sessions) == before
    assert await revisions(sessions) == revs


async def test_the_file_can_be_given_as_a_path_text_or_bytes(sessions: Sessions) -> None:
    text = VESTLAND.read_text(encoding="utf-8")
    assert (await run_import(sessions, str(VESTLAND))).created["network"] == ["digivestland"]
    assert not (await run_import(sessions, text)).changed()
    assert not (await run_import(sessions, text.encode("utf-8"))).changed()
    assert not (await run_import(sessions, VESTLAND)).changed()


async def test_the_snapshot_sees_the_imported_network(sessions: Sessions) -> None:
    await run_import(sessions, VESTLAND)
    async with sessions() as s:
        snap = await load_snapshot(s, "digivestland")
    assert snap is not None and snap.revision == 1
    sg = next(g for g in snap.groups.values() if g.key == "styringsgruppe")
    meeting = next(mt for mt in snap.meetings.values() if mt.key == "sg-2025-03")
    assert {p.email for p in snap.meeting_invitees(meeting)} == {"kari.nordmann@example.no", "ola.askoy@example.no"}
    assert len(sg.member_ids) == 2
    deadline = next(d for d in snap.deadlines.values() if d.key == "interesse-skjonn-2025")
    assert {p.email for p in snap.audience_of(deadline.audience)} == {"kari.nordmann@example.no",
                                                                       "ola.askoy@example.no"}


async def test_a_large_network_imports_in_seconds(sessions: Sessions, engine: Any) -> None:
    from bench.gen_network import build_large_network

    text = dump(build_large_network(n_orgs=400, n_people=5000))
    started = time.perf_counter()
    first = await run_import(sessions, text)
    fresh = time.perf_counter() - started
    started = time.perf_counter()
    second = await run_import(sessions, text)
    again = time.perf_counter() - started
    print(f"\n400 organizations / 5,000 people on {engine.dialect.name}: fresh {fresh:.2f} s, "
          f"re-import {again:.2f} s")

    assert len(first.created["people"]) == 5000 and len(first.created["organizations"]) == 400
    data = yaml.safe_load(text)
    for person in data["people"][:500]:
        person["title"] = "Seniorrådgjevar"
    referenced = {e for g in data["groups"] for e in [g["chair"], *g["members"]]}
    referenced |= {p["leader"] for p in data["projects"]} | {d["contact"] for d in data["deadlines"]}
    leaving = [p["email"] for p in data["people"][500:] if p["email"] not in referenced][:100]
    data["people"] = [p for p in data["people"] if p["email"] not in leaving]
    edited_text = dump(data)
    started = time.perf_counter()
    third = await run_import(sessions, edited_text, prune=True)
    edited = time.perf_counter() - started
    print(f"400 organizations / 5,000 people on {engine.dialect.name}: 500 edited and 100 pruned {edited:.2f} s")

    assert not second.changed()
    assert len(third.updated["people"]) == 500 and len(third.removed["people"]) == 100
    assert fresh < 15 and again < 15 and edited < 15
    counts = await table_counts(sessions)
    assert counts["people"] == 4900 and counts["organizations"] == 400
