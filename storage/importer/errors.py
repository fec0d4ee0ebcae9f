"""What a refused import reports: every problem found, each naming the entry and the field."""

from __future__ import annotations

import re

MAX_PROBLEMS = 50

_SECTIONS = ("file", "network", "organizations", "people", "groups", "projects", "deadlines", "meetings",
             "surveys", "rooms")
_PATH = re.compile(r"^([a-z_]+)(?:\[(\d+)\])?")


def _order(problem: str) -> tuple[int, int]:
    """File order: by section as the spec lists them, then by entry index."""
    match = _PATH.match(problem)
    if not match:
        return (len(_SECTIONS), 0)
    section, index = match.group(1), match.group(2)
    rank = _SECTIONS.index(section) if section in _SECTIONS else len(_SECTIONS)
    return (rank, int(index) if index is not None else -1)


class ImportFailed(Exception):
    """The network file was refused; nothing was written.

    `problems` holds up to MAX_PROBLEMS messages such as
    `people[3].organization: no organization with id "4699"` (the index is the 0-based position in
    the file's list), in file order; `total` is how many were found in all.
    """

    def __init__(self, problems: list[str]) -> None:
        ordered = sorted(problems, key=_order)
        self.total = len(ordered)
        self.problems: list[str] = ordered[:MAX_PROBLEMS]
        if self.total > MAX_PROBLEMS:
            self.problems.append(f"... and {self.total - MAX_PROBLEMS} more problems")
        super().__init__(self._message())

    def _message(self) -> str:
        noun = "problem" if self.total == 1 else "problems"
        lines = "\n".join(f"  {p}" for p in self.problems)
        return f"the network file was not imported ({self.total} {noun}):\n{lines}"


class Problems:
    """Collects problems while a file is read, so that all of them are reported at once."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, path: str, message: str) -> None:
        self.items.append(f"{path}: {message}")

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise ImportFailed(self.items)
