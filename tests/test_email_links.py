"""One-click links in mails: a GET only shows a page (a mail scanner that follows every link answers
nothing), a POST answers once as the person, through the pipeline; expired, forged, reused and misused
links get a clear page in the person's language and change nothing."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.channels.email.links import ANSWER_PATH, UNSUBSCRIBE_PATH
from bot.channels.email.tokens import Grant, new_nonce, sign
from handlers.context import Context
from handlers.incoming import Incoming
from handlers.router import Router
from messages.i18n import t
from messages.model import Message
from storage.models_email import DigestOptOut
from tests.test_email_stories import KARI_N
from tests.test_stories import EMMA, NETWORK
from tests.testbot import EMAIL_SECRET, PUBLIC_URL, TestBot

DEADLINE = "intr-2026:1833:yes"


def answered_interest(answers: list[tuple[int | None, str, str | None]]):  # type: ignore[no-untyped-def]
    """A stand-in for the calls for interest's listener that records who answered what, from which channel
    (the real listener answered from a mail: test_email_stories.py)."""

    def add(router: Router) -> None:
        @router.action("interest_answer")
        async def answer(ctx: Context, incoming: Incoming) -> list[Message]:
            answers.append((incoming.person_id, incoming.channel, incoming.value))
            return [Message(text=f"Registrert: {incoming.value}")]

    return add


async def link(bot: TestBot, email: str, purpose: str = "interest_answer", value: str = DEADLINE,
               lang: str = "nb", lifetime: timedelta = timedelta(days=30)) -> str:
    await bot.at(bot.now())
    who = bot.person(email, channel="email")
    grant = Grant(purpose, bot.network_id, who.id, value, lang, bot.now() + lifetime, new_nonce(), "Ja")
    path = UNSUBSCRIBE_PATH if purpose == "unsubscribe" else ANSWER_PATH
    return f"{PUBLIC_URL}{path}{sign(EMAIL_SECRET, grant)}"


async def scanned(bot: TestBot, url: str) -> tuple[int, str]:
    """What a mail scanner sees: GET, and nothing else."""
    response = await (await bot.email_web()).get(url.removeprefix(PUBLIC_URL))
    return response.status, await response.text()


async def test_a_scanner_that_opens_the_link_answers_nothing_and_the_person_answers_once(bot: TestBot) -> None:
    answers: list[tuple[int | None, str, str | None]] = []
    bot.extend(answered_interest(answers))
    await bot.load(NETWORK)
    await bot.at("2026-03-04T10:00")
    url = await link(bot, KARI_N)

    for _ in range(3):
        status, page = await scanned(bot, url)
        assert status == 200 and t("nb", "email_page_confirm_title") in page and 'method="post"' in page
    assert answers == []

    page = await bot.follow(url)
    assert f"Registrert: {DEADLINE}" in page.text
    assert answers == [(bot.person(KARI_N).id, "email", DEADLINE)]

    again = await bot.follow(url)
    assert t("nb", "email_page_used_title") in again.text
    assert (await scanned(bot, url))[0] == 409
    assert len(answers) == 1


async def test_an_expired_link_is_refused_in_the_persons_language(bot: TestBot) -> None:
    answers: list[tuple[int | None, str, str | None]] = []
    bot.extend(answered_interest(answers))
    await bot.load(NETWORK)
    await bot.at("2026-03-04T10:00")
    url = await link(bot, EMMA, lang="en", lifetime=timedelta(days=1))
    await bot.at("2026-03-05T10:00")
    page = await bot.follow(url)
    assert t("en", "email_page_expired_title") in page.text and t("en", "email_page_expired_text") in page.text
    assert (await scanned(bot, url))[0] == 410
    assert answers == []


async def test_a_forged_or_cut_off_link_is_refused(bot: TestBot) -> None:
    answers: list[tuple[int | None, str, str | None]] = []
    bot.extend(answered_interest(answers))
    await bot.load(NETWORK)
    await bot.at("2026-03-04T10:00")
    url = await link(bot, KARI_N, lang="nn")
    payload, signature = url.rsplit("/", 1)[1].split(".")
    other = Grant("interest_answer", bot.network_id, bot.person(EMMA, channel="email").id, DEADLINE, "nn",
                  bot.now() + timedelta(days=1), new_nonce())
    for bad in (url[:-5],  # cut off
                url.replace(signature, signature[::-1]),  # another signature
                f"{PUBLIC_URL}{ANSWER_PATH}{sign('another secret', other)}",  # signed by someone else
                f"{PUBLIC_URL}{ANSWER_PATH}{sign(EMAIL_SECRET, other).split('.')[0]}.{signature}",  # Emma's payload
                f"{PUBLIC_URL}{ANSWER_PATH}not-a-token"):
        page = await bot.follow(bad)
        assert t("nn", "email_page_forged_title") in page.text, bad
        assert (await scanned(bot, bad))[0] == 400
    assert answers == []


async def test_a_link_only_does_what_it_was_made_for(bot: TestBot) -> None:
    """An answer link on the unsubscribe path (and the other way round) is refused."""
    await bot.load(NETWORK)
    await bot.at("2026-03-04T10:00")
    answer = await link(bot, KARI_N)
    unsubscribe = await link(bot, KARI_N, purpose="unsubscribe", value="")
    wrong = [answer.replace(ANSWER_PATH, UNSUBSCRIBE_PATH), unsubscribe.replace(UNSUBSCRIBE_PATH, ANSWER_PATH)]
    for url in wrong:
        assert t("nb", "email_page_forged_title") in (await bot.follow(url)).text
    async with bot.sessions() as session:
        assert list(await session.scalars(select(DigestOptOut.email))) == []


async def test_the_mail_clients_one_click_unsubscribe_post_works_and_twice_is_harmless(bot: TestBot) -> None:
    await bot.load(NETWORK)
    await bot.at("2026-03-04T10:00")
    url = await link(bot, KARI_N, purpose="unsubscribe", value="")
    status, page = await scanned(bot, url)
    assert status == 200 and KARI_N in page  # the page names the address, and changes nothing
    async with bot.sessions() as session:
        assert list(await session.scalars(select(DigestOptOut.email))) == []
    for _ in range(2):  # RFC 8058: the client POSTs "List-Unsubscribe=One-Click" to the header's URL
        done = await (await bot.email_web()).post(url.removeprefix(PUBLIC_URL), data={"List-Unsubscribe": "One-Click"})
        assert done.status == 200 and t("nb", "email_page_unsubscribed_title") in await done.text()
    async with bot.sessions() as session:
        assert list(await session.scalars(select(DigestOptOut.email))) == [KARI_N]
