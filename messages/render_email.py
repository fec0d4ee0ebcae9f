"""E-mail (HTML and plain text) from the channel-neutral Message, through Jinja2 templates (messages/templates).

    body = to_email(messages, "nb", links=one_click_url, sender="DigiVestland", unsubscribe_url=...)
    body.subject, body.text, body.html        # the two halves of a multipart/alternative mail

The HTML is made for Outlook as much as for webmail: tables for layout, every style inline, no external
images, no CSS classes, buttons drawn as table cells around a link. Every text is escaped (autoescape);
http(s) URLs in texts become links. The plain text is what render_text shows, with links written out.

A button cannot be pressed in a mail, so each becomes what `BUTTON_RULES` makes of it, the first that
applies: a button with a URL is a link; a button the channel can answer with one click (`links` gives a
URL, a signed link to a confirmation page) is a link; the survey's Start button is a sentence saying how to
answer in the chat; any other button is a sentence naming it and pointing to the chat. The message's
button hint (Message.button_hint: "Trykk «Start» ...") is left out, since no button here can be pressed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

import jinja2

from messages.i18n import t
from messages.model import Button, Message
from messages.render_text import clean, message_lines, one_line, shorten, to_fallback_text

SUBJECT_LENGTH = 150
SURVEY_START = "survey_start"  # the survey invitation's Start button (handlers/surveys)
_URL = re.compile(r"(https?://[^\s<>\"]+)")
_URL_TRAILING = ".,;:!?)'"
BUTTON_COLORS = {"primary": "#1d4ed8", "danger": "#b91c1c", None: "#374151"}

ButtonLinks = Callable[[Button], str | None]  # a one-click URL for a button, or None


def no_links(button: Button) -> str | None:
    return None


@dataclass(frozen=True)
class EmailBody:
    subject: str
    text: str
    html: str
    preheader: str = ""


@dataclass(frozen=True)
class Part:
    """A piece of a line: text, or a link."""

    text: str
    url: str | None = None


@dataclass(frozen=True)
class LinkView:
    label: str
    url: str
    color: str


@dataclass
class MessageView:
    """One message as the HTML template draws it."""

    title: str
    paragraphs: list[list[list[Part]]] = field(default_factory=list)
    fields: list[dict[str, Any]] = field(default_factory=list)
    items: list[list[list[Part]]] = field(default_factory=list)
    links: list[LinkView] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    context: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------- what a button becomes


@dataclass(frozen=True)
class ButtonAs:
    """A button as a mail shows it: a link, or a sentence."""

    link: LinkView | None = None
    note: str | None = None


def _url_button(button: Button, lang: str, links: ButtonLinks) -> ButtonAs | None:
    url = one_line(button.url)
    return ButtonAs(link=LinkView(one_line(button.label) or url, url, BUTTON_COLORS["primary"])) if url else None


def _one_click_button(button: Button, lang: str, links: ButtonLinks) -> ButtonAs | None:
    url = links(button)
    return ButtonAs(link=LinkView(one_line(button.label), url, BUTTON_COLORS[button.style])) if url else None


def _survey_start_button(button: Button, lang: str, links: ButtonLinks) -> ButtonAs | None:
    if button.action_id != SURVEY_START:
        return None
    return ButtonAs(note=t(lang, "email_survey_start", id=one_line(button.value)))


def _chat_only_button(button: Button, lang: str, links: ButtonLinks) -> ButtonAs | None:
    label = one_line(button.label)
    return ButtonAs(note=t(lang, "email_button_in_chat", label=label)) if label else None


BUTTON_RULES: tuple[Callable[[Button, str, ButtonLinks], ButtonAs | None], ...] = (
    _url_button, _one_click_button, _survey_start_button, _chat_only_button,
)


def button_as(button: Button, lang: str, links: ButtonLinks = no_links) -> ButtonAs:
    for rule in BUTTON_RULES:
        shown = rule(button, lang, links)
        if shown is not None:
            return shown
    return ButtonAs()


# ---------------------------------------------------------------------- texts into parts


def _parts(line: str) -> list[Part]:
    """A line with its http(s) URLs as links (trailing punctuation stays text)."""
    parts: list[Part] = []
    last = 0
    for match in _URL.finditer(line):
        url = match.group(1).rstrip(_URL_TRAILING)
        start, end = match.start(1), match.start(1) + len(url)
        if start > last:
            parts.append(Part(line[last:start]))
        parts.append(Part(url, url))
        last = end
    if last < len(line):
        parts.append(Part(line[last:]))
    return parts


def _lines(text: str | None) -> list[list[Part]]:
    body = clean(text)
    return [_parts(line) for line in body.split("\n")] if body.strip() else []


def _paragraphs(text: str | None) -> list[list[list[Part]]]:
    return [_lines(p) for p in clean(text).split("\n\n") if p.strip()]


def message_view(message: Message, lang: str, links: ButtonLinks = no_links) -> MessageView:
    view = MessageView(title=one_line(message.title), paragraphs=_paragraphs(message.text))
    for item in message.fields:
        label, lines = one_line(item.label), _lines(item.value)
        if label or lines:
            view.fields.append({"label": label, "lines": lines})
    view.items = [lines for item in message.items if (lines := _lines(item))]
    for button in message.buttons:
        shown = button_as(button, lang, links)
        if shown.link is not None:
            view.links.append(shown.link)
        elif shown.note:
            view.notes.append(shown.note)
    context = clean(message.context)
    view.context = context.split("\n") if context.strip() else []
    return view


def message_text(message: Message, lang: str, links: ButtonLinks = no_links) -> str:
    """One message as plain text: render_text's lines, the buttons as "label: URL" lines or sentences."""
    lines = message_lines(replace(message, buttons=[], context=None, button_hint=None))
    for button in message.buttons:
        shown = button_as(button, lang, links)
        if shown.link is not None:
            lines.append(f"{shown.link.label}: {shown.link.url}" if shown.link.label else shown.link.url)
        elif shown.note:
            lines.append(shown.note)
    context = clean(message.context)
    if context.strip():
        lines.extend(["", *context.split("\n")])
    return "\n".join(lines).strip("\n")


def _once(links: ButtonLinks) -> ButtonLinks:
    known: dict[tuple[str, str, str], str | None] = {}

    def link(button: Button) -> str | None:
        key = (button.action_id, button.value, button.label)
        if key not in known:
            known[key] = links(button)
        return known[key]

    return link


# ---------------------------------------------------------------------- the templates


@cache
def environment() -> jinja2.Environment:
    """Templates from messages/templates; HTML ones autoescaped, the plain-text one not."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("messages", "templates"),
        autoescape=lambda name: name is None or not name.endswith(".txt.j2"),
        trim_blocks=False, lstrip_blocks=False, keep_trailing_newline=True, undefined=jinja2.StrictUndefined,
    )


def subject_of(messages: Sequence[Message]) -> str:
    """The first title, else the first line the messages show, on one line."""
    for message in messages:
        title = one_line(message.title)
        if title:
            return shorten(title, SUBJECT_LENGTH)
    first = next((to_fallback_text(m) for m in messages if to_fallback_text(m)), "")
    return shorten(one_line(first.split("\n")[0]), SUBJECT_LENGTH)


def to_email(messages: Sequence[Message], lang: str, *, links: ButtonLinks = no_links, sender: str = "digibot",
             unsubscribe_url: str | None = None) -> EmailBody:
    """The subject, plain text and HTML of one mail holding `messages` (in `lang`: the footer's words).
    `links` is asked once per button: the HTML and the text carry the same link."""
    links = _once(links)
    footer = [t(lang, "email_footer", sender=sender)]
    if any(links(b) for m in messages for b in m.buttons if not b.url):
        footer.insert(0, t(lang, "email_one_click_note"))
    subject = subject_of(messages)
    preheader = next((one_line(line) for m in messages for line in clean(m.text).split("\n") if line.strip()), "")
    env = environment()
    html = env.get_template("email.html.j2").render(
        lang=lang, subject=subject, preheader=shorten(preheader, SUBJECT_LENGTH), footer=footer,
        messages=[message_view(m, lang, links) for m in messages],
        unsubscribe={"url": unsubscribe_url, "label": t(lang, "email_unsubscribe_link")} if unsubscribe_url else None,
    )
    text = env.get_template("email.txt.j2").render(
        messages=[text for m in messages if (text := message_text(m, lang, links))], footer=footer,
        unsubscribe=t(lang, "email_unsubscribe", url=unsubscribe_url) if unsubscribe_url else None,
    )
    return EmailBody(subject=subject, text=text, html=html, preheader=preheader)


def to_page(lang: str, title: str, paragraphs: Sequence[str], *, action: str | None = None,
            button: str | None = None) -> str:
    """A small web page (a link's confirmation or outcome), with a POST form when `action` is given."""
    return environment().get_template("page.html.j2").render(
        lang=lang, title=title, paragraphs=[clean(p).split("\n") for p in paragraphs if clean(p).strip()],
        form={"action": action, "button": button} if action else None,
    )


def messages_as_paragraphs(messages: Sequence[Message], lang: str) -> list[str]:
    """What the bot answered, as plain paragraphs for a page (its buttons are not offered there)."""
    return [text for m in messages if (text := message_text(replace(m, buttons=[]), lang))]
