"""The terminal as a channel: `digibot chat` reads lines, prints the bot's answers, and shows the
person's due notifications (reminders, notices, announcements) between answers.

Input is read line by line, from a terminal or not (a piped or redirected stdin scripts a whole
conversation). Buttons are numbered choices; typing the number or the label of one shown last presses it
(bot/channels/console/buttons.py)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import TextIO

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.channels.base import Delivery
from bot.channels.console.buttons import ShownButtons, numbered
from bot.channels.console.sender import console_worker
from bot.pipeline import DEFAULT_PUBLIC_URL, build_pipeline
from handlers.incoming import Incoming
from handlers.notify.planner import plan_due
from messages.codec import message_from_dict
from messages.i18n import t

QUIT_WORDS = {"quit", "exit", "avslutt", "slutt", "q"}
PLAN_EVERY_SECONDS = 60.0


class _Notifications:
    """Plans what is due (at most once a minute) and prints what is addressed to the person."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], network_id: str, person_id: int,
                 stdout: TextIO, skip_channels: Sequence[str], shown: ShownButtons,
                 now: datetime | None = None) -> None:
        self.sessions, self.network_id, self.person_id = sessions, network_id, person_id
        self.stdout = stdout
        self.shown = shown
        self.now = now  # a fixed clock (`digibot chat --now`), else the real time
        self.worker = console_worker(sessions, person_id, self._write, self.clock, skip_channels=skip_channels,
                                     render=self._render)
        self._planned_at = -PLAN_EVERY_SECONDS

    async def show_due(self) -> None:
        if time.monotonic() - self._planned_at >= PLAN_EVERY_SECONDS:
            self._planned_at = time.monotonic()
            async with self.sessions() as session:
                await plan_due(session, self.network_id, self.clock())
        await self.worker.run_once()

    def clock(self) -> datetime:
        return self.now or datetime.now(UTC)

    def _render(self, delivery: Delivery) -> str:
        """A notification with numbered buttons (an invitation's Start): pressable until the next output."""
        messages = [message_from_dict(m) for m in (delivery.message, *delivery.more)]
        text, buttons = numbered(messages, delivery.lang)
        if buttons:
            self.shown.show(buttons)
        attachment = delivery.attachment or {}
        return f"{text}\n📎 {attachment['filename']}" if attachment.get("filename") else text

    def _write(self, text: str) -> None:
        self.stdout.write(text.rstrip("\n") + "\n\n")
        self.stdout.flush()


async def run_console(
    sessions: async_sessionmaker[AsyncSession],
    network_id: str,
    person_id: int,
    lang: str | None,
    stdin: TextIO,
    stdout: TextIO,
    skip_channels: Sequence[str] = (),
    public_url: str = DEFAULT_PUBLIC_URL,
    now: datetime | None = None,
) -> None:
    """`skip_channels`: channels a running service delivers (e.g. slack), left to it; `now`: a fixed clock."""
    pipeline = build_pipeline(sessions, public_url)
    shown = ShownButtons()
    notifications = _Notifications(sessions, network_id, person_id, stdout, skip_channels, shown, now)

    async def answer(text: str) -> None:
        button = shown.pressed(text)
        said = Incoming(network_id=network_id, person_id=person_id, lang=lang, channel="console", now=now)
        said = replace(said, action_id=button.action_id, value=button.value) if button else replace(said, text=text)
        reply = await pipeline.reply(said)
        printed, buttons = numbered(reply.messages, reply.lang)
        shown.show(buttons)
        stdout.write(printed + "\n\n")
        if text == "hjelp":
            stdout.write(t(reply.lang, "console_prompt_hint") + "\n\n")
        stdout.flush()

    await answer("hjelp")
    await notifications.show_due()
    loop = asyncio.get_running_loop()
    while True:
        if stdin.isatty():
            stdout.write("> ")
            stdout.flush()
        line = await loop.run_in_executor(None, stdin.readline)
        if not line:
            break
        text = line.strip()
        if not text:
            continue
        if text.lower() in QUIT_WORDS:
            break
        await answer(text)
        await notifications.show_due()
