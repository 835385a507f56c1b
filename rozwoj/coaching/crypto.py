"""Encryption of coaches' private notes with keys from the environment (COACHING_NOTES_KEYS).

The setting is a comma-separated list of Fernet keys, newest first: the first encrypts, every one decrypts
(MultiFernet). Rotation (docs/coaching.md): put a new key first, restart, run `manage.py coaching_rotate_keys`
(re-encrypts every note with the new key), then drop the old key.
"""

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class NotesKeyError(Exception):
    """A note cannot be decrypted with any key configured (a key was dropped before rotation)."""


def _fernet() -> MultiFernet:
    keys = settings.ROZWOJ_COACHING_NOTES_KEYS
    if not keys:
        raise ImproperlyConfigured("Set COACHING_NOTES_KEYS to encrypt coaches' private notes.")
    return MultiFernet([Fernet(key.encode()) for key in keys])


def keys_problem() -> str:
    """Why the configured keys cannot be used, or "" when they can."""
    keys = settings.ROZWOJ_COACHING_NOTES_KEYS
    if not keys:
        return "COACHING_NOTES_KEYS is not set."
    for number, key in enumerate(keys, start=1):
        try:
            Fernet(key.encode())
        except ValueError:
            return (
                f"Key {number} of COACHING_NOTES_KEYS is not a Fernet key (32 url-safe base64-encoded bytes)."
            )
    return ""


def encrypt(text: str) -> str:
    return _fernet().encrypt(text.encode()).decode() if text else ""


def decrypt(token: str) -> str:
    if not token:
        return ""
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken as error:
        raise NotesKeyError("No key in COACHING_NOTES_KEYS decrypts this note.") from error


def rotate(token: str) -> str:
    """The token re-encrypted with the first key."""
    return _fernet().rotate(token.encode()).decode() if token else ""


def generate_key() -> str:
    return Fernet.generate_key().decode()
