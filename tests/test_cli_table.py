"""The command line as one table (bot/cli/__init__.py COMMANDS): every command of the contract in
DESIGN.md "Command line" is there with its options, and each command imports only what it needs."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import COMMANDS, build_parser, main

ROOT = Path(__file__).resolve().parent.parent
NETWORK = ROOT / "tests" / "fixtures" / "network_helgeland.yaml"
INGRID = "ingrid.sandnes@digihelgeland.no"  # secretariat, profile nb

CONTRACT = {  # command: the options DESIGN.md promises
    "import": ["--db", "--prune"],
    "ask": ["--db", "--as", "--lang", "--now"],
    "chat": ["--db", "--as", "--now"],
    "run": [],
    "migrate": ["--db"],
    "plan": ["--db", "--from", "--to", "--json", "--now"],
    "outbox": ["--db", "--status", "--failed", "--limit"],
    "announce": ["--db", "--as", "--audience", "--file", "--title", "--at", "--confirm", "--yes", "--now"],
    "demo": ["--db", "--file"],
    "survey": ["list", "open", "close", "status", "report"],  # each action's options: tests/test_cli_survey.py
    "teams-package": ["--out"],
    "interest": ["status"],
}


@pytest.mark.parametrize("command", sorted(CONTRACT))
def test_an_operator_sees_each_command_with_the_options_of_the_contract(command: str, capsys) -> None:
    with pytest.raises(SystemExit) as done:
        main([command, "--help"])
    assert done.value.code == 0
    usage = capsys.readouterr().out
    assert usage.startswith(f"usage: digibot {command}")
    for option in CONTRACT[command]:
        assert option in usage, (command, option)


def test_the_table_lists_every_command_once_and_each_module_has_its_two_functions() -> None:
    assert [c.name for c in COMMANDS] == list(dict.fromkeys(c.name for c in COMMANDS))
    assert set(CONTRACT) == {c.name for c in COMMANDS}
    parser = build_parser()  # every module: add_arguments and run
    for command in COMMANDS:
        args = parser.parse_args([command.name, *(["x"] if command.name in ("import", "ask") else []),
                                  *(["--from", "2026-01-01", "--to", "2026-01-02"] if command.name == "plan" else []),
                                  *(["--file", "x"] if command.name == "announce" else []),
                                  *(["list"] if command.name == "survey" else []),
                                  *(["status", "x"] if command.name == "interest" else [])])
        assert callable(args.run) and args.run.__module__ == f"bot.cli.{command.module}"


def test_a_secretary_chats_in_the_terminal_with_a_fixed_clock(tmp_path, monkeypatch, capsys) -> None:
    """`digibot chat --now` (the contract): "frister i dag" at 10:00 on 9 December shows that day's deadlines,
    the 08:00 one as passed."""
    db = f"sqlite:///{tmp_path / 'chat.sqlite3'}"
    assert main(["import", str(NETWORK), "--db", db]) == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO("frister i dag\nquit\n"))
    capsys.readouterr()
    assert main(["chat", "--db", db, "--as", INGRID, "--now", "2026-12-09T10:00"]) == 0
    out = capsys.readouterr().out
    assert "kl. 08.00 – Svar på kartlegging av skytjenester (kontakt: Ingrid Sandnes) (gått ut)" in out
    assert "kl. 15.00 – Innspill til handlingsplan 2027 (kontakt: Kjell Mo)\n" in out


def test_ask_loads_no_other_command(tmp_path) -> None:
    """`digibot ask` stays quick: the modules of the other commands (the service, the outbox, the planner
    preview, the demo network) are not imported."""
    db = f"sqlite:///{tmp_path / 'ask.sqlite3'}"
    assert main(["import", str(NETWORK), "--db", db]) == 0
    script = ("import sys\nfrom bot.cli import main\n"
              f"code = main(['ask', '--db', {db!r}, '--as', {INGRID!r}, 'hjelp'])\n"
              "print(sorted(m for m in sys.modules if m.startswith(('bot.cli.', 'bot.service', 'bot.web'))))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=60,
                          check=True)
    loaded = done.stdout.strip().splitlines()[-1]
    assert loaded == "['bot.cli.ask', 'bot.cli.common']"
