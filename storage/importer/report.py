"""What an import did, kind by kind."""

from __future__ import annotations

from dataclasses import dataclass, field

KINDS = ("organizations", "people", "groups", "projects", "surveys", "deadlines", "meetings", "rooms")


def _empty() -> dict[str, list[str]]:
    return {kind: [] for kind in ("network", *KINDS)}


@dataclass
class ImportReport:
    """Keys created, updated (data changed) and removed (by prune), per entity kind.

    Kinds are "network" plus those in KINDS; people are keyed by e-mail, everything else by id.
    A survey whose questions changed, a group whose members changed and a project whose participants
    changed count as updated.
    """

    network_id: str
    created: dict[str, list[str]] = field(default_factory=_empty)
    updated: dict[str, list[str]] = field(default_factory=_empty)
    removed: dict[str, list[str]] = field(default_factory=_empty)
    revision: int = 0  # the network's revision after the import

    def changed(self) -> bool:
        return any(keys for table in (self.created, self.updated, self.removed) for keys in table.values())

    def summary(self) -> str:
        if self.created.get("network"):
            head = f"network {self.network_id}: created (revision {self.revision})"
        elif self.changed():
            head = f"network {self.network_id}: updated (revision {self.revision})"
        else:
            head = f"network {self.network_id}: unchanged (revision {self.revision})"
        lines = [head]
        for kind in KINDS:
            lines.append(
                f"{kind}: {len(self.created.get(kind, []))} created, {len(self.updated.get(kind, []))} updated, "
                f"{len(self.removed.get(kind, []))} removed"
            )
        return "\n".join(lines)
