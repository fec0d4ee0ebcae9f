"""`/digi` slash commands and button presses: acked at once, answered through response_url or the DM."""

from __future__ import annotations

from bot.pipeline import Pipeline
from handlers import help as help_
from handlers.context import Context
from handlers.incoming import Incoming
from handlers.router import Router
from messages.i18n import t
from messages.model import Message
from tests.emulators.slack_api import dm_channel_id
from tests.emulators.slack_signing import block_actions_payload, form_headers, interactive_form
from tests.fixtures.slack.harness import KARI, SECRET, STRANGER, running_bot

PRESSED: list[Incoming] = []


async def echo_button(ctx: Context, incoming: Incoming) -> list[Message]:
    PRESSED.append(incoming)
    return [Message(text=f"{ctx.person.name if ctx.person else '?'} pressed {incoming.action_id}={incoming.value}")]


def pipeline_with_a_button(sessions) -> Pipeline:
    """The bot's help command plus a test-only button listener."""
    router = Router()
    router.command("hjelp", "help")(help_.show_help)
    router.action("test:echo")(echo_button)
    return Pipeline(sessions, router)


async def test_slash_command_help_answers_via_response_url(engine, sessions) -> None:
    async with running_bot(engine, sessions) as bot:
        ack, response_url = await bot.slash(KARI, "hjelp")
        [post] = await bot.slack.wait_for("response_url")
        await bot.idle()

    assert ack.status == 200 and ack.text == ""  # an empty ack: the answer follows on the response_url
    answer = post.args
    assert answer["_url"] == response_url
    assert answer["response_type"] == "ephemeral" and answer["replace_original"] is False
    assert answer["blocks"][0] == {"type": "header", "text": {"type": "plain_text", "text": t("nb", "help_title"),
                                                              "emoji": True}}
    assert bot.slack.messages == []  # nothing was posted in the channel


async def test_slash_command_without_words_asks_for_a_question(engine, sessions) -> None:
    async with running_bot(engine, sessions) as bot:
        await bot.slash(KARI, "   ")
        [post] = await bot.slack.wait_for("response_url")
        await bot.idle()

    assert post.args["text"] == t("nb", "empty_question")


async def test_slash_command_from_an_unknown_user_says_not_registered(engine, sessions) -> None:
    async with running_bot(engine, sessions) as bot:
        await bot.slash(STRANGER, "hjelp")
        [post] = await bot.slack.wait_for("response_url")
        await bot.idle()

    assert post.args["text"] == t("nn", "not_registered") and post.args["response_type"] == "ephemeral"
    assert bot.slack.messages == []


async def test_button_press_arrives_as_an_action(engine, sessions) -> None:
    PRESSED.clear()
    async with running_bot(engine, sessions, pipeline=pipeline_with_a_button(sessions)) as bot:
        # A button in a channel message: only the one who pressed it sees the answer.
        in_channel = await bot.press(KARI, "test:echo#2", "ja", response_url=bot.slack.new_response_url())
        [post] = await bot.slack.wait_for("response_url")
        # A button in our DM: the answer is an ordinary DM.
        in_dm = await bot.press(KARI, "test:echo", "nei", channel_id=dm_channel_id(KARI))
        # A button on the App Home tab (no response_url): the answer goes to the DM as well.
        in_home = await bot.press(KARI, "test:echo", "kanskje", view={"id": "V0HOME", "type": "home"})
        await bot.slack.wait_for_messages(dm_channel_id(KARI), count=2)
        await bot.idle()

    assert [a.status for a in (in_channel, in_dm, in_home)] == [200] * 3
    assert [(i.action_id, i.value, i.channel, i.text) for i in PRESSED] == [
        ("test:echo", "ja", "slack", ""),  # the renderer's "#2" suffix is gone
        ("test:echo", "nei", "slack", ""),
        ("test:echo", "kanskje", "slack", ""),
    ]
    assert post.args["text"] == "Kari Koordinator pressed test:echo=ja" and post.args["response_type"] == "ephemeral"
    assert sorted(m.text or "" for m in bot.slack.messages) == [
        "Kari Koordinator pressed test:echo=kanskje",
        "Kari Koordinator pressed test:echo=nei",
    ]
    assert len(bot.slack.response_url_posts) == 1


async def test_a_link_button_is_only_acked(engine, sessions) -> None:
    """Slack opens the link itself; the action it sends along only needs an ack."""
    async with running_bot(engine, sessions, pipeline=pipeline_with_a_button(sessions)) as bot:
        payload = block_actions_payload(KARI, "test:echo", "x", response_url=bot.slack.new_response_url())
        payload["actions"][0]["url"] = "https://example.org/agenda"
        body = interactive_form(payload)
        ack = await bot.post(body, form_headers(SECRET, body))
        await bot.idle()

    assert ack.status == 200
    assert bot.slack.calls == []
