"""`digibot ask` keeps a network's snapshot (with its name index) next to a SQLite database, so that an
unchanged network is not rebuilt on every call; it must never answer from a stale or foreign copy."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from storage.snapshot_file import SnapshotFile

NETWORK = """
network: {id: digitest, name: DigiTest, timezone: Europe/Oslo, language: nb}
organizations:
  - {id: "4601", name: Bergen, kind: municipality, status: member, population: 291940}
  - {id: "4621", name: Voss, kind: municipality, status: member, population: 16000}
people:
  - {email: kari@bergen.no, name: Kari Nordmann, organization: "4601", roles: [secretariat]}
  - {email: ola@voss.no, name: Ola Vik, organization: "4621", roles: [coordinator], phone: "+47 11 11 11 11"}
"""


@pytest.fixture
def db(tmp_path: Path) -> tuple[str, Path]:
    path = tmp_path / "ask.sqlite3"
    network = tmp_path / "network.yaml"
    network.write_text(NETWORK, encoding="utf-8")
    assert main(["import", str(network), "--db", f"sqlite:///{path}"]) == 0
    return f"sqlite:///{path}", path


def ask(url: str, question: str, capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    assert main(["ask", "--db", url, "--as", "kari@bergen.no", question]) == 0
    return capsys.readouterr().out


def test_a_second_ask_answers_from_the_stored_snapshot(db: tuple[str, Path], capsys) -> None:
    url, path = db
    stored = SnapshotFile(path).path("digitest")
    assert not stored.exists()
    assert "Ola Vik" in ask(url, "hvem er koordinator i Voss", capsys)
    assert stored.exists() and (stored.stat().st_mode & 0o777) == 0o600
    snap = SnapshotFile(path).load("digitest", 1)
    assert snap is not None and "questions.names" in snap.cache  # the name index is kept too
    assert "Ola Vik" in ask(url, "hvem er koordinator i Voss", capsys)


def test_after_an_import_the_coordinator_sees_the_new_data_not_the_stored_copy(tmp_path: Path, db, capsys) -> None:
    url, path = db
    assert "+47 11 11 11 11" in ask(url, "telefonnummeret til Ola Vik", capsys)
    edited = tmp_path / "edited.yaml"
    edited.write_text(NETWORK.replace("+47 11 11 11 11", "+47 22 22 22 22"), encoding="utf-8")
    assert main(["import", str(edited), "--db", url]) == 0
    answer = ask(url, "telefonnummeret til Ola Vik", capsys)
    assert "+47 22 22 22 22" in answer and "+47 11 11 11 11" not in answer


def test_a_stored_snapshot_of_another_revision_or_database_is_not_used(tmp_path: Path, db, capsys) -> None:
    url, path = db
    ask(url, "hvem er Ola Vik", capsys)
    store = SnapshotFile(path)
    assert store.load("digitest", 1) is not None
    assert store.load("digitest", 2) is None  # another revision
    assert store.load("other", 1) is None
    # the database made again at the same path: its stored snapshots are not its own
    copy = tmp_path / "copy.sqlite3"
    copy.write_bytes(path.read_bytes())
    os.replace(copy, path)
    assert SnapshotFile(path).load("digitest", 1) is None


def test_a_stored_snapshot_that_others_may_write_is_never_unpickled(db, capsys) -> None:
    url, path = db
    ask(url, "hvem er Ola Vik", capsys)
    stored = SnapshotFile(path).path("digitest")
    stored.chmod(0o666)
    assert SnapshotFile(path).load("digitest", 1) is None
    stored.chmod(0o600)
    stored.write_bytes(b"digibot-snapshot 1 forged\n" + stored.read_bytes().split(b"\n", 1)[1])
    assert SnapshotFile(path).load("digitest", 1) is None


def test_a_change_in_the_code_makes_a_new_key(tmp_path: Path) -> None:
    script = ("from storage.snapshot_file import code_version; import sys; "
              "sys.stdout.write(code_version())")
    first = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert len(first) == 64
    from storage import snapshot_file

    assert snapshot_file.code_version() == first
    snapshot_file.code_version.cache_clear()
    original = snapshot_file.CODE
    extra = tmp_path / "extra.py"
    extra.write_text("x = 1\n", encoding="utf-8")
    try:
        snapshot_file.CODE = (*original, extra)
        assert snapshot_file.code_version() != first
    finally:
        snapshot_file.CODE = original
        snapshot_file.code_version.cache_clear()
