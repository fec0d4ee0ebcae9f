"""The worker's raw texts never reach a reader as they are: every status the worker writes and every
Slack error the sender knows has words in nb, nn and en (messages/delivery_status.py)."""

from __future__ import annotations

import pytest

from bot.channels.slack.sender import PERMANENT_ERRORS
from messages.delivery_status import EXACT, kind_text, reason_text
from messages.i18n import catalog
from storage.outbox import NOT_CONFIGURED


def test_every_status_of_the_worker_and_permanent_slack_error_has_its_own_words() -> None:
    from handlers.surveys.lifecycle import CLOSED_TEXT, SUBMITTED_TEXT

    assert NOT_CONFIGURED in EXACT and {CLOSED_TEXT, SUBMITTED_TEXT} <= set(EXACT)
    assert PERMANENT_ERRORS <= set(EXACT)
    for key in {*EXACT.values(), "dr_other", "dr_unknown", "dr_rate_limited", "dr_platform_error", "dr_network"}:
        assert set(catalog()[key]) == {"nb", "nn", "en"}, key


@pytest.mark.parametrize(("raw", "nb", "en"), [
    ("channel not configured", "kanalen er ikke satt opp", "the channel is not set up"),
    ("ratelimited (Retry-After 3 s)", "mange meldinger på kort tid, venter på tur",
     "many messages at once, waiting for its turn"),
    ("rate limit: next slot in 1.5 s", "mange meldinger på kort tid, venter på tur",
     "many messages at once, waiting for its turn"),
    ("HTTP 503 service_unavailable", "tjenesten svarte med en feil (HTTP 503)",
     "the service answered with an error (HTTP 503)"),
    ("no Slack user id (users.lookupByEmail: users_not_found)", "finner ikke personen i Slack",
     "the person was not found in Slack"),
    ("TimeoutError: ", "fikk ikke kontakt med tjenesten", "could not reach the service"),
    ("channel_not_found", "samtalen finnes ikke lenger i Slack", "the conversation no longer exists in Slack"),
    ("survey closed", "ikke sendt: undersøkelsen ble lukket", "not sent: the survey was closed"),
    ("response submitted", "ikke sendt: svaret var allerede sendt inn", "not sent: the response was already submitted"),
    ("", "ukjent feil", "unknown error"),
    (None, "ukjent feil", "unknown error"),
    ("KeyError: 'title'\nTraceback (most recent call last):", "annen feil (KeyError: 'title')",
     "other error (KeyError: 'title')"),
])
def test_a_raw_reason_reads_as_words(raw: str | None, nb: str, en: str) -> None:
    assert reason_text(raw, "nb") == nb
    assert reason_text(raw, "en") == en


def test_kinds_are_named_and_an_unknown_kind_is_still_shown() -> None:
    assert kind_text("meeting_notice", "nn") == "møteinnkalling"
    assert kind_text("reminder", "en") == "deadline reminder"
    assert kind_text("announcement", "nb") == "kunngjøring"
    assert kind_text("poll_result", "nn") == "melding (poll_result)"
