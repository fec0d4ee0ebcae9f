"""Response rates overall and by organization status and by region, with small cells suppressed.

For an anonymous survey a cell (a status, a region) with fewer than `MIN_CELL` submitted responses
shows its invited count only. When exactly one cell of a breakdown is hidden, the next smallest is
hidden too, so that the hidden figure cannot be worked out from the total and the other cells.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from handlers.surveys.results import Response

MIN_CELL = 3  # fewer submitted than this in a group of an anonymous survey: the figures are not shown


@dataclass(frozen=True)
class RateCell:
    group: str | None  # a status ("member") or a region; None for "not given"
    invited: int
    submitted: int | None  # None when suppressed
    suppressed: bool = False

    @property
    def rate(self) -> float | None:
        if self.submitted is None or self.invited == 0:
            return None
        return self.submitted / self.invited


@dataclass(frozen=True)
class ResponseRates:
    invited: int
    submitted: int
    by_status: tuple[RateCell, ...]
    by_region: tuple[RateCell, ...]

    @property
    def rate(self) -> float | None:
        return self.submitted / self.invited if self.invited else None


def response_rates(responses: tuple[Response, ...], *, anonymous: bool) -> ResponseRates:
    return ResponseRates(
        invited=len(responses),
        submitted=sum(1 for r in responses if r.submitted),
        by_status=_breakdown(responses, lambda r: r.respondent.status, anonymous=anonymous),
        by_region=_breakdown(responses, lambda r: r.respondent.region, anonymous=anonymous),
    )


def _breakdown(
    responses: tuple[Response, ...], group_of: Callable[[Response], str | None], *, anonymous: bool
) -> tuple[RateCell, ...]:
    invited: dict[str | None, int] = {}
    submitted: dict[str | None, int] = {}
    for response in responses:
        group = group_of(response) or None
        invited[group] = invited.get(group, 0) + 1
        submitted[group] = submitted.get(group, 0) + (1 if response.submitted else 0)
    order = sorted(invited, key=lambda g: (g is None, g or ""))
    hidden: set[str | None] = set()
    if anonymous:
        hidden = {g for g in order if submitted[g] < MIN_CELL}
        shown = [g for g in order if g not in hidden]
        if len(hidden) == 1 and shown:
            hidden.add(min(shown, key=lambda g: (submitted[g], g is None, g or "")))
    return tuple(
        RateCell(group=g, invited=invited[g], submitted=None, suppressed=True)
        if g in hidden
        else RateCell(group=g, invited=invited[g], submitted=submitted[g])
        for g in order
    )
