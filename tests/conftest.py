from .authorization import world  # noqa: F401 — the shared fixture of the authorisation-matrix tests
