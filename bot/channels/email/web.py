"""What the links in a mail open, served by the bot's web app (bot/web.py):

    GET  /email/answer/<token>        a page naming the answer, with a button (a mail scanner that follows
                                      every link answers nothing)
    POST /email/answer/<token>        the answer: the button's router action run through the pipeline as the
                                      token's person (handlers stay channel-blind), then the bot's reply
    GET  /email/unsubscribe/<token>   a page with a button
    POST /email/unsubscribe/<token>   no more digests for that person (also RFC 8058's one-click POST from
                                      the mail client, body "List-Unsubscribe=One-Click")

A one-click answer works once: its nonce is stored when used (storage/email_links.py). Unsubscribing twice
is harmless and works every time. A forged (or cut-off) token, an expired one or one used already gets a
page saying so in the person's language (a forged token's claimed language, else the browser's), with
status 400, 410 or 409; nothing changes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

from aiohttp import web
from sqlalchemy import select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.channels.email.links import ANSWER_PATH, ONE_CLICK, UNSUBSCRIBE, UNSUBSCRIBE_PATH
from bot.channels.email.tokens import Expired, Forged, Grant, claimed_language, verify
from bot.pipeline import Pipeline
from handlers.incoming import Incoming
from messages.i18n import LANGUAGES, as_lang, t
from messages.render_email import messages_as_paragraphs, to_page
from storage import email_links
from storage.models import Person

log = logging.getLogger("digibot.email")

HEADERS = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex, nofollow"}


def page(lang: str, title: str, *paragraphs: str, status: int = 200, action: str | None = None,
         button: str | None = None) -> web.Response:
    return web.Response(text=to_page(lang, title, paragraphs, action=action, button=button), status=status,
                        content_type="text/html", charset="utf-8", headers=HEADERS)


def browser_language(request: web.Request) -> str:
    for part in request.headers.get("Accept-Language", "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        code = {"no": "nb"}.get(code, code)
        if code in LANGUAGES:
            return code
    return "nb"


class EmailLinks:
    """The handlers of /email/...: `secret` checks the tokens, `pipeline` answers as the person."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], pipeline: Pipeline, secret: str,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.sessions, self.pipeline, self.secret, self.clock = sessions, pipeline, secret, clock

    def routes(self, app: web.Application) -> None:
        app.router.add_get(ANSWER_PATH + "{token}", self.answer_page)
        app.router.add_post(ANSWER_PATH + "{token}", self.answer)
        app.router.add_get(UNSUBSCRIBE_PATH + "{token}", self.unsubscribe_page)
        app.router.add_post(UNSUBSCRIBE_PATH + "{token}", self.unsubscribe)

    def _grant(self, request: web.Request, purposes: set[str]) -> Grant | web.Response:
        token = request.match_info["token"]
        try:
            grant = verify(self.secret, token, self.clock())
        except Expired as exc:
            lang = as_lang(exc.grant.lang)
            return page(lang, t(lang, "email_page_expired_title"), t(lang, "email_page_expired_text"), status=410)
        except Forged:
            lang = as_lang(claimed_language(token) or browser_language(request))
            return page(lang, t(lang, "email_page_forged_title"), t(lang, "email_page_forged_text"), status=400)
        if grant.purpose not in purposes:
            lang = as_lang(grant.lang)
            return page(lang, t(lang, "email_page_forged_title"), t(lang, "email_page_forged_text"), status=400)
        return grant

    @staticmethod
    def _used(grant: Grant) -> web.Response:
        lang = as_lang(grant.lang)
        return page(lang, t(lang, "email_page_used_title"), t(lang, "email_page_used_text"), status=409)

    # ------------------------------------------------------------------ one-click answers

    async def answer_page(self, request: web.Request) -> web.Response:
        grant = self._grant(request, set(ONE_CLICK))
        if isinstance(grant, web.Response):
            return grant
        async with self.sessions() as session:
            used = await email_links.was_used(session, grant.nonce)
        if used:
            return self._used(grant)
        lang = as_lang(grant.lang)
        return page(lang, t(lang, "email_page_confirm_title"), t(lang, "email_page_confirm_text", label=grant.label),
                    action=request.path, button=t(lang, "email_page_confirm_button"))

    async def answer(self, request: web.Request) -> web.Response:
        grant = self._grant(request, set(ONE_CLICK))
        if isinstance(grant, web.Response):
            return grant
        lang, now = as_lang(grant.lang), self.clock()
        async with self.sessions() as session:
            first = await email_links.use_link(session, grant.nonce, grant.person_id, grant.purpose, now,
                                               grant.expires)
            await session.commit()
        if not first:
            return self._used(grant)
        incoming = Incoming(network_id=grant.network_id, person_id=grant.person_id, action_id=grant.purpose,
                            value=grant.value, channel="email", now=now)
        try:
            reply = await self.pipeline.handle(incoming)
        except (OSError, DBAPIError):
            log.warning("one-click answer %s for person %s not recorded: database unavailable", grant.purpose,
                        grant.person_id)
            async with self.sessions() as session:  # it did not happen: the link works again later
                await email_links.unuse_link(session, grant.nonce)
                await session.commit()
            return page(lang, t(lang, "email_page_reply_title", label=grant.label), t(lang, "error_unavailable"),
                        status=503)
        said = messages_as_paragraphs(reply.messages, reply.lang) if reply is not None else []
        log.info("one-click answer %s by person %s", grant.purpose, grant.person_id)
        return page(reply.lang if reply else lang, t(lang, "email_page_reply_title", label=grant.label), *said)

    # ------------------------------------------------------------------ unsubscribing from digests

    async def unsubscribe_page(self, request: web.Request) -> web.Response:
        grant = self._grant(request, {UNSUBSCRIBE})
        if isinstance(grant, web.Response):
            return grant
        lang = as_lang(grant.lang)
        async with self.sessions() as session:
            email = await session.scalar(select(Person.email).where(Person.id == grant.person_id))
        return page(lang, t(lang, "email_page_unsubscribe_title"),
                    t(lang, "email_page_unsubscribe_text", email=email or "—"),
                    action=request.path, button=t(lang, "email_page_unsubscribe_button"))

    async def unsubscribe(self, request: web.Request) -> web.Response:
        grant = self._grant(request, {UNSUBSCRIBE})
        if isinstance(grant, web.Response):
            return grant
        lang = as_lang(grant.lang)
        async with self.sessions() as session:
            email = await email_links.opt_out_of_digests(session, grant.network_id, grant.person_id, self.clock())
            await session.commit()
        if email is None:
            return page(lang, t(lang, "email_page_forged_title"), t(lang, "email_page_forged_text"), status=400)
        log.info("person %s unsubscribed from digests", grant.person_id)
        return page(lang, t(lang, "email_page_unsubscribed_title"), t(lang, "email_page_unsubscribed_text"))
