"""One test harness that reads like a chat (errbot's `testbot` is the model): the `bot` fixture.

    async def test_a_coordinator_is_reminded_of_a_deadline(bot):
        await bot.load("tests/fixtures/network_testland.yaml")
        mona = bot.person("mona.lien@rana.kommune.no", channel="slack")   # or "console"
        await bot.at("2026-03-02T08:00")
        await bot.run_planner(); await bot.run_worker()
        assert "Frist" in mona.received[-1].text
        reply = await mona.says("kva fristar har vi?")
        await mona.presses("Lest")            # a button by its label, on the last message that has it

Everything is the real thing on a throw-away database (SQLite and PostgreSQL, like `engine`):
- a Slack person speaks through the signed `/slack/events` endpoint of the running aiohttp app, and reads
  their DM in the Slack emulator (tests/fixtures/slack/harness.py, tests/emulators/slack_api.py);
- a console person speaks through the pipeline (bot/pipeline) and reads what the console channel prints;
- an e-mail person (`channel="email"`) reads the mails the e-mail channel sent to a real SMTP server on
  loopback (tests/smtp_server.py, `bot.smtp`), parsed back; `presses(label)` follows the button's link in
  the mail (GET the confirmation page, then POST, as a browser would: `bot.follow(url)`);
- `run_planner` plans what is due at the bot's clock (handlers/notify/planner.py), `run_worker` delivers
  the outbox with the delivery worker: Slack rows by the Slack sender, e-mail rows by the e-mail sender
  once someone reads e-mail, every other channel's rows by the console sender;
- `restart()` is a new bot on the same database: nothing kept in memory survives it.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack
from dataclasses import replace
from datetime import UTC, datetime
from html import unescape
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.channels.email.links import LinkMaker
from bot.channels.email.sender import EmailSender, SmtpConfig
from bot.channels.email.web import EmailLinks
from bot.delivery.metrics import DeliveryMetrics
from bot.delivery.worker import DeliveryWorker
from bot.pipeline import Pipeline, Reply
from bot.pipeline.context import build_context
from handlers.announce import DraftInput, announce
from handlers.app import build_router
from handlers.context import Context
from handlers.incoming import Incoming
from handlers.notify.planner import plan_due
from handlers.router import Router
from messages.render_text import to_text
from storage import models as m
from storage.db import make_sessionmaker
from storage.importer import import_network
from storage.models_identity import PlatformIdentity
from storage.snapshot import SnapshotCache
from tests.emulators.slack_api import SlackApiEmulator, dm_channel_id
from tests.emulators.slack_models import BOT_USER_ID
from tests.fixtures.slack.harness import TOKEN, SlackBot, running_bot
from tests.smtp_server import LocalSmtp
from tests.testbot_inbox import Button, ConsoleInbox, Received, from_mail, from_messages, from_slack

ROOT = Path(__file__).resolve().parent.parent
EMAIL_SECRET = "test secret for one-click links"
PUBLIC_URL = "https://digibot.test"
MAIL_FROM = "Digi Kyst <post@digikyst.no>"


def page_text(html: str) -> str:
    """A web page's visible words, one line per paragraph or heading."""
    body = re.sub(r"(?s)<(head|style|script)\b.*?</\1>", "", html)
    body = re.sub(r"<br\s*/?>", "\n", body)
    body = re.sub(r"</(p|h1|button|li)>", "\n", body)
    text = unescape(re.sub(r"<[^>]+>", "", body))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


class ClockedPipeline(Pipeline):
    """The bot's pipeline reading the test bot's clock for every message that brings none (Slack's)."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], router: Router,
                 clock: Callable[[], datetime]) -> None:
        super().__init__(sessions, router)
        self.clock = clock

    async def handle(self, incoming: Incoming, **kwargs: Any) -> Reply | None:
        return await super().handle(replace(incoming, now=incoming.now or self.clock()), **kwargs)


def network_source(network: str | Path | dict[str, Any], folder: Path) -> Path:
    """A network file (relative to the project root), or its content as a dict written into `folder`."""
    if isinstance(network, dict):
        source = folder / "network.yaml"
        source.write_text(yaml.safe_dump(network, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return source
    source = Path(network)
    return source if source.is_absolute() else ROOT / source


async def import_file(sessions: async_sessionmaker[AsyncSession], source: Path) -> tuple[str, str]:
    """Imports the network file; returns its id and time zone."""
    async with sessions() as session:
        await import_network(session, source)
        await session.commit()
    net = yaml.safe_load(source.read_text(encoding="utf-8"))["network"]
    return str(net["id"]), str(net.get("timezone", "Europe/Oslo"))


async def people_of(sessions: async_sessionmaker[AsyncSession], network_id: str) -> dict[str, int]:
    async with sessions() as session:
        rows = await session.execute(select(m.Person.email, m.Person.id).where(m.Person.network_id == network_id))
        return {email.lower(): pid for email, pid in rows}


class Person:
    """Someone talking to the bot through one channel; `received` is everything they got, in order."""

    def __init__(self, bot: TestBot, email: str, person_id: int, channel: str, slack_id: str | None) -> None:
        self.bot, self.email, self.id, self.channel, self.slack_id = bot, email, person_id, channel, slack_id

    @property
    def dm(self) -> str:
        assert self.slack_id is not None, f"{self.email} is not in Slack"
        return dm_channel_id(self.slack_id)

    @property
    def received(self) -> list[Received]:
        if self.channel == "email":
            return [from_mail(mail) for mail in self.bot.smtp.mails_to(self.email)] if self.bot.smtp else []
        if self.channel == "slack":
            return [from_slack(message) for message in self.bot.slack_api.messages_to(self.dm)]
        return self.bot.console_inbox.of(self.id)

    async def says(self, text: str, *, in_channel: str | None = None) -> Received:
        """Types `text` (in Slack: a DM, or with `in_channel` a mention of the bot in that channel);
        returns the answer (its first message when there are several)."""
        if self.channel == "slack":
            return await self._says_in_slack(text, in_channel)
        reply = await self.bot.pipeline.reply(Incoming(network_id=self.bot.network_id, person_id=self.id, text=text,
                                                       channel="console", now=self.bot.now()))
        return self._answered(reply)

    async def _says_in_slack(self, text: str, in_channel: str | None) -> Received:
        web, slack_id = await self.bot.web(), self.slack_id or ""
        where = in_channel or self.dm
        before = len(self.bot.slack_api.messages_to(where))
        if in_channel is None:
            ack, _ = await web.dm(slack_id, text)
        else:
            ack, _ = await web.mention(slack_id, f"<@{BOT_USER_ID}> {text}", channel=in_channel)
        assert ack.status == 200, ack
        await self.bot.slack_api.wait_for_messages(where, count=before + 1)
        await web.idle()
        return from_slack(self.bot.slack_api.messages_to(where)[before])

    async def presses(self, label: str, *, on: Received | None = None) -> list[Received]:
        """Presses the button `label` on `on` (by default the last message that has one); returns the answers."""
        if self.channel == "email":
            return [await self.bot.follow(self._link(label, on))]
        message = on or next((r for r in reversed(self.received) if any(b.label == label for b in r.buttons)), None)
        assert message is not None, f"{self.email} has no message with a button {label!r}"
        return await self.presses_button(message.button(label), on=message)

    def _link(self, label: str, on: Received | None) -> str:
        mail = on or next((r for r in reversed(self.received) if label in r.links), None)
        assert mail is not None and label in mail.links, f"{self.email} has no mail with a link {label!r}"
        return mail.links[label]

    async def presses_button(self, button: Button, *, on: Received | None = None) -> list[Received]:
        if self.channel == "slack":
            return await self._press_in_slack(button, on)
        reply = await self.bot.pipeline.reply(Incoming(
            network_id=self.bot.network_id, person_id=self.id, action_id=button.action_id, value=button.value,
            channel="console", now=self.bot.now()))
        return [self._answered(reply)]

    async def _press_in_slack(self, button: Button, on: Received | None) -> list[Received]:
        web = await self.bot.web()
        before = len(self.bot.slack_api.messages_to(self.dm))
        posts = len(self.bot.slack_api.response_url_posts)
        original = on.slack if on is not None and on.slack is not None else None
        message = self.bot.slack_api._message_json(original) if original is not None else None
        ack = await web.press(self.slack_id or "", button.action_id, button.value, channel_id=self.dm,
                              message=message, response_url=self.bot.slack_api.new_response_url())
        assert ack.status == 200, ack
        await web.idle()
        answers = self.received[before:]
        answers += [Received(str(post.get("text", "")), via="slack")
                    for post in self.bot.slack_api.response_url_posts[posts:]]
        return answers

    def _answered(self, reply: Reply) -> Received:
        received = from_messages(to_text(reply.messages, reply.lang), reply.messages)
        self.bot.console_inbox.of(self.id).append(received)
        return received


class TestBot:
    """The bot, its database, its clock, its Slack workspace and the people talking to it."""

    __test__ = False  # not a test class for pytest

    def __init__(self, engine: AsyncEngine, folder: Path, stack: AsyncExitStack) -> None:
        self.engine, self.folder, self._stack = engine, folder, stack
        self.sessions = make_sessionmaker(engine)
        self.network_id = ""
        self.timezone = ZoneInfo("Europe/Oslo")
        self._now: datetime | None = None
        self._people: dict[str, int] = {}
        self._slack_ids: dict[str, str] = {}  # Slack accounts the network file links
        self.people: dict[str, Person] = {}
        self._extend: list[Callable[[Router], None]] = []
        self.pipeline = self._new_pipeline()
        self.console_inbox = ConsoleInbox()
        self.slack_api: SlackApiEmulator = None  # type: ignore[assignment]  # started by `start`
        self._web: SlackBot | None = None
        self._web_stack: AsyncExitStack | None = None
        self.smtp: LocalSmtp | None = None  # the SMTP server e-mail people read from (started when needed)
        self._email_web: TestClient[web.Request, web.Application] | None = None

    async def start(self) -> TestBot:
        self.slack_api = await self._stack.enter_async_context(SlackApiEmulator(token=TOKEN))
        self._stack.push_async_callback(self._stop_web)
        return self

    def _new_pipeline(self) -> Pipeline:
        router = build_router()
        for extend in self._extend:
            extend(router)
        return ClockedPipeline(self.sessions, router, self.now)

    # ------------------------------------------------------------------ the world

    async def load(self, network: str | Path | dict[str, Any]) -> None:
        """Imports a network file (or its content) into the bot's database."""
        self.network_id, timezone = await import_file(self.sessions, network_source(network, self.folder))
        self.timezone = ZoneInfo(timezone)
        self._people = await people_of(self.sessions, self.network_id)
        async with self.sessions() as session:
            rows = await session.execute(select(m.Person.email, PlatformIdentity.external_id).join(
                PlatformIdentity, PlatformIdentity.person_id == m.Person.id).where(
                m.Person.network_id == self.network_id, PlatformIdentity.platform == "slack"))
            self._slack_ids = {email.lower(): external_id for email, external_id in rows}

    def extend(self, add: Callable[[Router], None]) -> None:
        """Adds listeners to the bot's router (e.g. a test flow); call before anyone speaks."""
        self._extend.append(add)
        self.pipeline = self._new_pipeline()

    def person(self, email: str, *, channel: str = "console", slack_id: str | None = None) -> Person:
        """Someone of the network, talking through `channel`. In Slack they are a workspace user with their
        e-mail (found by users.lookupByEmail) and the account the network file links, if any. Their
        notifications go to `channel` too (from `run_planner` on)."""
        key = email.lower()
        if key in self.people:
            return self.people[key]
        if channel == "email" and self.smtp is None:
            self.smtp = LocalSmtp()
        if channel == "slack":
            made_up = f"U{len(self.people):02d}{key.split('@')[0].replace('.', '').upper()[:8]}"
            slack_id = slack_id or self._slack_ids.get(key) or made_up
            self.slack_api.add_user(slack_id, email, key.split("@")[0])
        who = Person(self, email, self._people[key], channel, slack_id)
        self.people[key] = who
        return who

    async def _deliver_where_they_talk(self) -> None:
        """Each person's notifications go to the channel they talk through (as if the network file said so)."""
        async with self.sessions() as session:
            for who in self.people.values():
                await session.execute(update(m.Person).where(m.Person.id == who.id).values(channel=who.channel))
            await session.commit()

    async def announce(self, author: Person, text: str, audience: dict[str, list[str]], *, title: str | None = None,
                       confirm: bool = False) -> list[Received]:
        """`author` sends an announcement now, the way the Slack modal and `digibot announce` do
        (handlers/announce); returns what the author is told. The worker delivers it."""
        async with self.sessions() as session:
            ctx = await build_context(session, SnapshotCache(), self.network_id, author.id, now=self.now())
            assert isinstance(ctx, Context)
            sent = await announce(ctx, DraftInput(text=text, title=title, audience=audience,
                                                  require_confirmation=confirm))
            await session.commit()
        return [from_messages(to_text(sent.messages, ctx.lang), sent.messages)]

    # ------------------------------------------------------------------ time, planner and worker

    async def at(self, moment: str | datetime) -> None:
        """Moves the bot's clock: an ISO date-time, in the network's time zone unless it has an offset."""
        value = moment if isinstance(moment, datetime) else datetime.fromisoformat(moment)
        self._now = value if value.tzinfo else value.replace(tzinfo=self.timezone)

    def now(self) -> datetime:
        return self._now or datetime.now(UTC)

    async def run_planner(self) -> int:
        """Plans what is due at the bot's clock; returns how many outbox rows were added."""
        await self._deliver_where_they_talk()
        async with self.sessions() as session:
            return await plan_due(session, self.network_id, self.now())

    async def run_worker(self) -> int:
        """Delivers every due outbox row; returns how many were handled."""
        senders: dict[str, Any] = {name: self.console_inbox for name in ("teams", "email", "webhook", "console")}
        if any(p.channel == "slack" for p in self.people.values()):
            senders["slack"] = (await self.web()).channel.platform.sender
        email = await self._email_sender()
        if email is not None:
            senders["email"] = email
        worker = DeliveryWorker(self.sessions, senders, worker_id="testbot", clock=self.now, concurrency=4,
                                metrics=DeliveryMetrics())
        total = 0
        try:
            while handled := await worker.run_once():
                total += handled
        finally:
            if email is not None:
                await email.close()
        return total

    # ------------------------------------------------------------------ e-mail

    async def _email_sender(self) -> EmailSender | None:
        """The e-mail channel's sender, to the test's SMTP server, when someone reads e-mail."""
        if self.smtp is None:
            return None
        if self.smtp.server is None:
            await self._stack.enter_async_context(self.smtp)
        config = SmtpConfig(host="127.0.0.1", port=self.smtp.port, tls="none", mail_from=MAIL_FROM)
        return EmailSender(config, LinkMaker(EMAIL_SECRET, PUBLIC_URL, self.now), clock=self.now)

    async def follow(self, link: str) -> Received:
        """Opens a link from a mail (GET, the confirmation page) and presses its button (POST); returns the
        page it ends on, as text."""
        assert link.startswith(PUBLIC_URL), link
        path, client = link.removeprefix(PUBLIC_URL), await self.email_web()
        shown = await client.get(path)
        page = await shown.text()
        if shown.status != 200 or "<form" not in page:
            return Received(page_text(page), via="email-page")
        done = await client.post(path)
        return Received(page_text(await done.text()), via="email-page")

    async def email_web(self) -> TestClient[web.Request, web.Application]:
        """A browser on the pages the links in mails open (bot/channels/email/web.py)."""
        if self._email_web is None:
            app = web.Application()
            EmailLinks(self.sessions, self.pipeline, EMAIL_SECRET, clock=self.now).routes(app)
            self._email_web = TestClient(TestServer(app))
            await self._email_web.start_server()
            self._stack.push_async_callback(self._email_web.close)
        return self._email_web

    # ------------------------------------------------------------------ the running Slack app

    async def web(self) -> SlackBot:
        """The bot's web app with Slack attached (started when first needed)."""
        if self._web is None:
            self._web_stack = AsyncExitStack()
            calls = len(self.slack_api.calls)
            self._web = await self._web_stack.enter_async_context(running_bot(
                self.engine, self.sessions, network=self.network_id, pipeline=self.pipeline, load=False,
                slack=self.slack_api))
            # forget the startup auth.test: tests count what answering does
            self.slack_api.calls[calls:] = [c for c in self.slack_api.calls[calls:] if c.method != "auth.test"]
        return self._web

    async def _stop_web(self) -> None:
        stack, self._web_stack, self._web = self._web_stack, None, None
        if stack is not None:
            await stack.aclose()

    async def restart(self) -> None:
        """A new bot on the same database: a new pipeline, a new web app, nothing kept in memory."""
        await self._stop_web()
        await self.engine.dispose()  # no connection of the old bot is used again
        self.sessions = make_sessionmaker(self.engine)
        self.pipeline = self._new_pipeline()


async def make_bot(engine: AsyncEngine, folder: Path) -> AsyncIterator[TestBot]:
    async with AsyncExitStack() as stack:
        yield await TestBot(engine, folder, stack).start()
