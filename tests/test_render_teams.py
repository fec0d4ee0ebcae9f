"""Adaptive Cards for Teams: every card keeps to the 1.5 schema (a strict subset written from the specification,
tests/schemas/adaptive_card_1_5_subset.json, checked with `jsonschema`), buttons come back as the press they
stand for, and a message too large for Teams is split and shortened with a note, never rejected."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from messages.model import Button, Field, Message
from messages.render_teams import MAX_ACTIVITY_BYTES, MAX_CARDS, size, submitted, to_adaptive_cards

SCHEMA = json.loads((Path(__file__).parent / "schemas" / "adaptive_card_1_5_subset.json").read_text())
VALIDATOR = jsonschema.Draft7Validator(SCHEMA)


def _valid(card: dict) -> None:
    errors = [e.message for e in VALIDATOR.iter_errors(card)]
    assert errors == []


def test_a_notice_with_facts_items_and_buttons_is_a_valid_card_whose_buttons_press_back() -> None:
    message = Message(title="Styringsgruppemøte", text="Neste møte er torsdag.\n\nVelkommen!",
                      fields=[Field("Sted", "Bergen"), Field("Tid", "4. desember 2026 kl. 10.00")],
                      items=["Budsjett 2027", "Ny avtale"], context="Sendt av sekretariatet",
                      buttons=[Button("Lest", "announcement_read", "42", style="primary"),
                               Button("Avslå", "decline", "7", style="danger"),
                               Button("Agenda", "agenda", url="https://example.org/agenda")])
    [payload] = to_adaptive_cards([message], "nb")
    _valid(payload.card)
    actions = [a for e in payload.card["body"] if e["type"] == "ActionSet" for a in e["actions"]]
    assert [a["type"] for a in actions] == ["Action.Submit", "Action.Submit", "Action.OpenUrl"]
    assert submitted(actions[0]["data"]) == ("announcement_read", "42")
    assert actions[0]["style"] == "positive" and actions[1]["style"] == "destructive"
    assert "Styringsgruppemøte" in payload.text


def test_the_invalid_card_is_noticed_by_the_schema() -> None:
    with pytest.raises(AssertionError):
        _valid({"type": "AdaptiveCard", "version": "1.5", "body": [{"type": "TextBlock", "txt": "x"}]})


def test_an_answer_too_large_for_teams_is_split_and_shortened_with_a_note() -> None:
    huge = Message(title="Alle prosjekt", items=[f"Prosjekt {n}: " + "lang beskrivelse " * 20 for n in range(3000)])
    payloads = to_adaptive_cards([huge], "nb")
    assert len(payloads) == MAX_CARDS
    for payload in payloads:
        _valid(payload.card)
        assert size(payload.card) < MAX_ACTIVITY_BYTES - 5_000
    assert "(fortsatt)" in payloads[1].card["body"][0]["text"]
    assert "Svaret er forkortet" in json.dumps(payloads[-1].card, ensure_ascii=False)


def test_several_messages_share_one_card_separated_by_a_line() -> None:
    [payload] = to_adaptive_cards([Message(text="Første"), Message(title="Andre", text="to")], "en")
    _valid(payload.card)
    assert payload.card["body"][1].get("separator") is True


@settings(max_examples=60, deadline=None)
@given(st.lists(st.builds(
    Message, title=st.none() | st.text(max_size=200), text=st.none() | st.text(max_size=3000),
    fields=st.lists(st.builds(Field, st.text(max_size=50), st.text(max_size=300)), max_size=30),
    items=st.lists(st.text(max_size=300), max_size=50),
    buttons=st.lists(st.builds(Button, st.text(max_size=90), st.text(min_size=1, max_size=40),
                               st.text(max_size=50)), max_size=12),
    context=st.none() | st.text(max_size=200)), max_size=4))
def test_any_messages_become_valid_cards_within_the_limit(messages: list[Message]) -> None:
    for payload in to_adaptive_cards(messages, "nn"):
        _valid(payload.card)
        assert size(payload.card) < MAX_ACTIVITY_BYTES
