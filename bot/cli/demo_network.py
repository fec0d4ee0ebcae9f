"""The demo network "DigiVestland": a network file (spec/network-file.md) for `make demo`.

Municipality numbers, names and approximate populations are real (Vestland, 2024);
every person is invented. Deadlines, meetings and the survey are placed relative to
`today`, so the demo always has something upcoming.
"""

from __future__ import annotations

import datetime as dt
import pathlib
import random
import sys
from typing import Any

import yaml

from bot.cli.demo_data import (  # noqa: F401 - DEMO_COORDINATOR: bench/bench_cli.py imports it from here
    DEMO_COORDINATOR,
    FIRST_NAMES,
    FOUNDERS,
    ICT_LEADS,
    INVITED,
    LAST_NAMES,
    MUNICIPALITIES,
    PROJECTS,
    SECRETARIAT,
    SECRETARIAT_MAILBOX,
    SUNNHORDLAND,
)


def _fold(text: str) -> str:
    """ASCII-fold a name for an e-mail address or slug."""
    table = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "é": "e", " ": "."})
    return text.lower().translate(table)


def _domain(org_id: str, name: str) -> str:
    return {"46": "vlfk.no", "ks": "ks.no"}.get(org_id, f"{_fold(name)}.kommune.no")


def _workday(day: dt.date) -> dt.date:
    """Move a Saturday or Sunday forward to Monday."""
    return day + dt.timedelta(days=7 - day.weekday() if day.weekday() >= 5 else 0)


def _at(today: dt.date, days: int, time: str, workday: bool = True) -> str:
    day = today + dt.timedelta(days=days)
    return f"{(_workday(day) if workday else day).isoformat()}T{time}"


def _organizations() -> list[dict[str, Any]]:
    orgs: list[dict[str, Any]] = []
    for i, (oid, name, pop, region) in enumerate(MUNICIPALITIES):
        org: dict[str, Any] = {"id": oid, "name": name, "kind": "municipality", "population": pop,
                               "region": region, "status": "invited" if oid in INVITED else "member"}
        if oid not in INVITED:
            joined = dt.date(2018, 6, 23) if oid in FOUNDERS else dt.date(2020, 1 + i % 6, 1)
            org["joined"] = joined
        orgs.append(org)
    orgs.append({"id": "46", "name": "Vestland fylkeskommune", "kind": "county",
                 "status": "member", "joined": dt.date(2020, 1, 1)})
    orgs.append({"id": "ks", "name": "KS Vestland", "kind": "ks", "status": "observer",
                 "joined": dt.date(2020, 1, 1)})
    return orgs


class _People:
    """Builds the people list with unique invented names and unique e-mail addresses."""

    def __init__(self) -> None:
        self.rng = random.Random(4600)
        self.people: list[dict[str, Any]] = []
        self.names: set[str] = {"Silje Haugland"}
        self.by_role: dict[tuple[str, str], str] = {}  # (org id, role) -> email
        self.slack = 0

    def invent_name(self) -> str:
        while True:
            name = f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"
            if name not in self.names:
                self.names.add(name)
                return name

    def add(self, org_id: str, domain: str, title: str, roles: tuple[str, ...],
            name: str | None = None, email: str | None = None,
            language: str | None = None, channel: str | None = None,
            digest: str | None = None) -> str:
        n = len(self.people)
        name = name or self.invent_name()
        self.names.add(name)
        email = email or f"{_fold(name)}@{domain}"
        language = language or ("nn", "nb", "nn", "nn", "nb", "nn", "en", "nb", "nn")[n % 9]
        if channel is None:
            cycle = ("email", "email", "teams", "slack") if "chief_executive" in roles \
                else ("email",) if title == "Ordførar" else ("slack", "teams", "email", "slack")
            channel = cycle[n % len(cycle)]
        person: dict[str, Any] = {
            "email": email, "name": name, "organization": org_id, "title": title,
            "roles": list(roles), "language": language, "channel": channel,
            "digest": digest or ("weekly", "none", "daily", "weekly", "weekly")[n % 5]}
        if channel == "slack" or (channel == "email" and n % 3 == 0):
            self.slack += 1
            person["slack_user_id"] = f"U0DEMO{self.slack:03d}"
        if channel == "teams":
            person["teams_user_id"] = f"29:1demo-teams-{n:04d}"
        self.people.append(person)
        for role in roles:
            self.by_role.setdefault((org_id, role), email)
        return email


def _people() -> _People:
    p = _People()
    p.add("4601", "bergen.kommune.no", "Digitaliseringskoordinator", ("coordinator",),
          name="Silje Haugland", email=DEMO_COORDINATOR, language="nn", channel="slack",
          digest="weekly")
    for name, title, roles, lang in SECRETARIAT:
        p.add("4601", "bergen.kommune.no", title, roles, name=name, language=lang, channel="slack")
    p.add("4601", "digivestland.no", "Felles postmottak", ("secretariat",),
          name="Sekretariatet i DigiVestland", email=SECRETARIAT_MAILBOX, language="nn",
          channel="email", digest="daily")
    for oid, name, _pop, _region in MUNICIPALITIES:
        domain = _domain(oid, name)
        p.add(oid, domain, "Kommunedirektør", ("chief_executive",))
        if oid in INVITED:
            continue
        if oid != "4601":
            p.add(oid, domain, "Digitaliseringskoordinator", ("coordinator",))
        if oid in ICT_LEADS:
            p.add(oid, domain, "IKT-leiar", ("ict_lead",))
        p.add(oid, domain, "Ordførar", ("member",), digest="none")
    p.add("46", "vlfk.no", "Seniorrådgjevar digitalisering", ("member",))
    p.add("ks", "ks.no", "Rådgjevar, KS Vestland", ("member",), language="nb")
    return p


def _group(gid: str, name: str, description: str, members: list[str],
           chair: str | None = None) -> dict[str, Any]:
    group: dict[str, Any] = {"id": gid, "name": name, "description": description}
    if chair:
        group["chair"] = chair
        members = [chair, *[m for m in members if m != chair]]
    group["members"] = members
    return group


def _groups(p: _People) -> list[dict[str, Any]]:
    members = [m[0] for m in MUNICIPALITIES if m[0] not in INVITED]
    sg_orgs = ("4601", "4602", "4614", "4621", "4631", "4640", "4647", "4627", "46")
    sg = [p.by_role[(o, "chief_executive")] for o in sg_orgs if (o, "chief_executive")
          in p.by_role]
    secretariat = [x["email"] for x in p.people if "secretariat" in x["roles"]]
    coordinators = [p.by_role[(o, "coordinator")] for o in members]
    ict = [p.by_role[(o, "ict_lead")] for o in ICT_LEADS]
    mayors = [x["email"] for x in p.people if x["title"] == "Ordførar"]
    return [
        _group("styringsgruppe", "Styringsgruppe",
               "Kommunedirektørar frå kvar delregion; styrer porteføljen og budsjettet.",
               sg, chair=sg[0]),
        _group("ressursgruppe", "Ressursgruppe",
               "Éin digitaliseringskoordinator frå kvar medlemskommune.",
               [secretariat[0], *coordinators], chair=secretariat[0]),
        _group("faggruppe-informasjonssikkerheit", "Faggruppe informasjonssikkerheit",
               "IKT-leiarar og ressurspersonar som deler malar og hendingar.",
               [*ict, coordinators[4], coordinators[21]], chair=ict[5]),
        _group("representantskap", "Representantskap",
               "Folkevalde representantar frå medlemskommunane (ny avtale frå 2025).",
               mayors, chair=mayors[0]),
        _group("sekretariat", "Sekretariatet", "Dagleg leiar og rådgjevarar i DigiVestland.",
               secretariat, chair=secretariat[0]),
    ]


def _projects(p: _People, today: dt.date) -> list[dict[str, Any]]:
    members = [m[0] for m in MUNICIPALITIES if m[0] not in INVITED]
    projects: list[dict[str, Any]] = []
    for pid, name, owner, status, start, end, parts, lead_role, desc in PROJECTS:
        leader = p.by_role[(owner, lead_role)]
        p.by_role.setdefault((owner, "project_leader"), leader)
        for person in p.people:
            if person["email"] == leader and "project_leader" not in person["roles"]:
                person["roles"].append("project_leader")
        begin = dt.date(today.year + 1, 1, 1) if start == "+next" \
            else dt.date.fromisoformat(start)
        finish = dt.date.fromisoformat(end) if end else dt.date(begin.year + 2, 12, 31)
        if status in ("active", "paused"):
            finish = max(finish, dt.date(today.year + 1, 12, 31))
        projects.append({"id": pid, "name": name, "description": desc, "owner": owner,
                         "leader": leader, "participants": list(parts or members),
                         "status": status, "start": begin, "end": finish})
    return projects


def _deadlines(p: _People, today: dt.date) -> list[dict[str, Any]]:
    lead, adviser = p.people[1]["email"], p.people[2]["email"]
    return [
        {"id": "interesse-skjonnsmidlar",
         "title": "Meld interesse for felles søknad om skjønnsmidlar",
         "kind": "interest", "due": _at(today, 10, "23:59"),
         "audience": {"roles": ["chief_executive"], "statuses": ["invited"]},
         "contact": lead, "reminders": ["P7D", "P3D", "P1D"]},
        {"id": "innspel-samarbeidsavtale",
         "title": "Innspel til utkast til ny samarbeidsavtale for DigiVestland",
         "kind": "feedback", "due": _at(today, 35, "23:59"),
         "audience": {"roles": ["chief_executive"], "statuses": ["member"]},
         "contact": lead, "reminders": ["P14D", "P7D", "P1D"]},
        {"id": "svar-ikt-status", "title": "Svar på spørsmål om status på IKT-området",
         "kind": "survey", "due": _at(today, 21, "23:59", workday=False),
         "audience": {"roles": ["chief_executive"]}, "contact": adviser,
         "reminders": ["P5D", "P1D"], "survey": "ikt-status"},
        {"id": "innspel-handlingsplan", "title": "Innspel til handlingsplan for neste år",
         "kind": "feedback", "due": _at(today, -12, "12:00"),
         "audience": {"groups": ["ressursgruppe"]}, "contact": lead,
         "reminders": ["P7D", "P1D"]},
        {"id": "stadfest-kontaktpersonar", "title": "Stadfest kontaktpersonar i ressursgruppa",
         "kind": "other", "due": _at(today, 7, "12:00"),
         "audience": {"roles": ["coordinator"], "statuses": ["member"]},
         "contact": SECRETARIAT_MAILBOX, "reminders": ["P3D", "P1D"]},
        {"id": "interesse-velferdsteknologi",
         "title": "Meld interesse for felles innkjøp av digitalt tilsyn",
         "kind": "interest", "due": _at(today, 17, "15:00"),
         "audience": {"roles": ["coordinator"], "statuses": ["member"]},
         "contact": p.by_role[("4631", "project_leader")], "reminders": ["P7D", "P1D"],
         "project": "velferdsteknologi"},
        {"id": "oppstart-digihelsestasjon",
         "title": "Meld planlagd oppstartsdato for DigiHelsestasjon",
         "kind": "other", "due": _at(today, 28, "15:00"),
         "audience": {"roles": ["coordinator"],
                      "organizations": ["4601", "4623", "4625", "4630", "4622", "4618",
                                        "4649"]},
         "contact": p.by_role[("4624", "project_leader")], "reminders": ["P7D", "P1D"],
         "project": "digihelsestasjon"},
    ]


def _meetings(today: dt.date) -> list[dict[str, Any]]:
    sunnhordland = [m[0] for m in MUNICIPALITIES if m[3] == SUNNHORDLAND and m[0] not in INVITED]
    teams = "https://teams.microsoft.com/l/meetup-join/digivestland-demo-"

    def meeting(mid: str, title: str, days: int, hours: tuple[str, str], where: str | None,
                url: str | None, agenda: str, **who: Any) -> dict[str, Any]:
        return {"id": mid, "title": title, **who, "start": _at(today, days, hours[0]),
                "end": _at(today, days, hours[1]), "location": where, "url": url,
                "agenda": agenda, "notices": ["P14D", "P1D"]}

    return [
        meeting("styringsgruppe-neste", "Styringsgruppemøte", 14, ("10:00", "13:00"),
                "Bergen rådhus", None,
                "1. Godkjenning av innkalling og referat\n2. Porteføljestatus\n"
                "3. Ny samarbeidsavtale: innspel frå kommunane\n"
                f"4. Budsjett {today.year + 1}\n5. Eventuelt\n",
                group="styringsgruppe"),
        meeting("ressursgruppe-neste", "Ressursgruppemøte", 7, ("09:00", "11:00"), None,
                teams + "ressursgruppe",
                "1. Runde rundt bordet\n2. DigiHelsestasjon: status\n"
                "3. Felles innkjøp av digitalt tilsyn\n", group="ressursgruppe"),
        meeting("infosikkerheit-forrige", "Faggruppe informasjonssikkerheit", -9,
                ("13:00", "15:00"), None, teams + "infosikkerheit",
                "1. Hendingar sidan sist\n2. Mal for risikovurdering\n",
                group="faggruppe-informasjonssikkerheit"),
        meeting("koordinering-leirvik", "Strategisk koordineringsmøte Sunnhordland", 42,
                ("10:00", "14:00"), "Leirvik, Stord rådhus", None,
                "1. Nytt frå nasjonale og felleskommunale initiativ\n"
                "2. Regionale prioriteringar\n3. Fiks-plattforma i Sunnhordland\n",
                audience={"roles": ["chief_executive"], "organizations": sunnhordland}),
        meeting("representantskap-neste", "Representantskapsmøte", 63, ("12:00", "15:00"),
                "Fylkeshuset i Bergen", teams + "representantskap",
                "1. Årsmelding\n2. Handlingsplan og budsjett\n3. Val av styringsgruppe\n",
                group="representantskap"),
    ]


def _q(qid: str, qtype: str, text: str, **extra: Any) -> dict[str, Any]:
    return {"id": qid, "text": text, "type": qtype, **extra}


def _survey(today: dt.date) -> dict[str, Any]:
    return {
        "id": "ikt-status", "title": "Status og utfordringar på IKT-området",
        "intro": "Korte, stikkordsprega svar er nok. Svara vert samanstilte og presenterte "
                 "utan referanse til kommune.",
        "audience": {"roles": ["chief_executive"]}, "respondent": "organization",
        "anonymous": True, "opens": _at(today, -4, "09:00", workday=False),
        "deadline": _at(today, 21, "23:59", workday=False), "reminders": ["P5D", "P1D"],
        "questions": [
            _q("arsverk", "number", "Kor mange årsverk arbeidar med oppgåver knytt til IKT-drift og digitalisering "
               "i kommunen?", min=0),
            _q("samarbeid", "choice", "Kva formelle samarbeidsavtalar på IKT-området er kommunen med i?",
               options=["Interkommunalt IKT-samarbeid", "Vertskommunesamarbeid", "Felles driftsleverandør",
                        "Ingen formelle avtalar"], multiple=True),
            _q("utfordringar-niva", "scale", "Kor store er utfordringane på IKT-området, spesielt med tanke på "
               "kapasitet, kompetanse og tryggleik?", min=1, max=5,
               labels={1: "små utfordringar", 5: "svært store utfordringar"}),
            _q("utfordringar", "text", "Kva er dei største utfordringane?", required=False),
            _q("tiltak", "text", "Kva tiltak må til for at kommunen skal «henge med», både på drifts- og "
               "utviklingssida?"),
            _q("regionale-loysingar", "yes_no", "Er det funksjonar, tenester eller oppgåver som kan løysast meir "
               "effektivt med regionale eller fylkesvise løysingar?"),
            _q("bidrag", "text", "Kva kan Statsforvaltaren og KS bidra med i desse prosessane?", required=False),
        ],
    }


def build_demo_network(today: dt.date) -> dict[str, Any]:
    """Return the DigiVestland demo network as a YAML-ready dict."""
    people = _people()
    groups = _groups(people)
    projects = _projects(people, today)  # marks project leaders before deadlines use them
    return {
        "network": {"id": "digivestland", "name": "DigiVestland",
                    "timezone": "Europe/Oslo", "language": "nn",
                    "fee": {"fixed_nok": 0, "per_inhabitant_nok": 3, "min_nok": 50000,
                            "max_nok": 600000}},
        "organizations": _organizations(),
        "people": people.people,
        "groups": groups,
        "projects": projects,
        "deadlines": _deadlines(people, today),
        "meetings": _meetings(today),
        "surveys": [_survey(today)],
    }


class _Dumper(yaml.SafeDumper):
    """A safe dumper that writes multi-line text (agendas) as literal blocks."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value,
                                   style="|" if "\n" in value else None)


_Dumper.add_representer(str, _str)


def write_demo_file(path: pathlib.Path, today: dt.date) -> None:
    """Write the demo network file for `today` to `path`."""
    text = yaml.dump(build_demo_network(today), Dumper=_Dumper, allow_unicode=True,
                     sort_keys=False)
    pathlib.Path(path).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m bot.cli.demo_network OUTPUT.yaml")
    write_demo_file(pathlib.Path(sys.argv[1]), dt.date.today())
