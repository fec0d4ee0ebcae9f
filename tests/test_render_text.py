"""Plain-text renderer: what `digibot ask`, e-mails and notifications show."""

from __future__ import annotations

import random

from messages.model import Button, Field, Message
from messages.render_text import clean, shorten, slen, split_text, to_fallback_text, to_text


def meeting() -> Message:
    return Message(
        title="Møte i styringsgruppa",
        text="Neste møte er torsdag 4. desember 2026 kl. 10.00.\n\nHusk å melde på.",
        fields=[Field("Sted", "Rådhuset, Bergen"), Field("Påmeldte", "12")],
        items=["Budsjett 2027", "Felles innkjøp av sak/arkiv"],
        buttons=[Button("Meld på", "rsvp", value="m1", style="primary"), Button("Avslå", "decline"),
                 Button("Agenda", "agenda", url="https://example.org/agenda")],
        context="Sendt av sekretariatet i DigiVestland",
    )


def test_a_message_reads_as_expected() -> None:
    assert to_text([meeting()], "nb") == (
        "Møte i styringsgruppa\n"
        "Neste møte er torsdag 4. desember 2026 kl. 10.00.\n"
        "\n"
        "Husk å melde på.\n"
        "Sted: Rådhuset, Bergen\n"
        "Påmeldte: 12\n"
        "• Budsjett 2027\n"
        "• Felles innkjøp av sak/arkiv\n"
        "[Meld på] [Avslå]\n"
        "Agenda: https://example.org/agenda\n"
        "(Sendt av sekretariatet i DigiVestland)"
    )


def test_messages_are_separated_by_one_blank_line_and_empty_ones_skipped() -> None:
    messages = [Message(text="Takk, svaret er lagret."), Message(), Message(text="  \n"),
                Message(title="Neste spørsmål", buttons=[Button("Ja", "yes"), Button("Nei", "no")])]
    assert to_text(messages, "nn") == "Takk, svaret er lagret.\n\nNeste spørsmål\n[Ja] [Nei]"
    assert to_text([], "en") == ""


def test_multiline_values_are_indented_and_whitespace_tidied() -> None:
    message = Message(
        title="  Frister \n denne veka  ",
        text="\n\nFørste linje   \r\nAndre linje\n\n\n\n\nTredje avsnitt\n\n",
        fields=[Field("Adresse", "Postboks 7900\n5020 Bergen"), Field("", "utan etikett"), Field("Tom", "")],
        items=["Éin\nto", "", "  "],
        buttons=[Button("", "ghost"), Button("", "link", url="https://example.org")],
        context="Linje 1\nLinje 2",
    )
    assert to_text([message], "nn") == (
        "Frister denne veka\n"
        "Første linje\n"
        "Andre linje\n"
        "\n"
        "Tredje avsnitt\n"
        "Adresse: Postboks 7900\n"
        "  5020 Bergen\n"
        "utan etikett\n"
        "Tom:\n"
        "• Éin\n"
        "  to\n"
        "https://example.org\n"
        "(Linje 1\n"
        "Linje 2)"
    )


def test_terminal_control_sequences_are_removed() -> None:
    message = Message(title="\x1b[2JTøm skjermen\x07", text="a\x00b\tc", items=["\x1b]0;tittel\x07x"])
    assert to_text([message], "nb") == "[2JTøm skjermen\na\x00b\tc".replace("\x00", "") + "\n• ]0;tittelx"


def test_no_line_ever_has_trailing_whitespace() -> None:
    rng = random.Random(3)
    alphabet = list("abc æøå  \t") + ["\n", "\r\n", "\n\n\n", " \n", "\x1b", "\u2028"]
    for _ in range(200):
        def text() -> str:
            return "".join(rng.choices(alphabet, k=rng.randint(0, 40)))

        buttons = [Button(text(), "a", url=rng.choice([None, text()])) for _ in range(2)]
        message = Message(title=text(), text=text(), fields=[Field(text(), text()) for _ in range(3)],
                          items=[text() for _ in range(3)], buttons=buttons, context=text())
        rendered = to_text([message, message], "nb")
        assert all(line == line.rstrip() for line in rendered.split("\n"))
        assert "\x1b" not in rendered and "\r" not in rendered and "\n\n\n" not in rendered
        assert rendered == rendered.strip()


def test_fallback_text_is_a_short_summary() -> None:
    assert to_fallback_text(meeting()) == "Møte i styringsgruppa\nNeste møte er torsdag 4. desember 2026 kl. 10.00."
    assert to_fallback_text(Message(items=["Bergen", "Voss"], context="3 kommunar")) == "• Bergen\n• Voss"
    assert to_fallback_text(Message(fields=[Field("Frist", "1. mars")])) == "Frist: 1. mars"
    assert to_fallback_text(Message(buttons=[Button("Svar", "answer")])) == "Svar"
    assert to_fallback_text(Message()) == ""
    long = to_fallback_text(Message(title="Ord " * 100, text="x" * 1000))
    first, second = long.split("\n")
    assert len(first) <= 150 and first.endswith("Ord…") and second == "x" * 149 + "…"


def test_helpers() -> None:
    assert clean(" a \r\n\r\n\r\n b\t\n") == " a\n\n b"
    assert slen("æøå") == 3 and slen("😀") == 2
    assert shorten("kort", 10) == "kort"
    assert shorten("eit ganske langt ord her", 12) == "eit ganske…"
    assert shorten("abc", 0) == ""
    text = "Avsnitt ein.\n\nAvsnitt to er lengre enn grensa tillet her."
    pieces = split_text(text, 20)
    assert all(slen(p) <= 20 for p in pieces)
    assert " ".join(" ".join(pieces).split()) == " ".join(text.split())
    assert split_text("x" * 45, 20) == ["x" * 20, "x" * 20, "x" * 5]
