"""The app added to a team: the team's roster is read page by page through the Teams extension's API client
(GET /v3/conversations/{team}/pagedmembers at the emulator), its people of the network are linked and given a
personal chat (POST /v3/conversations), and the notices that waited for them go out without anyone
installing the app; strangers in the team are left alone, and a roster Teams cannot give changes nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage import identities
from storage.models_identity import Address, PlatformIdentity
from storage.outbox_waiting import waiting_for_app
from tests.fixtures.teams_harness import teams_bot
from tests.test_teams_proactive import BJORN, BJORN_EMAIL, SAMI, SAMI_EMAIL, _announce, _teams_rows

TEAM = "19:digikyst-general@thread.tacv2"
INGRID = "29:ingrid"  # the secretariat adds the app to the team


def _roster(tb: object, strangers: int = 110) -> None:
    emulator = tb.emulator  # type: ignore[attr-defined]
    emulator.add_user(INGRID, aad="aad-ingrid", email="ingrid.johansen@digikyst.no", name="Ingrid Johansen")
    emulator.add_user(BJORN, aad="aad-bjorn", email=BJORN_EMAIL, name="Bjørn Eriksen")
    emulator.add_user(SAMI, aad="aad-sami", email=None, upn=SAMI_EMAIL, name="Sami Laiti")  # the UPN only
    emulator.add_user("29:guest", aad="aad-guest", email=None, upn="", name="Gjest")  # nothing to go by
    for n in range(strangers):  # more than one page of the 100 the bot asks for
        emulator.add_user(f"29:s{n}", aad=f"aad-s{n}", email=f"s{n}@annet.no")


async def test_adding_the_app_to_a_team_reaches_its_people_without_an_install_of_their_own(
        sessions: async_sessionmaker[AsyncSession], monkeypatch: pytest.MonkeyPatch) -> None:
    async with teams_bot(sessions, monkeypatch) as tb:
        _roster(tb)
        await _announce(sessions, "Les den nye avtalen før møtet.", ["ict_lead"])
        worker = tb.worker()
        assert await worker.run_once() == 1
        async with sessions() as session:
            assert await waiting_for_app(session, "digikyst") == [(BJORN_EMAIL, "teams", 1)]

        assert await tb.post(tb.emulator.team_added(INGRID, TEAM)) == 202
        await tb.idle()
        paged = [(path, status) for path, status in tb.emulator.roster_requests() if "pagedmembers" in path.lower()]
        assert [status for _, status in paged] == [200, 200]  # 114 members: two pages
        assert sorted(body["members"][0]["id"] for body in tb.emulator.created) == sorted([INGRID, BJORN, SAMI])
        assert all(body.get("tenantId") == "tenant-testland" for body in tb.emulator.created)
        async with sessions() as session:
            linked = {row.external_id for row in (await session.scalars(select(PlatformIdentity))).all()}
            assert linked == {"aad-ingrid", "aad-bjorn", "aad-sami"}
            bjorn = await identities.recall_address(session, "teams", "aad-bjorn")
        assert bjorn is not None and bjorn["conversation"]["id"] == f"a:personal-{BJORN}"
        assert tb.emulator.sent == []  # opening a chat says nothing by itself
        [row] = await _teams_rows(sessions)
        assert row.not_before is None  # due again at once

        assert await worker.run_once() == 1  # Bjørn's notice, woken
        [notice] = tb.emulator.sent_to(f"a:personal-{BJORN}")
        assert "Les den nye avtalen" in notice.text
        [row] = await _teams_rows(sessions)
        assert row.status == "sent"
        async with sessions() as session:
            assert await waiting_for_app(session, "digikyst") == []

        # added again (to another team, say): who has a chat keeps it, nothing is opened twice
        assert await tb.post(tb.emulator.team_added(INGRID, "19:other@thread.tacv2")) == 202
        await tb.idle()
        assert len(tb.emulator.created) == 3


async def test_a_team_roster_teams_cannot_give_changes_nothing(
        sessions: async_sessionmaker[AsyncSession], monkeypatch: pytest.MonkeyPatch) -> None:
    async with teams_bot(sessions, monkeypatch) as tb:
        _roster(tb, strangers=0)
        tb.emulator.fail_roster(500)
        assert await tb.post(tb.emulator.team_added(INGRID, TEAM)) == 202
        await tb.idle()
        assert tb.emulator.created == [] and tb.emulator.sent == []
        async with sessions() as session:
            assert (await session.scalars(select(PlatformIdentity))).all() == []
            assert (await session.scalars(select(Address))).all() == []
