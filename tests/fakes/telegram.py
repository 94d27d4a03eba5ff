"""A fake Telegram Bot API server: the bots' real HTTP client talks to it.

It records every call (bot, method, params, when), answers realistic results, and can be told
to answer the next calls with 429 (retry_after), 5xx, or 403 (bot blocked)."""

from __future__ import annotations

import itertools
import json
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web


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

    def add_file(self, data: bytes) -> str:
        """Make `data` downloadable as a file a user sent; returns its file_id."""
        file_id = f"file-{next(self._ids)}"
        self.files[file_id] = data
        return file_id

    async def download(self, request: web.Request) -> web.Response:
        file_id = request.match_info["path"].rsplit("/", 1)[-1]
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
