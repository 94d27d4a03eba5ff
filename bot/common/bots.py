"""The three Bot objects and their dispatchers, built once per process.

All bots share one aiohttp session pointed at TELEGRAM_API_URL (a fake server in tests).
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, cast

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.fsm.storage.base import BaseStorage, DefaultKeyBuilder, StateType, StorageKey
from aiogram.fsm.storage.memory import MemoryStorage
from aiogram.fsm.storage.redis import RedisStorage
from aiogram.methods import TelegramMethod
from aiogram.methods.base import Response, TelegramType

from core.context import AppContext
from core.degrade import REDIS_DOWN, fell_back
from core.settings import BOT_NAMES, BotName, Settings


@dataclass
class BotSet:
    session: AiohttpSession
    bots: dict[BotName, Bot]
    dispatchers: dict[BotName, Dispatcher]

    async def close(self) -> None:
        await self.session.close()


# Every Bot API answer model aiogram has used in this process, kept alive: see BotApiSession.
_ANSWER_MODELS: dict[Any, type[Response[Any]]] = {}


class BotApiSession(AiohttpSession):
    """aiogram's HTTP session, keeping alive the `Response[T]` model each Bot API call parses
    its answer with. aiogram asks pydantic for that model on every call and pydantic caches it
    only weakly, so after each full garbage collection the next call built the model class
    again (about a millisecond, several times a second under load)."""

    async def make_request(
        self,
        bot: Bot,
        method: TelegramMethod[TelegramType],
        timeout: int | None = None,  # noqa: ASYNC109 (aiogram's signature)
    ) -> TelegramType:
        returning = method.__returning__
        if returning not in _ANSWER_MODELS:
            _ANSWER_MODELS[returning] = Response[returning]  # type: ignore[valid-type]
        return await super().make_request(bot, method, timeout)


def build_session(settings: Settings) -> AiohttpSession:
    return BotApiSession(api=TelegramAPIServer.from_base(settings.telegram_api_url))


# How long the conversation data read with the state stays good for this update's own reads.
FSM_SNAPSHOT_TTL = 2.0
# (key, the data as stored, when read): set where an update's state is read and seen only by
# that update's task (each update runs in a task of its own; the next one reads afresh).
_fsm_snapshot: ContextVar[tuple[StorageKey, Any, float] | None] = ContextVar(
    "fsm_snapshot", default=None
)


class SharedRedisStorage(RedisStorage):
    """aiogram's Redis FSM storage on the app's Redis client, which the app closes: aiogram
    would otherwise close the whole shared pool (the bus included) at dispatcher shutdown.
    While Redis is unreachable, conversations go on in this process's memory (core.degrade):
    a step may be forgotten across processes, but no update fails.

    aiogram reads the state at the start of every update and a handler usually reads the data
    next: both come in one round trip (MGET), and the data is kept for this update's later
    `get_data` (for FSM_SNAPSHOT_TTL at most). A write of this key by this update drops it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._fallback = MemoryStorage()

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        try:
            await super().set_state(key, state)
        except REDIS_DOWN as exc:
            fell_back("bot conversations", exc)
            await self._fallback.set_state(key, state)

    async def get_state(self, key: StorageKey) -> str | None:
        _fsm_snapshot.set(None)
        try:
            state, data = await self.redis.mget(
                self.key_builder.build(key, "state"), self.key_builder.build(key, "data")
            )
        except REDIS_DOWN as exc:
            fell_back("bot conversations", exc)
            return await self._fallback.get_state(key)
        _fsm_snapshot.set((key, data, time.monotonic()))
        return state.decode() if isinstance(state, bytes) else state

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        snapshot = _fsm_snapshot.get()
        if snapshot is not None and snapshot[0] == key:
            _fsm_snapshot.set(None)
        try:
            await super().set_data(key, data)
        except REDIS_DOWN as exc:
            fell_back("bot conversations", exc)
            await self._fallback.set_data(key, data)

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        snapshot = _fsm_snapshot.get()
        if (
            snapshot is not None
            and snapshot[0] == key
            and time.monotonic() - snapshot[2] < FSM_SNAPSHOT_TTL
        ):
            stored = snapshot[1]
            if stored is None:
                return {}
            # Decoded afresh on each read: a caller may change the dict it gets.
            return cast(dict[str, Any], self.json_loads(stored))
        try:
            return await super().get_data(key)
        except REDIS_DOWN as exc:
            fell_back("bot conversations", exc)
            return await self._fallback.get_data(key)

    async def close(self) -> None:
        return None


def build_storage(ctx: AppContext) -> BaseStorage:
    """FSM state in Redis when configured (shared by processes), else in memory."""
    if ctx.redis is not None:
        key_builder = DefaultKeyBuilder(prefix=f"{ctx.settings.namespace}:fsm", with_bot_id=True)
        return SharedRedisStorage(ctx.redis, key_builder=key_builder)
    return MemoryStorage()


def build_bot_set(ctx: AppContext) -> BotSet:
    # Imported here: each bot package imports this module for BotSet.
    from bot.customer import build_dispatcher as customer
    from bot.dispatcher import build_dispatcher as dispatcher
    from bot.driver import build_dispatcher as driver

    builders = {"customer": customer, "dispatcher": dispatcher, "driver": driver}
    session = build_session(ctx.settings)
    storage = build_storage(ctx)
    bots: dict[BotName, Bot] = {
        name: Bot(
            ctx.settings.bot_token(name),
            session=session,
            default=DefaultBotProperties(parse_mode=ParseMode.HTML),
        )
        for name in BOT_NAMES
    }
    dispatchers = {name: builders[name](ctx, storage) for name in BOT_NAMES}
    return BotSet(session=session, bots=bots, dispatchers=dispatchers)
