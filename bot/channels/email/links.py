"""The links in a mail that act for its reader: one-click answers and the digests' unsubscribe link.

A button whose action is in `ONE_CLICK` (a call for interest's Ja/Nei/Usikker, an announcement's read
confirmation) becomes a link to /email/answer/<token>; a digest carries /email/unsubscribe/<token> (in the
mail and in its List-Unsubscribe header). The token (tokens.py) names the action, the person, the button's
value and an expiry. What the links do is in web.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.channels.base import Delivery
from bot.channels.email.tokens import Grant, new_nonce, sign
from messages.model import Button
from messages.render_email import ButtonLinks, no_links

ANSWER_PATH = "/email/answer/"
UNSUBSCRIBE_PATH = "/email/unsubscribe/"
UNSUBSCRIBE = "unsubscribe"  # the purpose of an unsubscribe token

# The router actions a mail may answer with one click, and how long its link works.
ONE_CLICK: dict[str, timedelta] = {
    "interest_answer": timedelta(days=30),  # handlers/interest: value "<deadline>:<organization>:<answer>"
    "announcement_read": timedelta(days=60),  # handlers/announce: value = the announcement id
}
UNSUBSCRIBE_LIFETIME = timedelta(days=400)


@dataclass(frozen=True)
class LinkMaker:
    secret: str
    public_url: str
    clock: Callable[[], datetime]

    def _grant(self, purpose: str, delivery: Delivery, value: str, lifetime: timedelta, label: str = "") -> str:
        assert delivery.person_id is not None
        grant = Grant(purpose, delivery.network_id, delivery.person_id, value, delivery.lang,
                      self.clock() + lifetime, new_nonce(), label)
        return sign(self.secret, grant)

    def buttons(self, delivery: Delivery) -> ButtonLinks:
        """One-click links for the buttons of this delivery (none when it has no person to act as)."""
        if delivery.person_id is None:
            return no_links

        def link(button: Button) -> str | None:
            lifetime = ONE_CLICK.get(button.action_id)
            if lifetime is None:
                return None
            token = self._grant(button.action_id, delivery, button.value, lifetime, button.label)
            return f"{self.public_url}{ANSWER_PATH}{token}"

        return link

    def unsubscribe(self, delivery: Delivery) -> str | None:
        if delivery.person_id is None:
            return None
        return f"{self.public_url}{UNSUBSCRIBE_PATH}{self._grant(UNSUBSCRIBE, delivery, '', UNSUBSCRIBE_LIFETIME)}"
