"""What digibot does with each Teams activity the SDK's Teams extension routes to it (routes.py); the work is
done in a task, so that Teams gets its 202 at once.

    a question / a card button   → the pipeline (identify, dedupe by activity id, flows, router) → the reply,
                                   through the platform's sender (the same limiter and retries as the outbox)
    the app installed            → the reference stored as the user's address, the user matched to a person
                                   (by id, else by the e-mail/UPN of the roster), their waiting rows woken
    the bot added to a team      → the team's members who are people of the network linked, and given a
                                   personal chat with the bot (team.py): their notices need no install
    the app removed              → the reference forgotten: their rows wait for a new install instead of being
                                   sent into a chat Teams no longer delivers to
    in personal chat             → the reference is kept up to date as well

Private messages (Message.private) asked for in a channel go to the person's personal chat when the bot
has it, else they are left out with a note; the channel never sees them.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

from microsoft_agents.activity import Activity
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.channels.base import Delivery
from bot.channels.tasks import ChannelTasks
from bot.channels.teams import activities as read
from bot.channels.teams.platform import TeamsPlatform
from bot.channels.teams.references import PLATFORM, email_lookup, forget, remember
from bot.channels.teams.roster import RosterUnavailable
from bot.channels.teams.team import team_added
from bot.delivery.replies import ReplyLost, send_reply
from bot.pipeline import Pipeline, Reply, Speaker
from handlers.incoming import Incoming
from messages.codec import message_to_dict
from messages.i18n import t
from messages.model import Message
from messages.render_teams import TeamsPayload, answered, pressed_title
from storage import identities

log = logging.getLogger(__name__)


def activity_key(activity_id: str) -> str:
    return f"teams:activity:{activity_id}"


class TeamsAnswers(ChannelTasks):
    """The work for each routed activity (routes.py), and the tasks it starts."""

    def __init__(self, pipeline: Pipeline, platform: TeamsPlatform, sessions: async_sessionmaker[AsyncSession],
                 network: str | None) -> None:
        super().__init__("Teams")
        self.pipeline = pipeline
        self.platform = platform
        self.sessions = sessions
        self.network = network

    # ------------------------------------------------------------------ the routes (in the turn: no I/O)

    def message(self, activity: Activity) -> None:
        kind, user = read.message_kind(activity), read.user_of(activity)
        if kind is not None and user:
            self.spawn(self.answer(activity, user, kind), f"{kind} {activity.id} by {user}")

    def installation(self, activity: Activity) -> None:
        kind, user = read.installation_kind(activity), read.user_of(activity)
        if kind == read.INSTALLED and user:
            self.spawn(self.installed(activity, user), f"installation by {user}")
        elif kind == read.REMOVED and user:
            self.spawn(self.removed(activity, user), f"removal by {user}")

    def members_added(self, activity: Activity) -> None:
        user = read.user_of(activity)
        if not read.bot_added(activity):
            return
        if read.is_personal(activity) and user:
            self.spawn(self.installed(activity, user), f"installation by {user}")
        elif (team := read.team_of(activity)) is not None and team.id:
            self.spawn(self.team_added(activity), f"added to team {team.id}")

    # ------------------------------------------------------------------ the work

    async def installed(self, activity: Activity, user: str) -> None:
        reference = read.reference_of(activity)
        lookup = email_lookup(self.platform.roster, reference, str(activity.from_property.id))
        try:
            people = await remember(self.sessions, user, reference, lookup=lookup, tenant=read.tenant_of(activity),
                                    network=self.network)
        except RosterUnavailable as exc:  # nothing stored: their first message (or a new install) does it all
            log.warning("Teams: installed by %s, but the roster is unavailable (%s): nothing stored yet", user, exc)
            return
        self.platform.sender.learned(people)
        log.info("Teams: app installed by %s (people %s)", user, people or "not matched yet")

    async def team_added(self, activity: Activity) -> None:
        await team_added(self.platform, self.sessions, activity, self.network)

    async def removed(self, activity: Activity, user: str) -> None:
        people = await forget(self.sessions, user, read.reference_of(activity))
        self.platform.sender.learned(people)
        log.info("Teams: app removed by %s (people %s): their messages wait for a new install", user,
                 people or "none")

    async def answer(self, activity: Activity, user: str, kind: str) -> None:
        reference = read.reference_of(activity)
        if kind == read.PRESS:
            action_id, value = read.pressed(activity)
            incoming = self._incoming(action_id=action_id, value=value)
        else:
            incoming = self._incoming(text=read.question_text(activity))
        lookup = email_lookup(self.platform.roster, reference, str(activity.from_property.id))
        speaker = Speaker(PLATFORM, user, lookup, self.network)
        personal = read.is_personal(activity)
        reply_to = None if personal else (activity.reply_to_id or activity.id)
        try:
            reply = await self.pipeline.handle(incoming, speaker=speaker,
                                               dedupe_key=activity_key(activity.id) if activity.id else None)
        except Exception as exc:
            if isinstance(exc, RosterUnavailable):
                log.warning("Teams: could not tell who user %s is: the roster is unavailable (%s)", user, exc)
            else:
                log.exception("Teams: could not answer user %s", user)
            key = "error_unavailable" if isinstance(exc, OSError | DBAPIError) else "error_generic"
            await self._send(Reply([Message(text=t("nb", key))], "nb"), user, reference, reply_to, activity.id)
            return
        if reply is None:  # Teams' retry of an activity already answered
            return
        if not personal and any(m.private for m in reply.messages):
            reply = await self._private_elsewhere(reply, user)
        await self._send(reply, user, reference, reply_to, activity.id)
        if personal and kind == read.PRESS and activity.reply_to_id:
            await self._answer_in_place(reference, activity.reply_to_id, incoming, reply)
        if personal:
            people = await remember(self.sessions, user, reference)
            self.platform.sender.learned(people)

    async def _answer_in_place(self, reference: dict[str, Any], card_id: str, incoming: Incoming,
                               reply: Reply) -> None:
        """The pressed card loses its buttons and says what was chosen (Teams lets a bot update its own
        message). Only a card this process sent can be rebuilt; others stay as they are."""
        card = self.platform.sender.card_of(card_id)
        title = pressed_title(card, incoming.action_id or "", incoming.value) if card else None
        if card is None or not title:
            return
        note = t(reply.lang, "teams_you_chose", label=title)
        try:
            await self.platform.sender.update(reference, card_id, TeamsPayload(note, answered(card, note)))
        except Exception as exc:  # noqa: BLE001 - the answer is given; an old card left as it was is no harm
            log.warning("Teams: could not update card %s in place: %r", card_id, exc)

    def _incoming(self, **fields: Any) -> Incoming:
        return Incoming(network_id=self.network or "", person_id=None, channel=PLATFORM, **fields)

    async def _private_elsewhere(self, reply: Reply, user: str) -> Reply:
        """Private messages go to the user's personal chat (when the bot has one), never to the channel."""
        private = [m for m in reply.messages if m.private]
        rest = [m for m in reply.messages if not m.private]
        async with self.sessions() as session:
            personal = await identities.recall_address(session, PLATFORM, user)
        if personal is not None:
            await self._send(replace(reply, messages=private), user, personal, None, None)
            return replace(reply, messages=[*rest, Message(text=t(reply.lang, "sent_you_a_dm"))])
        return replace(reply, messages=[*rest, Message(text=t(reply.lang, "teams_private_needs_chat"))])

    async def _send(self, reply: Reply, user: str, reference: dict[str, Any], reply_to: str | None,
                    key: str | None) -> None:
        if not reply.messages:
            return
        first, *more = (message_to_dict(m) for m in reply.messages)
        delivery = Delivery(id=0, key=f"reply:teams:{key or id(reply)}", kind="reply", channel=PLATFORM,
                            network_id=self.network or "", person_id=None, recipient=user, lang=reply.lang,
                            message=first, more=tuple(more), address={"reference": reference, "reply_to": reply_to})
        try:
            await send_reply(self.platform.sender, delivery)
        except ReplyLost:
            pass  # logged by send_reply
