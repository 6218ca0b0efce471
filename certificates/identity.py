"""Keyed hashes of holders' identity numbers and the folding of holders' names.

Identity numbers are hashed with HMAC-SHA256 under settings.IDENTITY_HMAC_KEY, so that the
stored value cannot be reversed by hashing every possible number without the key.
"""

import hashlib
import hmac
import re
import unicodedata

from django.conf import settings

_SPACES = re.compile(r"\s+")


def identity_fold(identity_number: str) -> str:
    """The canonical form of an identity number: half-width, no spaces, upper case (X)."""
    if not identity_number.isascii():  # full-width digits or spaces
        identity_number = unicodedata.normalize("NFKC", identity_number)
    return "".join(identity_number.split()).upper()


def identity_hmac(identity_number: str, key: bytes | None = None) -> str:
    """Hex HMAC-SHA256 of the folded identity number; "" when none is given."""
    folded = identity_fold(identity_number or "")
    if not folded:
        return ""
    key = key if key is not None else settings.IDENTITY_HMAC_KEY.encode()
    return hmac.digest(key, folded.encode(), hashlib.sha256).hex()


def holder_name_fold(name: str) -> str:
    """Names compare without width, spaces or the middle dot of transliterated names."""
    folded = unicodedata.normalize("NFKC", name or "").casefold()
    return _SPACES.sub("", folded).replace("·", "").replace("•", "")


def same_holder_name(given: str, stored: str) -> bool:
    return hmac.compare_digest(holder_name_fold(given).encode(), holder_name_fold(stored).encode())
