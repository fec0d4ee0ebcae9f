"""Which rooms receive a message, as small named rules (spec/network-file.md `rooms:`).

A room receives a kind of message it lists in `kinds`, about one of its `groups` (a meeting's group, or
a group its audience names; an announcement whose audience names the group); a room with no groups
receives those of the whole network. A room's rows have no person: `recipient` is the room's id and the
channel is "webhook" (bot/channels/webhook reads the room's kind). Room messages carry no button that
needs a person (nobody in particular can press "Read" in a room).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any

from messages.i18n import Lang, as_lang
from messages.model import Message
from storage.rooms import RoomInfo
from storage.snapshot import MeetingInfo, NetworkSnapshot

CHANNEL = "webhook"


def room_language(network: NetworkSnapshot, room: RoomInfo) -> Lang:
    """The room's language, else the network's."""
    return as_lang(room.language, as_lang(network.language))


def takes_kind(room: RoomInfo, kind: str) -> bool:
    return kind in room.kinds


def about_its_groups(room: RoomInfo, groups: Collection[str]) -> bool:
    return not room.groups or bool(set(room.groups) & set(groups))


def receives(room: RoomInfo, kind: str, groups: Collection[str]) -> bool:
    return takes_kind(room, kind) and about_its_groups(room, groups)


def meeting_groups(network: NetworkSnapshot, meeting: MeetingInfo) -> set[str]:
    """The keys of the groups a meeting is for: its group, and the groups its audience names."""
    groups = {str(g) for g in meeting.audience.get("groups") or []}
    group = network.groups.get(meeting.group_id) if meeting.group_id is not None else None
    if group is not None:
        groups.add(group.key)
    return groups


def audience_groups(audience: dict[str, Any]) -> set[str]:
    return {str(g) for g in audience.get("groups") or []}


def rooms_for(rooms: Iterable[RoomInfo], kind: str, groups: Collection[str]) -> list[RoomInfo]:
    return [room for room in rooms if receives(room, kind, groups)]


def room_key(kind_prefix: str, room: RoomInfo, suffix: str = "") -> str:
    """An outbox key of a room's row: `<prefix>:room:<room>[:<suffix>]` (no e-mail has "room:" in it)."""
    return f"{kind_prefix}:room:{room.key}" + (f":{suffix}" if suffix else "")


def without_person_buttons(message: Message) -> Message:
    """The message as a room shows it: buttons that act for the person who presses them are left out;
    link buttons stay."""
    message.buttons = [button for button in message.buttons if button.url]
    return message
