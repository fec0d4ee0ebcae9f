"""Calls for interest (deadlines of kind `interest`): Ja / Nei / Usikker, one answer per organization.

    buttons.py       the answer words and buttons: the outbox's `interest_answer` buttons (value
                     `<deadline key>:<organization key>:<yes|no|unsure>`) and the flow's own
    calls.py         which call a person may answer, and why not (unknown, not addressed, another
                     organization, past the deadline)
    conversation.py  the flow "interest" (answer, then an optional comment) and its messages
    status.py        per organization: answer, who, when, comment; the counts (CLI, /digi status, App Home)
    listeners.py     what the router and the "svar" registry (handlers/waiting.py) call

Nothing is imported here, so the delivery worker can use buttons.py without loading the flows engine.
"""
