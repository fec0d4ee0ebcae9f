"""Token buckets shared by every replica: Slack's workspace cap and Teams' per-tenant limit hold for the
whole deployment, not per process (bot/delivery/ratelimit.py RateLimiter, bot/channels/teams/limits.py).

A bucket is kept in its GCRA form, as the in-process ones are: a "theoretical arrival time" (`tat`), a pause
(`paused_until`, after a 429) and how far pauses have pushed booked slots back in all (`pushed_back`). One
atomic step books a slot: at = max(now, tat - tolerance, paused_until), tat = max(tat, at) + 1/rate, and
returns how long to wait for it. Time is the store's own clock (the database server's, Redis's), so replicas
on different hosts agree on it.

    PostgresBuckets(engine)   one UPDATE ... RETURNING per slot on a row of `rate_buckets` (migration 0011)
    RedisBuckets(url)         one Lua script per slot on a hash (REDIS_URL)
    shared_buckets(settings, engine)   Redis when REDIS_URL is set, else PostgreSQL when the database is
                                       PostgreSQL, else None: the limiters stay in-process, as before

A waiting sender sleeps until its slot, then asks whether a pause began meanwhile (`pushed_back` grew) and
sleeps that much more, so a 429 seen by one replica holds the senders of every replica.
"""

from __future__ import annotations

import logging
from typing import Any, Protocol

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.delivery.ratelimit import LimiterBusy

log = logging.getLogger("digibot.delivery")

PRIORITY_TOLERANCE = 1e9  # a priority slot ignores the slots others booked (it still takes its token)
NO_LIMIT = 1e9  # max_wait None
KEY_TTL = 3600  # seconds an idle Redis bucket is kept
CHECK_AHEAD = 0.05  # seconds before its slot a waiting sender asks whether a pause began


class SharedBuckets(Protocol):
    async def reserve(self, key: str, rate: float, burst: float = 1.0, *, max_wait: float | None = None,
                      priority: bool = False) -> tuple[float, float]:
        """Book the earliest slot: (seconds to wait for it, the bucket's pushed_back mark). LimiterBusy,
        booking nothing, when that is more than `max_wait`."""
        ...

    async def pause(self, key: str, seconds: float) -> None:
        """Nothing leaves for `seconds`; every slot already booked moves back by the new pause."""
        ...

    async def pushed_back(self, key: str) -> float: ...

    async def close(self) -> None: ...


def _tolerance(rate: float, burst: float, priority: bool) -> float:
    return PRIORITY_TOLERANCE if priority else (max(1.0, burst) - 1.0) / rate


_NOW = "(SELECT extract(epoch FROM clock_timestamp())::float8 AS now) AS n"
_AT = "GREATEST(n.now, b.tat - :tolerance, b.paused_until)"
_PG_RESERVE = text(f"""
UPDATE rate_buckets AS b SET last_at = {_AT}, tat = GREATEST(b.tat, {_AT}) + :interval
FROM {_NOW}
WHERE b.key = :key AND {_AT} - n.now <= :max_wait
RETURNING b.last_at - n.now, b.pushed_back""")
_PG_EARLIEST = text(f"SELECT {_AT} - n.now FROM rate_buckets AS b, {_NOW} WHERE b.key = :key")
_PG_ENSURE = text("INSERT INTO rate_buckets (key, tat, paused_until, pushed_back, last_at) VALUES (:key, 0, 0, 0, 0) "
                  "ON CONFLICT (key) DO NOTHING")
_EXTRA = "GREATEST(0, n.now + :seconds - GREATEST(n.now, b.paused_until))"
_PG_PAUSE = text(f"""
UPDATE rate_buckets AS b SET tat = CASE WHEN b.tat > n.now THEN b.tat + {_EXTRA} ELSE b.tat END,
    pushed_back = b.pushed_back + {_EXTRA}, paused_until = GREATEST(b.paused_until, n.now + :seconds)
FROM {_NOW}
WHERE b.key = :key""")
_PG_PUSHED = text("SELECT pushed_back FROM rate_buckets WHERE key = :key")


class PostgresBuckets:
    """Buckets as rows of `rate_buckets`, each step one short autocommitted statement."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self._known: set[str] = set()

    async def _ensure(self, key: str) -> None:
        if key not in self._known:
            async with self.engine.begin() as conn:
                await conn.execute(_PG_ENSURE, {"key": key})
            self._known.add(key)

    async def reserve(self, key: str, rate: float, burst: float = 1.0, *, max_wait: float | None = None,
                      priority: bool = False) -> tuple[float, float]:
        await self._ensure(key)
        values = {"key": key, "interval": 1.0 / rate, "tolerance": _tolerance(rate, burst, priority),
                  "max_wait": NO_LIMIT if max_wait is None else max_wait}
        async with self.engine.begin() as conn:
            row = (await conn.execute(_PG_RESERVE, values)).first()
            if row is None:
                wait = (await conn.execute(_PG_EARLIEST, values)).scalar()
                raise LimiterBusy(float(wait or 0.0))
        return max(0.0, float(row[0])), float(row[1])

    async def pause(self, key: str, seconds: float) -> None:
        await self._ensure(key)
        async with self.engine.begin() as conn:
            await conn.execute(_PG_PAUSE, {"key": key, "seconds": max(0.0, seconds)})

    async def pushed_back(self, key: str) -> float:
        async with self.engine.connect() as conn:
            return float((await conn.execute(_PG_PUSHED, {"key": key})).scalar() or 0.0)

    async def close(self) -> None:
        return None


_LUA_NOW = "local t = redis.call('TIME') local now = tonumber(t[1]) + tonumber(t[2]) / 1000000 "
_LUA_READ = ("local v = redis.call('HMGET', KEYS[1], 'tat', 'paused', 'pushed') "
             "local tat = tonumber(v[1]) or 0 local paused = tonumber(v[2]) or 0 local pushed = tonumber(v[3]) or 0 ")
_LUA_RESERVE = _LUA_NOW + _LUA_READ + """
local interval, tolerance, max_wait = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local at = math.max(now, tat - tolerance, paused)
if at - now > max_wait then return {0, string.format('%.6f', at - now), string.format('%.6f', pushed)} end
redis.call('HSET', KEYS[1], 'tat', string.format('%.6f', math.max(tat, at) + interval))
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[4]))
return {1, string.format('%.6f', at - now), string.format('%.6f', pushed)}
"""
_LUA_PAUSE = _LUA_NOW + _LUA_READ + """
local untill = now + tonumber(ARGV[1])
local extra = untill - math.max(now, paused)
if extra <= 0 then return 0 end
if tat > now then tat = tat + extra end
redis.call('HSET', KEYS[1], 'tat', string.format('%.6f', tat), 'paused', string.format('%.6f', untill),
           'pushed', string.format('%.6f', pushed + extra))
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[2]))
return 1
"""


class RedisBuckets:
    """Buckets as Redis hashes under `digibot:rate:<key>`, each step one Lua script (atomic in Redis)."""

    def __init__(self, url: str, *, prefix: str = "digibot:rate:") -> None:
        import redis.asyncio as redis

        self.client: Any = redis.from_url(url)
        self.prefix = prefix
        self._reserve = self.client.register_script(_LUA_RESERVE)
        self._pause = self.client.register_script(_LUA_PAUSE)

    async def reserve(self, key: str, rate: float, burst: float = 1.0, *, max_wait: float | None = None,
                      priority: bool = False) -> tuple[float, float]:
        ok, wait, pushed = await self._reserve(
            keys=[self.prefix + key],
            args=[1.0 / rate, _tolerance(rate, burst, priority), NO_LIMIT if max_wait is None else max_wait, KEY_TTL])
        if not int(ok):
            raise LimiterBusy(float(wait))
        return max(0.0, float(wait)), float(pushed)

    async def pause(self, key: str, seconds: float) -> None:
        await self._pause(keys=[self.prefix + key], args=[max(0.0, seconds), KEY_TTL])

    async def pushed_back(self, key: str) -> float:
        value = await self.client.hget(self.prefix + key, "pushed")
        return float(value) if value is not None else 0.0

    async def close(self) -> None:
        await self.client.aclose()


def shared_buckets(redis_url: str | None, engine: AsyncEngine | None) -> SharedBuckets | None:
    """Redis when `redis_url` is set, else PostgreSQL when `engine` is PostgreSQL, else None (in-process)."""
    if redis_url:
        log.info("rate limits shared through Redis")
        return RedisBuckets(redis_url)
    if engine is not None and engine.dialect.name == "postgresql":
        log.info("rate limits shared through PostgreSQL (rate_buckets)")
        return PostgresBuckets(engine)
    return None


async def wait_for_slot(buckets: SharedBuckets, key: str, rate: float, burst: float, *, max_wait: float | None,
                        priority: bool, sleep: Any, clock: Any) -> float:
    """Book a slot and wait for it, and on through any pause that began meanwhile; the seconds waited.

    The pause is looked for CHECK_AHEAD before the slot, and the last stretch is slept on the local clock, so
    the store's answer time does not bunch the senders that leave one after the other."""
    started = clock()
    wait, mark = await buckets.reserve(key, rate, burst, max_wait=max_wait, priority=priority)
    if wait <= 0:
        return float(clock() - started)
    slot = clock() + wait
    while True:
        early = slot - clock() - CHECK_AHEAD
        if early > 0:
            await sleep(early)
        now_mark = await buckets.pushed_back(key)
        if now_mark <= mark:
            break
        slot, mark = slot + (now_mark - mark), now_mark
    left = slot - clock()
    if left > 0:
        await sleep(left)
    return float(clock() - started)
