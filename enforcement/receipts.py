"""Receipt codes: the reporter's only key to their case.

A code is 100 random bits from `secrets`, written as 20 Crockford base32 characters in
four groups (e.g. 7KQ2M-9XW4T-H3D8R-ZC6PJ), which survives reading aloud and retyping:
no I, L, O or U, and case, spaces and hyphens do not matter.

Only a keyed hash of the code is stored. A slow password hash is not needed: with 100
bits of randomness nobody can guess a code, fast or slow, so HMAC-SHA256 keyed with
RECEIPT_HMAC_KEY is enough to make a leaked table useless, and unlike a salted password
hash it can be looked up by an index.
"""

import hashlib
import hmac
import re
import secrets

from django.conf import settings

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base32
LENGTH = 20  # 20 × 5 bits = 100 bits
GROUP = 5
_TYPOS = str.maketrans({"O": "0", "I": "1", "L": "1"})
_SEPARATORS = re.compile(r"[\s\-_]+")


def receipt_new() -> str:
    """A fresh code, grouped for reading: XXXXX-XXXXX-XXXXX-XXXXX."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return "-".join(raw[i : i + GROUP] for i in range(0, LENGTH, GROUP))


def receipt_canonical(code: str) -> str | None:
    """The 20 characters of a typed code, or None when it cannot be one."""
    raw = _SEPARATORS.sub("", code or "").upper().translate(_TYPOS)
    if len(raw) != LENGTH or any(ch not in ALPHABET for ch in raw):
        return None
    return raw


def receipt_hash(code: str) -> str | None:
    """The stored form of a code: hex HMAC-SHA256 of its canonical characters."""
    raw = receipt_canonical(code)
    if raw is None:
        return None
    key = settings.RECEIPT_HMAC_KEY.encode()
    return hmac.new(key, raw.encode(), hashlib.sha256).hexdigest()
