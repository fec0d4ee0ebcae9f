"""`hjelp` shows example questions about the asker's own network, in the asker's language, and every
example is one the bot answers there (Digitale Helgeland, tests/fixtures/network_helgeland.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from messages.i18n import catalog, t

ROOT = Path(__file__).resolve().parent.parent
NETWORK = ROOT / "tests" / "fixtures" / "network_helgeland.yaml"
INGRID = "ingrid.sandnes@digihelgeland.no"  # secretariat, profile nb
EMILY = "emily.carter@rana.kommune.no"  # coordinator in Rana, profile en
MARIT = "marit.strand@traena.kommune.no"  # rådmann in Træna, no language in her profile
NOW = "2026-12-01T10:00"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('help') / 'digibot.sqlite3'}"
    assert main(["import", str(NETWORK), "--db", url]) == 0
    return url


def ask(db: str, capsys: pytest.CaptureFixture[str], question: str, *args: str) -> str:
    capsys.readouterr()
    assert main(["ask", "--db", db, "--now", NOW, *args, question]) == 0
    return capsys.readouterr().out


def examples(help_text: str) -> list[str]:
    return [line[2:] for line in help_text.splitlines() if line.startswith("• ")]


@pytest.mark.parametrize(("who", "lang"), [(INGRID, "nb"), (EMILY, "en"), (MARIT, "nn")])
def test_the_help_asks_about_this_network_and_the_bot_answers_every_example(db, capsys, who, lang) -> None:
    shown = ask(db, capsys, "hjelp", "--as", who, "--lang", lang)
    lines = examples(shown)
    assert shown.startswith(t(lang, "help_title"))
    assert len(lines) >= 8
    for demo_name in ("Bergen", "Askøy", "Voss", "Stord", "DigiHelse"):  # the demo network's names
        assert demo_name not in shown
    assert any("Vefsn" in line or "Rana" in line or "Træna" in line for line in lines)
    assert lines[-2:] == [t(lang, "help_example_answer"), t(lang, "help_example_calendar")]
    cannot = [catalog()[key][lang].split("{")[0] for key in ("q_unknown", "q_unknown_name")]
    for question in lines[:-2]:
        answer = ask(db, capsys, question, "--as", who, "--lang", lang)
        assert answer.strip() and not any(answer.startswith(no) for no in cannot), (question, answer)
        assert not answer.startswith(t(lang, "help_title")), question


def test_the_askers_own_municipality_comes_first(db, capsys) -> None:
    """Marit is rådmann in Træna: the first example asks about Træna, the next about the largest member."""
    lines = examples(ask(db, capsys, "hjelp", "--as", MARIT, "--lang", "nn"))
    assert lines[0] == "Kven er kommunedirektør i Træna?"
    assert lines[1] == "Kven er koordinator i Rana?"


@pytest.mark.parametrize(("who", "lang", "word"), [(INGRID, "nb", "svar"), (EMILY, "en", "answer"),
                                                   (MARIT, "nn", "svar")])
def test_the_help_names_the_word_that_lists_what_waits_for_an_answer(db, capsys, who, lang, word) -> None:
    """The help tells how to answer surveys and calls for interest; the word it names is the one that works."""
    line = examples(ask(db, capsys, "help", "--as", who, "--lang", lang))[-2]
    assert line.startswith(f"{word} (") and f"{word} <id>" in line
    assert ("undersøk" if lang != "en" else "surveys") in line
    listed = ask(db, capsys, word, "--as", who, "--lang", lang)
    assert listed.startswith((t(lang, "waiting_title"), t(lang, "waiting_none"))), listed
