"""E-mail people, told as stories with the test bot: the planner and the real delivery worker send their
notices, digests and announcements through the e-mail channel to a real SMTP server on loopback
(tests/smtp_server.py); they read the mails parsed back with the `email` package and follow the links.

Digi Kyst (tests/fixtures/network_testland.yaml): Kari Nordmann, chief executive in Rana, reads e-mail and
gets a weekly digest; Kari Bakke (Ørsta, nynorsk) and Emma Wilson (English) are moved to e-mail here.
The call for interest is tests/fixtures/interest (tests/interest_world.py), where Per (Øygarden) reads e-mail.
"""

from __future__ import annotations

from pathlib import Path

import icalendar
from sqlalchemy import select

from messages.i18n import t
from storage.models_notify import OutboxMessage
from tests.interest_world import FIRST_REMINDER, PER, answers
from tests.interest_world import NETWORK as INTEREST_NETWORK
from tests.test_calendar_parsers import read_with_ical_js
from tests.test_stories import EMMA, INGRID, KARI_B, NETWORK, with_notices
from tests.testbot import PUBLIC_URL, TestBot

KARI_N = "kari.nordmann@rana.kommune.no"


def calendar_part(mail):  # type: ignore[no-untyped-def]
    return next(p for p in mail.walk() if p.get_content_type() == "text/calendar")


async def test_a_meeting_notice_by_email_is_an_invite_outlook_can_accept(bot: TestBot, tmp_path: Path) -> None:
    await bot.load(with_notices(["P7D"]))
    kari = bot.person(KARI_B, channel="email")  # nynorsk
    emma = bot.person(EMMA, channel="email")  # English
    await bot.at("2026-03-03T09:00")

    await bot.run_planner()
    assert await bot.run_worker() >= 2

    [notice] = kari.received
    mail = notice.mail
    assert mail is not None
    assert mail["Subject"] == "Møteinnkalling: Ressursgruppemøte"
    assert mail["To"] == KARI_B and "post@digikyst.no" in mail["From"]
    assert mail.get_content_type() == "multipart/mixed"
    [alternative, attached] = mail.iter_parts()
    assert [p.get_content_type() for p in alternative.iter_parts()] == ["text/plain", "text/html", "text/calendar"]
    assert all(p.get_content_charset() == "utf-8" for p in alternative.iter_parts())
    assert "10. mars 2026" in notice.text and "Ressursgruppemøte" in notice.text
    html = mail.get_body(("html",)).get_content()
    assert "Ressursgruppemøte" in html and "<img" not in html and "<style" not in html
    invite = calendar_part(mail)
    assert invite.get_param("method") == "REQUEST"
    calendar = icalendar.Calendar.from_ical(invite.get_content())
    assert calendar["METHOD"] == "REQUEST"
    [event] = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Ressursgruppemøte"
    assert any(KARI_B in str(a) for a in (event.get("ATTENDEE") if isinstance(event.get("ATTENDEE"), list)
                                         else [event.get("ATTENDEE")]))
    assert attached.get_content_type() == "application/ics" and attached.get_filename().endswith(".ics")
    ics = tmp_path / "invite.ics"
    ics.write_bytes(attached.get_content())
    parsed = read_with_ical_js([ics])[str(ics)]
    assert parsed["method"] == "REQUEST" and parsed["events"][0]["start"] == "2026-03-10T08:00:00Z"

    [english] = emma.received
    assert english.mail is not None and english.mail["Subject"] == "Meeting notice: Ressursgruppemøte"
    assert "You are invited to Ressursgruppemøte" in english.text
    assert await bot.run_worker() == 0  # nothing is sent twice


async def test_a_weekly_digest_by_email_can_be_unsubscribed_with_one_click(bot: TestBot) -> None:
    await bot.load(NETWORK)
    kari = bot.person(KARI_N, channel="email")
    await bot.at("2026-03-02T08:00")  # a Monday
    await bot.run_planner()
    await bot.run_worker()
    [digest] = [r for r in kari.received if "Ukeoversikt" in r.text]
    # the open call for interest (trygghetsalarmer) reaches her as its own mail, not inside the digest
    assert sorted(r.mail["Subject"] for r in kari.received if r.mail is not None) == [
        "Interesseforespørsel", "Ukeoversikt fra Digi Kyst"]
    mail = digest.mail
    assert mail is not None
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = mail["List-Unsubscribe"].strip("<>")
    assert link.startswith("https://digibot.test/email/unsubscribe/")
    assert link in digest.text  # the same link in the mail itself

    page = await bot.follow(link)
    assert t("nb", "email_page_unsubscribed_title") in page.text

    await bot.at("2026-03-09T08:00")  # the next Monday: no digest
    await bot.run_planner()
    await bot.run_worker()
    assert sum("Ukeoversikt" in r.text for r in kari.received) == 1


async def test_an_announcement_by_email_is_confirmed_read_with_a_link(bot: TestBot) -> None:
    await bot.load(NETWORK)
    kari = bot.person(KARI_N, channel="email")
    ingrid = bot.person(INGRID, channel="console")
    await bot.at("2026-03-04T10:00")
    await bot.announce(ingrid, "Les den nye avtalen før møtet, æ ø å.", {"roles": ["chief_executive"]},
                       title="Ny samarbeidsavtale", confirm=True)
    await bot.run_planner()
    await bot.run_worker()
    [announcement] = [r for r in kari.received if "Ny samarbeidsavtale" in r.text]
    assert "Ny samarbeidsavtale" in announcement.text and "æ ø å" in announcement.text
    assert "Lest" in announcement.links

    [thanks] = await kari.presses("Lest")
    assert t("nb", "ann_read_thanks") in thanks.text
    async with bot.sessions() as session:
        confirmed = await session.scalar(select(OutboxMessage.confirmed_at).where(
            OutboxMessage.recipient == KARI_N, OutboxMessage.kind == "announcement"))
    assert confirmed is not None

    [again] = await kari.presses("Lest")  # the same link twice: used
    assert t("nb", "email_page_used_title") in again.text


async def test_what_the_smtp_server_says_no_to_is_written_on_the_outbox_row(bot: TestBot) -> None:
    """Kari Bakke's mailbox does not exist (550): her notice fails with the server's words. Emma's server
    is busy (451): hers waits for a retry with the reason, and goes out when the server takes it."""
    await bot.load(with_notices(["P7D"]))
    kari = bot.person(KARI_B, channel="email")
    emma = bot.person(EMMA, channel="email")
    assert bot.smtp is not None
    bot.smtp.refuse(KARI_B, "550 5.1.1 <kari.bakke@orsta.kommune.no>: Recipient address rejected")
    bot.smtp.refuse(EMMA, "451 4.7.1 Greylisted, please try again later")
    await bot.at("2026-03-03T09:00")
    await bot.run_planner()
    await bot.run_worker()

    async def row(email: str) -> tuple[str, str | None, int]:
        async with bot.sessions() as session:
            found = (await session.execute(select(OutboxMessage.status, OutboxMessage.last_error,
                                                  OutboxMessage.attempts).where(
                OutboxMessage.recipient == email, OutboxMessage.kind == "meeting_notice"))).one()
        return found.status, found.last_error, found.attempts

    assert await row(KARI_B) == ("failed", "SMTP 550 5.1.1 <kari.bakke@orsta.kommune.no>: Recipient address "
                                           "rejected", 1)
    assert await row(EMMA) == ("pending", "SMTP 451 4.7.1 Greylisted, please try again later", 1)
    assert kari.received == [] and emma.received == []

    bot.smtp.handler.refused.clear()
    await bot.at("2026-03-03T10:00")  # after the backoff
    await bot.run_worker()
    assert (await row(EMMA))[0] == "sent" and len(emma.received) == 1
    assert (await row(KARI_B))[0] == "failed" and kari.received == []


async def test_a_call_for_interest_by_email_is_answered_with_one_click(bot: TestBot) -> None:
    """Per (Øygarden) reads e-mail: the call's reminder carries Ja / Nei / Usikker as links. A mail scanner
    opening them answers nothing; Per's click on "Nei" and the button on the page answer for Øygarden,
    exactly as the button in Slack would."""
    await bot.load(INTEREST_NETWORK)
    per = bot.person(PER, channel="email")
    await bot.at(FIRST_REMINDER)
    await bot.run_planner()
    await bot.run_worker()
    [call] = per.received
    assert [label for label in call.links if label in ("Ja", "Nei", "Usikker")] == ["Ja", "Nei", "Usikker"]
    client = await bot.email_web()
    for label in ("Ja", "Nei", "Usikker"):  # the scanner
        assert (await client.get(call.links[label].removeprefix(PUBLIC_URL))).status == 200
    assert "Øygarden" not in await answers(bot)

    await bot.at("2026-12-03T10:15")
    [page] = await per.presses("Nei")
    assert "Registrert: Øygarden svarer Nei" in page.text
    assert (await answers(bot))["Øygarden"][:1] == ("no",)
    [again] = await per.presses("Ja")  # another answer from the same mail still works: a colleague's change
    assert "Øygarden" in again.text and (await answers(bot))["Øygarden"][:1] == ("yes",)
