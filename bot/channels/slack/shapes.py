"""Is a signed Slack request shaped the way Slack sends it? Checked before bolt sees it.

A request whose fields have the wrong type (event text as an object, a slash command without user_id,
`actions: []`, a view without type, a user id that is a number) would make bolt or a listener raise,
which bolt answers with 500, and Slack retries a 500. `problem()` names what is wrong, so the endpoint
can answer 400 "malformed" and change nothing. Only the fields the bot (and bolt's own middleware)
reads are checked; anything else Slack adds is left alone.
"""

from __future__ import annotations

from typing import Any

JsonDict = dict[str, Any]

# Event types the bot listens to, and the fields of them it reads as text.
_EVENT_STRINGS = ("type", "subtype", "user", "text", "channel", "channel_type", "ts", "thread_ts", "tab", "bot_id")
_LISTENED_EVENTS = {"message", "app_mention", "app_home_opened"}
_CHAT_EVENTS = {"message", "app_mention"}  # said somewhere: Slack always names the channel
_ENVELOPE_STRINGS = ("type", "event_id", "team_id", "api_app_id")
_VIEW_PAYLOADS = {"view_submission", "view_closed"}


def _wrong_strings(where: str, obj: JsonDict, keys: tuple[str, ...]) -> str | None:
    """The first of `keys` present in `obj` with a value that is not a string."""
    for key in keys:
        if key in obj and not isinstance(obj[key], str):
            return f"{where}.{key} is not a string"
    return None


def _needs_id(where: str, obj: Any) -> str | None:
    if not isinstance(obj, dict) or not isinstance(obj.get("id"), str) or not obj["id"]:
        return f"{where} has no id"
    return None


def _event_problem(body: JsonDict) -> str | None:
    if (wrong := _wrong_strings("body", body, _ENVELOPE_STRINGS)) is not None:
        return wrong
    if "event" not in body:
        return None
    event = body["event"]
    if not isinstance(event, dict):
        return "event is not an object"
    if not isinstance(event.get("type"), str):
        return "event has no type"
    if event["type"] not in _LISTENED_EVENTS:
        return None
    if event["type"] in _CHAT_EVENTS and "channel" not in event:  # where the answer would go
        return "event has no channel"
    return _wrong_strings("event", event, _EVENT_STRINGS)


def _command_problem(body: JsonDict) -> str | None:
    for key in ("command", "user_id"):
        if not isinstance(body.get(key), str) or not body[key]:
            return f"slash command has no {key}"
    return _wrong_strings("command", body, ("text", "channel_id", "trigger_id", "response_url"))


def _actions_problem(payload: JsonDict) -> str | None:
    actions = payload.get("actions")
    if not isinstance(actions, list) or not actions:
        return "block_actions has no actions"
    for action in actions:
        if not isinstance(action, dict) or not isinstance(action.get("action_id"), str):
            return "an action has no action_id"
        if (wrong := _wrong_strings("action", action, ("block_id", "type", "url", "value"))) is not None:
            return wrong
        if (wrong := _option_problem("action", action.get("selected_option"))) is not None:
            return wrong
    for key in ("container", "channel", "message"):
        if payload.get(key) is not None and not isinstance(payload[key], dict):
            return f"{key} is not an object"
    return _wrong_strings("payload", payload, ("response_url", "trigger_id"))


def _option_problem(where: str, option: Any) -> str | None:
    """A chosen option (`selected_option`, or one of `selected_options`) is absent, null or has a string value."""
    if option is None:
        return None
    if not isinstance(option, dict) or not isinstance(option.get("value"), str):
        return f"{where} has an option without a string value"
    return None


def _input_problem(where: str, element: Any) -> str | None:
    """One input of a submitted view, typed the way Slack sends it (an empty input sends null)."""
    if not isinstance(element, dict):
        return f"{where} is not an object"
    for key in ("value", "selected_date", "selected_time", "selected_conversation", "selected_user", "timezone"):
        if element.get(key) is not None and not isinstance(element[key], str):
            return f"{where}.{key} is not a string"
    moment = element.get("selected_date_time")
    if moment is not None and (isinstance(moment, bool) or not isinstance(moment, int)):
        return f"{where}.selected_date_time is not a whole number"
    options = element.get("selected_options")
    if options is not None and not isinstance(options, list):
        return f"{where}.selected_options is not a list"
    for option in [element.get("selected_option"), *(options or [])]:
        if (wrong := _option_problem(where, option)) is not None:
            return wrong
    return None


def _state_problem(values: JsonDict) -> str | None:
    for block_id, block in values.items():
        if not isinstance(block, dict):
            return "a block of the view's state is not an object"
        for action_id, element in block.items():
            if (wrong := _input_problem(f"view.state.{block_id}.{action_id}", element)) is not None:
                return wrong
    return None


def _view_problem(payload: JsonDict) -> str | None:
    view = payload.get("view")
    if not isinstance(view, dict):
        return "the view is not an object"
    if (wrong := _wrong_strings("view", view, ("id", "callback_id", "private_metadata", "hash"))) is not None:
        return wrong
    if not isinstance(view.get("type"), str):
        return "the view has no type"
    state = view.get("state", {})
    if not isinstance(state, dict) or not isinstance(state.get("values", {}), dict):
        return "the view's state is not an object"
    return _state_problem(state.get("values", {}))


def _payload_problem(payload: Any) -> str | None:
    if not isinstance(payload, dict):
        return "payload is not an object"
    kind = payload.get("type")
    if not isinstance(kind, str):
        return "payload has no type"
    if kind in {"block_actions", "shortcut", "message_action", *_VIEW_PAYLOADS}:
        if (missing := _needs_id("user", payload.get("user"))) is not None:
            return missing
    if kind == "block_actions":
        return _actions_problem(payload)
    if kind in _VIEW_PAYLOADS:
        return _view_problem(payload)
    return None


def problem(body: Any, text: str, content_type: str | None) -> str | None:
    """What is wrong with a request body as bolt parsed it (`body`, from the raw `text`), None when nothing the
    bot would trip over. The body is bolt's own reading (slack_bolt.request.internals.parse_body), so the checks
    see exactly what the listeners will, and the JSON is read once."""
    if not text:
        return None
    if content_type == "application/json" or text.startswith("{"):
        return _event_problem(body) if isinstance(body, dict) else "the body is no object"
    if "payload" in text:  # bolt reads the JSON of a `payload` field, and any other body with "payload" as {}
        return _payload_problem(body) if body else None
    if not isinstance(body, dict) or "ssl_check" in body:
        return None
    return _command_problem(body)
