"""Microsoft Teams as a channel, through the Microsoft 365 Agents SDK (microsoft-agents-hosting-aiohttp).

    app.py         POST /api/messages on the web app, the SDK's JWT validation (TEAMS_ANONYMOUS=1: off)
    activities.py  what an activity is: a question, a card button pressed, the app installed
    answer.py      the SDK agent: activities into `Incoming`s for the pipeline, replies, stored references
    connector.py   the Bot Connector service through the SDK's TeamsConnectorClient
    sender.py      the `Sender` of channel `teams` (replies and the outbox), Teams' limits and retries
    limits.py      per conversation and per tenant sliding windows
    package.py     the app package an admin uploads (`digibot teams-package`)
"""
