"""A customer's saved addresses: list, add, delete and choose the default one that checkout
offers first. Every function acts on the caller's own addresses only: another user's id is
simply not found."""

from __future__ import annotations

from tortoise.transactions import in_transaction

from core.errors import NotFound, ValidationFailed
from models import Address, User

# Enough for home, work and family; a cap keeps a script from filling the table.
MAX_ADDRESSES = 20


async def list_addresses(user_id: int) -> list[Address]:
    """The user's addresses, the default first, then the newest."""
    return await Address.filter(user_id=user_id).order_by("-is_default", "-id")


async def _lock_user(user_id: int) -> None:
    # One writer per user at a time: two taps on "make default" cannot leave two defaults.
    await User.filter(id=user_id).select_for_update().only("id").first()


async def add_address(
    user_id: int,
    *,
    text: str,
    details: str = "",
    label: str = "",
    lat: float | None = None,
    lng: float | None = None,
    make_default: bool = False,
) -> Address:
    """Save an address; the first one becomes the default. Raises ValidationFailed
    (`too_many_addresses`) beyond MAX_ADDRESSES."""
    async with in_transaction():
        await _lock_user(user_id)
        count = await Address.filter(user_id=user_id).count()
        if count >= MAX_ADDRESSES:
            raise ValidationFailed(
                "too many saved addresses",
                code="too_many_addresses",
                fields={"text": f"at most {MAX_ADDRESSES} saved addresses; delete one first"},
            )
        default = make_default or count == 0
        if default:
            await Address.filter(user_id=user_id, is_default=True).update(is_default=False)
        return await Address.create(
            user_id=user_id,
            text=text,
            details=details,
            label=label,
            lat=lat,
            lng=lng,
            is_default=default,
        )


async def _own(user_id: int, address_id: int) -> Address:
    address = await Address.get_or_none(id=address_id, user_id=user_id)
    if address is None:
        raise NotFound("no such address", fields={"address_id": "unknown id"})
    return address


async def make_default(user_id: int, address_id: int) -> Address:
    """Make one of the user's addresses the default (NotFound for anyone else's)."""
    async with in_transaction():
        await _lock_user(user_id)
        address = await _own(user_id, address_id)
        await Address.filter(user_id=user_id, is_default=True).update(is_default=False)
        address.is_default = True
        await address.save(update_fields=["is_default"])
        return address


async def delete_address(user_id: int, address_id: int) -> None:
    """Forget one of the user's addresses; when it was the default, the newest left takes
    its place. Orders keep their own copy of the address."""
    async with in_transaction():
        await _lock_user(user_id)
        address = await _own(user_id, address_id)
        await address.delete()
        if address.is_default:
            newest = await Address.filter(user_id=user_id).order_by("-id").first()
            if newest is not None:
                newest.is_default = True
                await newest.save(update_fields=["is_default"])
