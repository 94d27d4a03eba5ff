from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from core.security import Principal
from models import User


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RegisterIn(Strict):
    email: str = Field(max_length=254)
    password: str = Field(max_length=200)
    phone: str = Field(max_length=32)
    name: str = Field(default="", max_length=200)
    referral_code: str | None = Field(default=None, max_length=16)


class PhoneCodeIn(Strict):
    phone: str = Field(max_length=32)
    code: str = Field(min_length=4, max_length=8, pattern=r"^\s*[0-9]+\s*$")


class OtpRequestIn(Strict):
    phone: str = Field(max_length=32)
    purpose: Literal["login", "register", "attach_phone"] = "login"


class OtpLoginIn(PhoneCodeIn):
    referral_code: str | None = Field(default=None, max_length=16)


class OtpSentOut(BaseModel):
    phone: str
    channel: str
    resend_after: int


class LoginIn(Strict):
    email: str = Field(max_length=254)
    password: str = Field(max_length=200)


class RefreshIn(Strict):
    refresh_token: str = Field(min_length=10, max_length=200)


class LogoutIn(Strict):
    refresh_token: str | None = Field(default=None, max_length=200)


class ForgotIn(Strict):
    email: str = Field(max_length=254)


class ResetIn(Strict):
    token: str = Field(min_length=10, max_length=200)
    password: str = Field(max_length=200)


class TelegramIn(Strict):
    init_data: str = Field(min_length=1, max_length=8192)
    bot: Literal["customer", "dispatcher", "driver"]


class UserOut(BaseModel):
    id: int
    role: str
    name: str
    tg_id: int | None
    phone: str | None
    phone_verified: bool
    email: str | None
    locale: str
    referral_code: str
    age_verified: bool
    # Whether the customer has declared a date of birth (it is not shown back).
    date_of_birth_given: bool
    stores: list[int]

    @classmethod
    def of(cls, user: User, principal: Principal) -> UserOut:
        return cls(
            id=user.id,
            role=user.role.value,
            name=user.name,
            tg_id=user.tg_id,
            phone=user.phone,
            phone_verified=user.phone_verified,
            email=user.email,
            locale=user.locale,
            referral_code=user.referral_code,
            age_verified=user.age_verified,
            date_of_birth_given=user.date_of_birth is not None,
            stores=list(principal.store_ids),
        )


class TokensOut(BaseModel):
    access_token: str
    refresh_token: str
    token_type: str = "Bearer"
    expires_in: int
    user: UserOut


class RegisteredOut(BaseModel):
    """The same for a new e-mail and a taken one: nothing here says which."""

    phone: str
    channel: str
    expires_in: int
