"""Words and formats shared by the answers: labels from the catalog, people, dates, lists.

`Say(ctx)` is bound to the asker's language and the network's time zone, so that answer modules
read like `say("q_role_one", role=..., org=..., name=...)` and never hold a literal text.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from zoneinfo import ZoneInfo

from handlers.context import Context
from handlers.questions.periods import Period
from messages.formatting import (
    MONTHS,
    format_date,
    format_datetime,
    format_nok,
    format_number,
    format_time_range,
    join_names,
)
from messages.i18n import t
from messages.model import Field
from storage.snapshot import Org, PersonInfo

MAX_ITEMS = 25


class Say:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.lang = ctx.lang
        self.net = ctx.network
        self.tz = ctx.network.timezone

    def __call__(self, key: str, **params: object) -> str:
        return t(self.lang, key, **params)

    # --- labels -----------------------------------------------------------------------------
    def role(self, role: str, form: str = "sg") -> str:
        """form: sg ("koordinator"), pl ("koordinatorer"), indef ("a coordinator"), title ("Koordinator")."""
        if form in ("title", "pl_title"):
            text = t(self.lang, f"q_role_{role}_{'sg' if form == 'title' else 'pl'}")
            return text[:1].upper() + text[1:]
        return t(self.lang, f"q_role_{role}_{form}")

    def status(self, status: str) -> str:
        return t(self.lang, f"q_status_{status}") if f"q_status_{status}" in _keys() else status

    def kind(self, kind: str) -> str:
        return t(self.lang, f"q_kind_{kind}") if f"q_kind_{kind}" in _keys() else kind

    def pstatus(self, status: str) -> str:
        return t(self.lang, f"q_pstatus_{status}") if f"q_pstatus_{status}" in _keys() else status

    # --- names --------------------------------------------------------------------------------
    def org(self, org_id: int | None) -> str:
        """An organization's name, with its region when another organization has the same name."""
        if org_id is None or org_id not in self.net.orgs:
            return ""
        org = self.net.orgs[org_id]
        twins = self.net.memo("questions.twins", self._twin_names)
        if org.name.lower() in twins and org.region:
            return f"{org.name} ({org.region})"
        return org.name

    def _twin_names(self) -> set[str]:
        """Organization names (lower-case) that more than one organization of the network has."""
        seen: dict[str, int] = {}
        for o in self.net.orgs.values():
            seen[o.name.lower()] = seen.get(o.name.lower(), 0) + 1
        return {name for name, n in seen.items() if n > 1}

    def person_name(self, person_id: int | None) -> str:
        person = self.net.people.get(person_id) if person_id is not None else None
        return person.name if person else ""

    def person_line(self, person: PersonInfo, *, org: bool = True, contact: bool = True) -> str:
        """ "Kari Bakke (Digitaliseringskoordinator, Ørsta) – kari.bakke@orsta.kommune.no, +47 …"."""
        details = [d for d in (person.title, self.org(person.org_id) if org else None) if d]
        line = self("q_person_with_details", name=person.name, details=", ".join(details)) if details else person.name
        reach = [r for r in (person.email, person.phone) if r] if contact else []
        return self("q_person_with_contact", person=line, contact=", ".join(reach)) if reach else line

    def person_fields(self, person: PersonInfo, *, org: bool = True) -> list[Field]:
        fields: list[Field] = []
        if person.title:
            fields.append(Field(self("q_label_title"), person.title))
        if org:
            fields.append(Field(self("q_label_organization"), self.org(person.org_id)))
        fields.append(Field(self("q_label_email"), person.email))
        if person.phone:
            fields.append(Field(self("q_label_phone"), person.phone))
        return fields

    def org_line(self, org: Org, *, status: bool = True, population: bool = False) -> str:
        details = []
        if status:
            details.append(self.status(org.status))
        if population and org.population is not None:
            details.append(self("q_population_short", n=self.number(org.population)))
        name = self.org(org.id)
        return self("q_person_with_details", name=name, details=", ".join(details)) if details else name

    # --- numbers and time -------------------------------------------------------------------
    def number(self, value: float) -> str:
        return format_number(value, self.lang, 0 if float(value).is_integer() else 2)

    def nok(self, value: float) -> str:
        return format_nok(value, self.lang)

    def when(self, moment: datetime) -> str:
        return format_datetime(moment, self.lang, self.tz, weekday=True)

    def span(self, start: datetime, end: datetime | None) -> str:
        return format_time_range(start, end, self.lang, self.tz)

    def relative(self, moment: datetime) -> str:
        """How far `moment` is from now, counted in the network's local calendar days: "om 22 dager",
        "i morgen", "om 5 timer", "for 3 dager siden"."""
        now = self.ctx.now
        zone = ZoneInfo(self.tz)
        days = (moment.astimezone(zone).date() - now.astimezone(zone).date()).days
        seconds = (moment - now).total_seconds()
        if days == 0:
            minutes = int(abs(seconds) // 60)
            unit, n = ("hours", minutes // 60) if minutes >= 60 else ("minutes", max(minutes, 1))
            key = f"q_rel_{unit}" if seconds >= 0 else f"q_rel_{unit}_ago"
        elif days in (1, -1):
            key, n = ("q_rel_tomorrow" if days == 1 else "q_rel_yesterday"), 1
        else:
            key, n = ("q_rel_days" if days > 0 else "q_rel_days_ago"), abs(days)
        if n == 1 and key in ("q_rel_hours", "q_rel_hours_ago", "q_rel_minutes", "q_rel_minutes_ago"):
            key += "_one"
        return self(key, n=n)

    def day(self, day: date) -> str:
        return format_date(day, self.lang)

    def period(self, period: Period) -> str:
        p = period.params
        params: dict[str, object] = {}
        if "n" in p:
            params["n"] = p["n"]
        if "day" in p:
            params["date"] = format_date(p["day"], self.lang, weekday=True)
        if "last" in p:
            params["last"] = format_date(p["last"], self.lang, weekday=True)
        if "month" in p:
            params["month"] = MONTHS["en" if self.lang == "en" else "nb"][p["month"] - 1]
            params["year"] = p["year"]
        key = f"q_period_{period.key}"
        if period.key in ("next_days", "next_weeks", "next_months") and p.get("n") == 1:
            key += "_one"
        return self(key, **params)

    # --- lists --------------------------------------------------------------------------------
    def names(self, names: Iterable[str]) -> str:
        return join_names(list(names), self.lang)

    def alternatives(self, names: list[str]) -> str:
        """ "Herøy eller Hareid" / "Herøy, Hareid or Hemnes"."""
        if len(names) == 1:
            return names[0]
        return self("q_or_list", first=", ".join(names[:-1]), last=names[-1])

    def items(self, lines: list[str], limit: int = MAX_ITEMS) -> list[str]:
        if len(lines) <= limit:
            return lines
        return [*lines[:limit], t(self.lang, "list_more", count=len(lines) - limit)]


def _keys() -> dict[str, dict[str, str]]:
    from messages.i18n import catalog

    return catalog()
