"""Favorites and reviews."""

from __future__ import annotations

from tortoise.exceptions import IntegrityError

from core.db import insert_unless_exists
from core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from models import Favorite, Order, OrderItem, Product, Review
from models.enums import OrderStatus


async def _product(store_id: int, product_id: int) -> Product:
    product = await Product.get_or_none(id=product_id, store_id=store_id, is_active=True)
    if product is None:
        raise NotFound("no such product", fields={"product_id": "unknown id"})
    return product


async def add_favorite(user_id: int, store_id: int, product_id: int) -> None:
    await _product(store_id, product_id)
    await insert_unless_exists(Favorite(user_id=user_id, product_id=product_id, store_id=store_id))


async def remove_favorite(user_id: int, store_id: int, product_id: int) -> None:
    await Favorite.filter(user_id=user_id, store_id=store_id, product_id=product_id).delete()


async def favorite_ids(user_id: int, store_id: int) -> list[int]:
    rows = await Favorite.filter(user_id=user_id, store_id=store_id).order_by("id")
    return [row.product_id for row in rows]


async def add_review(
    user_id: int, store_id: int, product_id: int, rating: int, text: str
) -> Review:
    """Only a customer who received the product may review it, once (1–5 stars)."""
    if not 1 <= rating <= 5:
        raise ValidationFailed("rating is 1 to 5", fields={"rating": "1 to 5"})
    await _product(store_id, product_id)
    delivered = await OrderItem.filter(
        product_id=product_id,
        order__customer_id=user_id,
        order__store_id=store_id,
        order__status=OrderStatus.DELIVERED,
    ).first()
    if delivered is None:
        raise Forbidden(
            "only customers who received this product can review it", code="not_a_buyer"
        )
    try:
        return await Review.create(
            user_id=user_id,
            store_id=store_id,
            product_id=product_id,
            order_id=delivered.order_id,
            rating=rating,
            text=text.strip(),
        )
    except IntegrityError:
        raise Conflict("you have already reviewed this product", code="already_reviewed") from None


async def reviews_of(store_id: int, product_id: int) -> list[Review]:
    await _product(store_id, product_id)
    return (
        await Review.filter(store_id=store_id, product_id=product_id)
        .order_by("-created_at", "-id")
        .limit(100)
    )


async def rate_order(user_id: int, order_id: int, rating: int, text: str = "") -> list[Review]:
    """Rate every product of a delivered order at once (the bots' "rate your delivery")."""
    order = await Order.get_or_none(id=order_id, customer_id=user_id, status=OrderStatus.DELIVERED)
    if order is None:
        raise NotFound("no delivered order with this id", fields={"order_id": "unknown id"})
    made = []
    for product_id in {item.product_id for item in await OrderItem.filter(order=order)}:
        try:
            made.append(await add_review(user_id, order.store_id, product_id, rating, text))
        except Conflict:
            continue
    return made
