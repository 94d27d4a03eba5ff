from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class ProductsQuery(BaseModel):
    model_config = ConfigDict(extra="ignore")

    q: str = Field(default="", max_length=200)
    category: int | None = Field(default=None, ge=1, le=2**31 - 1)
    brand: int | None = Field(default=None, ge=1, le=2**31 - 1)
    price_min: int | None = Field(default=None, ge=0)
    price_max: int | None = Field(default=None, ge=0)
    in_stock: bool = False
    sort: Literal["relevance", "name", "price_asc", "price_desc", "newest"] = "relevance"
    page: int = Field(default=1, ge=1, le=10_000)
    per_page: int = Field(default=20, ge=1, le=100)
    locale: str | None = None


class VariantOut(BaseModel):
    id: int
    sku: str
    name: str
    price_cents: int
    stock: int


class ImageOut(BaseModel):
    """One width of a product picture, for `srcset` ("{url} {width}w")."""

    width: int
    url: str


class ProductOut(BaseModel):
    id: int
    slug: str
    name: str
    description: str
    category_id: int | None
    brand_id: int | None
    image_url: str
    images: list[ImageOut] = []
    age_restricted: bool
    max_per_order: int | None
    # "Rx": sold only against a prescription a pharmacist approves.
    prescription_required: bool = False
    cold_chain: bool = False
    # At most period_limit_quantity per customer in any period_limit_days days.
    period_limit_quantity: int | None = None
    period_limit_days: int | None = None
    variants: list[VariantOut]


class ProductPage(BaseModel):
    items: list[ProductOut]
    page: int
    per_page: int
    total: int
    pages: int
    locale: str


class CategoryOut(BaseModel):
    id: int
    slug: str
    name: str
    children: list[CategoryOut]


class CategoryTree(BaseModel):
    items: list[CategoryOut]
    locale: str


class BrandOut(BaseModel):
    id: int
    slug: str
    name: str


class BrandList(BaseModel):
    items: list[BrandOut]


class ReviewIn(BaseModel):
    rating: int = Field(ge=1, le=5)
    text: str = Field(default="", max_length=2000)


class ReviewOut(BaseModel):
    id: int
    product_id: int
    rating: int
    text: str
    created_at: str


class ReviewList(BaseModel):
    items: list[ReviewOut]
    average: float | None


class FavoriteList(BaseModel):
    product_ids: list[int]


class StockAlertList(BaseModel):
    """The variants I am waiting for (told once when each is back)."""

    variant_ids: list[int]
