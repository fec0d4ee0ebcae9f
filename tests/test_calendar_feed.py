"""The calendar feed over HTTP, end to end on SQLite and PostgreSQL: tokens, the route, the 404s."""

from __future__ import annotations

import base64
import secrets
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from icalendar import Calendar
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.web_calendar import add_calendar_routes
from storage.calendar_tokens import issue_token, person_for_token, revoke
from storage.models import Deadline, Group, GroupMember, Meeting, Network, Organization, Person
from storage.models_notify import CalendarToken

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


@dataclass
class Cast:
    kari: int  # chief executive in the steering group
    ola: int  # coordinator, not in the steering group


async def build_network(sessions: async_sessionmaker[AsyncSession]) -> Cast:
    async with sessions() as s:
        s.add(Network(id="digivestland", name="DigiVestland", timezone="Europe/Oslo", language="nn", revision=1))
        await s.flush()
        bergen = Organization(network_id="digivestland", key="4601", name="Bergen")
        s.add(bergen)
        await s.flush()
        kari = Person(network_id="digivestland", email="kari@example.no", name="Kari Nordmann",
                      organization_id=bergen.id, roles=["chief_executive"], channel="slack")
        siri = Person(network_id="digivestland", email="siri@example.no", name="Siri Sekretær",
                      organization_id=bergen.id, roles=["secretariat"])
        ola = Person(network_id="digivestland", email="ola@example.no", name="Ola Koordinator",
                     organization_id=bergen.id, roles=["coordinator"])
        s.add_all([kari, siri, ola])
        await s.flush()
        group = Group(network_id="digivestland", key="styringsgruppe", name="Styringsgruppe", chair_id=kari.id)
        s.add(group)
        await s.flush()
        s.add_all([GroupMember(group_id=group.id, person_id=kari.id),
                   GroupMember(group_id=group.id, person_id=siri.id)])
        s.add(Meeting(network_id="digivestland", key="sg-2026-03", title="Styringsgruppemøte", group_id=group.id,
                      start=datetime(2026, 3, 30, 8, tzinfo=UTC), end=datetime(2026, 3, 30, 10, tzinfo=UTC),
                      location="Bergen rådhus", agenda="1. Portefølje", sequence=1))
        s.add(Deadline(network_id="digivestland", key="budsjett", title="Innspel til budsjett",
                       due=datetime(2026, 3, 20, 22, 59, tzinfo=UTC), audience={"roles": ["chief_executive"]}))
        await s.commit()
        return Cast(kari=kari.id, ola=ola.id)


@pytest.fixture
async def client(sessions: async_sessionmaker[AsyncSession]) -> AsyncIterator[TestClient]:
    app = web.Application()
    add_calendar_routes(app, sessions, clock=lambda: NOW)
    async with TestClient(TestServer(app)) as test_client:
        yield test_client


def feed_uids(body: str) -> set[str]:
    return {str(e["UID"]) for e in Calendar.from_ical(body).walk("VEVENT")}


async def test_a_chief_executive_subscribes_to_her_calendar_and_sees_the_steering_group_meeting(
    sessions: async_sessionmaker[AsyncSession], client: TestClient
) -> None:
    cast = await build_network(sessions)
    async with sessions() as s:
        token = await issue_token(s, cast.kari, NOW)

    response = await client.get(f"/calendar/{token}.ics")
    assert response.status == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert response.headers["Cache-Control"] == "private, max-age=300"
    body = await response.text()
    assert "\r\n" in body
    cal = Calendar.from_ical(body)
    assert str(cal["METHOD"]) == "PUBLISH"
    assert str(cal["X-WR-CALNAME"]) == "DigiVestland"
    assert feed_uids(body) == {"sg-2026-03@digivestland.digibot", "deadline-budsjett@digivestland.digibot"}
    meeting = next(e for e in cal.walk("VEVENT") if str(e["UID"]).startswith("sg-"))
    assert meeting["SEQUENCE"] == 1
    assert meeting["DTSTART"].params["TZID"] == "Europe/Oslo"
    assert meeting.decoded("DTSTART").hour == 10

    # Outlook asks again with the ETag it got: nothing changed, so nothing is sent.
    again = await client.get(f"/calendar/{token}.ics", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status == 304
    assert await again.read() == b""


async def test_a_coordinator_sees_only_her_own_calendar(
    sessions: async_sessionmaker[AsyncSession], client: TestClient
) -> None:
    cast = await build_network(sessions)
    async with sessions() as s:
        token = await issue_token(s, cast.ola, NOW)
    response = await client.get(f"/calendar/{token}.ics")
    assert response.status == 200
    assert feed_uids(await response.text()) == set()


async def test_revoked_unknown_and_malformed_tokens_all_get_the_same_404(
    sessions: async_sessionmaker[AsyncSession], client: TestClient
) -> None:
    cast = await build_network(sessions)
    async with sessions() as s:
        token = await issue_token(s, cast.kari, NOW)
        assert await revoke(s, token, NOW) == 1
        assert await revoke(s, token, NOW) == 0

    answers = []
    for path in (
        f"/calendar/{token}.ics",  # revoked
        f"/calendar/{secrets.token_urlsafe(32)}.ics",  # never issued
        "/calendar/short.ics",  # malformed
        "/calendar/" + "%27%20OR%201=1--" + "A" * 30 + ".ics",  # hostile
    ):
        response = await client.get(path)
        answers.append((response.status, response.headers["Content-Type"], await response.read()))
    assert answers[0][0] == 404
    assert all(answer == answers[0] for answer in answers), answers


async def test_a_token_has_256_random_bits_and_stays_the_same_until_revoked(
    sessions: async_sessionmaker[AsyncSession], client: TestClient
) -> None:
    cast = await build_network(sessions)
    async with sessions() as s:
        first = await issue_token(s, cast.kari, NOW)
        assert await issue_token(s, cast.kari, NOW + timedelta(days=1)) == first
        ola_token = await issue_token(s, cast.ola, NOW)

    assert len(first) == 43  # token_urlsafe(32): 32 random bytes
    assert len(base64.urlsafe_b64decode(first + "=")) * 8 >= 128
    assert ola_token != first
    async with sessions() as s:
        assert await person_for_token(s, first) == ("digivestland", cast.kari)
        assert await person_for_token(s, ola_token) == ("digivestland", cast.ola)

    async with sessions() as s:
        assert await revoke(s, cast.kari, NOW) == 1  # by person: all of Kari's live tokens
        assert await person_for_token(s, first) is None
        second = await issue_token(s, cast.kari, NOW + timedelta(days=2))
    assert second != first
    assert (await client.get(f"/calendar/{first}.ics")).status == 404
    assert (await client.get(f"/calendar/{second}.ics")).status == 200
    # Ola's token was not touched by revoking Kari's.
    assert (await client.get(f"/calendar/{ola_token}.ics")).status == 200


async def test_a_person_removed_from_the_network_loses_the_feed(
    sessions: async_sessionmaker[AsyncSession], client: TestClient
) -> None:
    cast = await build_network(sessions)
    async with sessions() as s:
        token = await issue_token(s, cast.ola, NOW)
        ola = await s.get(Person, cast.ola)
        await s.delete(ola)
        network = await s.get(Network, "digivestland")
        assert network is not None
        network.revision += 1
        await s.commit()
    async with sessions() as s:
        assert (await s.scalars(select(CalendarToken).where(CalendarToken.token == token))).first() is None
    assert (await client.get(f"/calendar/{token}.ics")).status == 404


async def test_a_person_asks_for_her_calendar_link_subscribes_and_can_renew_it(
    sessions: async_sessionmaker[AsyncSession], client: TestClient
) -> None:
    from bot.pipeline import build_pipeline
    from handlers.incoming import Incoming

    cast = await build_network(sessions)
    responder = build_pipeline(sessions, "https://digibot.example.no")

    async def ask(text: str) -> str:
        (message,) = await responder.respond(Incoming(network_id="digivestland", person_id=cast.kari, text=text,
                                                      now=NOW))
        return message.text or ""

    def path_in(text: str) -> str:
        (url,) = [word for word in text.split() if word.startswith("https://")]
        assert url.startswith("https://digibot.example.no/calendar/") and url.endswith(".ics")
        return url.removeprefix("https://digibot.example.no")

    first = path_in(await ask("kalender"))
    assert path_in(await ask("calendar")) == first  # the same link until she renews it
    response = await client.get(first)
    assert response.status == 200 and "Styringsgruppemøte" in await response.text()

    renewed = await ask("kalender ny")
    assert "Den gamle lenka verkar ikkje lenger." in renewed
    second = path_in(renewed)
    assert second != first
    assert (await client.get(first)).status == 404
    assert (await client.get(second)).status == 200


async def test_calendar_tokens_never_reach_the_access_log(caplog: pytest.LogCaptureFixture) -> None:
    import aiohttp

    from bot.web import AccessLogger

    async def ok(request: web.Request) -> web.Response:
        return web.Response(text="x")

    app = web.Application()
    app.router.add_get("/calendar/{token}.ics", ok)
    runner = web.AppRunner(app, access_log_class=AccessLogger)  # as bot/service.py runs the app
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        with caplog.at_level("INFO", logger="aiohttp.access"):
            async with aiohttp.ClientSession() as http:
                await (await http.get(f"http://127.0.0.1:{port}/calendar/SuperSecretToken123.ics")).read()
                await (await http.get(f"http://127.0.0.1:{port}/healthz")).read()
    finally:
        await runner.cleanup()
    logged = "\n".join(r.getMessage() for r in caplog.records if r.name == "aiohttp.access")
    assert "SuperSecretToken123" not in logged
    assert "/calendar/<token>.ics 200" in logged and "/healthz 404" in logged
