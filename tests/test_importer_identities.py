"""The network file's `slack_user_id` and `teams_user_id` land in the identities table: the file decides the
ids it gives, and the links the bot made itself (by e-mail) survive a re-import that does not contradict them."""

from __future__ import annotations

from typing import Any

from storage import identities
from tests.linking import account_of
from tests.test_importer import Sessions, revisions, run_import, vestland

KARI, OLA, SIRI = "kari.nordmann@example.no", "ola.askoy@example.no", "siri.sekretariat@example.no"
PER, LISE = "per.oygarden@example.no", "lise.fylke@example.no"


def person(data: dict[str, Any], email: str) -> dict[str, Any]:
    return next(p for p in data["people"] if p["email"].lower() == email)


async def ids(sessions: Sessions, platform: str = "slack") -> dict[str, str | None]:
    """e-mail -> account on the platform, for everyone in DigiVestland."""
    async with sessions() as s:
        people = {email: await identities.by_email(s, email, "digivestland") for email in (KARI, OLA, SIRI, PER, LISE)}
        return {email: await account_of(s, who.person_id, platform) if who else None for email, who in people.items()}


async def link_by_email(sessions: Sessions, user_id: str, email: str) -> None:
    """The bot meets a Slack user it does not know, whose profile shows `email`."""

    async def lookup() -> str | None:
        return email

    async with sessions() as s:
        assert await identities.resolve(s, "slack", user_id, lookup) is not None


async def test_the_secretariat_changes_removes_and_moves_chat_ids_in_the_file(sessions: Sessions) -> None:
    await run_import(sessions, vestland())
    data = vestland()
    person(data, KARI)["slack_user_id"] = "U01KARI2"  # a new account
    person(data, SIRI).pop("slack_user_id")  # she left Slack...
    person(data, OLA)["slack_user_id"] = "U01SIRI"  # ...and her old account is Ola's now
    person(data, OLA).pop("teams_user_id")

    report = await run_import(sessions, data)

    assert sorted(report.updated["people"]) == [KARI, OLA, SIRI]
    assert await ids(sessions) == {KARI: "U01KARI2", OLA: "U01SIRI", SIRI: None, PER: None, LISE: None}
    assert (await ids(sessions, "teams"))[OLA] is None
    again = await run_import(sessions, data)
    assert not again.changed()  # idempotent


async def test_a_reimport_keeps_the_slack_account_the_bot_found_by_email(sessions: Sessions) -> None:
    await run_import(sessions, vestland())
    await link_by_email(sessions, "U0PER", PER)

    report = await run_import(sessions, vestland())

    assert not report.changed() and await revisions(sessions) == {"digivestland": 1}
    assert (await ids(sessions))[PER] == "U0PER"


async def test_the_file_wins_over_an_account_the_bot_had_linked_to_someone_else(sessions: Sessions) -> None:
    await run_import(sessions, vestland())
    await link_by_email(sessions, "U0SHARED", PER)  # say Per's e-mail was on a shared Slack account
    data = vestland()
    person(data, LISE)["slack_user_id"] = "U0SHARED"

    report = await run_import(sessions, data)

    assert sorted(report.updated["people"]) == [LISE, PER]
    assert (await ids(sessions))[PER] is None and (await ids(sessions))[LISE] == "U0SHARED"


async def test_prune_removes_a_person_whose_account_the_file_now_gives_to_someone_else(sessions: Sessions) -> None:
    data = vestland()
    person(data, LISE)["slack_user_id"] = "U0LISE"
    await run_import(sessions, data)
    data = vestland()
    data["people"] = [p for p in data["people"] if p["email"] != LISE]
    for group in data["groups"]:
        group["members"] = [e for e in group.get("members", []) if e.lower() != LISE]
    person(data, PER)["slack_user_id"] = "U0LISE"

    report = await run_import(sessions, data, prune=True)

    assert report.removed["people"] == [LISE] and report.updated["people"] == [PER]
    assert (await ids(sessions))[PER] == "U0LISE"
