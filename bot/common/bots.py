"""The three Bot objects and their dispatchers, built once per process.

All bots share one aiohttp session pointed at TELEGRAM_API_URL (a fake server in tests).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.fsm.storage.base import BaseStorage, DefaultKeyBuilder, StateType, StorageKey
from aiogram.fsm.storage.memory import MemoryStorage
from aiogram.fsm.storage.redis import RedisStorage

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


def build_session(settings: Settings) -> AiohttpSession:
    return AiohttpSession(api=TelegramAPIServer.from_base(settings.telegram_api_url))


class SharedRedisStorage(RedisStorage):
    """aiogram's Redis FSM storage on the app's Redis client, which the app closes: aiogram
    would otherwise close the whole shared pool (the bus included) at dispatcher shutdown.
    While Redis is unreachable, conversations go on in this process's memory (core.degrade):
    a step may be forgotten across processes, but no update fails."""

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
        try:
            return await super().get_state(key)
        except REDIS_DOWN as exc:
            fell_back("bot conversations", exc)
            return await self._fallback.get_state(key)

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        try:
            await super().set_data(key, data)
        except REDIS_DOWN as exc:
            fell_back("bot conversations", exc)
            await self._fallback.set_data(key, data)

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
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
