"""`digibot chat` scripted: a whole survey typed into a piped stdin, buttons pressed by their number or label
(DESIGN.md "Command line": stdin that is not a terminal is read line by line)."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from datetime import datetime

from sqlalchemy import select

from messages.model import Button, Message
from storage.db import make_engine, make_sessionmaker
from storage.models import Person
from storage.outbox import Planned, enqueue
from tests.survey_chat_world import KARI, NETWORK
from tests.testbot import ROOT

SCRIPT = """svar
1
ca. 4,5
5 – transformert
2
WebSak
1
Hardanger IKT
Ferdig
17.10.2025
tilbake
1.3.2025
hopp over
endre 3
ja
send
"""


def run(*args: str, stdin: str = "") -> str:
    done = subprocess.run([sys.executable, "-m", "bot.cli", *args], input=stdin, capture_output=True, text=True,
                          cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_kari_answers_a_whole_survey_in_a_scripted_terminal_chat(tmp_path) -> None:
    db = f"sqlite:///{tmp_path / 'chat.sqlite3'}"
    run("import", str(ROOT / NETWORK), "--db", db)

    out = run("chat", "--db", db, "--as", KARI, "--now", "2026-10-05T10:00", stdin=SCRIPT)

    assert "[1] IKT-status 2026" in out  # the `svar` list's button, pressed by typing 1
    assert "Spørsmål 1 av 7" in out and "Lagret: 4,5" in out
    assert "[1] 1 – minimalt   [2] 2   [3] 3   [4] 4   [5] 5 – transformert" in out
    assert "Lagret: 5 – transformert" in out and "Lagret: Nei" in out and "Lagret: WebSak" in out
    assert "[1] ✓ Vestlandsdigi   [2] Hardanger IKT   [3] Anna   [4] Ferdig" in out
    assert "Lagret: Vestlandsdigi, Hardanger IKT" in out
    assert "Svar nå: 17. oktober 2025" in out  # "tilbake" showed the date given
    summary = out[out.rindex("Oppsummering: IKT-status 2026"):]
    for line in ("1. Hvor mange årsverk arbeider med IKT?: 4,5", "3. Bruker kommunen skytjenester?: Ja",
                 "5. Hvilke samarbeid er dere med i?: Vestlandsdigi, Hardanger IKT",
                 "6. Når vedtok kommunen digitaliseringsstrategien?: 1. mars 2025",
                 "7. Hvilke utfordringer har kommunen?: ikke besvart"):
        assert line in summary, line
    assert "Takk! Svaret på «IKT-status 2026» er sendt inn." in out

    again = run("chat", "--db", db, "--as", KARI, "--now", "2026-10-06T10:00", stdin="svar ikt-2026\n")
    assert "Sendt inn 5. oktober 2026 kl. 10.00 av Kari Vossevangen." in again


async def _invite(db: str, email: str) -> None:
    """An invitation in the outbox, as the survey's opening plans it: a Start button (`survey_start`, the id)."""
    engine = make_engine(db)
    try:
        async with engine.connect() as conn:
            person_id, network_id = (await conn.execute(select(Person.id, Person.network_id)
                                                        .where(Person.email == email))).one()
        async with make_sessionmaker(engine)() as session:
            now = datetime.fromisoformat("2026-10-01T09:00+02:00")
            invitation = Message(title="IKT-status 2026", text="Svar innen 16. oktober.",
                                 buttons=[Button("Start", "survey_start", "ikt-2026", style="primary")],
                                 button_hint="Trykk «Start» eller skriv «svar ikt-2026».")
            await enqueue(session, network_id, [Planned("test:invitation", "survey_invitation", person_id, email,
                                                        "email", "nb", invitation, now)], now)
            await session.commit()
    finally:
        await engine.dispose()


def test_the_start_button_of_an_invitation_is_pressed_by_typing_its_number(tmp_path) -> None:
    db = f"sqlite:///{tmp_path / 'chat.sqlite3'}"
    run("import", str(ROOT / NETWORK), "--db", db)
    asyncio.run(_invite(db, KARI))

    out = run("chat", "--db", db, "--as", KARI, "--now", "2026-10-05T10:00", stdin="1\n")

    # the hint says how to press: the Start button is a numbered choice here
    invitation = out.index("IKT-status 2026\nSvar innen 16. oktober.\n\nTrykk «Start» eller skriv «svar ikt-2026».\n"
                           "[1] Start")
    assert out.index("Spørsmål 1 av 7", invitation) > invitation
