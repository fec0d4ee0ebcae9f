"""In-memory model of a Slack workspace: the state behind :mod:`slack_api`.

``SlackWorkspace`` implements the Web API methods as plain functions of their
arguments (``dispatch(method, args) -> dict``) and keeps everything the bot did
(messages, uploads, views, reactions) in inspectable lists.  HTTP, auth, fault
injection and rate limiting live in :class:`tests.emulators.slack_api.SlackApiEmulator`.
"""

from __future__ import annotations

import hashlib
import itertools
import time
from collections.abc import Callable

from tests.emulators.slack_models import (
    API_APP_ID,
    BOT_ID,
    BOT_USER_ID,
    MAX_BLOCKS,
    MAX_TEXT,
    TEAM_DOMAIN,
    TEAM_ID,
    ApiError,
    Ephemeral,
    JsonDict,
    Message,
    Reaction,
    UploadedFile,
    View,
    dm_channel_id,
    opt_str,
    tz_fields,
)


class SlackWorkspace:
    """Workspace state plus the implemented Web API methods."""

    def __init__(
        self,
        *,
        team_id: str = TEAM_ID,
        team_domain: str = TEAM_DOMAIN,
        bot_user_id: str = BOT_USER_ID,
        bot_id: str = BOT_ID,
        app_id: str = API_APP_ID,
        bot_name: str = "digibot",
    ) -> None:
        self.team_id = team_id
        self.team_domain = team_domain
        self.bot_user_id = bot_user_id
        self.bot_id = bot_id
        self.app_id = app_id
        self.bot_name = bot_name
        self.users: dict[str, JsonDict] = {}
        self.messages: list[Message] = []
        self.ephemerals: list[Ephemeral] = []
        self.files: list[UploadedFile] = []
        self.reactions: list[Reaction] = []
        self.home_views: dict[str, View] = {}
        self.opened_views: list[View] = []
        self.dm_channels: dict[str, str] = {}
        self._last_ts_us = 0
        self._ids = itertools.count(1)
        self.handlers: dict[str, Callable[[JsonDict], JsonDict]] = {
            "auth.test": self._auth_test,
            "chat.postMessage": self._chat_post_message,
            "chat.update": self._chat_update,
            "chat.postEphemeral": self._chat_post_ephemeral,
            "conversations.open": self._conversations_open,
            "users.info": self._users_info,
            "users.lookupByEmail": self._users_lookup_by_email,
            "views.publish": self._views_publish,
            "views.open": self._views_open,
            "files.getUploadURLExternal": self._files_get_upload_url,
            "files.completeUploadExternal": self._files_complete_upload,
            "reactions.add": self._reactions_add,
        }

    # ------------------------------------------------------------------ helpers for tests

    def add_user(
        self,
        user_id: str,
        email: str,
        name: str,
        tz: str = "Europe/Oslo",
        *,
        real_name: str | None = None,
        is_bot: bool = False,
        deleted: bool = False,
    ) -> JsonDict:
        """Register a user for users.info / users.lookupByEmail; returns the API user object."""
        real = real_name or name
        user: JsonDict = {
            "id": user_id,
            "team_id": self.team_id,
            "name": name,
            "deleted": deleted,
            "color": "9f69e7",
            "real_name": real,
            **tz_fields(tz),
            "profile": {
                "real_name": real,
                "real_name_normalized": real,
                "display_name": name,
                "display_name_normalized": name,
                "email": email,
                "team": self.team_id,
            },
            "is_admin": False,
            "is_owner": False,
            "is_bot": is_bot,
            "is_app_user": False,
            "updated": int(time.time()),
            "is_email_confirmed": True,
        }
        self.users[user_id] = user
        return user

    def resolve_channel(self, channel: str) -> str:
        """Posting to a user id ("U…"/"W…") lands in the app's DM with that user."""
        if channel[:1] in ("U", "W"):
            return self.dm_channel(channel)
        return channel

    def dm_channel(self, user_id: str) -> str:
        channel = self.dm_channels.get(user_id)
        if channel is None:
            channel = self.dm_channels[user_id] = dm_channel_id(user_id)
        return channel

    def messages_to(self, channel: str) -> list[Message]:
        """Messages posted to ``channel`` (a user id means the DM with that user)."""
        target = self.resolve_channel(channel)
        return [m for m in self.messages if m.channel == target]

    def find_message(self, channel: str, ts: str) -> Message | None:
        target = self.resolve_channel(channel)
        return next((m for m in self.messages if m.channel == target and m.ts == ts), None)

    def next_ts(self) -> str:
        """Strictly increasing message timestamp like "1700000000.000100" (wall-clock based)."""
        self._last_ts_us = max(int(time.time() * 1_000_000), self._last_ts_us + 100)
        seconds, micros = divmod(self._last_ts_us, 1_000_000)
        return f"{seconds}.{micros:06d}"

    def new_id(self, prefix: str) -> str:
        return f"{prefix}0{next(self._ids):08X}"

    def dispatch(self, method: str, args: JsonDict) -> JsonDict:
        """Run a method; returns the full response body (``ok`` included)."""
        try:
            return {"ok": True, **self.handlers[method](args)}
        except ApiError as exc:
            return {"ok": False, "error": exc.error, **exc.extra}

    def reset_state(self) -> None:
        self.messages.clear()
        self.ephemerals.clear()
        self.files.clear()
        self.reactions.clear()
        self.home_views.clear()
        self.opened_views.clear()

    # ------------------------------------------------------------------ validation

    def _channel(self, args: JsonDict, key: str = "channel") -> str:
        channel = opt_str(args, key)
        if channel is None:
            raise ApiError("channel_not_found")
        return self.resolve_channel(channel)

    @staticmethod
    def _content(args: JsonDict, *, required: bool = True) -> tuple[str | None, list[JsonDict] | None]:
        text = opt_str(args, "text")
        blocks = args.get("blocks")
        if blocks is not None:
            if not isinstance(blocks, list):
                raise ApiError("invalid_blocks_format")
            if len(blocks) > MAX_BLOCKS:
                raise ApiError(
                    "invalid_blocks",
                    response_metadata={
                        "messages": [f"[ERROR] no more than {MAX_BLOCKS} items allowed [json-pointer:/blocks]"]
                    },
                )
            if not all(isinstance(b, dict) and isinstance(b.get("type"), str) for b in blocks):
                raise ApiError("invalid_blocks")
        if required and not text and not blocks and not args.get("attachments"):
            raise ApiError("no_text")
        if text is not None and len(text) > MAX_TEXT:
            raise ApiError("msg_too_long")
        return text, blocks or None

    def _message_json(self, msg: Message) -> JsonDict:
        body: JsonDict = {
            "type": "message",
            "text": msg.text or "",
            "user": msg.user,
            "bot_id": self.bot_id,
            "app_id": self.app_id,
            "ts": msg.ts,
            "team": self.team_id,
            "bot_profile": {"id": self.bot_id, "app_id": self.app_id, "name": self.bot_name, "team_id": self.team_id},
        }
        if msg.blocks:
            body["blocks"] = msg.blocks
        if msg.attachments:
            body["attachments"] = msg.attachments
        if msg.thread_ts:
            body["thread_ts"] = msg.thread_ts
            body["parent_user_id"] = msg.user
        if msg.edit_count:
            body["edited"] = {"user": msg.user, "ts": msg.ts}
        return body

    # ------------------------------------------------------------------ methods

    def _auth_test(self, args: JsonDict) -> JsonDict:
        return {
            "url": f"https://{self.team_domain}.slack.com/",
            "team": self.team_domain,
            "user": self.bot_name,
            "team_id": self.team_id,
            "user_id": self.bot_user_id,
            "bot_id": self.bot_id,
            "is_enterprise_install": False,
        }

    def _chat_post_message(self, args: JsonDict) -> JsonDict:
        channel = self._channel(args)
        text, blocks = self._content(args)
        attachments = args.get("attachments") if isinstance(args.get("attachments"), list) else None
        msg = Message(
            channel=channel,
            text=text,
            blocks=blocks,
            thread_ts=opt_str(args, "thread_ts"),
            ts=self.next_ts(),
            user=self.bot_user_id,
            attachments=attachments,
            args=dict(args),
        )
        self.messages.append(msg)
        return {"channel": channel, "ts": msg.ts, "message": self._message_json(msg)}

    def _chat_update(self, args: JsonDict) -> JsonDict:
        channel = self._channel(args)
        ts = opt_str(args, "ts")
        msg = self.find_message(channel, ts) if ts else None
        if msg is None:
            raise ApiError("message_not_found")
        text, blocks = self._content(args, required=False)
        if text is not None:
            msg.text = text
        if blocks is not None:
            msg.blocks = blocks
        msg.edit_count += 1
        return {"channel": msg.channel, "ts": msg.ts, "text": msg.text or "", "message": self._message_json(msg)}

    def _chat_post_ephemeral(self, args: JsonDict) -> JsonDict:
        channel = self._channel(args)
        user = opt_str(args, "user")
        if user is None:
            raise ApiError("user_not_in_channel")
        text, blocks = self._content(args)
        eph = Ephemeral(channel, user, text, blocks, opt_str(args, "thread_ts"), self.next_ts())
        self.ephemerals.append(eph)
        return {"message_ts": eph.message_ts}

    def _conversations_open(self, args: JsonDict) -> JsonDict:
        if opt_str(args, "channel"):
            return {"channel": {"id": str(args["channel"])}, "no_op": True, "already_open": True}
        users = [u.strip() for u in str(args.get("users") or "").split(",") if u.strip()]
        if not users:
            raise ApiError("users_list_not_supplied")
        if len(users) > 8:
            raise ApiError("too_many_users")
        if len(users) == 1:
            already = users[0] in self.dm_channels
            channel_id = self.dm_channel(users[0])
        else:
            already = True
            key = ",".join(sorted(users))
            channel_id = "G" + dm_channel_id(key)[1:]
        return {"no_op": already, "already_open": already, "channel": {"id": channel_id}}

    def _users_info(self, args: JsonDict) -> JsonDict:
        user = self.users.get(opt_str(args, "user") or "")
        if user is None:
            raise ApiError("user_not_found")
        if str(args.get("include_locale", "")).lower() in ("1", "true"):
            return {"user": {**user, "locale": "nb-NO"}}
        return {"user": user}

    def _users_lookup_by_email(self, args: JsonDict) -> JsonDict:
        email = (opt_str(args, "email") or "").lower()
        for user in self.users.values():
            if str(user["profile"].get("email", "")).lower() == email:
                return {"user": user}
        raise ApiError("users_not_found")

    def _view(self, args: JsonDict, expected_type: str) -> JsonDict:
        view = args.get("view")
        if not isinstance(view, dict) or view.get("type") != expected_type:
            raise ApiError("invalid_arguments")
        blocks = view.get("blocks")
        if not isinstance(blocks, list) or len(blocks) > 100:
            raise ApiError("invalid_arguments")
        return view

    def _view_json(self, stored: View) -> JsonDict:
        return {
            "id": stored.id,
            "team_id": self.team_id,
            "app_id": self.app_id,
            "bot_id": self.bot_id,
            "hash": f"{int(time.time())}.{stored.id}",
            "state": {"values": {}},
            "root_view_id": stored.id,
            "previous_view_id": None,
            **stored.view,
        }

    def _views_publish(self, args: JsonDict) -> JsonDict:
        user_id = opt_str(args, "user_id")
        if user_id is None:
            raise ApiError("invalid_arguments")
        view = self._view(args, "home")
        previous = self.home_views.get(user_id)
        stored = View(previous.id if previous else self.new_id("V"), "home", view, user_id=user_id)
        self.home_views[user_id] = stored
        return {"view": self._view_json(stored)}

    def _views_open(self, args: JsonDict) -> JsonDict:
        trigger_id = opt_str(args, "trigger_id") or opt_str(args, "interactivity_pointer")
        if trigger_id is None:
            raise ApiError("invalid_trigger_id")
        view = self._view(args, "modal")
        stored = View(self.new_id("V"), "modal", view, trigger_id=trigger_id)
        self.opened_views.append(stored)
        return {"view": self._view_json(stored)}

    def _files_get_upload_url(self, args: JsonDict) -> JsonDict:
        filename = opt_str(args, "filename")
        length = str(args.get("length") or "")
        if filename is None or not length.isdigit():
            raise ApiError("invalid_arguments")
        upload = UploadedFile(
            file_id=self.new_id("F"),
            filename=filename,
            length=int(length),
            upload_key=hashlib.sha1(f"{filename}:{time.time_ns()}".encode()).hexdigest(),
            alt_txt=opt_str(args, "alt_txt"),
            snippet_type=opt_str(args, "snippet_type"),
        )
        self.files.append(upload)
        return {"upload_url": self.upload_url(upload), "file_id": upload.file_id}

    def upload_url(self, upload: UploadedFile) -> str:  # overridden by the HTTP emulator
        return f"https://files.slack.com/upload/v1/{upload.upload_key}"

    def _files_complete_upload(self, args: JsonDict) -> JsonDict:
        entries = args.get("files")
        if not isinstance(entries, list) or not entries:
            raise ApiError("invalid_arguments")
        by_id = {f.file_id: f for f in self.files}
        selected: list[tuple[UploadedFile, JsonDict]] = []
        for entry in entries:
            upload = by_id.get(str(entry.get("id"))) if isinstance(entry, dict) else None
            if upload is None or upload.content is None or upload.completed:
                raise ApiError("file_not_found")
            selected.append((upload, entry))
        channel_id = opt_str(args, "channel_id")
        channels = [c for c in str(args.get("channels") or "").split(",") if c]
        result = []
        for upload, entry in selected:
            upload.completed = True
            upload.title = entry.get("title") or upload.filename
            upload.channel_id = channel_id
            upload.channels = channels
            upload.initial_comment = opt_str(args, "initial_comment")
            upload.thread_ts = opt_str(args, "thread_ts")
            result.append(self._file_json(upload))
        return {"files": result}

    def _file_json(self, upload: UploadedFile) -> JsonDict:
        ext = upload.filename.rsplit(".", 1)[-1].lower() if "." in upload.filename else "binary"
        return {
            "id": upload.file_id,
            "created": int(time.time()),
            "name": upload.filename,
            "title": upload.title,
            "filetype": ext,
            "size": len(upload.content or b""),
            "user": self.bot_user_id,
            "user_team": self.team_id,
            "is_public": bool(upload.channel_id and upload.channel_id.startswith("C")),
            "url_private": f"https://files.slack.com/files-pri/{self.team_id}-{upload.file_id}/{upload.filename}",
            "permalink": f"https://{self.team_domain}.slack.com/files/{self.bot_user_id}/{upload.file_id}/{upload.filename}",
        }

    def _reactions_add(self, args: JsonDict) -> JsonDict:
        channel = opt_str(args, "channel")
        timestamp = opt_str(args, "timestamp")
        name = (opt_str(args, "name") or "").strip(":")
        if channel is None or timestamp is None:
            raise ApiError("no_item_specified")
        if not name:
            raise ApiError("invalid_name")
        reaction = Reaction(self.resolve_channel(channel), timestamp, name, self.bot_user_id)
        if reaction in self.reactions:
            raise ApiError("already_reacted")
        self.reactions.append(reaction)
        return {}
