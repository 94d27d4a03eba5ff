"""Catalog edits the console makes: a category (names in every locale, place in the tree) and a
product's names, descriptions and category."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field


class CategoryIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name_en: str = Field(min_length=1, max_length=200)
    name_ru: str = Field(default="", max_length=200)
    name_es: str = Field(default="", max_length=200)
    # None: a top-level category.
    parent_id: int | None = Field(default=None, ge=1, le=2**31 - 1, strict=True)
    position: int = Field(default=0, ge=0, le=100_000, strict=True)
    is_active: bool = True


class ProductTextsIn(BaseModel):
    """A product's names and descriptions in every locale, its category, age restriction,
    per-order limit and VAT rate."""

    model_config = ConfigDict(extra="forbid")

    name_en: str = Field(min_length=1, max_length=300)
    name_ru: str = Field(default="", max_length=300)
    name_es: str = Field(default="", max_length=300)
    description_en: str = Field(default="", max_length=5000)
    description_ru: str = Field(default="", max_length=5000)
    description_es: str = Field(default="", max_length=5000)
    # None: no category.
    category_id: int | None = Field(default=None, ge=1, le=2**31 - 1, strict=True)
    # None: no brand.
    brand_id: int | None = Field(default=None, ge=1, le=2**31 - 1, strict=True)
    age_restricted: bool = False
    max_per_order: int | None = Field(default=None, ge=1, le=999, strict=True)
    # VAT percent; None: the store's default rate.
    tax_rate: Decimal | None = Field(
        default=None, ge=0, le=100, max_digits=5, decimal_places=2, allow_inf_nan=False
    )


class BrandIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
