"""Rooms: broadcast-only channels reached through an incoming webhook (the network file's `rooms:`).

    payloads.py   the bodies: Slack-compatible JSON (Slack, Mattermost, Rocket.Chat) or the Teams Workflows
                  envelope with an Adaptive Card, each within the ~28 KB webhooks accept
    sender.py     WebhookSender: the `Sender` of channel "webhook" (the URL is read from the environment
                  when sending, and never logged, stored or shown)

Planners choose the rooms (handlers/notify/rooms.py); this package only delivers.
"""

from __future__ import annotations

from bot.channels.webhook.sender import CHANNEL, WebhookSender

__all__ = ["CHANNEL", "WebhookSender"]
