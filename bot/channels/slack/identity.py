"""Who a Slack user is, as far as Slack can tell: the e-mail it reports through users.info (the pipeline's
`identify` step calls this only for a user not linked to a person yet)."""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

log = logging.getLogger(__name__)

# users.info errors that mean "there is no such person" rather than "Slack is having trouble".
_NO_SUCH_USER = {"user_not_found", "users_not_found", "account_inactive", "user_not_visible"}


def _email_of(user: dict[str, Any]) -> str | None:
    """The user's confirmed e-mail; bots, deleted accounts and unconfirmed addresses match nobody."""
    if user.get("is_bot") or user.get("deleted") or user.get("is_email_confirmed") is False:
        return None
    email = (user.get("profile") or {}).get("email")
    return str(email).strip() or None if email else None


async def slack_email(client: AsyncWebClient, user_id: str) -> str | None:
    """The e-mail of a Slack user via users.info (needs the users:read.email scope)."""
    try:
        response = await client.users_info(user=user_id)
    except SlackApiError as exc:
        error = exc.response.get("error") if exc.response is not None else None
        if error in _NO_SUCH_USER:
            log.info("users.info: %s for %s", error, user_id)
            return None
        raise
    user = response.get("user")
    return _email_of(user) if isinstance(user, dict) else None
