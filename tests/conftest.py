from .authorization import events, world  # noqa: F401 — the shared fixtures of the authorisation-matrix tests
