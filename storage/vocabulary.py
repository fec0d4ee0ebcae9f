"""The fixed words of the network file (spec/network-file.md): roles, statuses, kinds, channels."""

ORG_KINDS = ("municipality", "county", "state", "ks", "other")
ORG_STATUSES = ("member", "invited", "observer", "former")
ROLES = ("chief_executive", "coordinator", "secretariat", "project_leader", "ict_lead", "member")
LANGUAGES = ("nb", "nn", "en")
CHANNELS = ("slack", "teams", "email")
DIGESTS = ("none", "daily", "weekly")
PROJECT_STATUSES = ("planned", "active", "completed", "paused")
DEADLINE_KINDS = ("interest", "survey", "feedback", "other")
RESPONDENTS = ("organization", "person")
QUESTION_TYPES = ("number", "text", "scale", "choice", "yes_no", "date")
AUDIENCE_KEYS = ("roles", "statuses", "organizations", "groups", "regions")

DEFAULT_TIMEZONE = "Europe/Oslo"
DEFAULT_LANGUAGE = "nb"
ROOM_KINDS = ("slack_webhook", "teams_workflow")  # rooms: (Slack-compatible incoming webhook | Teams Workflows)
ROOM_MESSAGE_KINDS = ("announcement", "meeting_notice", "meeting_update", "meeting_cancel")  # also the default
