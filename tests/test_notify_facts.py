"""The planner stores what it told people as facts and puts them into words when it sends them.

Stories on the DigiTest network (tests/fixtures/notify/december.yaml): the Ressursgruppemøte (Monday 21
December 13:00, Teams) is noticed to the coordinators Eva (en, e-mail) and Siri (nn, Slack) on the 14th.
"""

from __future__ import annotations

import pytest
from sqlalchemy import update

from bot.channels.base import Delivery
from bot.delivery.worker import DeliveryWorker, as_delivery
from handlers.notify.planner import plan_due
from messages.codec import message_from_dict
from messages.i18n import catalog
from messages.model import Message
from storage.models_notify import OutboxMessage
from tests.fixtures.notify.world import (
    EVA,
    NETWORK,
    SIRI,
    load_network,
    local,
    move_meeting,
    outbox,
    set_language,
)

MEETING = "ressurs-2026-12"


class Recorder:
    """A channel that keeps what it was asked to send."""

    def __init__(self) -> None:
        self.sent: list[Delivery] = []

    async def send(self, delivery: Delivery) -> str | None:
        self.sent.append(delivery)
        return f"m{len(self.sent)}"


def fields(message: Message) -> list[tuple[str, str]]:
    return [(f.label, f.value) for f in message.fields]


async def notice_the_coordinators(sessions) -> None:
    await load_network(sessions)
    async with sessions() as s:
        await plan_due(s, NETWORK, local(2026, 12, 14, 13, 0))
    assert {r.recipient for r in await outbox(sessions, kind="meeting_notice")} == {EVA, SIRI}


async def test_siri_switches_to_english_after_the_notice_and_gets_the_move_right_and_in_english(sessions) -> None:
    await notice_the_coordinators(sessions)
    (notice,) = await outbox(sessions, kind="meeting_notice", recipient=SIRI)
    assert notice.lang == "nn" and notice.facts["meeting"]["location"] == "Teams"
    await set_language(sessions, SIRI, "en")
    await move_meeting(sessions, MEETING, local(2026, 12, 22, 13, 0), local(2026, 12, 22, 15, 0),
                       location="Askøy rådhus")
    async with sessions() as s:
        await plan_due(s, NETWORK, local(2026, 12, 15, 9, 31))
    (siri,) = await outbox(sessions, kind="meeting_update", recipient=SIRI)
    assert siri.lang == "en"
    message = message_from_dict(siri.message)
    assert message.title == "Meeting changed: Ressursgruppemøte"
    assert ("When", "Monday 21 December 2026 at 13:00–15:00 → Tuesday 22 December 2026 at 13:00–15:00") in (
        fields(message))
    assert ("Where", "Teams → Askøy rådhus") in fields(message)
    assert siri.facts["old"]["location"] == "Teams" and siri.facts["meeting"]["location"] == "Askøy rådhus"


async def test_siri_switches_to_bokmal_before_her_update_is_sent_and_reads_it_in_bokmal(sessions) -> None:
    await notice_the_coordinators(sessions)
    await move_meeting(sessions, MEETING, local(2026, 12, 22, 13, 0), local(2026, 12, 22, 15, 0))
    async with sessions() as s:
        await plan_due(s, NETWORK, local(2026, 12, 15, 9, 31))
    (planned,) = await outbox(sessions, kind="meeting_update", recipient=SIRI)
    assert message_from_dict(planned.message).title == "Endra møte: Ressursgruppemøte"
    # Slack was down; meanwhile the secretariat re-imports the file with Siri in bokmål.
    await set_language(sessions, SIRI, "nb")
    async with sessions() as s:
        await plan_due(s, NETWORK, local(2026, 12, 15, 9, 40))
    slack = Recorder()
    worker = DeliveryWorker(sessions, {"slack": slack}, clock=lambda: local(2026, 12, 15, 9, 41))
    await worker.run_once()
    (update_sent,) = [d for d in slack.sent if d.kind == "meeting_update"]
    assert update_sent.lang == "nb"
    sent = message_from_dict(update_sent.message)
    assert sent.title == "Endret møte: Ressursgruppemøte"
    assert ("Når", "mandag 21. desember 2026 kl. 13.00–15.00 → tirsdag 22. desember 2026 kl. 13.00–15.00") in (
        fields(sent))


async def test_a_row_is_put_into_words_when_it_is_sent_even_if_its_language_changed_under_it(sessions) -> None:
    await notice_the_coordinators(sessions)
    (eva,) = await outbox(sessions, kind="meeting_notice", recipient=EVA)
    eva.lang = "nn"  # the row says nynorsk now; the stored message is still the English of planning time
    sent = message_from_dict(as_delivery(eva).message)
    assert sent.title == "Møteinnkalling: Ressursgruppemøte"
    assert ("Kvar", "Teams") in fields(sent)


async def test_rewording_a_text_changes_nothing_about_what_counts_as_changed(sessions, monkeypatch) -> None:
    await notice_the_coordinators(sessions)
    # A new release words the labels differently ("Kvar" becomes "Stad", "Når" becomes "Tid").
    monkeypatch.setitem(catalog()["notify_where"], "nn", "Stad")
    monkeypatch.setitem(catalog()["notify_when"], "nn", "Tid")
    # The file is re-imported with only the agenda changed: the sequence goes up, time and place do not.
    await move_meeting(sessions, MEETING, local(2026, 12, 21, 13, 0), local(2026, 12, 21, 15, 0))
    async with sessions() as s:
        await plan_due(s, NETWORK, local(2026, 12, 15, 9, 31))
    assert await outbox(sessions, kind="meeting_update") == []
    # When it really moves, Siri is told the change in today's words.
    await move_meeting(sessions, MEETING, local(2026, 12, 21, 14, 0), local(2026, 12, 21, 15, 0))
    async with sessions() as s:
        await plan_due(s, NETWORK, local(2026, 12, 15, 10, 0))
    (siri,) = await outbox(sessions, kind="meeting_update", recipient=SIRI)
    message = message_from_dict(siri.message)
    assert ("Tid", "måndag 21. desember 2026 kl. 13.00–15.00 → måndag 21. desember 2026 kl. 14.00–15.00") in (
        fields(message))
    assert ("Stad", "Teams") in fields(message)


async def test_a_notice_planned_before_facts_were_stored_still_leads_to_a_correct_update(sessions) -> None:
    """Rows written by the previous release have no facts: what they told is read from their invite."""
    await notice_the_coordinators(sessions)
    async with sessions() as s:
        await s.execute(update(OutboxMessage).values(facts=None))
        await s.commit()
    await move_meeting(sessions, MEETING, local(2026, 12, 21, 13, 0), local(2026, 12, 21, 15, 0),
                       location="Askøy rådhus")
    async with sessions() as s:
        await plan_due(s, NETWORK, local(2026, 12, 15, 9, 31))
    updates = await outbox(sessions, kind="meeting_update")
    assert [r.recipient for r in updates] == [EVA, SIRI]
    assert ("Kvar", "Teams → Askøy rådhus") in fields(message_from_dict(updates[1].message))
    assert not any("→" in value for label, value in fields(message_from_dict(updates[1].message)) if label == "Når")


@pytest.mark.parametrize("kind", ["announcement", "digest"])
def test_a_row_without_facts_is_sent_as_it_was_written(kind: str) -> None:
    from handlers.notify.content import message_at_send

    stored = {"title": "Ny samarbeidsavtale", "text": "Les meir.", "fields": [], "items": [], "buttons": [],
              "context": None}
    assert message_at_send(kind, None, "en", stored) == stored
