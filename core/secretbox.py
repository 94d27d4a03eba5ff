"""Secrets at rest: AES-256-GCM with a key id in front, so keys can be rotated.

A sealed value reads "v1.{kid}.{base64url(nonce | ciphertext+tag)}". The first key encrypts;
every listed key decrypts, so a new key goes first and the old one stays until re-sealed.
"""

from __future__ import annotations

import base64
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

PREFIX = "v1"


class SecretBoxError(Exception):
    pass


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def parse_keys(spec: str) -> list[tuple[str, bytes]]:
    """ "kid:base64key,kid2:base64key" → [(kid, 32-byte key)]; raises SecretBoxError."""
    keys = []
    for part in filter(None, (p.strip() for p in spec.split(","))):
        kid, _, encoded = part.partition(":")
        try:
            key = _unb64(encoded)
        except ValueError:
            raise SecretBoxError(f"key {kid!r} is not base64") from None
        if not kid.isalnum() or len(key) != 32:
            raise SecretBoxError(f"key {kid!r} must be alphanumeric id : base64 of 32 bytes")
        keys.append((kid, key))
    return keys


def derive_dev_key(secret_key: str) -> str:
    """A development key derived from SECRET_KEY (production sets SECRET_BOX_KEYS)."""
    key = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=b"pharmacy-secretbox", info=b"dev"
    ).derive(secret_key.encode())
    return f"dev:{_b64(key)}"


def new_key_spec(kid: str) -> str:
    return f"{kid}:{_b64(os.urandom(32))}"


class SecretBox:
    def __init__(self, spec: str) -> None:
        self._keys = parse_keys(spec)
        if not self._keys:
            raise SecretBoxError("no secret box key configured")

    def seal(self, plaintext: str) -> str:
        kid, key = self._keys[0]
        nonce = os.urandom(12)
        sealed = AESGCM(key).encrypt(nonce, plaintext.encode(), kid.encode())
        return f"{PREFIX}.{kid}.{_b64(nonce + sealed)}"

    def open(self, sealed: str) -> str:
        try:
            prefix, kid, body = sealed.split(".", 2)
        except ValueError:
            raise SecretBoxError("not a sealed value") from None
        key = dict(self._keys).get(kid)
        if prefix != PREFIX or key is None:
            raise SecretBoxError(f"unknown key id {kid!r}")
        raw = _unb64(body)
        try:
            return AESGCM(key).decrypt(raw[:12], raw[12:], kid.encode()).decode()
        except InvalidTag:
            raise SecretBoxError("sealed value was tampered with") from None

    def seal_bytes(self, plaintext: bytes) -> bytes:
        """Binary form for files: b"v1.{kid}." + nonce + ciphertext+tag."""
        kid, key = self._keys[0]
        nonce = os.urandom(12)
        return (
            f"{PREFIX}.{kid}.".encode()
            + nonce
            + AESGCM(key).encrypt(nonce, plaintext, kid.encode())
        )

    def open_bytes(self, sealed: bytes) -> bytes:
        try:
            prefix, kid, raw = sealed.split(b".", 2)
        except ValueError:
            raise SecretBoxError("not a sealed value") from None
        key = dict(self._keys).get(kid.decode(errors="replace"))
        if prefix.decode(errors="replace") != PREFIX or key is None:
            raise SecretBoxError("unknown key id")
        try:
            return AESGCM(key).decrypt(raw[:12], raw[12:], kid)
        except InvalidTag:
            raise SecretBoxError("sealed value was tampered with") from None

    def needs_reseal(self, sealed: str) -> bool:
        return not sealed.startswith(f"{PREFIX}.{self._keys[0][0]}.")
