"""Teams end to end: activities into the real /api/messages (the SDK's JWT validation on), answers and notices
out to the Bot Connector emulator on loopback."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage import identities
from storage.models_identity import Address
from tests.emulators.teams_connector import TeamsConnectorEmulator
from tests.fixtures.teams_harness import teams_bot

BJORN = "29:bjorn"
BJORN_CHAT = f"a:personal-{BJORN}"
BJORN_EMAIL = "bjorn.eriksen@rana.kommune.no"


def _bjorn(emulator: TeamsConnectorEmulator) -> None:
    emulator.add_user(BJORN, aad="aad-bjorn", email=BJORN_EMAIL, name="Bjørn Eriksen")


async def test_a_question_in_personal_chat_is_answered_and_the_user_is_matched_by_email(
        sessions: async_sessionmaker[AsyncSession], monkeypatch: pytest.MonkeyPatch) -> None:
    async with teams_bot(sessions, monkeypatch) as tb:
        _bjorn(tb.emulator)
        assert await tb.post(tb.emulator.message(BJORN, "Hvem er koordinator i Rana?")) == 202
        await tb.idle()
        [answer] = tb.emulator.sent_to(BJORN_CHAT)
        assert "Mona Lien" in answer.text
        assert answer.card["type"] == "AdaptiveCard" and answer.card["version"] == "1.5"
        async with sessions() as session:
            person = await identities.by_email(session, BJORN_EMAIL)
            assert person is not None
            assert await identities.platform_id(session, person.person_id, "teams") == "aad-bjorn"
            stored = await identities.recall_address(session, "teams", "aad-bjorn")
        assert stored is not None and stored["conversation"]["id"] == BJORN_CHAT
        assert stored["serviceUrl"] == tb.emulator.url


async def test_a_mention_in_a_channel_is_answered_in_its_thread_without_the_mention(
        sessions: async_sessionmaker[AsyncSession], monkeypatch: pytest.MonkeyPatch) -> None:
    async with teams_bot(sessions, monkeypatch) as tb:
        _bjorn(tb.emulator)
        channel = "19:general@thread.tacv2"
        asked = tb.emulator.mention(BJORN, "Hvem er koordinator i Rana?", channel=channel)
        assert await tb.post(asked) == 202
        # without the mention, a channel message is not for the bot
        assert await tb.post(tb.emulator.message(BJORN, "lunsj?", conversation=channel,
                                                 conversation_type="channel")) == 202
        await tb.idle()
        [answer] = tb.emulator.sent_to(channel)
        assert answer.reply_to == asked["id"] and "Mona Lien" in answer.text


async def test_a_stranger_is_told_they_are_not_registered(
        sessions: async_sessionmaker[AsyncSession], monkeypatch: pytest.MonkeyPatch) -> None:
    async with teams_bot(sessions, monkeypatch) as tb:
        tb.emulator.add_user("29:x", aad="aad-x", email="noen@annet.no")
        assert await tb.post(tb.emulator.message("29:x", "hei")) == 202
        await tb.idle()
        [answer] = tb.emulator.sent_to("a:personal-29:x")
        assert "registrert" in answer.text.lower() or "registered" in answer.text.lower()


async def test_teams_retrying_an_activity_gets_one_answer(
        sessions: async_sessionmaker[AsyncSession], monkeypatch: pytest.MonkeyPatch) -> None:
    async with teams_bot(sessions, monkeypatch) as tb:
        _bjorn(tb.emulator)
        asked = tb.emulator.message(BJORN, "Hvem er koordinator i Rana?")
        assert await tb.post(asked) == 202
        await tb.idle()
        assert await tb.post(asked) == 202
        await tb.idle()
        assert len(tb.emulator.sent_to(BJORN_CHAT)) == 1


@pytest.mark.parametrize("token", [None, "not-a-jwt", "other-key", "other-audience", "expired"])
async def test_requests_without_a_valid_token_are_refused_and_change_nothing(
        sessions: async_sessionmaker[AsyncSession], monkeypatch: pytest.MonkeyPatch, token: str | None) -> None:
    async with teams_bot(sessions, monkeypatch) as tb:
        _bjorn(tb.emulator)
        asked = tb.emulator.message(BJORN, "Hvem er koordinator i Rana?")
        forged = {
            None: None, "not-a-jwt": "abc.def.ghi",
            "other-key": tb.emulator.token_for(key=TeamsConnectorEmulator()._key),
            "other-audience": tb.emulator.token_for(app_id="someone-else"),
            "expired": tb.emulator.token_for(expires_in=-3600),
        }[token]
        assert await tb.post(asked, token=forged) == 401
        await tb.idle()
        assert tb.emulator.sent == []
        async with sessions() as session:
            assert (await session.scalars(select(Address))).all() == []


async def test_anonymous_mode_lets_unsigned_requests_in_and_says_so_at_start(
        sessions: async_sessionmaker[AsyncSession], monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        async with teams_bot(sessions, monkeypatch, anonymous=True) as tb:
            _bjorn(tb.emulator)
            assert await tb.post(tb.emulator.message(BJORN, "Hvem er koordinator i Rana?"), token=None) == 202
            await tb.idle()
            assert len(tb.emulator.sent_to(BJORN_CHAT)) == 1
    assert any("TEAMS_ANONYMOUS" in r.getMessage() and r.levelno == logging.WARNING for r in caplog.records)


async def test_a_reply_refused_with_429_arrives_once_after_retry_after(
        sessions: async_sessionmaker[AsyncSession], monkeypatch: pytest.MonkeyPatch) -> None:
    async with teams_bot(sessions, monkeypatch) as tb:
        _bjorn(tb.emulator)
        tb.emulator.fail_next(429, 2, retry_after=0.05)
        tb.emulator.fail_next(502, 1)
        assert await tb.post(tb.emulator.message(BJORN, "Hvem er koordinator i Rana?")) == 202
        await tb.idle()
        [answer] = tb.emulator.sent_to(BJORN_CHAT)
        assert "Mona Lien" in answer.text
        refused = [status for method, _, status in tb.emulator.requests if method == "POST"]
        assert refused == [429, 429, 502, 201]


async def test_something_personal_asked_for_in_a_channel_goes_to_the_personal_chat(
        sessions: async_sessionmaker[AsyncSession], monkeypatch: pytest.MonkeyPatch) -> None:
    async with teams_bot(sessions, monkeypatch) as tb:
        _bjorn(tb.emulator)
        channel = "19:general@thread.tacv2"
        assert await tb.post(tb.emulator.mention(BJORN, "kalender", channel=channel)) == 202
        await tb.idle()
        [told] = tb.emulator.sent_to(channel)
        assert "/calendar/" not in told.text and "personlig chat i Teams" in told.text
        assert tb.emulator.sent_to(BJORN_CHAT) == []  # no personal chat yet: nothing sent privately

        assert await tb.post(tb.emulator.installed(BJORN)) == 202
        await tb.idle()
        assert await tb.post(tb.emulator.mention(BJORN, "kalender", channel=channel)) == 202
        await tb.idle()
        told = tb.emulator.sent_to(channel)[-1]
        assert "/calendar/" not in told.text and "direktemelding" in told.text
        [private] = tb.emulator.sent_to(BJORN_CHAT)
        assert "/calendar/" in private.text


async def test_a_signed_activity_the_bot_cannot_read_gets_400_and_changes_nothing(
        sessions: async_sessionmaker[AsyncSession], monkeypatch: pytest.MonkeyPatch) -> None:
    async with teams_bot(sessions, monkeypatch) as tb:
        broken = {"type": "message", "serviceUrl": tb.emulator.url, "text": "hei"}  # no conversation
        assert await tb.post(broken) == 400
        wrong = {**tb.emulator.message(BJORN, "hei"), "from": "not an account"}
        assert await tb.post(wrong) == 400
        await tb.idle()
        assert tb.emulator.sent == []
