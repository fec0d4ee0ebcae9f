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
from datetime import UTC, datetime
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy.ext.asyncio import AsyncSession

from bot.channels.slack_announce_view import (
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
from bot.channels.slack_answer import SlackAnswers
from bot.channels.slack_identity import identify, stranger_language
from bot.channels.slack_listeners import SLASH_COMMAND
from bot.channels.slack_text import plain_text
from handlers.announce import Invalid, NotAllowed, prepare, preview_messages, refusal, send
from handlers.context import Context, aware_now, choose_language
from messages.i18n import Lang, t
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
    """The listeners' work, sharing the bot's sessions and snapshots through SlackAnswers."""

    def __init__(self, answers: SlackAnswers) -> None:
        self.answers = answers

    async def context(self, session: AsyncSession, client: AsyncWebClient, user_id: str) -> Context | str:
        """The user's Context, or the not-registered text in the best language we know."""
        identity = await identify(session, client, user_id, self.answers.network)
        network = await self.answers.responder.snapshots.get(session, identity.network_id) if identity else None
        person = network.people.get(identity.person_id) if network is not None and identity else None
        if network is None or person is None:
            lang = await stranger_language(session, identity.network_id if identity else self.answers.network)
            return t(lang, "not_registered")
        lang = choose_language(None, person, "", network.language)
        return Context(session=session, network=network, person=person, lang=lang, now=aware_now(None))

    async def open(self, client: AsyncWebClient, user_id: str, trigger_id: str, text: str,
                   respond: AsyncRespond) -> None:
        async with self.answers.sessions() as session:
            ctx = await self.context(session, client, user_id)
            if isinstance(ctx, str):
                await _tell(respond, ctx, "nb")
                return
            if (refused := refusal(ctx)) is not None:
                await _tell(respond, refused, ctx.lang)
                return
            view = compose_view(ctx.network, ctx.lang, Form(text=text))
        await client.views_open(trigger_id=trigger_id, view=view)

    async def submitted(self, ack: AsyncAck, body: JsonDict, view: JsonDict, client: AsyncWebClient) -> None:
        try:
            await self._submitted(ack, body, view, client)
        except Exception:
            log.exception("Slack: the announcement modal failed")
            if ack.response is None:
                await ack(response_action="errors", errors={"text": t("nb", "error_generic")})

    async def _submitted(self, ack: AsyncAck, body: JsonDict, view: JsonDict, client: AsyncWebClient) -> None:
        user_id = str((body.get("user") or {}).get("id") or "")
        form = read_form(((view.get("state") or {}).get("values")) or {})
        async with self.answers.sessions() as session:
            ctx = await self.context(session, client, user_id)
            if isinstance(ctx, str):
                await ack(response_action="errors", errors={"text": ctx})
                return
            try:
                draft = prepare(ctx, form.draft())
            except NotAllowed as exc:
                await ack(response_action="errors", errors={"text": exc.text})
                return
            except Invalid as exc:
                await ack(response_action="errors", errors=block_errors(exc.problems, input_ids(ctx.network, ctx.lang)))
                return
            previewing = view.get("callback_id") == PREVIEW
            if previewing and previewed_digest(view) == form.digest():
                await ack(response_action="clear")
                # One send per submitted view: a double "Send" or a replayed request carries the same view.
                once = f"slack:view:{view.get('id')}:{view.get('hash') or ''}:{form.digest()}"
                self.answers.spawn(self.send(client, user_id, form, once), f"announcement by {user_id}")
                return
            preview = preview_messages(ctx.network, draft, ctx.lang)
            await ack(response_action="update", view=preview_view(ctx.network, ctx.lang, form, preview, previewing))

    async def send(self, client: AsyncWebClient, user_id: str, form: Form, once: str) -> None:
        """After the ack: check again, store and queue, then tell the author in their DM.

        `once` is claimed in the same transaction as the announcement: a second submission of the same
        view (however close in time, on whichever replica) finds it taken and does nothing.
        """
        async with self.answers.sessions() as session:
            ctx = await self.context(session, client, user_id)
            if not isinstance(ctx, str) and not await claim(session, once, datetime.now(UTC)):
                log.info("Slack: %s was already sent; ignoring this submission", once)
                return
            if isinstance(ctx, str):
                messages, lang = [Message(text=ctx)], "nb"
            else:
                lang = ctx.lang
                try:
                    sent = await send(ctx, prepare(ctx, form.draft()))
                    await session.commit()
                    messages = sent.messages
                    log.info("Slack: announcement %s queued for %s recipients by %s", sent.announcement_id,
                             sent.queued, user_id)
                except NotAllowed as exc:
                    messages = [Message(text=exc.text)]
                except Invalid as exc:
                    messages = [Message(text="\n".join(exc.problems.values()))]
        for payload in to_slack_messages(messages, lang):
            await client.chat_postMessage(channel=user_id, text=payload.text, blocks=payload.blocks)


async def _tell(respond: AsyncRespond, text: str, lang: Lang) -> None:
    for payload in to_slack_messages([Message(text=text)], lang):
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

    @app.view(COMPOSE)
    async def on_compose(ack: AsyncAck, body: JsonDict, view: JsonDict, client: AsyncWebClient) -> None:
        await modal.submitted(ack, body, view, client)

    @app.view(PREVIEW)
    async def on_preview(ack: AsyncAck, body: JsonDict, view: JsonDict, client: AsyncWebClient) -> None:
        await modal.submitted(ack, body, view, client)
