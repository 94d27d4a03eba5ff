"""Key pairs for ETH and TRON invoices: one secp256k1 key, two address forms. The private key
leaves this module only as hex for the secret box; callers seal it at once and never log it."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any

from embit import base58
from eth_utils.address import to_checksum_address


def _import_account() -> Any:
    """eth-account imports py_ecc, which raises the interpreter's recursion limit to 100000
    for its own pairing code. That would turn a deeply nested JSON body into a segfault
    instead of a RecursionError (core.untrusted relies on it), so the limit is put back.
    Secp256k1 keys and signatures need no deep recursion."""
    limit = sys.getrecursionlimit()
    try:
        from eth_account import Account as imported
    finally:
        sys.setrecursionlimit(limit)
    return imported


Account = _import_account()

TRON_PREFIX = b"\x41"


@dataclass(frozen=True, repr=False)
class KeyPair:
    private_hex: str
    eth_address: str  # EIP-55 checksummed
    tron_address: str  # base58check, "T..."

    def __repr__(self) -> str:  # never print the key by accident
        return f"KeyPair(eth_address={self.eth_address!r})"


def tron_address(eth_address: str) -> str:
    """The TRON address of the same key: 0x41 + the 20-byte account hash, base58check."""
    raw = bytes.fromhex(eth_address.removeprefix("0x"))
    return str(base58.encode_check(TRON_PREFIX + raw))


def tron_to_hex(address: str) -> str:
    """A TRON base58check address as the 20-byte hex account (0x...), raises ValueError."""
    raw = base58.decode_check(address)
    if len(raw) != 21 or raw[:1] != TRON_PREFIX:
        raise ValueError("not a TRON address")
    return "0x" + raw[1:].hex()


def from_private(private_hex: str) -> KeyPair:
    account = Account.from_key(private_hex)
    return KeyPair(private_hex, account.address, tron_address(account.address))


def new_keypair() -> KeyPair:
    """A fresh random key pair (the OS random source, via eth-account)."""
    account = Account.create()
    return KeyPair(
        account.key.hex().removeprefix("0x"), account.address, tron_address(account.address)
    )


def checksum(address: str) -> str:
    """EIP-55 form of an Ethereum address; raises ValueError for anything else."""
    return str(to_checksum_address(address))
