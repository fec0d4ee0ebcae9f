"""Reading one entry's fields: types, enums, keys, e-mails, dates, local times and durations.

`Entry` wraps one mapping of the file. Each accessor returns the clean value, or None after adding a
problem that names the field (`people[3].language: unknown value "se" (expected nb, nn, en)`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, tzinfo
from typing import Any

from storage.durations import normalise_duration
from storage.importer.errors import Problems
from storage.importer.records import Ref

INT_MAX = 2_147_483_647
KEY_LENGTH = 64
_EMAIL = re.compile(r"[^@\s,;<>()\[\]\"']+@[^@\s,;<>()\[\]\"'.][^@\s,;<>()\[\]\"']*\.[^@\s,;<>()\[\]\"'.]{2,}")
_NUMBER_TEXT = re.compile(r"[-+]?\d+(?:\.\d+)?")


def length(attribute: Any) -> int | None:
    """The declared length of a model's String column (None for Text)."""
    return getattr(attribute.expression.type, "length", None)


def describe(value: Any) -> str:
    """How a wrong value is named in a message."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"' if len(value) <= 60 else f'"{value[:57]}..."'
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, datetime):
        return f"the date-time {value.isoformat()}"
    if isinstance(value, date):
        return f"the date {value.isoformat()}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def local_to_utc(naive: datetime, zone: tzinfo) -> datetime | None:
    """A wall-clock time in `zone` as aware UTC; None if the clock skips it (spring forward).

    A time that occurs twice (autumn) means the first occurrence, on summer time."""
    aware = naive.replace(tzinfo=zone, fold=0)
    utc = aware.astimezone(UTC)
    if utc.astimezone(zone).replace(tzinfo=None) != naive:
        return None
    return utc


class Entry:
    """One mapping of the file at `path` (e.g. `people[3]`); unknown keys are ignored."""

    def __init__(self, data: dict[Any, Any], path: str, problems: Problems, zone: tzinfo | None = None,
                 index: int = -1) -> None:
        self.data = data
        self.path = path
        self.index = index
        self.problems = problems
        self.zone = zone or UTC
        self._start = len(problems)

    @property
    def ok(self) -> bool:
        """No problem was found in this entry so far."""
        return len(self.problems) == self._start

    def at(self, name: str) -> str:
        return f"{self.path}.{name}"

    def problem(self, name: str, message: str) -> None:
        self.problems.add(self.at(name), message)

    def raw(self, name: str, required: bool = False) -> Any:
        value = self.data.get(name)
        if value is None and required:
            self.problem(name, "missing")
        return value

    def text(self, name: str, required: bool = False, max_len: int | None = None) -> str | None:
        value = self.raw(name, required)
        if value is None:
            return None
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            self.problem(name, f"expected text, got {describe(value)}")
            return None
        if required and not value.strip():
            self.problem(name, "must not be empty")
            return None
        if max_len is not None and len(value) > max_len:
            self.problem(name, f"longer than {max_len} characters")
            return None
        return value

    def key(self, name: str, required: bool = True, what: str = "an id") -> str | None:
        return self.key_value(self.raw(name, required), self.at(name), what)

    def key_value(self, value: Any, path: str, what: str = "an id") -> str | None:
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not value.strip():
            self.problems.add(path, f"expected {what} (text), got {describe(value)}")
            return None
        key = value.strip()
        if len(key) > KEY_LENGTH:
            self.problems.add(path, f"longer than {KEY_LENGTH} characters")
            return None
        return key

    def email(self, name: str, required: bool = True) -> str | None:
        return self.email_value(self.raw(name, required), self.at(name))

    def email_value(self, value: Any, path: str) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str):
            self.problems.add(path, f"expected an e-mail address, got {describe(value)}")
            return None
        clean = value.strip().lower()
        if len(clean) > 254 or not _EMAIL.fullmatch(clean):
            self.problems.add(path, f"not a valid e-mail address: {describe(value)}")
            return None
        return clean

    def ref(self, name: str, required: bool = False) -> Ref | None:
        key = self.key(name, required=required)
        return Ref(key, self.at(name)) if key is not None else None

    def person_ref(self, name: str) -> Ref | None:
        email = self.email(name, required=False)
        return Ref(email, self.at(name)) if email is not None else None

    def items(self, name: str) -> list[tuple[str, Any]]:
        """A list field as (path, item) pairs; null means an empty list."""
        value = self.raw(name)
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(name, f"expected a list, got {describe(value)}")
            return []
        return [(f"{self.at(name)}[{i}]", item) for i, item in enumerate(value)]

    def refs(self, name: str, people: bool = False) -> list[Ref]:
        refs: list[Ref] = []
        for path, item in self.items(name):
            key = self.email_value(item, path) if people else self.key_value(item, path)
            if key is not None:
                refs.append(Ref(key, path))
        return refs

    def choice(self, name: str, choices: Sequence[str], default: str | None = None) -> str | None:
        return self.choice_value(self.raw(name), self.at(name), choices, default)

    def choice_value(self, value: Any, path: str, choices: Sequence[str], default: str | None = None) -> str | None:
        if value is None:
            return default
        clean = value.strip().lower() if isinstance(value, str) else value
        if clean not in choices:
            self.problems.add(path, f"unknown value {describe(value)} (expected {', '.join(choices)})")
            return default
        return str(clean)

    def choices(self, name: str, choices: Sequence[str]) -> list[str]:
        found: list[str] = []
        for path, item in self.items(name):
            value = self.choice_value(item, path, choices)
            if value is not None and value not in found:
                found.append(value)
        return found

    def texts(self, name: str) -> list[str]:
        found: list[str] = []
        for path, item in self.items(name):
            if isinstance(item, int | float) and not isinstance(item, bool):
                item = str(item)
            if not isinstance(item, str) or not item.strip():
                self.problems.add(path, f"expected text, got {describe(item)}")
            else:
                found.append(item)
        return found

    def number(self, name: str, whole: bool = False, minimum: float | None = None) -> float | None:
        value = self.raw(name)
        if value is None:
            return None
        if isinstance(value, str) and _NUMBER_TEXT.fullmatch(value.strip()):
            value = float(value)
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            self.problem(name, f"expected a {'whole ' if whole else ''}number, got {describe(value)}")
            return None
        if whole and (value != int(value) or abs(value) > INT_MAX):
            self.problem(name, f"expected a whole number (at most {INT_MAX}), got {describe(value)}")
            return None
        if minimum is not None and value < minimum:
            self.problem(name, f"must be at least {minimum:g}, got {describe(value)}")
            return None
        return int(value) if whole else value

    def integer(self, name: str, minimum: int | None = 0) -> int | None:
        value = self.number(name, whole=True, minimum=minimum)
        return int(value) if value is not None else None

    def boolean(self, name: str, default: bool) -> bool:
        value = self.raw(name)
        if value is None:
            return default
        if isinstance(value, str) and value.strip().lower() in ("yes", "no"):
            return value.strip().lower() == "yes"
        if not isinstance(value, bool):
            self.problem(name, f"expected true or false, got {describe(value)}")
            return default
        return value

    def day(self, name: str) -> date | None:
        value = self.raw(name)
        if value is None:
            return None
        if isinstance(value, date) and not isinstance(value, datetime):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value.strip().upper())
            except ValueError:
                pass
        self.problem(name, f"not an ISO 8601 date: {describe(value)}")
        return None

    def moment(self, name: str, required: bool = False, date_means: time | None = None) -> datetime | None:
        """An aware UTC date-time. Without an offset it is local time in the network's zone.
        A date alone means `date_means` that day, or is refused when `date_means` is None."""
        value = self.raw(name, required)
        if value is None:
            return None
        if isinstance(value, str):
            text = value.strip().upper()  # 2018-02-16t10:00z is ISO 8601 too
            try:
                value = date.fromisoformat(text)
            except ValueError:
                try:
                    value = datetime.fromisoformat(text)
                except ValueError:
                    self.problem(name, f"not an ISO 8601 date-time: {describe(value)}")
                    return None
        if isinstance(value, date) and not isinstance(value, datetime):
            if date_means is None:
                self.problem(name, f"needs a time of day, got only {describe(value)}")
                return None
            value = datetime.combine(value, date_means)
        if not isinstance(value, datetime):
            self.problem(name, f"not an ISO 8601 date-time: {describe(value)}")
            return None
        if value.tzinfo is not None:
            return value.astimezone(UTC)
        utc = local_to_utc(value, self.zone)
        if utc is None:
            self.problem(name, f"{value.isoformat(timespec='minutes')} does not exist in {self.zone} "
                               "(the clocks skip that hour)")
        return utc

    def durations(self, name: str) -> list[str]:
        found: list[str] = []
        for path, item in self.items(name):
            clean = normalise_duration(item) if isinstance(item, str) else None
            if clean is None:
                self.problems.add(path, f"not an ISO 8601 duration: {describe(item)}")
            else:
                found.append(clean)
        return found
