"""A synthetic, deterministic large network file (spec/network-file.md) for benchmarks.

    python -m bench.gen_network OUTPUT.yaml [N_ORGS N_PEOPLE SEED]

Every name is invented; every reference in the file resolves.
"""

from __future__ import annotations

import random
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

NETWORK_ID = "benchnet"
STEMS = ("Lyng", "Bjørk", "Furu", "Elve", "Fjell", "Sjø", "Strand", "Myr", "Li", "Haug", "Rein", "Ulv",
         "Bjørne", "Ørne", "Kvit", "Rau", "Grøn", "Lang", "Breid", "Djup", "Mo", "Ås", "Eike", "Hegg",
         "Rogn", "Selje", "Aske", "Alm", "Lind", "Stein", "Sol", "Skog", "Vass", "Holm", "Kvern", "Sag")
SUFFIXES = ("dal", "vik", "fjord", "nes", "øy", "heim", "stad", "vang", "bø", "land", "sund", "våg",
            "berg", "haug", "moen", "ås", "sand", "tun", "eid", "li")
PREFIXES = ("", "Nord-", "Sør-", "Indre ", "Ytre ", "Aust-", "Vest-", "Øvre ", "Nedre ")
REGIONS = ("Kystregionen", "Fjordregionen", "Dalregionen", "Fjellregionen", "Byregionen",
           "Øyregionen", "Nordre krins", "Søndre krins", "Indre krins", "Midtre krins",
           "Vesle region", "Grenseregionen")
FIRST_NAMES = ("Ingrid", "Marit", "Ragnhild", "Sigrid", "Solveig", "Astrid", "Guro", "Tone", "Hilde",
               "Liv", "Randi", "Eli", "Gunn", "Anne", "Mari", "Nina", "Turid", "Synnøve", "Åse", "Torunn",
               "Bjørg", "Kristin", "Lene", "Ida", "Maren", "Oda", "Vigdis", "Emma", "Nora", "Sara",
               "Lars", "Knut", "Arne", "Geir", "Terje", "Håkon", "Eirik", "Sindre", "Magnus", "Jon",
               "Oddvar", "Trond", "Rune", "Svein", "Nils", "Bjarte", "Øystein", "Leif", "Kjell", "Jonas",
               "Torbjørn", "Halvard", "Audun", "Steinar", "Vidar", "Gaute", "Per", "Anders", "Idar", "Jakob")
LAST_NAMES = ("Tveit", "Lunde", "Myklebust", "Bøe", "Hauge", "Vik", "Nesheim", "Solheim", "Aase", "Eide",
              "Kvamme", "Hope", "Brekke", "Helle", "Rygg", "Midtbø", "Skaar", "Lid", "Sæle", "Ness",
              "Hovland", "Djuve", "Fosse", "Rong", "Fjeldstad", "Hjelmeland", "Hatlestad", "Grov", "Lien",
              "Moldestad", "Indrebø", "Tysse", "Hamre", "Valde", "Bruvik", "Nygård", "Sandvik", "Liland",
              "Dale", "Reigstad", "Utne", "Kleppe", "Hegrenes", "Takle", "Vevle", "Ulvestad", "Folkestad",
              "Nordeide", "Førde", "Sunde", "Gjerde", "Østerbø", "Flatebø", "Berg", "Hansen", "Johansen",
              "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen", "Jensen", "Karlsen",
              "Johnsen", "Pettersen", "Eriksen", "Haugen", "Halvorsen", "Jacobsen", "Strand", "Moen")
TOPICS = ("Informasjonssikkerheit", "Arkitektur", "Arkiv og dokumentasjon", "Velferdsteknologi",
          "Helse og omsorg", "Oppvekst", "Plan og bygg", "Personvern", "Innkjøp", "Kommunikasjon",
          "Geodata", "Økonomi og lønn", "Kunstig intelligens", "Innbyggjartenester", "Skule-IKT",
          "Drift og infrastruktur", "Gevinstrealisering", "Tenestedesign")
PROJECT_WORDS = ("Digital", "Felles", "Smart", "Open", "Sikker", "Ny", "Regional", "Samordna")
PROJECT_NOUNS = ("byggesak", "helsestasjon", "barnevern", "sosialteneste", "arkivløysing", "innsyn",
                 "journalføring", "plattform", "tilsyn", "medisinhandtering", "skuleskyss", "søknad",
                 "timebestilling", "kartløysing", "identitetsforvaltning", "portal")
ROLES_EXTRA = ("member", "member", "member", "ict_lead", "project_leader")
SCALE_LABELS = {1: "svært dårleg", 5: "svært godt"}


def _fold(text: str) -> str:
    table = str.maketrans({"æ": "ae", "ø": "o", "å": "a", " ": "-"})
    return text.lower().translate(table)


def _org_names(rng: random.Random, n: int) -> list[str]:
    """n unique invented municipality-like names."""
    bases = [s + x for s in STEMS for x in SUFFIXES]
    rng.shuffle(bases)
    names: list[str] = []
    for prefix in PREFIXES:
        for base in bases:
            name = prefix + (base.lower() if prefix.endswith("-") else base)
            names.append(name)
            if len(names) == n:
                return names
    k = 2
    while len(names) < n:  # beyond ~6500: number the rest
        names.extend(f"{b} {k}" for b in bases[: n - len(names)])
        k += 1
    return names


def _stamp(today: date, days: int, hour: int, minute: int = 0) -> str:
    return f"{(today + timedelta(days=days)).isoformat()}T{hour:02d}:{minute:02d}"


def _organizations(rng: random.Random, n_orgs: int) -> list[dict[str, Any]]:
    orgs: list[dict[str, Any]] = []
    for i, name in enumerate(_org_names(rng, n_orgs)):
        kind = "municipality"
        if i == 1:
            kind = "ks"
        elif i % 50 == 2:
            kind = "county"
        elif i % 97 == 3:
            kind = "state"
        elif i % 61 == 4:
            kind = "other"
        status = "member" if i < 2 else rng.choices(("member", "invited", "observer", "former"),
                                                    (85, 7, 5, 3))[0]
        if kind == "ks":
            status = "observer"
        suffix = {"county": " fylkeskommune", "ks": " KS-region", "state": " statsforvaltar",
                  "other": " IKT IKS"}.get(kind, "")
        org: dict[str, Any] = {"id": str(1001 + i), "name": name + suffix, "kind": kind}
        if kind == "municipality":
            org["population"] = int(rng.lognormvariate(8.7, 1.1)) + 200
        org["region"] = REGIONS[i % len(REGIONS)]
        org["status"] = status
        if status != "invited":
            org["joined"] = date(2017, 1, 1) + timedelta(days=rng.randrange(0, 8 * 365))
        orgs.append(org)
    return orgs


def _people(rng: random.Random, orgs: list[dict[str, Any]], n_people: int) -> list[dict[str, Any]]:
    emails: set[str] = set()
    names: set[str] = set()
    people: list[dict[str, Any]] = []

    def add(org: dict[str, Any], title: str, roles: list[str]) -> None:
        n = len(people)
        while True:  # unique full names; a double surname when the simple ones run short
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            if len(names) > len(FIRST_NAMES) * len(LAST_NAMES) // 2 or rng.random() < 0.1:
                last = f"{rng.choice(LAST_NAMES)} {last}"
            if f"{first} {last}" not in names:
                names.add(f"{first} {last}")
                break
        domain = f"{_fold(org['name'])}.{'kommune.no' if org['kind'] == 'municipality' else 'no'}"
        local, k = _fold(f"{first}.{last}"), 2
        while f"{local}@{domain}" in emails:
            local, k = _fold(f"{first}.{last}{k}"), k + 1
        email = f"{local}@{domain}"
        emails.add(email)
        channel = rng.choices(("slack", "teams", "email"), (5, 3, 2))[0]
        person: dict[str, Any] = {
            "email": email, "name": f"{first} {last}", "organization": org["id"], "title": title,
            "roles": roles, "language": rng.choices(("nn", "nb", "en"), (45, 45, 10))[0],
            "channel": channel, "digest": rng.choice(("none", "daily", "weekly"))}
        if channel == "slack" or rng.random() < 0.2:
            person["slack_user_id"] = f"U0BENCH{n:05d}"
        if channel == "teams":
            person["teams_user_id"] = f"29:1bench-{n:06d}"
        people.append(person)

    for org in orgs:
        add(org, "Kommunedirektør" if org["kind"] == "municipality" else "Direktør", ["chief_executive"])
        add(org, "Digitaliseringskoordinator", ["coordinator"])
    for _ in range(3):
        add(orgs[0], "Rådgjevar, sekretariatet", ["secretariat"])
    while len(people) < n_people:
        role = rng.choice(ROLES_EXTRA)
        title = {"ict_lead": "IKT-leiar", "project_leader": "Prosjektleiar"}.get(role, "Rådgjevar")
        add(rng.choice(orgs), title, [role])
    return people


def _groups(rng: random.Random, orgs: list[dict[str, Any]], people: list[dict[str, Any]],
            n_groups: int) -> list[dict[str, Any]]:
    members = {o["id"] for o in orgs if o["status"] == "member"}
    by_role: dict[str, list[str]] = {}
    for p in people:
        for role in p["roles"]:
            by_role.setdefault(role, []).append(p["email"])
    chiefs = [p["email"] for p in people if "chief_executive" in p["roles"] and p["organization"] in members]
    coordinators = [p["email"] for p in people if "coordinator" in p["roles"] and p["organization"] in members]
    secretariat = by_role["secretariat"]
    groups = [
        {"id": "styringsgruppe", "name": "Styringsgruppe", "description": "Kommunedirektørar i nettverket",
         "chair": chiefs[0], "members": [chiefs[0], *rng.sample(chiefs[1:], min(11, len(chiefs) - 1))]},
        {"id": "ressursgruppe", "name": "Ressursgruppe", "description": "Ein koordinator per medlem",
         "chair": secretariat[0], "members": [secretariat[0], *coordinators]},
    ]
    pool = [p["email"] for p in people]
    for i in range(max(0, n_groups - len(groups))):
        topic = TOPICS[i % len(TOPICS)] + ("" if i < len(TOPICS) else f" {i // len(TOPICS) + 1}")
        chosen = rng.sample(pool, min(len(pool), rng.randint(8, 120)))
        groups.append({"id": f"faggruppe-{_fold(topic)}", "name": f"Faggruppe {topic.lower()}",
                       "description": f"Fagnettverk for {topic.lower()}", "chair": chosen[0],
                       "members": chosen})
    return groups


def _projects(rng: random.Random, orgs: list[dict[str, Any]], people: list[dict[str, Any]],
              n_projects: int, today: date) -> list[dict[str, Any]]:
    member_ids = [o["id"] for o in orgs if o["status"] == "member"]
    leaders = [p["email"] for p in people if "project_leader" in p["roles"]] or [people[0]["email"]]
    projects: list[dict[str, Any]] = []
    for i in range(n_projects):
        noun = PROJECT_NOUNS[(i // len(PROJECT_WORDS)) % len(PROJECT_NOUNS)]
        name = f"{PROJECT_WORDS[i % len(PROJECT_WORDS)]} {noun}"
        if i >= len(PROJECT_WORDS) * len(PROJECT_NOUNS):
            name += f" {i // (len(PROJECT_WORDS) * len(PROJECT_NOUNS)) + 1}"
        owner = rng.choice(member_ids)
        others = rng.sample(member_ids, min(len(member_ids), rng.randint(1, 40)))
        status = rng.choices(("planned", "active", "completed", "paused"), (2, 5, 3, 1))[0]
        start = today + timedelta(days={"planned": rng.randint(30, 365)}.get(status, -rng.randint(200, 2000)))
        end = start + timedelta(days=rng.randint(180, 1100))
        if status == "completed":
            end = min(end, today - timedelta(days=1))
        elif status in ("active", "paused"):
            end = max(end, today + timedelta(days=30))
        projects.append({"id": f"p-{i + 1:04d}-{_fold(name)}", "name": name,
                         "description": f"{name} for kommunane i nettverket.", "owner": owner,
                         "leader": rng.choice(leaders), "participants": [owner, *[o for o in others if o != owner]],
                         "status": status, "start": start, "end": end})
    return projects


def _audience(rng: random.Random, org_ids: list[str], group_ids: list[str]) -> dict[str, Any]:
    audience: dict[str, Any] = {}
    r = rng.random()
    if r < 0.5:
        audience["roles"] = rng.sample(["chief_executive", "coordinator", "ict_lead"], rng.randint(1, 2))
    if rng.random() < 0.3:
        audience["statuses"] = rng.sample(["member", "invited"], 1)
    if 0.5 <= r < 0.7:
        audience["organizations"] = rng.sample(org_ids, min(len(org_ids), rng.randint(1, 25)))
    if r >= 0.7:
        audience["groups"] = rng.sample(group_ids, 1)
    return audience


def _surveys(rng: random.Random, n: int, today: date) -> list[dict[str, Any]]:
    surveys: list[dict[str, Any]] = []
    for i in range(n):
        opens = rng.randint(-60, 60)
        questions: list[dict[str, Any]] = [
            {"id": "arsverk", "text": "Kor mange årsverk arbeidar med IKT?", "type": "number", "min": 0},
            {"id": "modenheit", "text": "Korleis vurderer de den digitale modenheita?", "type": "scale",
             "min": 1, "max": 5, "labels": dict(SCALE_LABELS)},
            {"id": "samarbeid", "text": "Kva samarbeid er de med i?", "type": "choice",
             "options": ["Interkommunalt", "Vertskommune", "Ingen"], "multiple": True},
            {"id": "klar", "text": "Er kommunen klar for innføring?", "type": "yes_no"},
            {"id": "oppstart", "text": "Når kan de starte?", "type": "date", "required": False},
            {"id": "kommentar", "text": "Andre kommentarar?", "type": "text", "required": False}]
        surveys.append({
            "id": f"s-{i + 1:03d}", "title": f"Kartlegging {i + 1}: {TOPICS[i % len(TOPICS)].lower()}",
            "intro": "Korte svar er nok.", "audience": {"roles": [rng.choice(["chief_executive", "coordinator"])]},
            "respondent": rng.choice(("organization", "person")), "anonymous": rng.random() < 0.5,
            "opens": _stamp(today, opens, 9), "deadline": _stamp(today, opens + rng.randint(7, 30), 23, 59),
            "reminders": ["P5D", "P1D"], "questions": questions})
    return surveys


ANSWER_SURVEY = "svarbench"  # the survey bench/bench_survey_answers.py answers
SCALE_5 = {1: "svært låg", 3: "middels", 5: "svært høg"}
COOPERATION = ["Interkommunalt", "Vertskommune", "Regionråd", "Ingen"]
ARCHIVES = ["Elements", "Public 360", "WebSak", "Anna"]


def answering_survey(today: date) -> dict[str, Any]:
    """A 10-question survey of every question type, open now (since yesterday, for two weeks), to one person
    per organization (its chief executive), answered per organization: what bench_survey_answers answers."""
    questions: list[dict[str, Any]] = [
        {"id": "arsverk", "text": "Kor mange årsverk arbeidar med IKT?", "type": "number", "min": 0},
        {"id": "budsjett", "text": "Kor stort er IKT-budsjettet (kr)?", "type": "number", "min": 0},
        {"id": "modenheit", "text": "Korleis vurderer de den digitale modenheita?", "type": "scale",
         "min": 1, "max": 5, "labels": dict(SCALE_5)},
        {"id": "tryggleik", "text": "Korleis står det til med informasjonstryggleiken?", "type": "scale",
         "min": 1, "max": 5, "labels": dict(SCALE_5)},
        {"id": "sky", "text": "Brukar kommunen skytenester?", "type": "yes_no"},
        {"id": "arkiv", "text": "Kva sakarkivløysing brukar de?", "type": "choice", "options": list(ARCHIVES)},
        {"id": "samarbeid", "text": "Kva samarbeid er de med i?", "type": "choice",
         "options": list(COOPERATION), "multiple": True},
        {"id": "strategi", "text": "Når vedtok kommunen digitaliseringsstrategien?", "type": "date"},
        {"id": "utfordringar", "text": "Kva er dei største utfordringane?", "type": "text"},
        {"id": "kommentar", "text": "Andre kommentarar?", "type": "text", "required": False}]
    return {"id": ANSWER_SURVEY, "title": "Svarbenken: IKT-status", "intro": "Ti korte spørsmål.",
            "audience": {"roles": ["chief_executive"]}, "respondent": "organization", "anonymous": False,
            "opens": _stamp(today, -1, 9), "deadline": _stamp(today, 14, 23, 59), "reminders": ["P1D"],
            "questions": questions}


def build_large_network(n_orgs: int = 400, n_people: int = 5000, seed: int = 1,
                        today: date | None = None, *, answering: bool = False) -> dict[str, Any]:
    """Return a deterministic synthetic network dict (given seed and today) for benchmarks; with `answering`
    it also holds `answering_survey` (left out by default, so the other benches' work stays the same)."""
    if n_orgs < 2:
        raise ValueError("n_orgs must be at least 2")
    today = today or date.today()
    rng = random.Random(seed)
    orgs = _organizations(rng, n_orgs)
    people = _people(rng, orgs, max(n_people, 2 * n_orgs + 3))
    groups = _groups(rng, orgs, people, 20)
    projects = _projects(rng, orgs, people, max(1, n_orgs // 4), today)
    surveys = _surveys(rng, max(1, n_orgs // 40), today)
    org_ids, group_ids = [o["id"] for o in orgs], [g["id"] for g in groups]
    contacts = [p["email"] for p in people if "secretariat" in p["roles"] or "project_leader" in p["roles"]]
    kinds = ("interest", "survey", "feedback", "other")
    deadlines: list[dict[str, Any]] = []
    for i in range(max(1, n_orgs // 2)):
        kind = kinds[i % 4]
        deadline: dict[str, Any] = {
            "id": f"d-{i + 1:04d}", "title": f"Frist {i + 1}: {TOPICS[i % len(TOPICS)].lower()}",
            "kind": kind, "due": _stamp(today, rng.randint(-60, 180), rng.choice((12, 15, 23)), 59),
            "audience": _audience(rng, org_ids, group_ids), "contact": rng.choice(contacts),
            "reminders": rng.choice((["P7D", "P1D"], ["P14D", "P3D", "P1D"], ["P1D"]))}
        if kind == "survey":
            survey = surveys[i % len(surveys)]
            deadline["survey"], deadline["due"] = survey["id"], survey["deadline"]
        elif rng.random() < 0.3:
            deadline["project"] = rng.choice(projects)["id"]
        deadlines.append(deadline)
    meetings: list[dict[str, Any]] = []
    for i in range(max(1, n_orgs // 4)):
        day, hour = rng.randint(-90, 180), rng.choice((9, 10, 12, 13))
        meeting: dict[str, Any] = {"id": f"m-{i + 1:04d}", "title": f"Møte {i + 1}"}
        if rng.random() < 0.8:
            meeting["group"] = rng.choice(group_ids)
        else:
            meeting["audience"] = _audience(rng, org_ids, group_ids)
        meeting.update({
            "start": _stamp(today, day, hour), "end": _stamp(today, day, hour + rng.randint(1, 3)),
            "location": rng.choice((None, "Rådhuset", "Kulturhuset", "Fylkeshuset")),
            "url": rng.choice((None, f"https://teams.microsoft.com/l/meetup-join/bench-{i + 1}")),
            "agenda": "1. Status\n2. Saker til avgjerd\n3. Eventuelt\n", "notices": ["P14D", "P1D"]})
        meetings.append(meeting)
    if answering:
        surveys.append(answering_survey(today))
    return {
        "network": {"id": NETWORK_ID, "name": "Benchnett", "timezone": "Europe/Oslo", "language": "nb",
                    "fee": {"fixed_nok": 20000, "per_inhabitant_nok": 3, "min_nok": 30000, "max_nok": 500000}},
        "organizations": orgs, "people": people, "groups": groups, "projects": projects,
        "deadlines": deadlines, "meetings": meetings, "surveys": surveys,
    }


def main(argv: list[str]) -> None:
    if len(argv) not in (2, 5):
        sys.exit("usage: python -m bench.gen_network OUTPUT.yaml [N_ORGS N_PEOPLE SEED]")
    sizes = [int(a) for a in argv[2:]] or [400, 5000, 1]
    network = build_large_network(sizes[0], sizes[1], sizes[2])
    Path(argv[1]).write_text(yaml.safe_dump(network, allow_unicode=True, sort_keys=False), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv)
