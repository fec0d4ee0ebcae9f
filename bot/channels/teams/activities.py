"""What an incoming Teams activity is, read off its fields (no I/O).

    kind_of(activity)     QUESTION (typed in personal chat, or @mentioning the bot in a channel), PRESS (an
                          Adaptive Card's Action.Submit), INSTALLED (the app added for the user or the bot added
                          to the conversation), or None (anything else: edits, reactions, other members joining)
    user_of(activity)     the Teams user as digibot knows them: the Entra object id, else the channel account id
    reference_of(...)     the conversation reference to store and to answer through (JSON)
    question_text(...)    the text without the bot's mention and without Teams' HTML
"""

from __future__ import annotations

import html
import re
from typing import Any, Final

from microsoft_agents.activity import Activity

from messages.render_teams import submitted

QUESTION: Final = "question"
PRESS: Final = "press"
INSTALLED: Final = "installed"

_TAG = re.compile(r"<[^>]+>")


def is_personal(activity: Activity) -> bool:
    conversation = activity.conversation
    return bool(conversation is not None and (conversation.conversation_type or "personal") == "personal")


def _mentions_bot(activity: Activity) -> bool:
    recipient = activity.recipient.id if activity.recipient else None
    return any(m.mentioned is not None and m.mentioned.id == recipient for m in activity.get_mentions())


def _bot_added(activity: Activity) -> bool:
    recipient = activity.recipient.id if activity.recipient else None
    return any(member.id == recipient for member in activity.members_added or [])


def kind_of(activity: Activity) -> str | None:
    if activity.type == "message":
        if submitted(activity.value) is not None:
            return PRESS
        if not (activity.text or "").strip():
            return None
        return QUESTION if is_personal(activity) or _mentions_bot(activity) else None
    if activity.type == "installationUpdate" and (activity.action or "add").startswith("add"):
        return INSTALLED if is_personal(activity) else None
    if activity.type == "conversationUpdate" and _bot_added(activity):
        return INSTALLED if is_personal(activity) else None
    return None


def user_of(activity: Activity) -> str | None:
    sender = activity.from_property
    if sender is None:
        return None
    return sender.aad_object_id or sender.id or None


def tenant_of(activity: Activity) -> str | None:
    conversation = activity.conversation
    if conversation is not None and conversation.tenant_id:
        return str(conversation.tenant_id)
    data = activity.channel_data if isinstance(activity.channel_data, dict) else {}
    tenant = data.get("tenant")
    return str(tenant["id"]) if isinstance(tenant, dict) and tenant.get("id") else None


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


def email_of(member: dict[str, Any]) -> str | None:
    """The e-mail of a conversation member (`email`, else the user principal name when it is one)."""
    for key in ("email", "userPrincipalName"):
        value = member.get(key)
        if isinstance(value, str) and "@" in value:
            return value.strip()
    return None
