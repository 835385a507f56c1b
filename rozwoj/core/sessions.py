"""Django's database sessions, refusing a session cookie that cannot be a key before it reaches a query.

A key is 32 lower-case letters and digits; a cookie holding a NUL byte made PostgreSQL fail the lookup (a 500
on every page, before any view could refuse it). Such a cookie now means no session, as an unknown key does."""

from django.contrib.sessions.backends import db


class SessionStore(db.SessionStore):
    def _validate_session_key(self, key):
        return bool(super()._validate_session_key(key)) and key.isascii() and key.isalnum()
