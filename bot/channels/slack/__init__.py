"""Slack as a channel: events, slash commands, interactivity, identity, App Home, modals and its sender."""
