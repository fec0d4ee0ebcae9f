"""What operators see of delivery: /metrics, and the terminal as a channel in `digibot chat`."""

from __future__ import annotations

from datetime import timedelta

from aiohttp.test_utils import TestClient, TestServer

from bot.channels.console.sender import console_worker
from bot.delivery.metrics import DeliveryMetrics, render_metrics
from bot.web import build_web_app
from tests.delivery_world import (  # noqa: F401 - slack is a fixture
    ICS,
    NOW,
    FakeClock,
    Someone,
    all_rows,
    enqueue,
    make_worker,
    planned,
    register,
    seed_people,
    slack_fixture,  # noqa: F401 - provides the `slack` fixture
)


async def test_metrics_expose_queue_depth_and_delivery_figures(engine, sessions, slack) -> None:
    people = await seed_people(sessions, 2)
    register(slack, people)
    await enqueue(sessions, [planned(people[0]), planned(people[1], channel="email")])
    from bot.delivery.metrics import METRICS

    before = METRICS.sends.value(channel="slack")
    await make_worker(sessions, slack, FakeClock(), metrics=METRICS).run_once()

    async with TestClient(TestServer(build_web_app(engine))) as http:
        response = await http.get("/metrics")
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("text/plain; version=0.0.4")
        body = await response.text()
    assert 'digibot_outbox_messages{status="sent"} 1' in body
    assert 'digibot_outbox_messages{status="pending"} 1' in body
    assert 'digibot_outbox_messages{status="failed"} 0' in body
    assert f'digibot_delivery_sends_total{{channel="slack"}} {int(before) + 1}' in body
    assert 'digibot_delivery_send_seconds_bucket{channel="slack",le="+Inf"}' in body
    assert "# TYPE digibot_delivery_send_seconds histogram" in body


def test_metrics_render_without_a_database() -> None:
    metrics = DeliveryMetrics()
    metrics.retries.inc(channel="slack", cause="ratelimited")
    metrics.latency.observe(0.003, channel="slack")
    metrics.latency.observe(0.2, channel="slack")
    text = render_metrics(None, metrics)
    assert "digibot_outbox_up 0" in text
    assert 'digibot_delivery_retries_total{cause="ratelimited",channel="slack"} 1' in text
    assert 'digibot_delivery_send_seconds_bucket{channel="slack",le="0.005"} 1' in text
    assert 'digibot_delivery_send_seconds_bucket{channel="slack",le="0.25"} 2' in text
    assert 'digibot_delivery_send_seconds_count{channel="slack"} 2' in text


async def test_the_console_prints_a_persons_undeliverable_rows(sessions) -> None:
    people = await seed_people(sessions, 2)
    invite = {"filename": "mote.ics", "content_type": "text/calendar", "text": ICS}
    await enqueue(sessions, [
        planned(people[0], channel="email", title="Påminning", text="Frist i morgon", attachment=invite),
        planned(people[0], channel="slack", key="slack-row"),
        planned(people[0], channel="email", key="later", due=NOW + timedelta(days=1)),
        planned(people[1], channel="email"),
    ])
    out: list[str] = []

    worker = console_worker(sessions, people[0].id, out.append, FakeClock().now, skip_channels=["slack"])
    shown = await worker.run_once()

    assert shown == 1
    assert out == ["Påminning\nFrist i morgon\n📎 mote.ics\n\n"]
    status = {(r.person_id, r.key): (r.status, r.platform_message_id) for r in await all_rows(sessions)}
    assert status[(people[0].id, f"reminder:d1:{people[0].email}:P1D")] == ("sent", "console")
    assert status[(people[0].id, "slack-row")] == ("pending", None)
    assert status[(people[0].id, "later")] == ("pending", None)
    assert status[(people[1].id, f"reminder:d1:{people[1].email}:P1D")] == ("pending", None)
    assert await console_worker(sessions, people[0].id, out.append, FakeClock().now).run_once() == 1  # slack too now
