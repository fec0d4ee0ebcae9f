"""The SDK's agent for Teams: an `AgentApplication` with the Teams extension (`TeamsAgentExtension`,
microsoft-agents-hosting-msteams), whose routes hand each activity to `TeamsAnswers` (answer.py).

    message                             a question or a card's Action.Submit  → answers.message
    installationUpdate                  the app added to or removed from a user's personal scope → answers.installation
    conversationUpdate (membersAdded)   the bot added to a personal chat or a team → answers.members_added

The extension only matches activities of the `msteams` channel, gives each handler a `TeamsTurnContext`
whose activity is a `TeamsActivity` with its channel data parsed into the typed model (tenant, team,
channel), and opens a Teams API client for the turn. Anything else Teams sends (reactions, edits, other
members joining) is taken and ignored, so that nothing answers it. Turn state is not kept: every
conversation lives in the database (`NoStorage` reads nothing and writes nothing), and no typing indicator
is sent (answers come from a task after the 202).
"""

from __future__ import annotations

from typing import Any, TypeVar

from microsoft_agents.activity import ActivityTypes, ConversationUpdateTypes
from microsoft_agents.hosting.core import (
    AgentApplication,
    ApplicationOptions,
    RouteRank,
    Storage,
    StoreItem,
    TurnContext,
    TurnState,
)
from microsoft_agents.hosting.core.authorization import Connections
from microsoft_agents.hosting.msteams import TeamsAgentExtension, TeamsTurnContext

from bot.channels.teams.answer import TeamsAnswers

ItemT = TypeVar("ItemT", bound=StoreItem)


class NoStorage(Storage):
    """The SDK's turn state store, holding nothing (conversations are database rows, docs DESIGN.md)."""

    async def read(self, keys: list[str], *, target_cls: type[ItemT], **kwargs: Any) -> dict[str, ItemT]:
        return {}

    async def write(self, changes: dict[str, StoreItem]) -> None:
        return None

    async def delete(self, keys: list[str]) -> None:
        return None


def teams_application(connections: Connections, answers: TeamsAnswers) -> AgentApplication[TurnState]:
    options = ApplicationOptions(storage=NoStorage(), start_typing_timer=False, remove_recipient_mention=False)
    app: AgentApplication[TurnState] = AgentApplication(options, connection_manager=connections)
    teams: TeamsAgentExtension[TurnState] = TeamsAgentExtension(app)

    @teams.activity(ActivityTypes.message)
    async def message(context: TeamsTurnContext, state: TurnState) -> None:
        answers.message(context.activity)

    @teams.installation_update()
    async def installation(context: TeamsTurnContext, state: TurnState) -> None:
        answers.installation(context.activity)

    @teams.conversation_update(ConversationUpdateTypes.MEMBERS_ADDED)
    async def members_added(context: TeamsTurnContext, state: TurnState) -> None:
        answers.members_added(context.activity)

    async def ignored(context: TurnContext, state: TurnState) -> None:
        return None

    app.add_route(lambda context: True, ignored, rank=RouteRank.LAST)
    return app
