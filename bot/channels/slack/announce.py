"""The announcement modal in Slack: `/digi kunngjering` (or announce) opens it, submitting previews, "Send" sends.

    /digi kunngjering [text]      ack; then views.open with the form (the secretariat), else the polite no
    view_submission (form)        checked by handlers/announce: errors next to their inputs, or the preview
    view_submission (preview)     the same draft as previewed: ack `clear`, then send it and DM the author
                                  "queued for N" with a report button; a changed draft is previewed again

Only Slack's shapes live here (platform code); permissions, checks, texts and sending are the handlers'.
Registered before the general /digi listener (bolt runs the first listener that matches).
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.channels.slack.announce_view import (
    COMPOSE,
    PREVIEW,
    Form,
    block_errors,
    compose_view,
    input_ids,
    preview_view,
    previewed_digest,
    read_form,
)
from bot.channels.slack.answer import SlackAnswers
from bot.channels.slack.listeners import SLASH_COMMAND
from bot.channels.slack.text import plain_text
from bot.pipeline import Reply
from bot.pipeline.steps import Duplicate
from handlers.announce import Invalid, NotAllowed, prepare, preview_messages, refusal, send
from handlers.announce.listeners import COMPOSE_ACTION
from handlers.context import Context
from handlers.incoming import Incoming
from messages.i18n import t
from messages.model import Message
from messages.render_slack import to_slack_messages
from storage.dedupe import claim

log = logging.getLogger(__name__)

WORDS = {"kunngjering", "kunngjøring", "kunngjoring", "announce", "announcement"}

JsonDict = dict[str, Any]


def is_announce(text: str | None) -> bool:
    words = plain_text(text).split(maxsplit=1)
    return bool(words) and words[0].lower() in WORDS


def _rest(text: str | None) -> str:
    words = plain_text(text).split(maxsplit=1)
    return words[1] if len(words) > 1 else ""


async def _is_announce_command(command: JsonDict) -> bool:
    return is_announce(command.get("text"))


class AnnounceModal:
    """The listeners' work: identification and Context come from the pipeline (a listener of its own)."""

    def __init__(self, answers: SlackAnswers) -> None:
        self.answers = answers

    async def open(self, client: AsyncWebClient, user_id: str, trigger_id: str, text: str,
                   respond: AsyncRespond) -> None:
        view: JsonDict | None = None

        async def compose(ctx: Context, _incoming: Incoming) -> list[Message]:
            nonlocal view
            if (refused := refusal(ctx)) is not None:
                return [Message(text=refused)]
            view = compose_view(ctx.network, ctx.lang, Form(text=text))
            return []

        reply = await self.answers.handle(user_id, listener=compose)
        if view is not None:
            await client.views_open(trigger_id=trigger_id, view=view)
        elif reply is not None:
            await _tell(respond, reply)

    async def submitted(self, ack: AsyncAck, body: JsonDict, view: JsonDict, client: AsyncWebClient) -> None:
        try:
            await self._submitted(ack, body, view)
        except Exception:
            log.exception("Slack: the announcement modal failed")
            if ack.response is None:
                await ack(response_action="errors", errors={"text": t("nb", "error_generic")})

    async def _submitted(self, ack: AsyncAck, body: JsonDict, view: JsonDict) -> None:
        user_id = str((body.get("user") or {}).get("id") or "")
        form = read_form(((view.get("state") or {}).get("values")) or {})

        async def check(ctx: Context, _incoming: Incoming) -> list[Message]:
            try:
                draft = prepare(ctx, form.draft(ctx.lang))
            except NotAllowed as exc:
                await ack(response_action="errors", errors={"text": exc.text})
                return []
            except Invalid as exc:
                await ack(response_action="errors", errors=block_errors(exc.problems, input_ids(ctx.network, ctx.lang)))
                return []
            previewing = view.get("callback_id") == PREVIEW
            if previewing and previewed_digest(view) == form.digest():
                await ack(response_action="clear")
                # One send per submitted view: a double "Send" or a replayed request carries the same view.
                once = f"slack:view:{view.get('id')}:{view.get('hash') or ''}:{form.digest()}"
                self.answers.spawn(self.send(user_id, form, once), f"announcement by {user_id}")
                return []
            preview = preview_messages(ctx.network, draft, ctx.lang)
            await ack(response_action="update", view=preview_view(ctx.network, ctx.lang, form, preview, previewing))
            return []

        reply = await self.answers.handle(user_id, listener=check)
        if ack.response is None:  # not registered, or the check failed: say so next to the form
            text = "\n".join(m.text or "" for m in reply.messages) if reply else t("nb", "error_generic")
            await ack(response_action="errors", errors={"text": text})

    async def send(self, user_id: str, form: Form, once: str) -> None:
        """After the ack: check again, store and queue, then tell the author in their DM.

        `once` is claimed in the same transaction as the announcement: a second submission of the same
        view (however close in time, on whichever replica) finds it taken, is rolled back and says nothing.
        """

        async def store_and_queue(ctx: Context, _incoming: Incoming) -> list[Message]:
            try:
                sent = await send(ctx, prepare(ctx, form.draft(ctx.lang)))
            except NotAllowed as exc:
                return [Message(text=exc.text)]
            except Invalid as exc:
                return [Message(text="\n".join(exc.problems.values()))]
            if not await claim(ctx.session, once, datetime.now(UTC)):
                raise Duplicate(once)
            log.info("Slack: announcement %s queued for %s recipients by %s", sent.announcement_id,
                     sent.queued, user_id)
            return sent.messages

        reply = await self.answers.handle(user_id, listener=store_and_queue)
        if reply is not None:
            await self.answers.chat_reply(user_id, user_id)(reply)


async def _tell(respond: AsyncRespond, reply: Reply) -> None:
    for payload in to_slack_messages(reply.messages, reply.lang):
        await respond(text=payload.text, blocks=payload.blocks, response_type="ephemeral", replace_original=False)


def register_announce_listeners(app: AsyncApp, answers: SlackAnswers) -> None:
    """`/digi kunngjering|announce` and the modal's submissions; call before `register_listeners`."""
    modal = AnnounceModal(answers)

    @app.command(SLASH_COMMAND, matchers=[_is_announce_command])
    async def on_announce_command(ack: AsyncAck, command: JsonDict, client: AsyncWebClient,
                                  respond: AsyncRespond) -> None:
        await ack()
        user = str(command["user_id"])
        work = modal.open(client, user, str(command.get("trigger_id") or ""), _rest(command.get("text")), respond)
        answers.spawn(work, f"{SLASH_COMMAND} announce by {user}")

    @app.action(re.compile(rf"^{COMPOSE_ACTION}(#\d+)?$"))
    async def on_compose_button(ack: AsyncAck, body: JsonDict, client: AsyncWebClient,
                                respond: AsyncRespond) -> None:
        """The "write announcement" button: Slack has forms, so the modal opens (the router never sees it)."""
        await ack()
        user = str((body.get("user") or {}).get("id") or "")
        if user:
            work = modal.open(client, user, str(body.get("trigger_id") or ""), "", respond)
            answers.spawn(work, f"announce button by {user}")

    @app.view(COMPOSE)
    async def on_compose(ack: AsyncAck, body: JsonDict, view: JsonDict, client: AsyncWebClient) -> None:
        await modal.submitted(ack, body, view, client)

    @app.view(PREVIEW)
    async def on_preview(ack: AsyncAck, body: JsonDict, view: JsonDict, client: AsyncWebClient) -> None:
        await modal.submitted(ack, body, view, client)
