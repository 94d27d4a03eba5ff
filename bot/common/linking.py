"""/start link-CODE, shared by the staff bots: connect a Telegram account to a staff member."""

from __future__ import annotations

from aiogram.filters import CommandObject
from aiogram.types import Message

from core.i18n import translator
from services import staff_links


async def link(message: Message, command: CommandObject) -> None:
    code = (command.args or "").removeprefix("link-")
    assert message.from_user is not None
    user = await staff_links.redeem_link_code(
        code, message.from_user.id, message.from_user.username
    )
    t = translator(user.locale)
    await message.answer(t("Connected: {name}.", name=user.name))
