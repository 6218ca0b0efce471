"""Reporter contact details, encrypted at rest with keys kept outside the database.

Fernet (AES-128-CBC with HMAC-SHA256, from `cryptography`) under a MultiFernet of
CONTACT_ENCRYPTION_KEYS: the first key encrypts, every key decrypts, so a key is rotated
by putting a new one first, running `manage.py contact_keys_rotate`, then dropping the
old one. A dump of the database, or a statement copied into a server log, shows only
ciphertext. Only `access.contact_for_user` decrypts, for the role allowed to read it.

The same keys seal the receipt codes kept for a day to answer a resubmitted report
(`services.report_submit`'s idempotency key).
"""

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


def _keys() -> MultiFernet:
    return MultiFernet([Fernet(key) for key in settings.CONTACT_ENCRYPTION_KEYS])


def contact_encrypt(text: str) -> str:
    """The stored form of a contact: a Fernet token, or "" for no contact."""
    text = text.strip()
    return _keys().encrypt(text.encode()).decode() if text else ""


def contact_decrypt(token: str) -> str | None:
    """The contact in clear; None when no configured key opens it (a key was dropped)."""
    if not token:
        return ""
    try:
        return _keys().decrypt(token.encode()).decode()
    except InvalidToken:
        return None


def contact_rotate(token: str) -> str:
    """The same contact re-encrypted under the first key (InvalidToken if none opens it)."""
    return _keys().rotate(token.encode()).decode() if token else ""


def seal(text: str) -> str:
    return _keys().encrypt(text.encode()).decode()


def unseal(token: str) -> str:
    return _keys().decrypt(token.encode()).decode()
