"""Exponential backoff with full jitter, capped (AWS architecture blog, "Exponential Backoff And Jitter").

    delay(attempt) = random() * min(cap, base * 2 ** (attempt - 1))

The random source is injectable so tests get exact delays.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

BASE_SECONDS = 2.0
CAP_SECONDS = 600.0
MIN_SECONDS = 0.5  # never retry sooner than this: a hot loop against a failing API helps nobody


def backoff_seconds(
    attempt: int,
    *,
    base: float = BASE_SECONDS,
    cap: float = CAP_SECONDS,
    floor: float = MIN_SECONDS,
    rand: Callable[[], float] = random.random,
) -> float:
    """Seconds to wait after the `attempt`-th failed try (1-based): uniform in [floor, min(cap, base·2^(n-1))]."""
    ceiling = min(cap, base * 2.0 ** max(0, attempt - 1))
    return max(floor, min(ceiling, rand() * ceiling))


def retry_after_seconds(headers: Any, default: float = 1.0) -> float:
    """A response's Retry-After header in seconds (`default` when absent or not a number)."""
    raw = headers.get("Retry-After") if headers is not None else None
    try:
        return max(0.0, float(raw)) if raw is not None else default
    except (TypeError, ValueError):
        return default
