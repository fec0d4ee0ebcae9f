"""Snapshots kept on disk next to a SQLite database, so that a one-shot command (`digibot ask`) does not
rebuild the snapshot and its name index on every call.

A file holds one network's snapshot (with its per-snapshot caches, `NetworkSnapshot.cache`) and is used
only when all of these still match, checked before anything is unpickled:

- the network id and its `revision` (every import that changes something raises it);
- the code that builds snapshots and their caches (a hash of storage/snapshot.py, storage/models.py and
  every module under handlers/), and the Python version;
- the database file itself (device and inode), so that a database deleted and made again is not
  mistaken for the old one; `digibot import` and `digibot demo` also delete the files of their database.

The files hold the same personal data as the database and no secrets; they are written with mode 0600
and read only when owned by the current user and writable by no one else (pickle runs code on load).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import stat
import sys
from functools import lru_cache
from pathlib import Path

from sqlalchemy.engine import make_url

from storage.snapshot import NetworkSnapshot

FORMAT = b"digibot-snapshot 1"
ROOT = Path(__file__).resolve().parent.parent
CODE = (ROOT / "storage" / "snapshot.py", ROOT / "storage" / "models.py", ROOT / "storage" / "snapshot_file.py")


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of the code that builds snapshots and their caches, and of the Python version."""
    digest = hashlib.sha256(sys.version.encode())
    for path in (*CODE, *sorted((ROOT / "handlers").rglob("*.py"))):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def sqlite_file(url: str) -> Path | None:
    """The database file of a SQLite URL, or None (an in-memory database, or not SQLite)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


class SnapshotFile:
    """The snapshots of the networks in one SQLite database file."""

    def __init__(self, database: Path) -> None:
        self.database = database.resolve()
        self._stored: dict[str, frozenset[str]] = {}  # network id -> cache keys in the file

    def path(self, network_id: str) -> Path:
        safe = re.sub(r"[^A-Za-z0-9_.-]", "_", network_id)
        return self.database.with_name(f"{self.database.name}.snapshot-{safe}")

    def _key(self, network_id: str, revision: int) -> bytes:
        try:
            info = self.database.stat()
        except OSError:
            return b""
        text = f"{network_id}\0{revision}\0{code_version()}\0{info.st_dev}\0{info.st_ino}"
        return FORMAT + b" " + hashlib.sha256(text.encode()).hexdigest().encode() + b"\n"

    def load(self, network_id: str, revision: int) -> NetworkSnapshot | None:
        """The stored snapshot of `network_id` at `revision`, or None when there is none that fits."""
        path = self.path(network_id)
        key = self._key(network_id, revision)
        try:
            with path.open("rb") as handle:
                info = os.fstat(handle.fileno())
                if not key or info.st_uid != os.getuid() or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
                    return None
                if handle.readline() != key:
                    return None
                snap = pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
            return None
        if not isinstance(snap, NetworkSnapshot) or snap.id != network_id or snap.revision != revision:
            return None
        self._stored[network_id] = frozenset(snap.cache)
        return snap

    def save(self, snap: NetworkSnapshot) -> None:
        """Write `snap` (unless the file already holds it with the same caches); failures are ignored."""
        if self._stored.get(snap.id) == frozenset(snap.cache):
            return
        key = self._key(snap.id, snap.revision)
        if not key:
            return
        path = self.path(snap.id)
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        try:
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(key)
                pickle.dump(snap, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
            self._stored[snap.id] = frozenset(snap.cache)
        except (OSError, pickle.PicklingError, TypeError, AttributeError):
            temporary.unlink(missing_ok=True)

    def forget_all(self) -> None:
        """Delete the stored snapshots of this database (after an import)."""
        for path in self.database.parent.glob(f"{glob_escape(self.database.name)}.snapshot-*"):
            path.unlink(missing_ok=True)
        self._stored.clear()


def glob_escape(name: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", name)
