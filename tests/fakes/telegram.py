"""A fake Telegram Bot API server: the bots' real HTTP client talks to it.

It records every call (bot, method, params, when), answers realistic results, and can be told
to answer the next calls with 429 (retry_after), 5xx, or 403 (bot blocked), to answer 403 to
chats whose user blocked the bot, and to enforce Telegram's flood limits (`enforce_limits`:
more than 30 sends a second per bot, or more than 1 a second per chat, answer 429)."""

from __future__ import annotations

import itertools
import json
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

SENDS = frozenset({"sendMessage", "sendPhoto", "sendLocation", "sendDocument"})


@dataclass
class Call:
    token: str
    method: str
    params: dict[str, Any]
    at: float
    # The id of the message this call created or changed (sendMessage, editMessageText).
    message_id: int | None = None

    @property
    def chat_id(self) -> int | None:
        value = self.params.get("chat_id")
        return int(value) if value is not None else None

    @property
    def text(self) -> str:
        return str(self.params.get("text") or self.params.get("caption") or "")

    def buttons(self) -> list[dict[str, Any]]:
        markup = self.params.get("reply_markup") or {}
        return [b for row in markup.get("inline_keyboard", []) for b in row]

    def keys(self) -> list[str]:
        """The texts of the reply-keyboard buttons this call showed."""
        markup = self.params.get("reply_markup") or {}
        return [b["text"] for row in markup.get("keyboard", []) for b in row]


@dataclass
class FakeTelegram:
    calls: list[Call] = field(default_factory=list)
    failures: deque[tuple[int, dict[str, Any]]] = field(default_factory=deque)
    url: str = ""
    # Files a user "sent" (file_id → bytes): getFile answers their path, /file/ serves them.
    files: dict[str, bytes] = field(default_factory=dict)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1000))
    enforce_limits: bool = False
    per_bot_per_second: int = 30
    per_chat_per_second: int = 1
    # Chats whose user blocked the bot: sends to them answer 403.
    blocked_chats: set[int] = field(default_factory=set)
    # 429s answered by the limits above (not those queued with fail_next).
    flood_429s: int = 0
    _recent: dict[str, deque[float]] = field(default_factory=dict)

    def _over_limit(self, token: str, chat_id: Any) -> float | None:
        """Seconds to wait when this send would break a limit (and it is not counted)."""
        now = time.monotonic()
        keys = [(f"bot:{token}", self.per_bot_per_second)]
        if chat_id is not None:
            keys.append((f"chat:{token}:{chat_id}", self.per_chat_per_second))
        for key, limit in keys:
            hits = self._recent.setdefault(key, deque())
            while hits and hits[0] <= now - 1.0:
                hits.popleft()
            if len(hits) >= limit:
                return hits[0] + 1.0 - now
        for key, _ in keys:
            self._recent[key].append(now)
        return None

    def add_file(self, data: bytes) -> str:
        """Make `data` downloadable as a file a user sent; returns its file_id."""
        file_id = f"file-{next(self._ids)}"
        self.files[file_id] = data
        return file_id

    async def download(self, request: web.Request) -> web.Response:
        """GET /file/bot<token>/<file_path> (the path getFile answered), recorded as a
        "download" call."""
        path = request.match_info["path"]
        file_id = path.rsplit("/", 1)[-1]
        self.calls.append(
            Call(request.match_info["token"], "download", {"file_path": path}, time.monotonic())
        )
        if file_id not in self.files:
            return web.Response(status=404)
        return web.Response(body=self.files[file_id])

    def fail_next(
        self, times: int, status: int, *, retry_after: int = 1, description: str = ""
    ) -> None:
        for _ in range(times):
            body: dict[str, Any] = {
                "ok": False,
                "error_code": status,
                "description": description
                or {
                    429: f"Too Many Requests: retry after {retry_after}",
                    403: "Forbidden: bot was blocked by the user",
                }.get(status, "Bad Gateway"),
            }
            if status == 429:
                body["parameters"] = {"retry_after": retry_after}
            self.failures.append((status, body))

    def sent(
        self, method: str = "sendMessage", *, token: str | None = None, chat_id: int | None = None
    ) -> list[Call]:
        return [
            c
            for c in self.calls
            if c.method == method
            and (token is None or c.token == token)
            and (chat_id is None or c.chat_id == chat_id)
        ]

    async def handle(self, request: web.Request) -> web.Response:
        token = request.match_info["token"]
        method = request.match_info["method"]
        raw: dict[str, Any] = {}
        if request.content_type == "application/json":
            raw = await request.json()
        else:
            for key, value in (await request.post()).items():
                raw[key] = value if not isinstance(value, str) else _maybe_json(value)
        if (
            method not in ("getMe", "getUpdates", "deleteWebhook", "setWebhook", "getWebhookInfo")
            and self.failures
        ):
            status, body = self.failures.popleft()
            self.calls.append(Call(token, f"{method}!{status}", raw, time.monotonic()))
            return web.json_response(body, status=status)
        if method in SENDS:
            chat = raw.get("chat_id")
            if self.enforce_limits:
                wait = self._over_limit(token, chat)
                if wait is not None:
                    self.flood_429s += 1
                    after = max(1, int(wait + 0.999))
                    self.calls.append(Call(token, f"{method}!429", raw, time.monotonic()))
                    return web.json_response(
                        {
                            "ok": False,
                            "error_code": 429,
                            "description": f"Too Many Requests: retry after {after}",
                            "parameters": {"retry_after": after},
                        },
                        status=429,
                    )
            if chat is not None and int(chat) in self.blocked_chats:
                self.calls.append(Call(token, f"{method}!403", raw, time.monotonic()))
                return web.json_response(
                    {
                        "ok": False,
                        "error_code": 403,
                        "description": "Forbidden: bot was blocked by the user",
                    },
                    status=403,
                )
        result = self._result(token, method, raw)
        message_id = result.get("message_id") if isinstance(result, dict) else None
        self.calls.append(Call(token, method, raw, time.monotonic(), message_id))
        return web.json_response({"ok": True, "result": result})

    def _result(self, token: str, method: str, params: dict[str, Any]) -> Any:
        bot_id = int(token.split(":")[0])
        if method == "getMe":
            return {
                "id": bot_id,
                "is_bot": True,
                "first_name": "Pharmacy",
                "username": f"bot{bot_id}",
            }
        if method in (
            "sendMessage",
            "sendPhoto",
            "sendDocument",
            "sendLocation",
            "editMessageText",
            "editMessageReplyMarkup",
        ):
            message_id = params.get("message_id") or next(self._ids)
            message: dict[str, Any] = {
                "message_id": int(message_id),
                "date": int(time.time()),
                "chat": {"id": int(params.get("chat_id", 0)), "type": "private"},
                "from": {"id": bot_id, "is_bot": True, "first_name": "Pharmacy"},
            }
            if "text" in params:
                message["text"] = params["text"]
            return message
        if method == "getFile":
            file_id = str(params.get("file_id", ""))
            data = self.files.get(file_id, b"")
            return {
                "file_id": file_id,
                "file_unique_id": file_id,
                "file_size": len(data),
                "file_path": f"documents/{file_id}",
            }
        if method == "getWebhookInfo":
            return {"url": "", "has_custom_certificate": False, "pending_update_count": 0}
        if method == "getUpdates":
            return []
        return True


def _maybe_json(value: str) -> Any:
    if value[:1] in "{[" or value in ("true", "false"):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


async def start_fake_telegram() -> tuple[FakeTelegram, web.AppRunner]:
    fake = FakeTelegram()
    app = web.Application()
    app.router.add_post("/bot{token}/{method}", fake.handle)
    app.router.add_get("/file/bot{token}/{path:.+}", fake.download)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    fake.url = f"http://127.0.0.1:{port}"
    return fake, runner
