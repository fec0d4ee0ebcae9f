"""Delivery counters and the send-latency histogram, exposed in the Prometheus text format (0.0.4).

Hand-written (no dependency): counters and one histogram with fixed buckets, kept per process.
`render_metrics(counts)` adds the queue depth by status (from storage.outbox.counts) as a gauge.

    digibot_outbox_messages{status="pending"} 12           queue depth by status (shared database)
    digibot_delivery_sends_total{channel="slack"} 4711     messages delivered by this process
    digibot_delivery_failures_total{channel,reason}        rows failed for good (permanent | exhausted)
    digibot_delivery_retries_total{channel,cause}          rows put back (ratelimited | error | released)
    digibot_delivery_lease_lost_total                      sent, but the lease had gone to another worker
    digibot_delivery_unrecorded_total{channel}             sent, but the database did not answer before the
                                                           lease ran out (the row may be sent again)
    digibot_delivery_record_retries_total{what}            database calls retried (record | probe | claim)
    digibot_delivery_database_pauses_total                 times the worker paused because the database was down
    digibot_delivery_send_seconds_bucket{channel,le}       time spent in the platform API per row
"""

from __future__ import annotations

import bisect
import math
import threading
from collections.abc import Iterable, Mapping

from storage.models_notify import OUTBOX_STATUSES

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)

Labels = tuple[tuple[str, str], ...]


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def _labels(labels: Labels, extra: Labels = ()) -> str:
    pairs = labels + extra
    if not pairs:
        return ""
    return "{" + ",".join(f'{k}="{_escape(v)}"' for k, v in pairs) + "}"


def _key(labels: dict[str, str]) -> Labels:
    """A series' labels in name order (one label, the common case per sent row: no sort needed)."""
    return tuple(labels.items()) if len(labels) < 2 else tuple(sorted(labels.items()))


def _number(value: float) -> str:
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    return str(int(value)) if float(value).is_integer() else repr(float(value))


class Counter:
    def __init__(self, name: str, help_text: str) -> None:
        self.name = name
        self.help = help_text
        self._values: dict[Labels, float] = {}
        self._lock = threading.Lock()

    def inc(self, amount: float = 1.0, **labels: str) -> None:
        key = _key(labels)
        with self._lock:
            self._values[key] = self._values.get(key, 0.0) + amount

    def value(self, **labels: str) -> float:
        return self._values.get(tuple(sorted(labels.items())), 0.0)

    def render(self) -> Iterable[str]:
        yield f"# HELP {self.name} {self.help}"
        yield f"# TYPE {self.name} counter"
        for key, value in sorted(self._values.items()):
            yield f"{self.name}{_labels(key)} {_number(value)}"


class Histogram:
    def __init__(self, name: str, help_text: str, buckets: tuple[float, ...] = LATENCY_BUCKETS) -> None:
        self.name = name
        self.help = help_text
        self.buckets = buckets
        self._series: dict[Labels, tuple[list[int], list[float]]] = {}  # per-bucket counts, [sum, count]
        self._lock = threading.Lock()

    def observe(self, value: float, **labels: str) -> None:
        key = _key(labels)
        with self._lock:
            series = self._series.get(key)
            if series is None:
                series = self._series[key] = ([0] * (len(self.buckets) + 1), [0.0, 0.0])
            counts, totals = series
            counts[bisect.bisect_left(self.buckets, value)] += 1
            totals[0] += value
            totals[1] += 1

    def count(self, **labels: str) -> int:
        series = self._series.get(tuple(sorted(labels.items())))
        return int(series[1][1]) if series else 0

    def render(self) -> Iterable[str]:
        yield f"# HELP {self.name} {self.help}"
        yield f"# TYPE {self.name} histogram"
        for key, (counts, totals) in sorted(self._series.items()):
            running = 0
            for bound, n in zip((*self.buckets, math.inf), counts, strict=True):
                running += n
                yield f"{self.name}_bucket{_labels(key, (('le', _number(bound)),))} {running}"
            yield f"{self.name}_sum{_labels(key)} {_number(totals[0])}"
            yield f"{self.name}_count{_labels(key)} {_number(totals[1])}"


class DeliveryMetrics:
    def __init__(self) -> None:
        self.sends = Counter("digibot_delivery_sends_total", "Messages delivered by this process.")
        self.failures = Counter("digibot_delivery_failures_total",
                                "Messages failed for good (reason: permanent|exhausted).")
        self.retries = Counter("digibot_delivery_retries_total",
                               "Messages put back to wait (cause: ratelimited|error|released).")
        self.lease_lost = Counter("digibot_delivery_lease_lost_total",
                                  "Messages sent after their lease had passed to another worker (possible duplicates).")
        self.unrecorded = Counter("digibot_delivery_unrecorded_total",
                                  "Messages sent whose result the database did not take before the lease ran out "
                                  "(possible duplicates).")
        self.record_retries = Counter("digibot_delivery_record_retries_total",
                                      "Database calls of the worker that failed and were retried (what: "
                                      "record|probe|claim).")
        self.database_pauses = Counter("digibot_delivery_database_pauses_total",
                                       "Times the worker stopped claiming and sending because the database was down.")
        self.latency = Histogram("digibot_delivery_send_seconds",
                                 "Time spent sending one message (platform API calls).")

    def render(self) -> list[str]:
        lines: list[str] = []
        for metric in (self.sends, self.failures, self.retries, self.lease_lost, self.unrecorded, self.record_retries,
                       self.database_pauses, self.latency):
            lines.extend(metric.render())
        return lines


METRICS = DeliveryMetrics()


def render_metrics(counts: Mapping[str, int] | None, metrics: DeliveryMetrics = METRICS) -> str:
    """The exposition text: queue depth by status (None: the database did not answer) and this process's figures."""
    lines = ["# HELP digibot_outbox_messages Outbox rows by status (queue depth).",
             "# TYPE digibot_outbox_messages gauge"]
    if counts is not None:
        for status in sorted(set(OUTBOX_STATUSES) | set(counts)):
            lines.append(f'digibot_outbox_messages{{status="{_escape(status)}"}} {int(counts.get(status, 0))}')
    lines += ["# HELP digibot_outbox_up 1 when the queue depth could be read from the database.",
              "# TYPE digibot_outbox_up gauge", f"digibot_outbox_up {0 if counts is None else 1}"]
    lines.extend(metrics.render())
    return "\n".join(lines) + "\n"
