"""Who calendar files name as ORGANIZER when a network names nobody (no secretariat, no group chair).

Set once at start-up from the CALENDAR_ORGANIZER setting (bot/config.py); kept in this small module so
that setting it costs a command nothing. The ".invalid" domain (RFC 2606) of the default reaches nobody.
"""

from __future__ import annotations

DEFAULT_ORGANIZER = "noreply@digibot.invalid"
_fallback = DEFAULT_ORGANIZER


def set_fallback_organizer(address: str | None) -> None:
    """The e-mail address of the ORGANIZER when the network names nobody (None: the default no-reply)."""
    global _fallback
    _fallback = (address or "").strip().removeprefix("mailto:") or DEFAULT_ORGANIZER


def fallback_organizer() -> str:
    return _fallback
