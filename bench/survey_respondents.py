"""The respondents of bench_survey_answers: people answering a survey in a Slack DM, as Slack sends it.

`Inbox` is the Slack emulator with each DM's posts kept apart; `Conversation.run` is one person's whole
survey (start, 10 answers, submit), each step timed from the signed POST to the bot's next message there.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import aiohttp

from bench.bench_slack_e2e import SECRET, TOKEN
from bench.gen_network import ANSWER_SURVEY
from tests.emulators.slack_api import Call, SlackApiEmulator, dm_channel_id
from tests.emulators.slack_models import BOT_USER_ID
from tests.emulators.slack_signing import (
    block_actions_form,
    event_callback,
    form_headers,
    json_body,
    json_headers,
    message_im_event,
)

QUESTIONS = 10
MONTHS = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
          "november", "desember")
WORDS = ("kompetanse", "kapasitet", "rekruttering", "gamle fagsystem", "økonomi", "tryggleik", "drift",
         "samarbeid", "innkjøp", "arkiv", "opplæring", "leverandørar")


STRAYS: list[str] = []  # the first replies that did not move on, to show


class Inbox(SlackApiEmulator):
    """The Slack emulator, with each DM's chat.postMessage calls kept apart and their waiters woken
    (the emulator's own waiting scans every message for every waiter: too slow for 400 at once)."""

    def __init__(self) -> None:
        super().__init__(token=TOKEN)
        self.posts: dict[str, list[Call]] = defaultdict(list)
        self.arrived: dict[str, asyncio.Event] = defaultdict(asyncio.Event)

    async def _record(self, call: Call) -> None:
        self.calls.append(call)
        if call.method == "chat.postMessage" and call.ok:
            channel = str(call.response["channel"])
            self.posts[channel].append(call)
            self.arrived[channel].set()

    async def wait(self, channel: str, count: int, timeout: float) -> bool:
        """Until `channel` has `count` posts; False after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while len(self.posts[channel]) < count:
            event = self.arrived[channel]
            event.clear()
            try:
                await asyncio.wait_for(event.wait(), max(0.0, deadline - time.monotonic()))
            except TimeoutError:
                return len(self.posts[channel]) >= count
        return True


@dataclass
class Step:
    kind: str  # start | answer | submit
    ms: float | None = None  # None: no reply in time
    ack: float = 0.0  # ms, the POST's own round trip
    status: int = 0
    moved_on: bool = True


@dataclass
class Respondent:
    index: int  # the person's place in the network file
    user: str
    lang: str
    rng: random.Random
    steps: list[Step] = field(default_factory=list)

    @property
    def dm(self) -> str:
        return dm_channel_id(self.user)


# --- what a person types ----------------------------------------------------------------------------------


def typed_number(r: Respondent, big: bool) -> str:
    if big:
        return str(r.rng.randrange(100_000, 30_000_000, 1000))
    whole = r.rng.randint(1, 40)
    return f"{whole}.5" if r.lang == "en" else f"ca. {whole},5"


def typed_date(r: Respondent) -> str:
    day, month, year = r.rng.randint(1, 28), r.rng.randint(1, 12), r.rng.choice((2023, 2024, 2025))
    return f"{year}-{month:02d}-{day:02d}" if r.lang == "en" else f"{day}. {MONTHS[month - 1]} {year}"


def typed_text(r: Respondent) -> str:
    return " og ".join(r.rng.sample(WORDS, r.rng.randint(1, 3))).capitalize()


def buttons_of(call: Call) -> list[dict[str, Any]]:
    return [element for block in call.args.get("blocks") or [] if block.get("type") == "actions"
            for element in block.get("elements", []) if element.get("type") == "button"]


def text_of(call: Call) -> str:
    return str(call.args.get("text") or "")


# --- one person's conversation ----------------------------------------------------------------------------


class Conversation:
    def __init__(self, inbox: Inbox, http: aiohttp.ClientSession, endpoint: str, think: float) -> None:
        self.inbox, self.http, self.endpoint, self.think = inbox, http, endpoint, think

    async def _post(self, r: Respondent, kind: str, body: bytes, headers: dict[str, str], replies: int) -> Step:
        """POST, then wait for the bot's `replies` messages in the DM; the step's latency is to the first."""
        before = len(self.inbox.posts[r.dm])
        step = Step(kind)
        sent = time.monotonic()
        try:
            async with self.http.post(self.endpoint, data=body, headers=headers) as response:
                await response.read()
                step.status = response.status
        except (aiohttp.ClientError, TimeoutError):
            step.status = -1
        step.ack = (time.monotonic() - sent) * 1000
        if await self.inbox.wait(r.dm, before + 1, 30):
            step.ms = (self.inbox.posts[r.dm][before].at - sent) * 1000
            await self.inbox.wait(r.dm, before + replies, 5)
        r.steps.append(step)
        return step

    async def says(self, r: Respondent, text: str, kind: str = "answer", replies: int = 1) -> Step:
        body = json_body(event_callback(message_im_event(r.user, text)))
        return await self._post(r, kind, body, json_headers(SECRET, body), replies)

    async def presses(self, r: Respondent, pick: int, kind: str = "answer") -> Step:
        """Presses button `pick` (negative: from the end) of the last message that has buttons."""
        message = next(c for c in reversed(self.inbox.posts[r.dm]) if buttons_of(c))
        button = buttons_of(message)[pick]
        original = {"type": "message", "ts": message.response["ts"], "user": BOT_USER_ID, "text": text_of(message),
                    "blocks": message.args.get("blocks")}
        body = block_actions_form(r.user, button["action_id"], str(button["value"]), channel_id=r.dm,
                                  message=original, response_url=self.inbox.new_response_url())
        return await self._post(r, kind, body, form_headers(SECRET, body), 1)

    async def start(self, r: Respondent) -> Step:
        if r.index % 2:
            body = block_actions_form(r.user, "survey_start", ANSWER_SURVEY, channel_id=r.dm,
                                      response_url=self.inbox.new_response_url())
            return await self._post(r, "start", body, form_headers(SECRET, body), 2)
        return await self.says(r, f"svar {ANSWER_SURVEY}", "start", replies=2)

    async def pause(self, r: Respondent) -> None:
        await asyncio.sleep(r.rng.uniform(0.5, 1.5) * self.think)

    def expects(self, r: Respondent, step: Step, place: int | None) -> None:
        """Did the reply move on to question `place` (None: the summary)?"""
        if step.ms is None:
            step.moved_on = False
            return
        last = text_of(self.inbox.posts[r.dm][-1])
        if place is None:
            step.moved_on = last.startswith(("Oppsummering:", "Summary:")) or "\nOppsummering:" in last or (
                "\nSummary:" in last)
        else:
            step.moved_on = f"{place} av {QUESTIONS}" in last or f"{place} of {QUESTIONS}" in last
        if not step.moved_on and len(STRAYS) < 5:
            STRAYS.append(f"{r.user} ({r.lang}) expected {place}: {last[:300]!r}")

    async def run(self, r: Respondent, start_at: float) -> None:
        await asyncio.sleep(max(0.0, start_at - time.monotonic()))
        self.expects(r, await self.start(r), 1)
        answers = (
            lambda: self.says(r, typed_number(r, big=False)),  # 1 number
            lambda: self.says(r, typed_number(r, big=True)),  # 2 number
            lambda: self.presses(r, r.rng.randrange(5)),  # 3 scale, pressed
            lambda: self.says(r, str(r.rng.randint(1, 5))),  # 4 scale, typed
            lambda: self.presses(r, r.rng.randrange(2)),  # 5 yes/no
            lambda: self.presses(r, r.rng.randrange(4)),  # 6 single choice
            None,  # 7 multiple choice: below
            lambda: self.says(r, typed_date(r)),  # 8 date
            lambda: self.says(r, typed_text(r)),  # 9 text
            lambda: self.says(r, typed_text(r)),  # 10 optional text
        )
        for number, answer in enumerate(answers, start=1):
            await self.pause(r)
            if answer is None:
                picked = await self.presses(r, r.rng.randrange(4))
                self.expects(r, picked, number)
                await self.pause(r)
                step = await self.presses(r, -1)  # "Ferdig" / "Done"
            else:
                step = await answer()
            self.expects(r, step, number + 1 if number < QUESTIONS else None)
        await self.pause(r)
        if r.index % 2:
            done = await self.presses(r, -1, "submit")
        else:
            done = await self.says(r, "submit" if r.lang == "en" else "send", "submit")
        done.moved_on = done.ms is not None and ("Takk" in text_of(self.inbox.posts[r.dm][-1])
                                                 or "Thank" in text_of(self.inbox.posts[r.dm][-1]))
