"""Bad network files: every problem is named by entry and field, and nothing at all is written.

Each case starts from a database that already holds DigiViken and DigiVestland (the good file), so
"nothing written" covers both a second network and the network being imported.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import yaml

from storage.importer import ImportFailed, import_network
from storage.importer.source import MAX_BYTES
from tests.test_importer import VESTLAND, VIKEN, Sessions, dump, revisions, run_import, table_counts, vestland

Edit = Callable[[dict[str, Any]], object]


def _set(path: str, value: Any) -> Edit:
    """An edit that sets e.g. "people.3.organization" (list indexes as numbers)."""
    *parents, last = path.split(".")

    def edit(data: dict[str, Any]) -> None:
        node: Any = data
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        if isinstance(node, list):
            node[int(last)] = value
        elif value is _DELETE:
            del node[last]
        else:
            node[last] = value

    return edit


_DELETE = object()


def _append(section: str, entry: dict[str, Any]) -> Edit:
    return lambda data: data[section].append(entry)


BAD_FILES: list[tuple[str, str | Edit, str]] = [
    # (case, raw YAML text or an edit of the good file, the expected problem)
    ("not-yaml", "network: {id: x\npeople: [", "file: not valid YAML (line 2, column 7)"),
    ("a-list-at-the-top", "- network\n- people\n", "file: expected a mapping with network:"),
    ("empty", "", "got an empty file"),
    ("repeated-key", "network:\n  id: a\n  id: b\n", 'the key "id" appears twice'),
    ("impossible-date", "network: {id: digivestland}\norganizations:\n  - {id: '1', name: A, joined: 2018-02-30}\n",
     'organizations[0].joined: not an ISO 8601 date: "2018-02-30"'),
    ("impossible-time", "network: {id: digivestland}\nmeetings:\n  - {id: m, title: M, start: 2025-02-16 25:00:00}\n",
     'meetings[0].start: not an ISO 8601 date-time: "2025-02-16 25:00:00"'),
    ("bad-explicit-tag", "network: {id: !!int digivestland}\n", "file: not valid YAML: invalid literal"),
    ("no-network", _set("network", _DELETE), "network: missing"),
    ("network-not-a-mapping", _set("network", "digivestland"), 'network: expected a mapping, got "digivestland"'),
    ("no-network-id", _set("network.id", _DELETE), "network.id: missing"),
    ("bad-timezone", _set("network.timezone", "Europe/Osl"), 'network.timezone: unknown time zone "Europe/Osl"'),
    ("timezone-is-a-region", _set("network.timezone", "Europe"), 'network.timezone: unknown time zone "Europe"'),
    ("population-true", _set("organizations.0.population", True),
     "organizations[0].population: expected a whole number, got true"),
    ("joined-with-a-time", _set("organizations.0.joined", "2018-06-23T10:00"),
     'organizations[0].joined: not an ISO 8601 date: "2018-06-23T10:00"'),
    ("bad-network-language", _set("network.language", "se"),
     'network.language: unknown value "se" (expected nb, nn, en)'),
    ("fee-min-over-max", _set("network.fee.min_nok", 700000),
     "network.fee.min_nok: 700000 is more than max_nok 600000"),
    ("negative-fee", _set("network.fee.fixed_nok", -1), "network.fee.fixed_nok: must be at least 0, got -1"),
    ("organizations-not-a-list", _set("organizations", {"id": "4601"}),
     "organizations: expected a list, got a mapping"),
    ("organization-not-a-mapping", _set("organizations.1", "4627"), 'organizations[1]: expected a mapping, got "4627"'),
    ("population-many", _set("organizations.0.population", "many"),
     'organizations[0].population: expected a whole number, got "many"'),
    ("unknown-kind", _set("organizations.1.kind", "kommune"), 'organizations[1].kind: unknown value "kommune"'),
    ("unknown-status", _set("organizations.1.status", "medlem"), 'organizations[1].status: unknown value "medlem"'),
    ("bad-joined", _set("organizations.0.joined", "23.06.2018"),
     'organizations[0].joined: not an ISO 8601 date: "23.06.2018"'),
    ("org-without-name", _set("organizations.0.name", _DELETE), "organizations[0].name: missing"),
    ("duplicate-org", _append("organizations", {"id": "4601", "name": "Bergen igjen"}),
     'organizations[5].id: duplicate id "4601" (also organizations[0])'),
    ("bad-email", _set("people.0.email", "kari@"), 'people[0].email: not a valid e-mail address: "kari@"'),
    ("duplicate-email", _append("people", {"email": "KARI.Nordmann@example.no", "name": "K", "organization": "46"}),
     'people[5].email: duplicate e-mail "kari.nordmann@example.no" (also people[0])'),
    ("roles-not-a-list", _set("people.0.roles", "chief_executive"),
     'people[0].roles: expected a list, got "chief_executive"'),
    ("unknown-role", _set("people.1.roles", ["chief_executive", "boss"]), 'people[1].roles[1]: unknown value "boss"'),
    ("unknown-channel", _set("people.0.channel", "sms"), 'people[0].channel: unknown value "sms"'),
    ("unknown-digest", _set("people.0.digest", "monthly"), 'people[0].digest: unknown value "monthly"'),
    ("unknown-language", _set("people.0.language", "de"), 'people[0].language: unknown value "de"'),
    ("person-without-org", _set("people.3.organization", _DELETE), "people[3].organization: missing"),
    ("unknown-org", _set("people.3.organization", "4698"), 'people[3].organization: no organization with id "4698"'),
    ("org-of-another-network", _set("people.3.organization", "4699"),
     'people[3].organization: no organization with id "4699"'),
    ("members-not-a-list", _set("groups.0.members", "kari.nordmann@example.no"), "groups[0].members: expected a list"),
    ("unknown-member", _set("groups.0.members.1", "nobody@example.no"),
     'groups[0].members[1]: no person with e-mail "nobody@example.no"'),
    ("member-of-another-network", _set("groups.0.members.1", "viken.leiar@example.no"),
     'groups[0].members[1]: no person with e-mail "viken.leiar@example.no"'),
    ("unknown-chair", _set("groups.0.chair", "nobody@example.no"), 'groups[0].chair: no person with e-mail'),
    ("unknown-owner", _set("projects.0.owner", "9999"), 'projects[0].owner: no organization with id "9999"'),
    ("unknown-leader", _set("projects.0.leader", "nobody@example.no"), "projects[0].leader: no person with e-mail"),
    ("unknown-participant", _set("projects.0.participants.1", "9999"),
     'projects[0].participants[1]: no organization with id "9999"'),
    ("unknown-project-status", _set("projects.0.status", "done"), 'projects[0].status: unknown value "done"'),
    ("project-ends-before-start", _set("projects.0.end", "2018-12-31"),
     "projects[0].end: 2018-12-31 is before start 2019-01-01"),
    ("unknown-deadline-kind", _set("deadlines.0.kind", "vote"), 'deadlines[0].kind: unknown value "vote"'),
    ("bad-due", _set("deadlines.0.due", "16.02.2025 23:59"),
     'deadlines[0].due: not an ISO 8601 date-time: "16.02.2025 23:59"'),
    ("no-due", _set("deadlines.0.due", _DELETE), "deadlines[0].due: missing"),
    ("bad-reminder", _set("deadlines.0.reminders", ["P7D", "7 days"]),
     'deadlines[0].reminders[1]: not an ISO 8601 duration: "7 days"'),
    ("unknown-contact", _set("deadlines.0.contact", "nobody@example.no"), "deadlines[0].contact: no person"),
    ("unknown-deadline-project", _set("deadlines.0.project", "digiskule"),
     'deadlines[0].project: no project with id "digiskule"'),
    ("unknown-deadline-survey", _set("deadlines.0.survey", "ikt-2030"),
     'deadlines[0].survey: no survey with id "ikt-2030"'),
    ("unknown-audience-role", _set("deadlines.0.audience.roles", ["mayor"]),
     'deadlines[0].audience.roles[0]: unknown value "mayor"'),
    ("misspelt-audience-key", _set("deadlines.0.audience.role", ["chief_executive"]),
     "deadlines[0].audience.role: unknown audience key"),
    ("unknown-audience-org", _set("deadlines.1.audience.organizations", ["4601", "4699"]),
     'deadlines[1].audience.organizations[1]: no organization with id "4699"'),
    ("unknown-audience-group", _set("deadlines.1.audience.groups", ["kontrollgruppe"]),
     'deadlines[1].audience.groups[0]: no group with id "kontrollgruppe"'),
    ("unknown-meeting-group", _set("meetings.0.group", "kontrollgruppe"),
     'meetings[0].group: no group with id "kontrollgruppe"'),
    ("meeting-without-time", _set("meetings.0.start", "2025-03-12"),
     'meetings[0].start: needs a time of day, got only the date 2025-03-12'),
    ("meeting-ends-before-start", _set("meetings.0.end", "2025-03-12T09:00"),
     "meetings[0].end: 2025-03-12T09:00 is before start 2025-03-12T10:00"),
    ("time-skipped-by-dst", _set("meetings.2.start", "2025-03-30T02:30"),
     "meetings[2].start: 2025-03-30T02:30 does not exist in Europe/Oslo"),
    ("bad-notice", _set("meetings.0.notices", ["P14D", "2 weeks"]),
     'meetings[0].notices[1]: not an ISO 8601 duration: "2 weeks"'),
    ("unknown-respondent", _set("surveys.0.respondent", "everyone"), 'surveys[0].respondent: unknown value "everyone"'),
    ("survey-closes-before-it-opens", _set("surveys.0.opens", "2025-07-01T09:00"),
     "surveys[0].deadline: 2025-06-20T23:59 is before opens 2025-07-01T09:00"),
    ("unknown-question-type", _set("surveys.0.questions.0.type", "slider"),
     'surveys[0].questions[0].type: unknown value "slider"'),
    ("scale-min-not-below-max", _set("surveys.0.questions.1.max", 1),
     "surveys[0].questions[1].max: a scale question needs min < max"),
    ("scale-without-max", _set("surveys.0.questions.1.max", _DELETE),
     "surveys[0].questions[1].max: a scale question needs both min and max"),
    ("choice-without-options", _set("surveys.0.questions.2.options", _DELETE),
     "surveys[0].questions[2].options: a choice question needs a list of options"),
    ("duplicate-question", _set("surveys.0.questions.3.id", "arsverk"),
     'surveys[0].questions[3].id: duplicate question id "arsverk"'),
    ("shared-slack-id", _set("people.2.slack_user_id", "U01KARI"),
     "people[2].slack_user_id: U01KARI is also the Slack id of people[0] (kari.nordmann@example.no)"),
    ("slack-id-of-a-stored-person", lambda d: (d["people"].pop(0), d["people"][1].update(slack_user_id="U01KARI"),
                                               d["groups"][0].update(chair=None, members=[]),
                                               d["deadlines"][0].pop("contact")),
     "people[1].slack_user_id: U01KARI is also the Slack id of kari.nordmann@example.no (stored, not in this file)"),
    ("slack-id-differs-in-another-network", _set("people.0.slack_user_id", "U999"),
     'people[0].slack_user_id: kari.nordmann@example.no is U01KARI in network "digiviken" but U999 here'),
    ("name-differs-in-another-network", _set("people.0.name", "Kari Hansen"),
     'people[0].name: kari.nordmann@example.no is "Kari Nordmann" in network "digiviken" but "Kari Hansen" here'),
]


@pytest.fixture
async def two_networks(sessions: Sessions) -> Sessions:
    await run_import(sessions, VIKEN)
    await run_import(sessions, VESTLAND)
    return sessions


async def refused(sessions: Sessions, source: str | bytes, prune: bool = False) -> ImportFailed:
    """Import `source` as the CLI would, expect a refusal, and check that nothing was written."""
    before, revs = await table_counts(sessions), await revisions(sessions)
    async with sessions() as s:
        with pytest.raises(ImportFailed) as failed:
            await import_network(s, source, prune=prune)
        await s.commit()  # even a commit after the refusal has nothing to write
    assert await table_counts(sessions) == before
    assert await revisions(sessions) == revs
    return failed.value


@pytest.mark.parametrize(("source", "expected"), [pytest.param(s, e, id=c) for c, s, e in BAD_FILES])
async def test_a_bad_file_is_refused_with_a_precise_problem_and_nothing_is_written(
        two_networks: Sessions, source: str | Edit, expected: str) -> None:
    if not isinstance(source, str):
        data = vestland()
        source(data)
        source = dump(data)

    failure = await refused(two_networks, source)

    assert any(expected in problem for problem in failure.problems), failure.problems


async def test_every_problem_is_reported_at_once_in_file_order(two_networks: Sessions) -> None:
    data = vestland()
    data["meetings"][0]["group"] = "kontrollgruppe"
    data["network"]["timezone"] = "Mars/Olympus"
    data["people"][3]["organization"] = "4698"
    data["organizations"][0]["population"] = "many"
    data["deadlines"][0]["reminders"] = ["7 days"]

    failure = await refused(two_networks, dump(data))

    assert failure.problems == [
        'network.timezone: unknown time zone "Mars/Olympus"',
        'organizations[0].population: expected a whole number, got "many"',
        'people[3].organization: no organization with id "4698"',
        'deadlines[0].reminders[0]: not an ISO 8601 duration: "7 days"',
        'meetings[0].group: no group with id "kontrollgruppe"',
    ]
    assert "5 problems" in str(failure)


async def test_a_file_full_of_mistakes_reports_the_first_fifty(two_networks: Sessions) -> None:
    data = vestland()
    data["people"] = [{"email": f"p{i}@example.no", "name": f"P {i}", "organization": "nowhere"} for i in range(80)]

    failure = await refused(two_networks, dump(data))

    assert failure.total == 80
    assert len(failure.problems) == 51 and failure.problems[-1] == "... and 30 more problems"
    assert failure.problems[0] == 'people[0].organization: no organization with id "nowhere"'


async def test_a_file_over_twenty_megabytes_is_refused(two_networks: Sessions, tmp_path: Any) -> None:
    big = tmp_path / "huge.yaml"
    big.write_bytes(VESTLAND.read_bytes() + b"#" * MAX_BYTES)

    failure = await refused(two_networks, big.read_bytes())
    assert "larger than the limit of 20.0 MB" in failure.problems[0]
    async with two_networks() as s:
        with pytest.raises(ImportFailed, match="larger than the limit"):
            await import_network(s, big)


async def test_a_refused_entry_is_reported_once_not_again_by_every_reference(two_networks: Sessions) -> None:
    data = vestland()
    del data["organizations"][0]["name"]

    failure = await refused(two_networks, dump(data))

    assert failure.problems == ["organizations[0].name: missing"]


async def test_a_missing_file_is_named(two_networks: Sessions, tmp_path: Any) -> None:
    failure = await refused(two_networks, str(tmp_path / "nettverk.yaml"))
    assert failure.problems[0].startswith("file: cannot read") and "nettverk.yaml" in failure.problems[0]


async def test_prune_with_references_to_entries_it_would_remove_is_refused(two_networks: Sessions) -> None:
    data = vestland()
    del data["organizations"][0]  # Bergen, still named by people, projects and a deadline

    failure = await refused(two_networks, dump(data), prune=True)

    assert 'people[0].organization: no organization with id "4601"' in failure.problems
    assert 'projects[0].owner: no organization with id "4601"' in failure.problems


async def test_yaml_one_one_surprises_are_kept_as_written(sessions: Sessions) -> None:
    """`0301` is Oslo's kommunenummer, not octal 193; `no` is text, not false."""
    text = yaml.safe_dump({"network": {"id": "digiost", "language": "nb"}}) + (
        "organizations:\n  - {id: 0301, name: Oslo}\n"
        "people:\n  - {email: a@oslo.kommune.no, name: A, organization: 0301, title: no}\n")
    report = await run_import(sessions, text)
    assert report.created["organizations"] == ["0301"]


async def test_no_mangled_file_crashes_the_importer(sqlite_engine: Any) -> None:
    """Random wrong values anywhere in the file: every outcome is a report or a list of problems."""
    import copy
    import random
    from datetime import date

    from storage.db import make_sessionmaker
    from storage.importer import ImportReport

    sessions = make_sessionmaker(sqlite_engine)
    base = vestland()
    values: list[Any] = [None, 0, -1, 1.5, True, "", " ", "x", "2025-03-30T02:30", "P1D", [], [None], [1, "a"], {},
                         {"a": [1]}, {1: 2}, date(2020, 1, 1), 10**12, "a@b.no", "0301"]

    def paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        found = [path]
        children = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else []
        for key, child in children:
            found += paths(child, (*path, key))
        return found

    every = paths(base)[1:]
    rng = random.Random(20251122)
    outcomes = {ImportReport: 0, ImportFailed: 0}
    for _ in range(150):
        data = copy.deepcopy(base)
        for path in rng.sample(every, 3):
            node: Any = data
            try:
                for key in path[:-1]:
                    node = node[key]
                node[path[-1]] = rng.choice(values)
            except (KeyError, IndexError, TypeError):
                pass
        async with sessions() as s:
            try:
                await import_network(s, dump(data))
                outcomes[ImportReport] += 1
            except ImportFailed:
                outcomes[ImportFailed] += 1
            await s.rollback()
    assert outcomes[ImportFailed] > 0
