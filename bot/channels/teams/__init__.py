"""Microsoft Teams as a channel, through the Microsoft 365 Agents SDK (microsoft-agents-hosting-aiohttp).

    app.py         POST /api/messages on the web app, the SDK's JWT validation (TEAMS_ANONYMOUS=1: off)
    routes.py      the SDK's AgentApplication with its Teams extension (microsoft-agents-hosting-msteams): routes
    activities.py  what an activity is: a question, a card button pressed, the app installed or removed
    answer.py      what each routed activity does: `Incoming`s for the pipeline, replies, stored references
    roster.py      who a Teams user is: the roster through the extension's Teams API client; personal chats opened
    team.py        the app added to a team: its people of the network linked and given a personal chat
    connector.py   the Bot Connector service through the SDK's TeamsConnectorClient
    sender.py      the `Sender` of channel `teams` (replies and the outbox), Teams' limits and retries
    limits.py      per conversation and per tenant sliding windows
    package.py     the app package an admin uploads (`digibot teams-package`)
"""
