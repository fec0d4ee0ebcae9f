"""`digibot announce`: the secretariat previews, confirms and sends from the command line; others are refused."""

from __future__ import annotations

import asyncio
import builtins
import io
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.cli import main
from storage.db import make_engine, make_sessionmaker
from storage.importer import import_network
from storage.migrate import upgrade
from storage.models_notify import Announcement, OutboxMessage
from tests.test_announce import EVA, HANNE, KARI, NETWORK_FILE, OLA, PER

NOW = "2026-12-01T10:00"


@pytest.fixture
def db(tmp_path: Path) -> str:
    """A SQLite file with DigiTest imported."""
    url = f"sqlite:///{tmp_path / 'digibot.sqlite3'}"

    async def setup() -> None:
        engine = make_engine(url)
        await upgrade(engine)
        async with make_sessionmaker(engine)() as session:
            await import_network(session, NETWORK_FILE)
            await session.commit()
        await engine.dispose()

    asyncio.run(setup())
    return url


@pytest.fixture
def text(tmp_path: Path) -> Path:
    path = tmp_path / "melding.md"
    path.write_text("Styringsgruppa møtest 10. desember.\n\nSakliste kjem.", encoding="utf-8")
    return path


def stored(url: str) -> tuple[int, list[tuple[str, str, str]]]:
    """How many announcements, and the outbox rows (recipient, channel, due) in the database."""

    async def read() -> tuple[int, list[tuple[str, str, str]]]:
        engine = make_engine(url)
        async with make_sessionmaker(engine)() as session:
            count = int(await session.scalar(select(func.count()).select_from(Announcement)) or 0)
            rows = (await session.scalars(select(OutboxMessage).order_by(OutboxMessage.recipient))).all()
            found = [(r.recipient, r.channel, r.due_at.isoformat()) for r in rows]
        await engine.dispose()
        return count, found

    return asyncio.run(read())


def announce(db: str, *args: str) -> int:
    return main(["announce", "--db", db, "--now", NOW, *args])


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_without_yes_and_without_a_terminal_it_previews_and_sends_nothing(db, text, capsys) -> None:
    code = announce(db, "--as", HANNE, "--audience", "roles=chief_executive", "--file", str(text), "--confirm")

    out = capsys.readouterr().out
    assert code == 0
    assert out.startswith("Førehandsvising\nKunngjeringa går til 3 mottakarar. Under ser du ho slik mottakarane "
                          "får ho.\nMålgruppe: Roller: Kommunedirektør\nBlir send: No\nLesestadfesting: Ja\n"
                          "Kanalar: Slack 1, Teams 1, e-post 1\n\n")
    assert "Kunngjering frå DigiTest\nStyringsgruppa møtest 10. desember.\n\nSakliste kjem.\n[Lest]\n" in out
    assert out.rstrip().endswith("Ingenting er sendt. Køyr kommandoen på nytt med --yes for å sende.")
    assert stored(db) == (0, [])


def test_with_yes_it_sends_and_says_how_to_see_the_report(db, text, capsys) -> None:
    code = announce(db, "--as", HANNE, "--audience", "roles=chief_executive", "--file", str(text), "--yes")

    out = capsys.readouterr().out.rstrip().splitlines()
    assert code == 0
    assert out[-2] == "Kunngjering #1 er lagd i køen til 3 mottakarar og blir send no."
    assert out[-1] == f"Rapport: digibot ask --as {HANNE} --db {db} 'rapport 1'"
    assert stored(db) == (1, [(KARI, "slack", "2026-12-01T09:00:00+00:00"), (OLA, "teams", "2026-12-01T09:00:00+00:00"),
                              (PER, "email", "2026-12-01T09:00:00+00:00")])

    assert main(["ask", "--db", db, "--as", HANNE, "--now", NOW, "rapport 1"]) == 0
    report = capsys.readouterr().out
    assert report.startswith("Rapport for kunngjering #1\nKunngjering frå DigiTest\nMottakarar: 3\nLevert: 0\n")


def test_on_a_terminal_it_asks_first(db, text, capsys, monkeypatch) -> None:
    answers = iter(["", "j"])
    prompts: list[str] = []
    monkeypatch.setattr(sys, "stdin", Terminal())
    monkeypatch.setattr(builtins, "input", lambda prompt: prompts.append(prompt) or next(answers))
    args = ["--as", HANNE, "--audience", "groups=styringsgruppe", "--file", str(text), "--title", "Møte"]

    assert announce(db, *args) == 0  # Enter means no
    assert stored(db) == (0, [])
    assert announce(db, *args) == 0  # "j" means yes
    assert prompts == ["Send? [j/N] "] * 2
    assert [row[0] for row in stored(db)[1]] == [KARI, OLA]
    assert "Kunngjering #1 er lagd i køen til 2 mottakarar" in capsys.readouterr().out


def test_a_later_time_is_the_networks_local_time(db, text, capsys) -> None:
    code = announce(db, "--as", HANNE, "--audience", "regions=Sogn", "--file", str(text), "--at", "2026-12-02T09:00",
                    "--yes")

    assert code == 0
    assert "Blir send: 2. desember 2026 kl. 09.00" in capsys.readouterr().out
    assert stored(db)[1] == [("eva@sogndal.kommune.no", "email", "2026-12-02T08:00:00+00:00"),
                             (OLA, "teams", "2026-12-02T08:00:00+00:00")]


def test_someone_outside_the_secretariat_is_refused_and_nothing_is_written(db, text, capsys) -> None:
    code = announce(db, "--as", EVA, "--audience", "roles=chief_executive", "--file", str(text), "--yes")

    captured = capsys.readouterr()
    assert code == 1 and captured.out == ""
    assert captured.err.startswith("digibot: Sorry, only the secretariat can send announcements")
    assert stored(db) == (0, [])


@pytest.mark.parametrize(("content", "args", "message"), [
    ("  \n", [], "Kunngjeringa har ingen tekst. Skriv noko før du sender."),
    ("x" * 3001, [], "Teksten er for lang: 3001 teikn, men høgst 3000 teikn er lov i ei kunngjering."),
    ("Hei", ["--audience", "rolle=koordinator"], "Ukjend målgruppe «rolle». Bruk «roles», «groups»"),
    ("Hei", ["--audience", "roles=koordinator"], "Ukjend rolle: «koordinator». Rollene er «chief_executive» "
                                                 "(Kommunedirektør), «coordinator» (Koordinator)"),
    ("Hei", ["--audience", "groups=styret"], "Ukjend gruppe: «styret». Gruppene i DigiTest er «styringsgruppe» "
                                             "(Styringsgruppa)."),
    ("Hei", ["--audience", "regions=Hardanger"], "Ukjend region: «Hardanger». Regionane i DigiTest er "
                                                 "«Bergensregionen», «Nordhordland», «Sogn» og «Sunnfjord»."),
    ("Hei", ["--audience", "organizations=9999"], "Ukjend organisasjon: «9999». Bruk nøkkelen frå nettverksfila, "
                                                  "til dømes «4601» (Bergen), «4602» (Kinn), «4629» (Modalen) og "
                                                  "«4640» (Sogndal)."),
    ("Hei", ["--at", "2026-11-30T09:00"], "Sendetidspunktet 30. november 2026 kl. 09.00 har alt vore."),
    ("Hei", ["--at", "i morgon"], "Forstår ikkje tidspunktet «i morgon»."),
], ids=["empty", "too long", "unknown key", "unknown role", "unknown group", "unknown region", "unknown organization",
        "in the past", "not a time"])
def test_bad_input_is_named_in_the_authors_language_and_sends_nothing(db, tmp_path, capsys, content, args,
                                                                      message) -> None:
    path = tmp_path / "text.md"
    path.write_text(content, encoding="utf-8")

    code = announce(db, "--as", HANNE, "--file", str(path), "--yes", *args)

    captured = capsys.readouterr()
    assert code == 1 and captured.out == ""
    assert captured.err.startswith(f"digibot: {message}")
    assert stored(db) == (0, [])


def test_a_missing_or_unreadable_file_is_an_error(db, tmp_path, capsys) -> None:
    assert announce(db, "--as", HANNE, "--file", str(tmp_path / "nowhere.md"), "--yes") == 2
    assert "no such file" in capsys.readouterr().err
    latin1 = tmp_path / "latin1.md"
    latin1.write_bytes("Møte".encode("latin-1"))
    assert announce(db, "--as", HANNE, "--file", str(latin1), "--yes") == 2
    assert "not UTF-8" in capsys.readouterr().err
    assert stored(db) == (0, [])
