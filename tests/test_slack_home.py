"""The App Home tab: opening it publishes the person's own view (views.publish)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from handlers import home
from messages.i18n import t
from tests.emulators.slack_signing import app_home_opened_event
from tests.fixtures.slack.harness import KARI, NETWORK_FILE, STRANGER, load_network, running_bot


def network_with_dates_ahead(tmp_path: Path) -> Path:
    """The test network with its deadline five days and its meeting eight days from now."""
    data = yaml.safe_load(NETWORK_FILE.read_text(encoding="utf-8"))
    now = datetime.now(ZoneInfo("Europe/Oslo")).replace(second=0, microsecond=0, tzinfo=None)
    data["deadlines"][0]["due"] = (now + timedelta(days=5)).isoformat(timespec="minutes")
    meeting = data["meetings"][0]
    meeting["start"] = (now + timedelta(days=8)).isoformat(timespec="minutes")
    meeting["end"] = (now + timedelta(days=8, hours=2)).isoformat(timespec="minutes")
    path = tmp_path / "network.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def view_text(view: dict) -> str:
    return str(view["blocks"])


async def test_app_home_shows_my_upcoming_deadlines(engine, sessions, tmp_path: Path) -> None:
    await load_network(sessions, network_with_dates_ahead(tmp_path))
    async with running_bot(engine, sessions, load=False) as bot:
        ack, _ = await bot.open_home(KARI)
        [publish] = await bot.slack.wait_for("views.publish")
        await bot.idle()

    assert ack.status == 200
    assert publish.args["user_id"] == KARI and publish.args["view"]["type"] == "home"
    shown = view_text(bot.slack.home_views[KARI].view)
    assert "Statusrapport for digitalisering" in shown
    assert "Koordinatorforum mars" in shown
    assert bot.slack.messages == []  # the home tab is a view, not a message


async def test_app_home_of_an_unknown_user_says_not_registered(engine, sessions) -> None:
    async with running_bot(engine, sessions) as bot:
        await bot.open_home(STRANGER)
        await bot.slack.wait_for("views.publish")
        await bot.idle()

    assert t("nn", "not_registered") in view_text(bot.slack.home_views[STRANGER].view)
    assert bot.slack.messages == []


async def test_opening_the_messages_tab_publishes_nothing(engine, sessions) -> None:
    async with running_bot(engine, sessions) as bot:
        ack, _ = await bot.event(app_home_opened_event(KARI, tab="messages"))
        await bot.idle()

    assert ack.status == 200
    assert bot.slack.calls == []


async def test_a_failing_home_is_logged_and_shows_an_apology(engine, sessions, monkeypatch) -> None:
    async def broken(ctx: object) -> list:
        raise RuntimeError("the home content broke")

    monkeypatch.setattr(home, "home_messages", broken)
    async with running_bot(engine, sessions) as bot:
        await bot.open_home(KARI)
        await bot.slack.wait_for("views.publish")
        await bot.idle()

    assert t("nb", "error_generic") in view_text(bot.slack.home_views[KARI].view)
