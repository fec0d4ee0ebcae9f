"""Announcements in Slack: `/digi kunngjering` opens the modal, submitting previews, "Send" sends, "Lest" confirms.

The test network (tests/fixtures/slack/network.yaml): Siri is the secretariat (English; known to Slack
only by her e-mail), Kari a coordinator (bokmål, linked by her Slack id), Ola a chief executive (bokmål).
"""

from __future__ import annotations

import json
import logging
import time
from typing import Any

from sqlalchemy import func, select, update

from messages.i18n import t
from storage.models_notify import Announcement, OutboxMessage
from tests.emulators.slack_api import dm_channel_id
from tests.emulators.slack_signing import form_headers, view_submission_form
from tests.fixtures.slack.harness import KARI, KARI_EMAIL, OLA_EMAIL, SECRET, SlackBot, running_bot

SIRI = "U0SIRI"
SIRI_EMAIL = "siri.sekretariat@bergen.kommune.no"

JsonDict = dict[str, Any]


def form(text: str = "", *, roles: tuple[str, ...] = (), send_at: int | None = None, confirm: bool = False,
         title: str | None = None) -> dict[str, dict[str, JsonDict]]:
    """The modal's state values the way Slack sends them on submission."""

    def options(values: tuple[str, ...]) -> list[JsonDict]:
        return [{"text": {"type": "plain_text", "text": v}, "value": v} for v in values]

    return {
        "title": {"value": {"type": "plain_text_input", "value": title}},
        "text": {"value": {"type": "plain_text_input", "value": text}},
        "roles": {"value": {"type": "multi_static_select", "selected_options": options(roles)}},
        "send_at": {"value": {"type": "datetimepicker", "selected_date_time": send_at}},
        "confirm": {"value": {"type": "checkboxes", "selected_options": options(("confirm",) if confirm else ())}},
    }


async def submit(bot: SlackBot, user: str, callback_id: str, values: dict, metadata: str = "") -> JsonDict:
    body = view_submission_form(user, callback_id, values, private_metadata=metadata)
    answer = await bot.post(body, form_headers(SECRET, body))
    assert answer.status == 200
    return answer.json()


async def stored(sessions) -> tuple[int, list[tuple[str, str]]]:
    async with sessions() as session:
        announcements = int(await session.scalar(select(func.count()).select_from(Announcement)) or 0)
        rows = (await session.scalars(select(OutboxMessage).order_by(OutboxMessage.recipient))).all()
        return announcements, [(r.recipient, r.kind) for r in rows]


def texts(view: JsonDict) -> str:
    return json.dumps(view["blocks"], ensure_ascii=False)


async def test_the_secretariat_opens_the_modal_with_the_slash_command(engine, sessions) -> None:
    async with running_bot(engine, sessions) as bot:
        bot.slack.add_user(SIRI, SIRI_EMAIL, "siri")
        ack, _ = await bot.slash(SIRI, "kunngjering")
        [opened] = await bot.slack.wait_for("views.open")
        await bot.idle()

    assert ack.status == 200 and ack.text == ""
    view = opened.args["view"]
    assert (view["type"], view["callback_id"], view["title"]["text"], view["submit"]["text"]) == (
        "modal", "announce_compose", "New announcement", "Preview")
    inputs = [b["block_id"] for b in view["blocks"] if b["type"] == "input"]
    assert inputs == ["title", "text", "roles", "groups", "statuses", "organizations", "send_at", "confirm"]
    text_input = next(b for b in view["blocks"] if b.get("block_id") == "text")["element"]
    assert (text_input["multiline"], text_input["max_length"]) == (True, 3000)
    roles = next(b for b in view["blocks"] if b.get("block_id") == "roles")["element"]["options"]
    assert {"text": {"type": "plain_text", "text": "Chief executive", "emoji": True},
            "value": "chief_executive"} in roles
    groups = next(b for b in view["blocks"] if b.get("block_id") == "groups")["element"]["options"]
    assert [o["value"] for o in groups] == ["koordinatorforum"]
    assert bot.slack.response_url_posts == []


async def test_the_english_command_word_works_too_and_other_words_still_reach_the_bot(engine, sessions) -> None:
    async with running_bot(engine, sessions) as bot:
        bot.slack.add_user(SIRI, SIRI_EMAIL, "siri")
        await bot.slash(SIRI, "announce")
        await bot.slack.wait_for("views.open")
        await bot.slash(SIRI, "help")
        [post] = await bot.slack.wait_for("response_url")
        await bot.idle()

    assert len(bot.slack.opened_views) == 1
    assert post.args["blocks"][0]["text"]["text"] == t("en", "help_title")


async def test_anyone_else_is_refused_politely_and_no_modal_opens(engine, sessions) -> None:
    async with running_bot(engine, sessions) as bot:
        await bot.slash(KARI, "kunngjering")
        [post] = await bot.slack.wait_for("response_url")
        await bot.idle()

    assert post.args["text"] == t("nb", "ann_refused") and post.args["response_type"] == "ephemeral"
    assert bot.slack.opened_views == []


async def test_bad_input_comes_back_next_to_its_field_and_nothing_is_written(engine, sessions) -> None:
    an_hour_ago = int(time.time()) - 3600
    async with running_bot(engine, sessions) as bot:
        bot.slack.add_user(SIRI, SIRI_EMAIL, "siri")
        answer = await submit(bot, SIRI, "announce_compose", form("   ", send_at=an_hour_ago))
        too_long = await submit(bot, SIRI, "announce_compose", form("x" * 3001, roles=("coordinator",)))
        await bot.idle()

    assert answer["response_action"] == "errors"
    assert answer["errors"]["text"] == t("en", "ann_text_empty")
    assert answer["errors"]["send_at"].startswith("The sending time ") and "has already passed" in \
        answer["errors"]["send_at"]
    assert too_long == {"response_action": "errors", "errors": {
        "text": t("en", "ann_text_too_long", length=3001, limit=3000)}}
    assert await stored(sessions) == (0, [])


async def test_a_sending_time_beyond_any_calendar_is_a_field_error_not_a_crash(engine, sessions, caplog) -> None:
    async with running_bot(engine, sessions) as bot:
        bot.slack.add_user(SIRI, SIRI_EMAIL, "siri")
        with caplog.at_level(logging.ERROR):
            answer = await submit(bot, SIRI, "announce_compose", form("Meeting moved.", roles=("coordinator",),
                                                                      send_at=10**15))
            await bot.idle()

    assert answer == {"response_action": "errors", "errors": {"send_at": t("en", "ann_time_out_of_range")}}
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
    assert await stored(sessions) == (0, [])


async def test_a_valid_draft_is_previewed_with_its_count_then_sent_on_send(engine, sessions) -> None:
    draft = form("The steering group meets on 10 March.", roles=("coordinator", "chief_executive"), confirm=True,
                 title="Steering group")
    async with running_bot(engine, sessions) as bot:
        bot.slack.add_user(SIRI, SIRI_EMAIL, "siri")
        preview = await submit(bot, SIRI, "announce_compose", draft)
        assert await stored(sessions) == (0, [])  # a preview writes nothing

        view = preview["view"]
        sent = await submit(bot, SIRI, view["callback_id"], draft, view["private_metadata"])
        [told] = await bot.slack.wait_for_messages(dm_channel_id(SIRI))
        await bot.idle()

    assert preview["response_action"] == "update"
    assert (view["callback_id"], view["submit"]["text"]) == ("announce_preview", "Send")
    shown = texts(view)
    assert "The announcement goes to 2 recipients." in shown
    assert "Steering group" in shown and "The steering group meets on 10 March." in shown
    assert "[Read]" in shown and all(b["type"] != "actions" for b in view["blocks"])  # no live button in a preview
    assert sent == {"response_action": "clear"}
    assert await stored(sessions) == (1, [(KARI_EMAIL, "announcement"), (OLA_EMAIL, "announcement")])
    assert told.text.startswith("Announcement #1 is queued for 2 recipients and goes out now.")
    [button] = [e for b in told.blocks if b["type"] == "actions" for e in b["elements"]]
    assert (button["action_id"], button["value"]) == ("announcement_report", "1")


async def test_a_draft_changed_after_the_preview_is_previewed_again_not_sent(engine, sessions) -> None:
    async with running_bot(engine, sessions) as bot:
        bot.slack.add_user(SIRI, SIRI_EMAIL, "siri")
        preview = await submit(bot, SIRI, "announce_compose", form("Hello", roles=("coordinator",)))
        metadata = preview["view"]["private_metadata"]
        again = await submit(bot, SIRI, "announce_preview", form("Hello", roles=("chief_executive", "coordinator")),
                             metadata)
        await bot.idle()

    assert again["response_action"] == "update"
    assert "The announcement goes to 2 recipients." in texts(again["view"])
    assert t("en", "ann_modal_changed") in texts(again["view"])
    assert await stored(sessions) == (0, [])


async def test_a_submission_from_outside_the_secretariat_is_refused(engine, sessions) -> None:
    async with running_bot(engine, sessions) as bot:
        answer = await submit(bot, KARI, "announce_compose", form("Hei alle", roles=("coordinator",)))
        await bot.idle()

    assert answer == {"response_action": "errors", "errors": {"text": t("nb", "ann_refused")}}
    assert await stored(sessions) == (0, [])


async def test_pressing_read_records_the_confirmation(engine, sessions) -> None:
    draft = form("Please read the minutes.", roles=("coordinator",), confirm=True)
    async with running_bot(engine, sessions) as bot:
        bot.slack.add_user(SIRI, SIRI_EMAIL, "siri")
        preview = await submit(bot, SIRI, "announce_compose", draft)
        await submit(bot, SIRI, "announce_preview", draft, preview["view"]["private_metadata"])
        await bot.idle()
        async with sessions() as session:  # what the delivery worker records once Kari has the message
            await session.execute(update(OutboxMessage).values(status="sent", sent_at=func.now()))
            await session.commit()

        ack = await bot.press(KARI, "announcement_read", "1", channel_id=dm_channel_id(KARI))
        [thanks] = await bot.slack.wait_for_messages(dm_channel_id(KARI))
        await bot.idle()

    assert ack.status == 200
    assert thanks.text == "Takk, registrert som lest."
    async with sessions() as session:
        confirmed = (await session.scalars(select(OutboxMessage.confirmed_at))).all()
    assert len(confirmed) == 1 and confirmed[0] is not None


async def test_the_secretariats_app_home_shows_the_queue(engine, sessions) -> None:
    async with running_bot(engine, sessions) as bot:
        bot.slack.add_user(SIRI, SIRI_EMAIL, "siri")
        draft = form("Hello", roles=("coordinator",))
        preview = await submit(bot, SIRI, "announce_compose", draft)
        await submit(bot, SIRI, "announce_preview", draft, preview["view"]["private_metadata"])
        await bot.idle()
        await bot.open_home(SIRI)
        await bot.open_home(KARI)
        await bot.slack.wait_for("views.publish", count=2)
        await bot.idle()

    siri = texts(bot.slack.home_views[SIRI].view)
    assert "Outbox queue" in siri and "*Pending*\\n1" in siri
    assert "#1 Announcement from DigiTest" in siri
    assert "Utsendingskø" not in texts(bot.slack.home_views[KARI].view)
