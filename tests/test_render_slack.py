"""Block Kit renderer: every payload is parsed and validated by slack_sdk's models and checked against
Slack's limits explicitly (block counts, text lengths in UTF-16 units, unique action_ids)."""

from __future__ import annotations

import json
import random
import re

import pytest
from slack_sdk.models.blocks import Block, BlockElement
from slack_sdk.models.views import View

from messages.model import Button, Field, Message
from messages.render_slack import (
    SlackPayload,
    base_action_id,
    to_blocks,
    to_home_view,
    to_slack_messages,
)


def units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


LINK = re.compile(r"<https?://[^<>\s|]+>")
ENTITY = re.compile(r"&(?!amp;|lt;|gt;)")


def check_mrkdwn(obj: dict, limit: int) -> None:
    assert obj["type"] == "mrkdwn"
    text = obj["text"]
    assert text.strip(), "empty text"
    assert units(text) <= limit
    assert obj.get("verbatim") is True
    unlinked = LINK.sub("", text)
    assert "<" not in unlinked and ">" not in unlinked, text
    assert not ENTITY.search(text), text


def check_plain(obj: dict, limit: int) -> None:
    assert obj["type"] == "plain_text"
    assert obj["text"].strip()
    assert units(obj["text"]) <= limit


def text_total(node: object) -> int:
    """All the text in blocks: what Slack's undocumented per-post total (msg_blocks_too_long) counts."""
    if isinstance(node, str):
        return units(node)
    if isinstance(node, list):
        return sum(map(text_total, node))
    if isinstance(node, dict):
        return sum(text_total(v) for k, v in node.items() if k not in ("type", "style"))
    return 0


def check_blocks(blocks: list[dict], max_blocks: int = 50, max_text: int = 10_000) -> None:
    assert 0 < len(blocks) <= max_blocks
    assert text_total(blocks) <= max_text
    action_ids: list[str] = []
    for block in blocks:
        parsed = Block.parse(block)
        assert parsed is not None and parsed.type == block["type"]
        parsed.validate_json()
        assert parsed.to_dict() == block  # to_dict validates the nested objects as well
        kind = block["type"]
        if kind == "header":
            check_plain(block["text"], 150)
        elif kind == "section":
            assert ("text" in block) != ("fields" in block)
            if "text" in block:
                check_mrkdwn(block["text"], 3000)
            else:
                assert 0 < len(block["fields"]) <= 10
                for item in block["fields"]:
                    check_mrkdwn(item, 2000)
        elif kind == "actions":
            assert 0 < len(block["elements"]) <= 25
            for element in block["elements"]:
                BlockElement.parse(element).validate_json()
                check_plain(element["text"], 75)
                assert 0 < len(element["action_id"]) <= 255
                assert len(element.get("value", "")) <= 2000
                assert len(element.get("url", "")) <= 3000
                action_ids.append(element["action_id"])
        elif kind == "context":
            assert 0 < len(block["elements"]) <= 10
            for element in block["elements"]:
                check_mrkdwn(element, 2000)
        else:
            assert kind == "divider"
    assert len(action_ids) == len(set(action_ids)), "action_ids must be unique within a message"


def check_payloads(payloads: list[SlackPayload]) -> None:
    assert len(payloads) <= 3
    for payload in payloads:
        check_blocks(payload.blocks)
        json.dumps({"text": payload.text, "blocks": payload.blocks}, ensure_ascii=False).encode("utf-8")
        assert payload.text.strip() and units(payload.text) <= 3000
        assert "<" not in payload.text and ">" not in payload.text
        assert not ENTITY.search(payload.text)


def check_home(view: dict) -> None:
    View(**view).validate_json()
    assert view["type"] == "home"
    check_blocks(view["blocks"], 100, 24_000)


def section_texts(blocks: list[dict]) -> list[str]:
    return [b["text"]["text"] for b in blocks if b["type"] == "section" and "text" in b]


def all_blocks(payloads: list[SlackPayload]) -> list[dict]:
    return [block for payload in payloads for block in payload.blocks]


def test_small_message_with_everything() -> None:
    message = Message(
        title="Møte i styringsgruppa",
        text="Neste møte er torsdag.\n\nSe https://example.org/agenda?a=1&b=2.",
        fields=[Field("Sted", "Bergen"), Field("Tid", "kl. 10.00")],
        items=["Budsjett 2027", "Felles innkjøp"],
        buttons=[Button("Meld på", "rsvp", value="m1", style="primary"),
                 Button("Agenda", "agenda", url="https://example.org/agenda")],
        context="Sendt av sekretariatet",
    )
    blocks = to_blocks(message, "nb")
    check_blocks(blocks)

    def md(text: str) -> dict:
        return {"type": "mrkdwn", "text": text, "verbatim": True}

    assert blocks == [
        {"type": "header", "text": {"type": "plain_text", "text": "Møte i styringsgruppa", "emoji": True}},
        {"type": "section",
         "text": md("Neste møte er torsdag.\n\nSe <https://example.org/agenda?a=1&amp;b=2>.")},
        {"type": "section", "fields": [md("*Sted*\nBergen"), md("*Tid*\nkl. 10.00")]},
        {"type": "section", "text": md("• Budsjett 2027\n• Felles innkjøp")},
        {"type": "actions", "elements": [
            {"type": "button", "text": {"type": "plain_text", "text": "Meld på", "emoji": True},
             "action_id": "rsvp", "value": "m1", "style": "primary"},
            {"type": "button", "text": {"type": "plain_text", "text": "Agenda", "emoji": True},
             "action_id": "agenda", "url": "https://example.org/agenda"},
        ]},
        {"type": "context", "elements": [md("Sendt av sekretariatet")]},
    ]
    payloads = to_slack_messages([message], "nb")
    check_payloads(payloads)
    assert len(payloads) == 1 and payloads[0].blocks == blocks
    assert payloads[0].text == "Møte i styringsgruppa\nNeste møte er torsdag."


def test_500_short_items_are_packed_into_few_sections_over_two_posts() -> None:
    message = Message(title="Medlemmer", items=[f"Kommune nummer {i}" for i in range(500)])
    payloads = to_slack_messages([message], "nb")
    check_payloads(payloads)
    assert len(payloads) == 2  # 10,000 characters of items: more than one post may carry
    assert payloads[1].blocks[0]["text"]["text"] == "Medlemmer (fortsatt)"
    lines = [line for p in payloads for text in section_texts(p.blocks) for line in text.split("\n")]
    assert lines == [f"• Kommune nummer {i}" for i in range(500)]
    assert len(all_blocks(payloads)) < 10  # packed, not one section per item
    single = to_blocks(message, "nb")  # one post only: shortened, with a note saying how much
    check_blocks(single)
    shown = sum(text.count("• ") for text in section_texts(single))
    assert 200 < shown < 500
    assert single[-1]["elements"][0]["text"].startswith(f"Svaret er forkortet: {500 - shown} til er ikke vist.")


def test_500_long_items_are_split_into_three_posts_and_shortened_with_a_note() -> None:
    message = Message(title="Prosjekter", items=[f"{i}: " + "lang beskrivelse " * 100 for i in range(500)],
                      buttons=[Button("Vis flere", "more")])
    payloads = to_slack_messages([message], "nb")
    check_payloads(payloads)
    assert len(payloads) == 3
    first, *later = payloads
    assert first.blocks[0]["text"]["text"] == "Prosjekter"
    for payload in later:
        assert payload.blocks[0] == {"type": "header", "text": {
            "type": "plain_text", "text": "Prosjekter (fortsatt)", "emoji": True}}
        assert payload.text.endswith("(fortsatt)")
    shown = sum(text.count("• ") for payload in payloads for text in section_texts(payload.blocks))
    notes = [b for b in all_blocks(payloads) if b["type"] == "context"]
    assert len(notes) == 1
    assert notes[0]["elements"][0]["text"] == (
        f"Svaret er forkortet: {500 - shown} til er ikke vist. Spør mer presist for å se resten.")
    assert payloads[-1].blocks[-1]["type"] == "actions"  # the buttons survive the shortening


def test_20000_character_text_is_split_at_paragraphs_lines_and_words() -> None:
    rng = random.Random(7)
    words = ["kommune", "digitalisering", "samarbeid", "Ålesund", "tjeneste", "møte"]
    paragraphs: list[str] = []
    while sum(map(len, paragraphs)) < 15_000:
        lines = [" ".join(rng.choices(words, k=rng.randint(1, 30))) for _ in range(rng.randint(1, 40))]
        paragraphs.append("\n".join(lines))
    paragraphs.append(" ".join(["ord"] * 1500))  # one paragraph too long for a section: cut at words
    text = "\n\n".join(paragraphs)
    assert 20_000 < len(text) < 24_000
    message = Message(text=text)
    payloads = to_slack_messages([message], "nn")
    check_payloads(payloads)
    assert len(payloads) == 3
    assert [p.blocks[0]["type"] for p in payloads[1:]] == ["context", "context"]  # "(framhald)", no title
    assert payloads[1].blocks[0]["elements"][0]["text"] == "(framhald)"
    sections = [s for p in payloads for s in section_texts(p.blocks)]
    assert len(sections) >= 7
    assert " ".join(" ".join(sections).split()) == " ".join(text.split())  # nothing lost, nothing reordered
    for section in sections:  # cut between words, never inside one
        assert not section.startswith(" ") and section.split()[0] in words + ["ord"]


def test_one_enormous_word_and_astral_characters_are_cut_by_utf16_units() -> None:
    message = Message(text="x" * 7000 + " " + "😀" * 5000, context="🎉" * 3000)
    payloads = to_slack_messages([message], "en")
    check_payloads(payloads)
    sections = [s for p in payloads for s in section_texts(p.blocks)]
    assert "".join(sections).replace(" ", "") == "x" * 7000 + "😀" * 5000


def test_40_fields_make_four_sections_of_ten() -> None:
    message = Message(fields=[Field(f"Felt {i}", f"verdi {i}") for i in range(40)])
    blocks = to_blocks(message, "nb")
    check_blocks(blocks)
    assert [len(b["fields"]) for b in blocks] == [10, 10, 10, 10]
    assert blocks[3]["fields"][9]["text"] == "*Felt 39*\nverdi 39"


def test_long_field_values_and_labels_are_cut() -> None:
    message = Message(fields=[Field("Notat*", "æ" * 5000), Field("", "bare verdi"), Field("Tom", ""),
                              Field("", "  ")])
    blocks = to_blocks(message, "nb")
    check_blocks(blocks)
    texts = [f["text"] for f in blocks[0]["fields"]]
    assert texts[0].startswith("*Notat∗*\næææ") and texts[0].endswith("…")
    assert texts[1:] == ["bare verdi", "*Tom*"]


def test_30_buttons_make_two_actions_blocks_with_unique_action_ids() -> None:
    buttons = [Button(f"Knapp {i}", "vote" if i % 2 else f"b{i}", value=str(i)) for i in range(30)]
    buttons.append(Button("L" * 100, "x" * 300, value="v" * 3000, url="not a url"))
    blocks = to_blocks(Message(text="Velg", buttons=buttons), "nb")
    check_blocks(blocks)
    actions = [b for b in blocks if b["type"] == "actions"]
    assert [len(a["elements"]) for a in actions] == [25, 6]
    ids = [e["action_id"] for a in actions for e in a["elements"]]
    assert ids[1] == "vote" and ids[3] == "vote#2" and ids[29] == "vote#15"
    assert [base_action_id(i) for i in ids[:4]] == ["b0", "vote", "b2", "vote"]
    last = actions[1]["elements"][-1]
    assert last["text"]["text"].endswith("…") and "url" not in last
    assert len(last["action_id"]) == 255 and len(last["value"]) == 2000


def test_more_than_50_buttons_are_capped_with_a_note() -> None:
    blocks = to_blocks(Message(buttons=[Button(str(i), f"a{i}") for i in range(60)]), "en")
    check_blocks(blocks)
    assert sum(len(b["elements"]) for b in blocks if b["type"] == "actions") == 50
    assert "10 more not shown" in blocks[0]["elements"][0]["text"]


def test_300_character_title_is_cut_to_150() -> None:
    title = "Styringsgruppemøte " * 16
    blocks = to_blocks(Message(title=title[:300]), "nb")
    check_blocks(blocks)
    header = blocks[0]["text"]["text"]
    assert len(header) <= 150 and header.endswith("…") and header.startswith("Styringsgruppemøte")
    assert to_blocks(Message(title="x" * 300), "nb")[0]["text"]["text"] == "x" * 149 + "…"


def test_mentions_ampersands_and_tags_are_escaped_everywhere() -> None:
    nasty = "Hei <!channel> & <@U123> <script>alert(1)</script> <https://evil.example|klikk>"
    message = Message(title=nasty, text=nasty, fields=[Field(nasty, nasty)], items=[nasty],
                      buttons=[Button(nasty, "a", value=nasty)], context=nasty)
    payloads = to_slack_messages([message], "nb")
    check_payloads(payloads)
    blocks = payloads[0].blocks
    escaped = ("Hei &lt;!channel&gt; &amp; &lt;@U123&gt; &lt;script&gt;alert(1)&lt;/script&gt; "
               "&lt;<https://evil.example>|klikk&gt;")
    assert section_texts(blocks) == [escaped, "• " + escaped]
    label = escaped.replace("<https://evil.example>", "https://evil.example")  # labels are not linked
    assert blocks[2]["fields"][0]["text"] == f"*{label}*\n{escaped}"
    assert blocks[-1]["elements"][0]["text"] == escaped
    assert blocks[0]["text"]["text"] == nasty  # plain_text is shown literally, never parsed
    assert "&lt;!channel&gt;" in payloads[0].text


def test_norwegian_characters_survive() -> None:
    text = "Blåbærsyltetøy på Ærøy – «sjå» Æ Ø Å"
    message = Message(title=text, text=text, items=[text], fields=[Field("Stad", text)], context=text)
    blocks = to_blocks(message, "nn")
    check_blocks(blocks)
    assert blocks[0]["text"]["text"] == text
    assert section_texts(blocks) == [text, "• " + text]
    assert blocks[2]["fields"][0]["text"] == f"*Stad*\n{text}"
    assert to_slack_messages([message], "nn")[0].text == f"{text}\n{text}"


def test_several_messages_share_a_post_with_dividers() -> None:
    messages = [Message(text="Takk, svaret er lagret."), Message(title="Neste spørsmål", text="Kommer du?",
                buttons=[Button("Ja", "yes"), Button("Nei", "no")]), Message()]
    payloads = to_slack_messages(messages, "nb")
    check_payloads(payloads)
    assert len(payloads) == 1
    assert [b["type"] for b in payloads[0].blocks] == ["section", "divider", "header", "section", "actions"]
    assert payloads[0].text == "Takk, svaret er lagret.\nNeste spørsmål\nKommer du?"


def test_many_messages_are_capped_at_three_posts() -> None:
    messages = [Message(title=f"Melding {i}", text="tekst " * 50, buttons=[Button("OK", "ok")]) for i in range(80)]
    payloads = to_slack_messages(messages, "en")
    check_payloads(payloads)
    assert len(payloads) == 3
    headers = [b["text"]["text"] for b in all_blocks(payloads) if b["type"] == "header"]
    assert headers == [f"Melding {i}" for i in range(len(headers))]  # the first ones, whole
    assert "more not shown" in all_blocks(payloads)[-2]["elements"][0]["text"]


def test_empty_input() -> None:
    assert to_slack_messages([], "nb") == []
    assert to_slack_messages([Message(), Message(text="  \n ")], "nb") == []
    assert to_blocks(Message(items=["", " "]), "nb") == []
    view = to_home_view([], "en")
    check_home(view)
    assert view["blocks"][0]["text"]["text"] == "Nothing to show here yet."


def test_home_view_with_many_messages_stays_within_100_blocks() -> None:
    messages = [Message(title=f"Frist {i}", text="Svar innen fredag", fields=[Field("Frist", "1. mars")],
                        buttons=[Button("Svar", "answer", value=str(i))]) for i in range(60)]
    view = to_home_view(messages, "nb")
    check_home(view)
    blocks = view["blocks"]
    assert 90 < len(blocks) <= 100
    assert blocks[0]["text"]["text"] == "Frist 0"
    assert any(b["type"] == "context" and "ikke vist" in b["elements"][0]["text"] for b in blocks)
    huge = to_home_view([Message(text="x " * 200_000)], "nb")
    check_home(huge)


# --- property test ----------------------------------------------------------------------------------

ALPHABET = list("abcdefghijklmnopqrstuvwxyzæøåÆØÅ      ") + [
    "\n", "\n\n", "<", ">", "&", "*", "_", "~", "`", "<!channel>", "<@U1>", "https://ex.no/a?b=1&c=2", "😀",
    "\x1b[2J", "\x00", "\t", "\r\n", "&amp;", "|", "\ud83d", ":wave:",
]


URLS = [None, "https://ex.no/x", "mailto:x", "https://", "https://[x", "https://" + "a" * 3100]


def rand_text(rng: random.Random, big: bool = False) -> str:
    size = rng.choice([0, 1, 5, 30, 200] + ([2000, 3100, 7000, 14000] if big else []))
    return "".join(rng.choices(ALPHABET, k=rng.randint(0, size)))


def rand_message(rng: random.Random) -> Message:
    big = rng.random() < 0.2
    return Message(
        title=rand_text(rng) if rng.random() < 0.7 else None,
        text=rand_text(rng, big) if rng.random() < 0.7 else None,
        fields=[Field(rand_text(rng), rand_text(rng, big)) for _ in range(rng.choice([0, 0, 3, 12, 45]))],
        items=[rand_text(rng, rng.random() < 0.02) for _ in range(rng.choice([0, 0, 4, 60, 300]))],
        buttons=[Button(rand_text(rng), rng.choice(["a", "b", "", "x" * 300]), value=rand_text(rng, big),
                        style=rng.choice([None, "primary", "danger"]),
                        url=rng.choice(URLS))
                 for _ in range(rng.choice([0, 0, 2, 30, 70]))],
        context=rand_text(rng, big) if rng.random() < 0.5 else None,
    )


@pytest.mark.parametrize("seed", range(40))
def test_random_messages_always_render_within_slack_limits(seed: int) -> None:
    rng = random.Random(seed)
    messages = [rand_message(rng) for _ in range(rng.choice([1, 1, 2, 5, 30]))]
    lang = rng.choice(["nb", "nn", "en"])
    check_payloads(to_slack_messages(messages, lang))
    check_home(to_home_view(messages, lang))
    for message in messages:
        blocks = to_blocks(message, lang)
        if blocks:
            check_blocks(blocks)
        else:
            assert to_slack_messages([message], lang) == []
