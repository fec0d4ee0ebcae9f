"""The delivery worker's raw texts in the reader's language.

The worker records why a row waits or failed in English, for operators and logs (`digibot outbox`
shows them as they are): storage.outbox's "channel not configured", a sender's "ratelimited
(Retry-After 3 s)", "HTTP 503 service_unavailable", "ClientConnectorError: ...", a Slack error code
such as "channel_not_found", the e-mail bounce receiver's "bounced: 5.1.1 <the server's words>" and
"delayed: 4.4.1 ...". The secretariat reads them in reports and on App Home in nb, nn or en:
`reason_text` maps the known ones to a text of messages/catalog/delivery.py and shows any other as
"other error (<raw text>)"; `kind_text` names an outbox kind ("meeting_notice" → "møteinnkalling").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from messages.i18n import catalog, t
from messages.render_text import one_line, shorten

MAX_CODE = 100

EXACT: dict[str, str] = {
    "channel not configured": "dr_not_configured",  # storage.outbox.NOT_CONFIGURED
    "survey closed": "dr_survey_closed",  # handlers.surveys.lifecycle.CLOSED_TEXT: not sent, on purpose
    "response submitted": "dr_response_submitted",  # ... SUBMITTED_TEXT: a reminder no longer needed
    "empty message": "dr_rejected",
    "ratelimited": "dr_rate_limited",
    # Slack Web API error codes (bot/delivery/senders.py PERMANENT_ERRORS and the usual retryable ones)
    "channel_not_found": "dr_conversation_gone",
    "not_in_channel": "dr_conversation_gone",
    "is_archived": "dr_conversation_gone",
    "user_not_found": "dr_no_user",
    "users_not_found": "dr_no_user",
    "account_inactive": "dr_account_inactive",
    "user_disabled": "dr_account_inactive",
    "invalid_auth": "dr_not_allowed",
    "not_authed": "dr_not_allowed",
    "token_revoked": "dr_not_allowed",
    "token_expired": "dr_not_allowed",
    "missing_scope": "dr_not_allowed",
    "no_permission": "dr_not_allowed",
    "restricted_action": "dr_not_allowed",
    "team_access_not_granted": "dr_not_allowed",
    "ekm_access_denied": "dr_not_allowed",
    "msg_too_long": "dr_rejected",
    "no_text": "dr_rejected",
    "invalid_blocks": "dr_rejected",
    "invalid_blocks_format": "dr_rejected",
    "invalid_arguments": "dr_rejected",
    "too_many_attachments": "dr_rejected",
    "as_user_not_supported": "dr_rejected",
    "cannot_dm_bot": "dr_no_direct_messages",
    "messages_tab_disabled": "dr_no_direct_messages",
}
PREFIXES: tuple[tuple[str, str], ...] = (
    ("ratelimited (", "dr_rate_limited"),
    ("rate limit:", "dr_rate_limited"),
    ("no Slack user id", "dr_no_user"),
    ("waiting for the app", "dr_app_not_installed"),  # storage.outbox.WAITING_FOR_APP
    ("waiting for the webhook URL", "dr_room_url_missing"),  # bot/channels/webhook/sender.py
)
NETWORK_ERRORS = frozenset({
    "TimeoutError", "ClientConnectorError", "ClientConnectionError", "ClientOSError", "ServerDisconnectedError",
    "ServerTimeoutError", "ConnectionTimeoutError", "SocketTimeoutError", "ConnectionResetError",
    "ConnectionRefusedError", "ConnectionError", "OSError", "SlackClientError", "SlackRequestError",
})
_HTTP = re.compile(r"HTTP (\d{3})\b")
_EXCEPTION = re.compile(r"([A-Za-z_][\w.]*)(?::|$)")
PLATFORM_ERRORS = frozenset({"fatal_error", "internal_error", "service_unavailable", "request_timeout"})
# E-mail that came back (bot/channels/email/dsn.py Notice.reason): its status code (RFC 3463) says why.
_MAIL = re.compile(r"(bounced|delayed): ([245])\.(\d{1,3})\.(\d{1,3})\b")


def _no_address(code: tuple[str, ...]) -> bool:  # 5.1.1 no such mailbox, 5.1.2 no such domain, 5.1.10 null MX
    return code[:2] == ("5", "1")


def _mailbox_full(code: tuple[str, ...]) -> bool:  # 5.2.2 (and 4.2.2 when a server gave up on it)
    return code[1:] == ("2", "2")


def _refused(code: tuple[str, ...]) -> bool:  # 5.7.x: policy, spam, not authorised
    return code[:2] == ("5", "7")


BOUNCES: tuple[tuple[Callable[[tuple[str, ...]], bool], str], ...] = (
    (_no_address, "dr_mail_no_address"), (_mailbox_full, "dr_mail_full"), (_refused, "dr_mail_refused"),
)


def _mail_text(line: str, lang: str) -> str | None:
    found = _MAIL.match(line)
    if found is None:
        return None
    code = found.group(2, 3, 4)
    dotted = ".".join(code)
    if found.group(1) == "delayed":
        return t(lang, "dr_mail_delayed", code=dotted)
    key = next((key for rule, key in BOUNCES if rule(code)), "dr_mail_bounced")
    return t(lang, key, code=dotted)


def reason_text(raw: str | None, lang: str) -> str:
    """Why a row waits or failed, from the worker's raw text (its first line), in `lang`."""
    line = next((one_line(x) for x in (raw or "").splitlines() if x.strip()), "")
    if not line:
        return t(lang, "dr_unknown")
    if line in EXACT:
        return t(lang, EXACT[line])
    for prefix, key in PREFIXES:
        if line.startswith(prefix):
            return t(lang, key)
    if (mail := _mail_text(line, lang)) is not None:
        return mail
    if (http := _HTTP.match(line)) is not None:
        return t(lang, "dr_platform_error", code=f"HTTP {http.group(1)}")
    if line in PLATFORM_ERRORS:
        return t(lang, "dr_platform_error", code=line)
    exception = _EXCEPTION.match(line)
    if exception is not None and exception.group(1).rsplit(".", 1)[-1] in NETWORK_ERRORS:
        return t(lang, "dr_network")
    return t(lang, "dr_other", code=shorten(line, MAX_CODE))


def kind_text(kind: str, lang: str) -> str:
    """An outbox kind as the reader says it: "meeting_notice" → "møteinnkalling"."""
    key = f"kind_{kind}"
    return t(lang, key) if key in catalog() else t(lang, "kind_other", kind=kind)
