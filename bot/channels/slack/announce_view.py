"""Block Kit for the announcement modal: the form, reading it back, its preview and its error placement.

The form's inputs each have a block_id named after the draft's field ("text", "title", "roles", "groups",
"regions", "statuses", "organizations", "send_at", "confirm") and the action_id "value", so the handler's
problems (keyed by field) go straight back to Slack as `response_action: errors`. Select menus hold at
most 100 options (Slack's limit); a longer list is cut there and says so (the CLI takes any value).
The preview is the same form with the rendered announcement on top and "Send" as the submit button;
`private_metadata` holds only a digest of the previewed draft, so "Send" sends exactly what was shown.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from handlers.announce import AUDIENCE_KEYS, MAX_TEXT, MAX_TITLE, DraftInput, Invalid, audience_choices, value_label
from messages.i18n import t
from messages.model import Message
from messages.render_slack import to_blocks
from messages.render_text import shorten
from storage.snapshot import NetworkSnapshot

JsonDict = dict[str, Any]

COMPOSE = "announce_compose"  # callback_id of the form
PREVIEW = "announce_preview"  # callback_id of the form with its preview
VALUE = "value"  # action_id of every input
CONFIRM = "confirm"
MAX_OPTIONS = 100
OPTION_TEXT, OPTION_VALUE, VIEW_TITLE, VIEW_BUTTON, ERROR_TEXT = 75, 150, 24, 24, 300


@dataclass(frozen=True)
class Form:
    """What the modal holds, as Slack sends it back."""

    text: str = ""
    title: str = ""
    audience: dict[str, list[str]] = field(default_factory=dict)
    send_at: int | None = None  # epoch seconds (datetimepicker)
    confirm: bool = False

    def draft(self, lang: str) -> DraftInput:
        """What the handler checks; a picked time no calendar can hold is Invalid under `send_at`."""
        try:
            moment = datetime.fromtimestamp(self.send_at, UTC) if self.send_at is not None else None
        except (ValueError, OverflowError, OSError):
            raise Invalid({"send_at": t(lang, "ann_time_out_of_range")}) from None
        return DraftInput(text=self.text, title=self.title or None, audience=self.audience, send_at=moment,
                          require_confirmation=self.confirm)

    def digest(self) -> str:
        canonical = {"text": self.text, "title": self.title, "send_at": self.send_at, "confirm": self.confirm,
                     "audience": {k: sorted(v) for k, v in sorted(self.audience.items()) if v}}
        return hashlib.sha256(json.dumps(canonical, sort_keys=True).encode()).hexdigest()[:32]


def read_form(values: JsonDict) -> Form:
    """The form from a view_submission's `view.state.values`; missing or odd parts count as empty."""

    def element(block_id: str) -> JsonDict:
        found = (values.get(block_id) or {}).get(VALUE)
        return found if isinstance(found, dict) else {}

    def selected(block_id: str) -> list[str]:
        options = element(block_id).get("selected_options") or []
        return [str(o["value"]) for o in options if isinstance(o, dict) and "value" in o]

    return Form(
        text=str(element("text").get("value") or ""),
        title=str(element("title").get("value") or ""),
        audience={key: chosen for key in AUDIENCE_KEYS if (chosen := selected(key))},
        send_at=_epoch(element("send_at").get("selected_date_time")),
        confirm=CONFIRM in selected("confirm"),
    )


def _epoch(value: object) -> int | None:
    try:
        return int(float(value)) if isinstance(value, int | float | str) and value != "" else None
    except ValueError:
        return None


def _plain(text: str, limit: int | None = None) -> JsonDict:
    return {"type": "plain_text", "text": shorten(text, limit) if limit else text, "emoji": True}


def _option(text: str, value: str) -> JsonDict:
    return {"text": _plain(text, OPTION_TEXT), "value": value}


def _context(text: str) -> JsonDict:
    return {"type": "context", "elements": [_plain(text)]}


def _select(network: NetworkSnapshot, key: str, lang: str, chosen: list[str]) -> list[JsonDict]:
    """A multi-select input for one audience key (none if the network has nothing to choose)."""
    values = [v for v in audience_choices(network)[key] if len(v) <= OPTION_VALUE]
    if not values:
        return []
    options = [_option(value_label(network, key, v, lang), v) for v in values[:MAX_OPTIONS]]
    element: JsonDict = {"type": "multi_static_select", "action_id": VALUE, "options": options,
                         "placeholder": _plain(t(lang, "ann_modal_choose"))}
    initial = [o for o in options if o["value"] in chosen]
    if initial:
        element["initial_options"] = initial
    blocks = [{"type": "input", "block_id": key, "optional": True, "label": _plain(t(lang, f"ann_key_{key}")),
               "element": element}]
    if len(values) > MAX_OPTIONS:
        blocks.append(_context(t(lang, "ann_modal_capped", limit=MAX_OPTIONS, total=len(values))))
    return blocks


def form_blocks(network: NetworkSnapshot, lang: str, form: Form) -> list[JsonDict]:
    title: JsonDict = {"type": "plain_text_input", "action_id": VALUE, "max_length": MAX_TITLE}
    text: JsonDict = {"type": "plain_text_input", "action_id": VALUE, "multiline": True, "max_length": MAX_TEXT}
    if form.title:
        title["initial_value"] = form.title
    if form.text:
        text["initial_value"] = form.text
    blocks: list[JsonDict] = [
        {"type": "input", "block_id": "title", "optional": True, "label": _plain(t(lang, "ann_modal_title_label")),
         "element": title},
        {"type": "input", "block_id": "text", "label": _plain(t(lang, "ann_modal_text")), "element": text,
         "hint": _plain(t(lang, "ann_modal_text_hint", limit=MAX_TEXT))},
        _context(t(lang, "ann_modal_audience_hint")),
    ]
    for key in AUDIENCE_KEYS:
        blocks += _select(network, key, lang, form.audience.get(key, []))
    picker: JsonDict = {"type": "datetimepicker", "action_id": VALUE}
    if form.send_at is not None:
        picker["initial_date_time"] = form.send_at
    confirm_option = _option(t(lang, "ann_modal_confirm_option"), CONFIRM)
    checkboxes: JsonDict = {"type": "checkboxes", "action_id": VALUE, "options": [confirm_option]}
    if form.confirm:
        checkboxes["initial_options"] = [confirm_option]
    blocks += [
        {"type": "input", "block_id": "send_at", "optional": True, "label": _plain(t(lang, "ann_modal_send_at")),
         "element": picker},
        {"type": "input", "block_id": "confirm", "optional": True, "label": _plain(t(lang, "ann_modal_confirm")),
         "element": checkboxes},
    ]
    return blocks


def _modal(callback_id: str, lang: str, submit: str, blocks: list[JsonDict], metadata: str = "") -> JsonDict:
    return {
        "type": "modal", "callback_id": callback_id, "title": _plain(t(lang, "ann_modal_title"), VIEW_TITLE),
        "submit": _plain(submit, VIEW_BUTTON), "close": _plain(t(lang, "ann_modal_cancel"), VIEW_BUTTON),
        "private_metadata": metadata, "blocks": blocks,
    }


def compose_view(network: NetworkSnapshot, lang: str, form: Form) -> JsonDict:
    return _modal(COMPOSE, lang, t(lang, "ann_modal_preview"), form_blocks(network, lang, form))


def _inert(blocks: list[JsonDict]) -> list[JsonDict]:
    """Rendered blocks with their buttons shown as labels: a button in the preview must not do anything."""
    out = []
    for block in blocks:
        if block["type"] == "actions":
            labels = "  ".join(f"[{e['text']['text']}]" for e in block["elements"] if e.get("text"))
            out.append(_context(labels))
        else:
            out.append(block)
    return out


def preview_view(network: NetworkSnapshot, lang: str, form: Form, preview: list[Message], changed: bool) -> JsonDict:
    """The form again, below the preview of what will be sent and to how many; submit sends."""
    blocks: list[JsonDict] = []
    for message in preview:
        blocks += _inert(to_blocks(message, lang))
    blocks += [{"type": "divider"}, _context(t(lang, "ann_modal_changed" if changed else "ann_modal_edit_below"))]
    metadata = json.dumps({"digest": form.digest()})
    return _modal(PREVIEW, lang, t(lang, "ann_modal_send"), blocks + form_blocks(network, lang, form), metadata)


def previewed_digest(view: JsonDict) -> str | None:
    try:
        data = json.loads(view.get("private_metadata") or "{}")
    except ValueError:
        return None
    return str(data.get("digest")) if isinstance(data, dict) and data.get("digest") else None


def input_ids(network: NetworkSnapshot, lang: str) -> set[str]:
    """The block_ids of the form's inputs in this network (a network without groups has no groups input)."""
    return {b["block_id"] for b in form_blocks(network, lang, Form()) if b["type"] == "input"}


def block_errors(problems: dict[str, str], inputs: set[str]) -> dict[str, str]:
    """Each problem under its input; a problem without an input of its own goes under the text."""
    errors: dict[str, str] = {}
    for name, problem in problems.items():
        block = name if name in inputs else ("roles" if name == "audience" and "roles" in inputs else "text")
        errors[block] = shorten(f"{errors[block]} {problem}" if block in errors else problem, ERROR_TEXT)
    return errors
