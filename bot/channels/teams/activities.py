"""What an incoming Teams activity is, read off its fields (no I/O). The SDK's Teams extension routes each
activity by its type (routes.py); these say what it means for digibot.

    message_kind(activity)       QUESTION (typed in personal chat, or @mentioning the bot in a channel), PRESS
                                 (an Adaptive Card's Action.Submit), or None (empty, or a channel message not for
                                 the bot)
    installation_kind(activity)  INSTALLED (the app added for the user in personal scope), REMOVED (uninstalled
                                 or blocked), or None (the app added to or removed from a team or a group chat)
    bot_added(activity)          True when a membersAdded conversationUpdate adds the bot itself
    user_of(activity)            the Teams user as digibot knows them: the Entra object id, else the channel account id
    channel_data(activity)       Teams' channel data as the extension's typed model (tenant, team, channel)
    reference_of(...)            the conversation reference to store and to answer through (JSON)
    question_text(...)           the text without the bot's mention and without Teams' HTML
"""

from __future__ import annotations

import html
import re
from typing import Any, Final

import pydantic
from microsoft_agents.activity import Activity
from microsoft_teams.api.models import ChannelData, TeamInfo

from messages.render_teams import submitted

QUESTION: Final = "question"
PRESS: Final = "press"
INSTALLED: Final = "installed"
REMOVED: Final = "removed"

_TAG = re.compile(r"<[^>]+>")


def is_personal(activity: Activity) -> bool:
    conversation = activity.conversation
    return bool(conversation is not None and (conversation.conversation_type or "personal") == "personal")


def _mentions_bot(activity: Activity) -> bool:
    recipient = activity.recipient.id if activity.recipient else None
    return any(m.mentioned is not None and m.mentioned.id == recipient for m in activity.get_mentions())


def bot_added(activity: Activity) -> bool:
    recipient = activity.recipient.id if activity.recipient else None
    return any(member.id == recipient for member in activity.members_added or [])


def message_kind(activity: Activity) -> str | None:
    if submitted(activity.value) is not None:
        return PRESS
    if not (activity.text or "").strip():
        return None
    return QUESTION if is_personal(activity) or _mentions_bot(activity) else None


def installation_kind(activity: Activity) -> str | None:
    """`installationUpdate`'s action is add/remove, or add-upgrade/remove-upgrade for a new version."""
    if not is_personal(activity):
        return None
    action = activity.action or "add"
    return INSTALLED if action.startswith("add") else REMOVED if action == "remove" else None


def user_of(activity: Activity) -> str | None:
    sender = activity.from_property
    if sender is None:
        return None
    return sender.aad_object_id or sender.id or None


def channel_data(activity: Activity) -> ChannelData | None:
    """Teams' channel data, typed (the extension's before-turn hook has already parsed it on a Teams turn)."""
    data = activity.channel_data
    if isinstance(data, ChannelData):
        return data
    if not isinstance(data, dict):
        return None
    try:
        return ChannelData.model_validate(data)
    except pydantic.ValidationError:
        return None


def tenant_of(activity: Activity) -> str | None:
    conversation = activity.conversation
    if conversation is not None and conversation.tenant_id:
        return str(conversation.tenant_id)
    data = channel_data(activity)
    return data.tenant.id if data is not None and data.tenant is not None and data.tenant.id else None


def team_of(activity: Activity) -> TeamInfo | None:
    """The team a channel activity comes from (id, name, Entra group id); None outside a team."""
    data = channel_data(activity)
    return data.team if data is not None else None


def reference_of(activity: Activity) -> dict[str, Any]:
    reference = activity.get_conversation_reference().model_dump(mode="json", by_alias=True, exclude_none=True)
    reference.pop("activityId", None)
    reference.pop("requestId", None)
    tenant = tenant_of(activity)
    if tenant and isinstance(reference.get("conversation"), dict):
        reference["conversation"].setdefault("tenantId", tenant)
    return reference


def question_text(activity: Activity) -> str:
    text = activity.remove_recipient_mention() if _mentions_bot(activity) else (activity.text or "")
    return " ".join(html.unescape(_TAG.sub(" ", text)).split())


def pressed(activity: Activity) -> tuple[str, str | None]:
    found = submitted(activity.value)
    assert found is not None, "only for PRESS activities"
    return found
