"""Where one-time codes go: WhatsApp when the number has it, SMS otherwise.

Every provider is a plain HTTP client with its URL in settings:
- WhatsApp: a multi-node gateway (`GET /contacts/{phone}/exists`, `POST /messages`), nodes
  taken round-robin with sticky sessions (a phone keeps its node), an exists-check cache with
  a TTL and a size bound;
- SMS: Android SMS-gateway devices (`POST /message`) round-robin with failover to the next
  device, then Twilio's Messages API;
- development with nothing configured: a console sink that prints the message. It refuses to
  exist when ENVIRONMENT=production.
"""

from __future__ import annotations

import itertools
import logging
import sys
from dataclasses import dataclass
from typing import Protocol

import aiohttp

from core.lru import TTLCache
from core.settings import Settings

log = logging.getLogger(__name__)
TIMEOUT = aiohttp.ClientTimeout(total=10)


class DeliveryFailed(Exception):
    pass


@dataclass(frozen=True)
class Delivered:
    channel: str  # "whatsapp" | "sms" | "console"
    provider: str


def _mask(phone: str) -> str:
    return phone[:4] + "…" + phone[-2:] if len(phone) > 6 else "…"


class WhatsAppGateway:
    def __init__(self, nodes: list[str], token: str, cache_ttl: float, cache_size: int) -> None:
        self._nodes = nodes
        self._token = token
        self._next = itertools.cycle(range(len(nodes)))
        self._sticky: TTLCache[int] = TTLCache(cache_size, 24 * 3600)
        self.exists_cache: TTLCache[bool] = TTLCache(cache_size, cache_ttl)

    def _order(self, phone: str) -> list[int]:
        first = self._sticky.get(phone)
        if first is None:
            first = next(self._next)
            self._sticky.set(phone, first)  # the check and the send use the same node
        return [first, *[i for i in range(len(self._nodes)) if i != first]]

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self._token}"} if self._token else {}

    async def has_whatsapp(self, http: aiohttp.ClientSession, phone: str) -> bool:
        cached = self.exists_cache.get(phone)
        if cached is not None:
            return cached
        for index in self._order(phone):
            try:
                async with http.get(
                    f"{self._nodes[index]}/contacts/{phone}/exists", headers=self._headers()
                ) as response:
                    if response.status != 200:
                        continue
                    exists = bool((await response.json(content_type=None)).get("exists"))
            except (aiohttp.ClientError, TimeoutError, ValueError):
                continue
            self.exists_cache.set(phone, exists)
            return exists
        return False  # no node answered: fall back to SMS, and ask again next time

    async def send(self, http: aiohttp.ClientSession, phone: str, text: str) -> str:
        for index in self._order(phone):
            node = self._nodes[index]
            try:
                async with http.post(
                    f"{node}/messages", json={"phone": phone, "text": text}, headers=self._headers()
                ) as response:
                    if response.status < 300:
                        self._sticky.set(phone, index)
                        return node
                    log.warning("whatsapp node %s answered %s", index, response.status)
            except (aiohttp.ClientError, TimeoutError) as exc:
                log.warning("whatsapp node %s failed: %r", index, exc)
        raise DeliveryFailed("no WhatsApp node delivered")


class AndroidSmsGateway:
    def __init__(self, devices: list[str], token: str) -> None:
        self._devices = devices
        self._token = token
        self._next = itertools.cycle(range(len(devices)))

    async def send(self, http: aiohttp.ClientSession, phone: str, text: str) -> str:
        start = next(self._next)
        for step in range(len(self._devices)):
            device = self._devices[(start + step) % len(self._devices)]
            headers = {"Authorization": f"Bearer {self._token}"} if self._token else {}
            try:
                async with http.post(
                    f"{device}/message",
                    json={"message": text, "phoneNumbers": [phone]},
                    headers=headers,
                ) as response:
                    if response.status < 300:
                        return device
                    log.warning("sms device answered %s; trying the next", response.status)
            except (aiohttp.ClientError, TimeoutError) as exc:
                log.warning("sms device failed (%r); trying the next", exc)
        raise DeliveryFailed("no SMS gateway device delivered")


class TwilioSms:
    def __init__(self, base_url: str, account_sid: str, auth_token: str, sender: str) -> None:
        self._url = f"{base_url.rstrip('/')}/2010-04-01/Accounts/{account_sid}/Messages.json"
        self._auth = aiohttp.BasicAuth(account_sid, auth_token)
        self._from = sender

    async def send(self, http: aiohttp.ClientSession, phone: str, text: str) -> str:
        try:
            async with http.post(
                self._url, data={"To": phone, "From": self._from, "Body": text}, auth=self._auth
            ) as response:
                if response.status < 300:
                    return "twilio"
                raise DeliveryFailed(f"twilio answered {response.status}")
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise DeliveryFailed(f"twilio unreachable: {exc!r}") from None


class ConsoleSink:
    """Development only: prints the message where the developer sees it (not to the logs)."""

    def __init__(self, settings: Settings) -> None:
        if settings.is_production:
            raise RuntimeError("the console OTP sink cannot run with ENVIRONMENT=production")

    async def send(self, http: aiohttp.ClientSession, phone: str, text: str) -> str:
        print(f"[development sink] to {phone}: {text}", file=sys.stderr, flush=True)
        return "console"


class SmsSender(Protocol):
    async def send(self, http: aiohttp.ClientSession, phone: str, text: str) -> str: ...


class OtpChannels:
    """Deliver a short text to a phone: WhatsApp if the number has it, else SMS providers in
    order with failover, else (development only) the console."""

    def __init__(self, settings: Settings) -> None:
        self.whatsapp = (
            WhatsAppGateway(
                settings.whatsapp_gateway_urls,
                settings.whatsapp_gateway_token,
                settings.whatsapp_exists_cache_ttl,
                settings.whatsapp_exists_cache_size,
            )
            if settings.whatsapp_gateway_urls
            else None
        )
        self.sms: list[tuple[str, SmsSender]] = []
        if settings.sms_gateway_urls:
            self.sms.append(
                (
                    "sms-gateway",
                    AndroidSmsGateway(settings.sms_gateway_urls, settings.sms_gateway_token),
                )
            )
        if settings.twilio_account_sid:
            self.sms.append(
                (
                    "twilio",
                    TwilioSms(
                        settings.twilio_url,
                        settings.twilio_account_sid,
                        settings.twilio_auth_token,
                        settings.twilio_from,
                    ),
                )
            )
        unconfigured = not self.sms and self.whatsapp is None
        # In production with no provider there is no sink: delivery fails loudly instead.
        self.console = (
            ConsoleSink(settings) if unconfigured and not settings.is_production else None
        )

    async def deliver(self, phone: str, text: str) -> Delivered:
        async with aiohttp.ClientSession(timeout=TIMEOUT) as http:
            if self.whatsapp is not None and await self.whatsapp.has_whatsapp(http, phone):
                try:
                    return Delivered("whatsapp", await self.whatsapp.send(http, phone, text))
                except DeliveryFailed:
                    log.warning("whatsapp failed for %s; falling back to SMS", _mask(phone))
            for name, sender in self.sms:
                try:
                    return Delivered("sms", await sender.send(http, phone, text))
                except DeliveryFailed as exc:
                    log.warning("%s failed for %s: %s", name, _mask(phone), exc)
            if self.console is not None:
                return Delivered("console", await self.console.send(http, phone, text))
        raise DeliveryFailed("every channel failed")
