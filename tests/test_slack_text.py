"""Slack's message markup turned back into what the person typed, before the handlers see it."""

from __future__ import annotations

import pytest

from bot.channels.slack.text import plain_text

BOT = "U0BOT"


@pytest.mark.parametrize(
    ("slack_text", "typed"),
    [
        ("<@U0BOT> hvem er koordinator i Askøy?", "hvem er koordinator i Askøy?"),
        ("hei <@U0BOT>, hjelp", "hei , hjelp"),
        ("<@U0BOT|digibot>   hjelp  ", "hjelp"),
        ("<@U0BOT>: hvem leder DigiHelse?", "hvem leder DigiHelse?"),
        ("<@U0BOT>, hjelp", "hjelp"),
        ("hva vet du om <@U0KARI>?", "hva vet du om <@U0KARI>?"),
        ("hva vet du om <@U0KARI|kari>?", "hva vet du om @kari?"),
        ("møtet i <#C0GENERAL|general>", "møtet i #general"),
        ("<!here> frister", "@here frister"),
        ("se <https://example.org/agenda|agendaen> og <https://example.org>", "se agendaen og https://example.org"),
        ("<mailto:kari@askoy.kommune.no|kari@askoy.kommune.no>", "kari@askoy.kommune.no"),
        ("<mailto:kari@askoy.kommune.no>", "kari@askoy.kommune.no"),
        ("Hva betaler Stord &amp; Fitjar? &lt;3 &gt;", "Hva betaler Stord & Fitjar? <3 >"),
        ("&amp;lt;", "&lt;"),  # a typed "&lt;" stays as typed
        ("første linje\n\n  andre   linje ", "første linje\nandre linje"),
        ("<@U0BOT>", ""),
        ("", ""),
    ],
)
def test_slack_markup_becomes_plain_words(slack_text: str, typed: str) -> None:
    assert plain_text(slack_text, BOT) == typed


def test_without_knowing_the_bot_every_mention_is_kept() -> None:
    assert plain_text("<@U0BOT> hjelp", None) == "<@U0BOT> hjelp"
    assert plain_text(None, BOT) == ""
