"""A Bot Connector service emulator (the part of Teams a bot talks to), served over real HTTP on loopback.

    async with TeamsConnectorEmulator(token="test-token") as teams:
        teams.add_user("29:abc", aad="aad-kari", email="kari@x.no")
        ...bot posts to f"{teams.url}/v3/conversations/{id}/activities"...
        assert teams.sent_to(conversation)[0].card["body"][0]["text"] == "Hei"

It receives what a bot sends (POST .../activities, POST .../activities/{id} as a thread reply, PUT
.../activities/{id} as an update), opens personal chats (POST /v3/conversations, for members of its tenant
only), answers roster look-ups (GET .../members/{id}, GET .../pagedmembers),
serves a JSON Web Key Set (/keys) and signs tokens with it (`token()`), as Teams' channel service does for
the requests it makes to the bot. Every request is recorded. Teams' limits are enforced (per conversation 7
in 1 s and 60 in 30 s; per tenant 30 in 1 s, this emulator being one tenant): a request over a limit gets
429 with Retry-After. `fail_next(status, n)` makes the next n sends fail with `status`, `fail_roster(status,
n)` the next n roster look-ups.

The roster's payloads have the shape of Microsoft's documentation of the Bot Connector REST API ("Get Teams
specific context for your bot", learn.microsoft.com/microsoftteams/platform/bots/how-to/get-teams-context:
"Get single member details" and the paged roster): `id`, `objectId`, `givenName`, `surname`, `email`,
`userPrincipalName`, `tenantId`, `userRole`; a page is `{"continuationToken": ..., "members": [...]}`, the
token absent on the last page. An unknown member is 404 with the error body Teams gives
(`MemberNotFoundInConversation`).
"""

from __future__ import annotations

import itertools
import json
import time
import uuid
from collections import deque
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

import jwt
from aiohttp import web
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from tests.emulators.loopback import serve

CONVERSATION_LIMITS = ((7, 1.0), (60, 30.0))
TENANT_LIMITS = ((30, 1.0),)
TENANT = "tenant-testland"
ISSUER = "https://api.botframework.com"
BOT_ID = "28:digibot"


@dataclass
class Sent:
    """One activity the bot sent (or updated)."""

    conversation: str
    activity: dict[str, Any]
    id: str
    reply_to: str | None = None
    updated: bool = False
    at: float = 0.0

    @property
    def card(self) -> dict[str, Any]:
        attachments = self.activity.get("attachments") or [{}]
        return dict(attachments[0].get("content") or {})

    @property
    def texts(self) -> list[str]:
        """Every text of the card, in order (TextBlocks, fact titles and values, button titles)."""
        out: list[str] = []

        def walk(node: Any) -> None:
            if isinstance(node, dict):
                for key in ("text", "title", "value"):
                    if isinstance(node.get(key), str):
                        out.append(node[key])
                for value in node.values():
                    if isinstance(value, list | dict):
                        walk(value)
            elif isinstance(node, list):
                for item in node:
                    walk(item)

        walk(self.card.get("body", []))
        return out

    @property
    def text(self) -> str:
        return "\n".join(self.texts)

    def button(self, title: str) -> dict[str, Any]:
        for element in self.card.get("body", []):
            for action in element.get("actions", []) if element.get("type") == "ActionSet" else []:
                if action.get("title") == title:
                    return dict(action)
        raise AssertionError(f"no button {title!r} on {self.texts}")


@dataclass
class _Window:
    count: int
    seconds: float
    times: deque[float] = field(default_factory=deque)

    def full(self, now: float) -> bool:
        while self.times and self.times[0] <= now - self.seconds:
            self.times.popleft()
        return len(self.times) >= self.count


class TeamsConnectorEmulator:
    def __init__(self, *, token: str | None = None, app_id: str = "app-digibot", enforce_limits: bool = True,
                 host: str = "127.0.0.1") -> None:
        self.token = token  # the bearer token the bot must send (None: anything)
        self.app_id = app_id
        self.enforce_limits = enforce_limits
        self.host = host
        self.url = ""
        self.sent: list[Sent] = []
        self.requests: list[tuple[str, str, int]] = []  # method, path, status answered
        self.throttled = 0
        self.users: dict[str, dict[str, Any]] = {}  # Teams user id → the roster's member, as the REST API gives it
        self.names: dict[str, str] = {}
        self._roster_failures: list[int] = []
        self.created: list[dict[str, Any]] = []  # the bodies of POST /v3/conversations that opened a chat
        self._ids = itertools.count(1)
        self._failures: list[tuple[int, float | None]] = []
        self._tenant = [_Window(c, s) for c, s in TENANT_LIMITS]
        self._conversations: dict[str, list[_Window]] = {}
        self._key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self._kid = uuid.uuid4().hex
        self._runner: web.AppRunner | None = None

    # ------------------------------------------------------------------ lifecycle

    async def __aenter__(self) -> TeamsConnectorEmulator:
        app = web.Application()
        app.router.add_post("/v3/conversations", self._create)
        app.router.add_post("/v3/conversations/{conversation}/activities", self._post)
        app.router.add_post("/v3/conversations/{conversation}/activities/{activity}", self._post)
        app.router.add_put("/v3/conversations/{conversation}/activities/{activity}", self._put)
        app.router.add_get("/v3/conversations/{conversation}/members/{member}", self._member)
        app.router.add_get("/v3/conversations/{conversation}/pagedmembers", self._paged_members)
        app.router.add_get("/v3/conversations/{conversation}/pagedMembers", self._paged_members)
        app.router.add_get("/keys", self._keys)
        self._runner, self.url = await serve(app, self.host)
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    # ------------------------------------------------------------------ the world

    def add_user(self, user_id: str, *, aad: str, email: str | None, name: str = "", upn: str | None = None) -> None:
        """A user in the tenant's roster; `email=None` for one Teams gives no e-mail (a guest, say)."""
        name = name or (email or user_id).split("@")[0]
        given, _, surname = name.partition(" ")
        member = {"id": user_id, "objectId": aad, "givenName": given, "surname": surname, "email": email,
                  "userPrincipalName": upn if upn is not None else email, "tenantId": TENANT, "userRole": "user"}
        self.users[user_id] = {key: value for key, value in member.items() if value is not None}
        self.names[user_id] = name

    def fail_roster(self, status: int, count: int = 1) -> None:
        self._roster_failures += [status] * count

    def roster_requests(self) -> list[tuple[str, int]]:
        """(path, status) of every roster look-up answered."""
        return [(path, status) for method, path, status in self.requests if method == "GET" and "members" in
                path.lower()]

    def fail_next(self, status: int, count: int = 1, retry_after: float | None = None) -> None:
        self._failures += [(status, retry_after)] * count

    def sent_to(self, conversation: str) -> list[Sent]:
        return [s for s in self.sent if s.conversation == conversation and not s.updated]

    def token_for(self, *, app_id: str | None = None, service_url: str | None = None, key: Any = None,
                  expires_in: int = 3600) -> str:
        """A token as the Bot Framework channel service signs it for a request to the bot."""
        now = int(time.time())
        claims = {"iss": ISSUER, "aud": app_id or self.app_id, "iat": now, "nbf": now - 5, "exp": now + expires_in,
                  "serviceurl": service_url or self.url}
        return jwt.encode(claims, key or self._key, algorithm="RS256", headers={"kid": self._kid})

    @property
    def jwks_url(self) -> str:
        return f"{self.url}/keys"

    # ------------------------------------------------------------------ HTTP

    async def _keys(self, request: web.Request) -> web.Response:
        public = json.loads(RSAAlgorithm.to_jwk(self._key.public_key()))
        public.update({"kid": self._kid, "use": "sig", "alg": "RS256"})
        return web.json_response({"keys": [public]})

    def _refused(self, request: web.Request) -> web.Response | None:
        if self.token is not None and request.headers.get("Authorization") != f"Bearer {self.token}":
            return web.json_response({"error": {"code": "Unauthorized"}}, status=401)
        return None

    def _limited(self, conversation: str) -> bool:
        if not self.enforce_limits:
            return False
        now = time.monotonic()
        windows = self._conversations.setdefault(conversation, [_Window(c, s) for c, s in CONVERSATION_LIMITS])
        if any(w.full(now) for w in self._tenant + windows):
            return True
        for window in self._tenant + windows:
            window.times.append(now)
        return False

    def _answer(self, request: web.Request, status: int, body: dict[str, Any],
                headers: dict[str, str] | None = None) -> web.Response:
        self.requests.append((request.method, request.path, status))
        return web.json_response(body, status=status, headers=headers)

    async def _post(self, request: web.Request) -> web.Response:
        if (refused := self._refused(request)) is not None:
            return self._answer(request, refused.status, {})
        conversation = request.match_info["conversation"]
        if self._failures:
            status, after = self._failures.pop(0)
            return self._answer(request, status, {"error": {"code": "Injected"}},
                                {"Retry-After": f"{after:g}"} if after is not None else None)
        if self._limited(conversation):
            self.throttled += 1
            return self._answer(request, 429, {"error": {"code": "Throttled"}}, {"Retry-After": "1"})
        activity = await request.json()
        sent = Sent(conversation, activity, f"act-{next(self._ids)}", request.match_info.get("activity"),
                    at=time.monotonic())
        self.sent.append(sent)
        return self._answer(request, 201, {"id": sent.id})

    async def _put(self, request: web.Request) -> web.Response:
        if (refused := self._refused(request)) is not None:
            return self._answer(request, refused.status, {})
        sent = Sent(request.match_info["conversation"], await request.json(), request.match_info["activity"],
                    updated=True, at=time.monotonic())
        self.sent.append(sent)
        return self._answer(request, 200, {"id": sent.id})

    def _roster_refused(self, request: web.Request) -> web.Response | None:
        if (refused := self._refused(request)) is not None:
            return self._answer(request, refused.status, {})
        if self._roster_failures:
            status = self._roster_failures.pop(0)
            return self._answer(request, status, {"error": {"code": "ServiceError", "message": "Injected"}})
        return None

    async def _member(self, request: web.Request) -> web.Response:
        if (refused := self._roster_refused(request)) is not None:
            return refused
        member = self.users.get(request.match_info["member"])
        if member is None:
            return self._answer(request, 404, {"error": {"code": "MemberNotFoundInConversation",
                                                         "message": "The member is not in the conversation"}})
        return self._answer(request, 200, member)

    async def _create(self, request: web.Request) -> web.Response:
        """A 1:1 chat of the bot with one member of the tenant; its id is the one Teams' activities from that
        user's personal chat carry here (`a:personal-<user id>`), as a real chat's id is stable."""
        if (refused := self._refused(request)) is not None:
            return self._answer(request, refused.status, {})
        body = await request.json()
        members = body.get("members") or []
        if len(members) != 1 or members[0].get("id") not in self.users:
            return self._answer(request, 403, {"error": {"code": "BotNotInConversationRoster",
                                                         "message": "The bot is not part of the roster"}})
        self.created.append(body)
        return self._answer(request, 201, {"id": f"a:personal-{members[0]['id']}"})

    async def _paged_members(self, request: web.Request) -> web.Response:
        if (refused := self._roster_refused(request)) is not None:
            return refused
        size = min(500, max(50, int(request.query.get("pageSize", "50"))))  # as Teams: < 50 is 50, > 500 is 500
        start = int(request.query.get("continuationToken", "0") or 0)
        members = list(self.users.values())
        page: dict[str, Any] = {"members": members[start:start + size]}
        if start + size < len(members):
            page["continuationToken"] = str(start + size)
        return self._answer(request, 200, page)

    # ------------------------------------------------------------------ activities Teams sends to a bot

    def activity(self, user_id: str, kind: str = "message", *, conversation: str | None = None,
                 conversation_type: str = "personal", **fields: Any) -> dict[str, Any]:
        member = self.users.get(user_id, {"id": user_id})
        return {
            "type": kind, "id": f"in-{uuid.uuid4().hex[:12]}", "channelId": "msteams", "serviceUrl": self.url,
            "timestamp": "2026-11-27T10:00:00Z", "locale": "nb-NO",
            "from": {"id": user_id, "name": self.names.get(user_id, ""), "aadObjectId": member.get("objectId")},
            "recipient": {"id": BOT_ID, "name": "digibot"},
            "conversation": {"id": conversation or f"a:personal-{user_id}", "conversationType": conversation_type,
                             "tenantId": TENANT},
            "channelData": {"tenant": {"id": TENANT}},
            **fields,
        }

    def message(self, user_id: str, text: str, **fields: Any) -> dict[str, Any]:
        return self.activity(user_id, "message", text=text, textFormat="plain", **fields)

    def mention(self, user_id: str, text: str, *, channel: str) -> dict[str, Any]:
        at = "<at>digibot</at>"
        return self.activity(user_id, "message", text=f"{at} {text}", conversation=channel,
                             conversation_type="channel",
                             entities=[{"type": "mention", "text": at, "mentioned": {"id": BOT_ID, "name": "digibot"}}])

    def submit(self, user_id: str, card: Sent, title: str) -> dict[str, Any]:
        """The user presses `title` on a card the bot sent: what Teams sends for an Action.Submit."""
        data = card.button(title)["data"]
        return self.activity(user_id, "message", value=data, replyToId=card.id, conversation=card.conversation)

    def team_added(self, user_id: str, team_id: str, name: str = "Digi Kyst") -> dict[str, Any]:
        """`user_id` adds the app to a team: the bot joins its General channel (whose id is the team's)."""
        added = self.activity(user_id, "conversationUpdate", membersAdded=[{"id": BOT_ID}], conversation=team_id,
                              conversation_type="channel")
        added["channelData"] = {"tenant": {"id": TENANT}, "eventType": "teamMemberAdded",
                                "team": {"id": team_id, "name": name, "aadGroupId": f"group-{team_id}"}}
        return added

    def installed(self, user_id: str) -> dict[str, Any]:
        return self.activity(user_id, "installationUpdate", action="add")
