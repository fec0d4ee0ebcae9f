"""E-mail from the channel-neutral Message (messages/render_email.py): the same words as the other channels
in HTML and plain text, escaped, Outlook-friendly, buttons as links or sentences, in nb, nn and en."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from html.parser import HTMLParser

import pytest

from messages.codec import message_from_dict, message_to_dict
from messages.i18n import LANGUAGES, t
from messages.model import Button, Field, Message
from messages.render_email import to_email, to_page
from messages.render_slack import to_blocks
from messages.render_teams import to_adaptive_cards
from messages.render_text import to_text

NOTICE = Message(
    title="Møteinnkalling: Styringsgruppemøte i Ålesund",
    text="Du er invitert.\nAgenda på https://example.no/agenda?a=1&b=2.\n\nVel møtt!",
    fields=[Field("Når", "tysdag 10. mars 2026 kl. 09.00–11.30"), Field("Kor", "Rådhuset <sal 2>")],
    items=["Budsjett 2027", "Eventuelt & annet"],
    buttons=[Button("Agenda", "open", url="https://example.no/agenda")],
    context="Kalenderfila er lagd ved.",
)


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Tags()
    parser.feed(html)
    return parser.tags


def test_the_html_says_what_the_text_says_and_escapes_everything() -> None:
    body = to_email([NOTICE], "nn")
    assert body.subject == "Møteinnkalling: Styringsgruppemøte i Ålesund"
    for words in ("Du er invitert.", "Vel møtt!", "tysdag 10. mars 2026 kl. 09.00–11.30", "Budsjett 2027"):
        assert words in body.text and words in body.html
    assert "Rådhuset &lt;sal 2&gt;" in body.html and "Eventuelt &amp; annet" in body.html
    assert "Rådhuset <sal 2>" in body.text  # plain text is not HTML
    assert '<a href="https://example.no/agenda?a=1&amp;b=2"' in body.html  # a URL in a text is a link
    assert "Agenda: https://example.no/agenda" in body.text
    assert to_text([NOTICE], "nn").split("\n")[0] == body.text.split("\n")[0]


def test_the_html_is_made_for_outlook() -> None:
    html = to_email([NOTICE, Message(text="Nummer to")], "nb").html
    found = tags(html)
    names = {tag for tag, _ in found}
    assert not names & {"img", "style", "link", "script"}  # no external images, no stylesheet
    assert all("class" not in attrs for _, attrs in found)
    assert "table" in names and all(attrs.get("role") == "presentation" for tag, attrs in found if tag == "table")
    assert all(attrs.get("style") for tag, attrs in found if tag in ("td", "p", "h1", "a"))  # inline styles
    assert 'charset=utf-8' in html and re.search(r'<html lang="nb"', html)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_one_click_buttons_are_links_and_the_survey_start_is_a_sentence(lang: str) -> None:
    message = Message(text="Er kommunen med?", buttons=[
        Button("Ja", "interest_answer", "d1:1833:yes", style="primary"),
        Button("Start", "survey_start", "ikt-2026"),
        Button("Vis mer", "something_else", "1"),
    ])
    body = to_email([message], lang, links=lambda b: f"https://bot/a/{b.value}" if b.action_id == "interest_answer"
                    else None)
    assert "Ja: https://bot/a/d1:1833:yes" in body.text and 'href="https://bot/a/d1:1833:yes"' in body.html
    assert t(lang, "email_survey_start", id="ikt-2026") in body.text
    assert t(lang, "email_button_in_chat", label="Vis mer") in body.text
    assert t(lang, "email_one_click_note") in body.text and t(lang, "email_footer", sender="digibot") in body.text
    assert "something_else" not in body.html


def test_how_to_press_a_button_is_said_where_it_is_a_button_and_left_out_of_a_mail() -> None:
    """A survey invitation tells a chat reader to press «Start»; a mail has no Start to press, so it says only
    how to answer in the chat. The hint travels through the outbox with the message."""
    invitation = message_from_dict(message_to_dict(Message(
        title="Ny undersøkelse", text="7 spørsmål, frist fredag 16. oktober.",
        buttons=[Button("Start", "survey_start", "ikt-2026", style="primary")],
        button_hint="Trykk «Start» eller skriv «svar ikt-2026» når du vil svare.")))
    hint = "Trykk «Start» eller skriv «svar ikt-2026» når du vil svare."
    assert hint in to_text([invitation], "nb")  # the console
    assert hint in json.dumps(to_blocks(invitation, "nb"), ensure_ascii=False)
    [card] = to_adaptive_cards([invitation], "nb")
    assert hint in json.dumps(card.card, ensure_ascii=False)

    mail = to_email([invitation], "nb")
    assert "«Start»" not in mail.text and "«Start»" not in mail.html
    assert t("nb", "email_survey_start", id="ikt-2026") in mail.text and "7 spørsmål" in mail.text
    assert hint not in to_text([replace(invitation, buttons=[])], "nb")  # no buttons: nothing to press


def test_each_button_gets_one_link_shared_by_the_html_and_the_text() -> None:
    made: list[str] = []

    def links(button: Button) -> str:
        made.append(button.value)
        return f"https://bot/a/{len(made)}"

    body = to_email([Message(text="?", buttons=[Button("Ja", "interest_answer", "yes")])], "nb", links=links)
    assert made == ["yes"] and "https://bot/a/1" in body.text and "https://bot/a/1" in body.html


def test_a_digest_has_its_unsubscribe_link_in_the_footer() -> None:
    body = to_email([Message(title="Oppsummering", text="To frister")], "en", unsubscribe_url="https://bot/u/x")
    assert t("en", "email_unsubscribe", url="https://bot/u/x") in body.text
    assert 'href="https://bot/u/x"' in body.html and t("en", "email_unsubscribe_link") in body.html


def test_a_message_without_title_takes_its_first_line_as_subject() -> None:
    assert to_email([Message(text="Takk, registrert som lest.\nMer")], "nb").subject == "Takk, registrert som lest."


def test_a_page_escapes_what_it_shows() -> None:
    page = to_page("nb", "Svar: «<Ja>»", ["Linje 1\nLinje 2"], action="/email/answer/x", button="Registrer")
    assert "Svar: «&lt;Ja&gt;»" in page and "Linje 1<br>Linje 2" in page
    assert '<form method="post" action="/email/answer/x">' in page
