"""Who writes from Teams: a user digibot does not know by id is looked up in the conversation's roster (the
Teams extension's API client, GET /v3/conversations/{id}/members/{userId} at the Bot Connector emulator), found
by e-mail or UPN, linked, and answered in their own language; a roster that says no (404) or cannot answer
(5xx) gets a polite answer and changes nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from messages.i18n import t
from storage import identities
from storage.models_identity import Address, PlatformIdentity
from tests.fixtures.teams_harness import teams_bot

KARI, KARI_AAD, KARI_EMAIL = "29:kari-bakke", "aad-kari-bakke", "kari.bakke@orsta.kommune.no"  # nynorsk
KARI_CHAT = f"a:personal-{KARI}"
EMMA, EMMA_AAD, EMMA_UPN = "29:emma", "aad-emma", "emma.wilson@vagan.kommune.no"  # English


async def _linked(sessions: async_sessionmaker[AsyncSession], email: str) -> str | None:
    async with sessions() as session:
        person = await identities.by_email(session, email)
        assert person is not None
        return await identities.platform_id(session, person.person_id, "teams")


async def test_a_coordinator_unknown_by_id_is_found_by_the_rosters_email_linked_and_answered_in_nynorsk(
        sessions: async_sessionmaker[AsyncSession], monkeypatch: pytest.MonkeyPatch) -> None:
    async with teams_bot(sessions, monkeypatch) as tb:
        tb.emulator.add_user(KARI, aad=KARI_AAD, email=KARI_EMAIL, name="Kari Bakke")
        assert await _linked(sessions, KARI_EMAIL) is None
        assert await tb.post(tb.emulator.message(KARI, "Kven er koordinator i Rana?")) == 202
        await tb.idle()
        [answer] = tb.emulator.sent_to(KARI_CHAT)
        assert "Mona Lien" in answer.text
        assert await _linked(sessions, KARI_EMAIL) == KARI_AAD
        assert tb.emulator.roster_requests() == [(f"/v3/conversations/{KARI_CHAT}/members/{KARI}", 200)]

        # known now by her Entra id: the next question asks Teams nothing
        assert await tb.post(tb.emulator.message(KARI, "hjelp")) == 202
        await tb.idle()
        help_card = tb.emulator.sent_to(KARI_CHAT)[-1]
        assert len(tb.emulator.roster_requests()) == 1
    assert t("nn", "help_title") in help_card.texts and t("nb", "help_title") not in help_card.texts


async def test_the_user_principal_name_serves_when_the_roster_gives_no_email(
        sessions: async_sessionmaker[AsyncSession], monkeypatch: pytest.MonkeyPatch) -> None:
    async with teams_bot(sessions, monkeypatch) as tb:
        tb.emulator.add_user(EMMA, aad=EMMA_AAD, email=None, upn=EMMA_UPN, name="Emma Wilson")
        assert await tb.post(tb.emulator.message(EMMA, "hjelp")) == 202
        await tb.idle()
        [answer] = tb.emulator.sent_to(f"a:personal-{EMMA}")
    assert await _linked(sessions, EMMA_UPN) == EMMA_AAD
    assert t("en", "help_title") in answer.texts


@pytest.mark.parametrize("status", [404, 500, 503])
async def test_a_roster_that_says_no_or_fails_gets_a_polite_answer_and_changes_nothing(
        sessions: async_sessionmaker[AsyncSession], monkeypatch: pytest.MonkeyPatch, status: int) -> None:
    async with teams_bot(sessions, monkeypatch) as tb:
        tb.emulator.add_user(KARI, aad=KARI_AAD, email=KARI_EMAIL, name="Kari Bakke")
        tb.emulator.fail_roster(status)
        assert await tb.post(tb.emulator.message(KARI, "Kven er koordinator i Rana?")) == 202
        await tb.idle()
        [answer] = tb.emulator.sent_to(KARI_CHAT)
        assert "Mona Lien" not in answer.text
        expected = t("nb", "not_registered") if status == 404 else t("nb", "error_unavailable")
        assert answer.texts == [expected]
        assert tb.emulator.roster_requests() == [(f"/v3/conversations/{KARI_CHAT}/members/{KARI}", status)]
        async with sessions() as session:
            assert (await session.scalars(select(PlatformIdentity).where(
                PlatformIdentity.platform == "teams"))).all() == []
            if status != 404:  # nothing at all is stored when Teams could not say who wrote
                assert (await session.scalars(select(Address))).all() == []

        # Teams answers again: the same question is answered, and Kari is linked
        assert await tb.post(tb.emulator.message(KARI, "Kven er koordinator i Rana?")) == 202
        await tb.idle()
        assert "Mona Lien" in tb.emulator.sent_to(KARI_CHAT)[-1].text
    assert await _linked(sessions, KARI_EMAIL) == KARI_AAD


async def test_an_install_while_the_roster_fails_stores_nothing_and_the_first_message_does_it_all(
        sessions: async_sessionmaker[AsyncSession], monkeypatch: pytest.MonkeyPatch) -> None:
    async with teams_bot(sessions, monkeypatch) as tb:
        tb.emulator.add_user(KARI, aad=KARI_AAD, email=KARI_EMAIL, name="Kari Bakke")
        tb.emulator.fail_roster(502)
        assert await tb.post(tb.emulator.installed(KARI)) == 202
        await tb.idle()
        async with sessions() as session:
            assert (await session.scalars(select(Address))).all() == []
        assert await _linked(sessions, KARI_EMAIL) is None and tb.emulator.sent == []

        assert await tb.post(tb.emulator.message(KARI, "Kven er koordinator i Rana?")) == 202
        await tb.idle()
        assert "Mona Lien" in tb.emulator.sent_to(KARI_CHAT)[-1].text
        async with sessions() as session:
            stored = await identities.recall_address(session, "teams", KARI_AAD)
    assert await _linked(sessions, KARI_EMAIL) == KARI_AAD
    assert stored is not None and stored["conversation"]["id"] == KARI_CHAT
