"""A calendar token is a password: whatever path a calendar client, a proxy or an attacker sends to
`digibot run`, no access-log line (and no other log line) holds the token or a usable part of it."""

from __future__ import annotations

import asyncio
import logging
import secrets
from urllib.parse import quote

import aiohttp
import pytest

from bot.config import Settings
from bot.service import serve
from tests.service_up import free_port

TOKEN = secrets.token_urlsafe(32)  # the form of a real token: 43 characters
WINDOW = 21  # no 21 characters of the token in a row may be logged (MAX_LOGGED_ALPHABET is 20)


def every_char_encoded(text: str) -> str:
    return "".join(f"%{ord(c):02X}" for c in text)


CRAFTED = [
    f"/calendar/{TOKEN}.ics",
    f"/calendar/x/../{TOKEN}.ics",
    f"//calendar/{TOKEN}.ics",
    f"/calendar//{TOKEN}.ics",
    f"/calendar/./{TOKEN}.ics",
    f"/calendar/%2e%2e/{TOKEN}.ics",
    f"/x/../../calendar/{TOKEN}.ics",
    f"/%63alendar/{TOKEN}.ics",
    f"/calendar/{every_char_encoded(TOKEN)}.ics",
    f"/calendar/{quote(every_char_encoded(TOKEN))}.ics",  # encoded twice: %2554...
    f"/calendar%2F{TOKEN}.ics",
    f"/calendar/{TOKEN}.ics/",
    f"/calendar/{TOKEN}.ICS",
    f"/calendar/{TOKEN}",
    f"/calendar/{TOKEN}.ics%00",
    f"/calendar/{TOKEN}.ics%0Aforged",
    f"/calendar/{TOKEN}.ics?download=1",
    f"/{TOKEN}",
    f"/{TOKEN}.ics",
    f"/healthz/{TOKEN}",
    f"/calendar/{TOKEN[:20]}/{TOKEN[20:]}.ics",
    f"/calendar/{TOKEN[:15]}.{TOKEN[15:30]}.{TOKEN[30:]}.ics",
    f"/slack/events/{TOKEN}",
    f"/calendar/{TOKEN}.ics\x01",  # not HTTP: aiohttp refuses the line before any route
    f"/calendar/{TOKEN} .ics",
]


async def raw_request(port: int, method: str, path: str) -> bytes:
    """The request exactly as written (an HTTP client would normalize the path)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".encode())
    await writer.drain()
    answer = await reader.read()
    writer.close()
    return answer


async def test_no_calendar_token_reaches_any_log_line_whatever_the_path(tmp_path,
                                                                       caplog: pytest.LogCaptureFixture) -> None:
    port = free_port()
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'web.sqlite3'}", host="127.0.0.1", port=port,
                        log_level="DEBUG")
    stop = asyncio.Event()
    caplog.set_level(logging.INFO)  # the service's default level; aiohttp's own loggers at DEBUG too
    caplog.set_level(logging.DEBUG, logger="aiohttp")
    service = asyncio.create_task(serve(settings, stop))
    try:
        async with aiohttp.ClientSession() as http:
            for _ in range(200):
                try:
                    async with http.get(f"http://127.0.0.1:{port}/healthz") as up:
                        if up.status == 200:
                            break
                except aiohttp.ClientError:
                    await asyncio.sleep(0.05)
        answers = [await raw_request(port, "GET", path) for path in CRAFTED]
        answers.append(await raw_request(port, "HEAD", f"/calendar/{TOKEN}.ics"))
        answers.append(await raw_request(port, TOKEN, "/healthz"))  # a method is any token, too
        answers.append(await raw_request(port, "GET", "/favicon.ico"))
        await asyncio.sleep(0.1)
    finally:
        stop.set()
        await asyncio.wait_for(service, 20)
    assert [a[:12] for a in answers if not a.startswith((b"HTTP/1.1 ", b"HTTP/1.0 400"))] == []

    access = [r.getMessage() for r in caplog.records if r.name == "aiohttp.access"]
    assert len(access) >= len(CRAFTED)  # the requests were logged, just without the token
    everything = "\n".join(f"{r.name} {r.getMessage()} {r.exc_text or ''}" for r in caplog.records)
    windows = {TOKEN[i:i + WINDOW] for i in range(len(TOKEN) - WINDOW + 1)}
    leaked = [w for w in windows if w in everything]
    assert not leaked, everything
    # what the operator still learns: the route, the status, and short harmless paths
    assert any("GET /calendar/<token>.ics 404" in line for line in access)
    assert any("GET /healthz 200" in line for line in access)
    assert any("GET /favicon.ico 404" in line for line in access)
    assert any("<path withheld> 404" in line for line in access)
    assert all("\n" not in line for line in access)
