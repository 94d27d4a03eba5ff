"""Inline choosers (a driver, a reason, a document) sent under an order card."""

from __future__ import annotations

from aiogram import Bot
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup


async def close_chooser(callback: CallbackQuery, bot: Bot, state: FSMContext) -> None:
    """⬅ Back: the chooser goes away (the card it came from is still above) and any
    half-answered question it started is dropped."""
    await state.clear()
    if callback.message is not None:
        await bot.delete_message(callback.message.chat.id, callback.message.message_id)
    await callback.answer()


async def open_chooser(
    callback: CallbackQuery, bot: Bot, text: str, markup: InlineKeyboardMarkup
) -> None:
    """Send a chooser under the card whose button was pressed, and answer the press."""
    if callback.message is not None:
        await bot.send_message(callback.message.chat.id, text, reply_markup=markup)
    await callback.answer()
