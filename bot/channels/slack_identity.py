"""Who a Slack user is: the stored `slack_user_id`, else the e-mail Slack reports through users.info."""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy.ext.asyncio import AsyncSession

from messages.i18n import Lang, as_lang
from storage.identities import Identity, by_email, names_by_platform_id, resolve
from storage.models import Network, Person

log = logging.getLogger(__name__)

# users.info errors that mean "there is no such person" rather than "Slack is having trouble".
_NO_SUCH_USER = {"user_not_found", "users_not_found", "account_inactive", "user_not_visible"}


def _email_of(user: dict[str, Any]) -> str | None:
    """The user's confirmed e-mail; bots, deleted accounts and unconfirmed addresses match nobody."""
    if user.get("is_bot") or user.get("deleted") or user.get("is_email_confirmed") is False:
        return None
    email = (user.get("profile") or {}).get("email")
    return str(email).strip() or None if email else None


async def slack_user(client: AsyncWebClient, user_id: str) -> dict[str, Any] | None:
    """A Slack user's users.info object; None if there is no such user."""
    try:
        response = await client.users_info(user=user_id)
    except SlackApiError as exc:
        error = exc.response.get("error") if exc.response is not None else None
        if error in _NO_SUCH_USER:
            log.info("users.info: %s for %s", error, user_id)
            return None
        raise
    user = response.get("user")
    return user if isinstance(user, dict) else None


async def slack_email(client: AsyncWebClient, user_id: str) -> str | None:
    """The e-mail of a Slack user via users.info (needs the users:read.email scope)."""
    user = await slack_user(client, user_id)
    return _email_of(user) if user is not None else None


async def mention_names(
    session: AsyncSession, client: AsyncWebClient, user_ids: list[str], network_id: str | None
) -> dict[str, str]:
    """What to call each mentioned Slack user: the person's name in the network (by stored Slack id, else by
    the e-mail users.info gives), else the name Slack shows. Nothing is stored; a failed lookup leaves it out."""
    names = await names_by_platform_id(session, "slack", user_ids, network_id)
    for user_id in (u for u in user_ids if u not in names):
        try:
            user = await slack_user(client, user_id)
        except Exception as exc:  # noqa: BLE001 - a name is a nicety; the question is answered without it
            log.warning("users.info failed for mention %s: %s", user_id, exc)
            continue
        if user is None:
            continue
        email = _email_of(user)
        identity = await by_email(session, email, network_id) if email else None
        person = await session.get(Person, identity.person_id) if identity is not None else None
        profile = user.get("profile") or {}
        name = person.name if person is not None else (
            profile.get("display_name") or profile.get("real_name") or user.get("real_name")
        )
        if isinstance(name, str) and name.strip():
            names[user_id] = name.strip()
    return names


async def identify(
    session: AsyncSession, client: AsyncWebClient, user_id: str, preferred_network: str | None
) -> Identity | None:
    """The person behind `user_id`; a match by e-mail is stored, so the next message needs no API call."""

    async def email_lookup() -> str | None:
        return await slack_email(client, user_id)

    return await resolve(session, "slack", user_id, email_lookup, preferred_network)


async def stranger_language(session: AsyncSession, network_id: str | None) -> Lang:
    """The language to tell an unknown user they are not registered in: the network's, else bokmål."""
    if not network_id:
        return "nb"
    network = await session.get(Network, network_id)
    return as_lang(network.language) if network is not None else "nb"
