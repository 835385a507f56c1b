"""A production server refuses to start without keys for coaches' private notes (`manage.py check`)."""

from django.core.checks import Error, register

from .crypto import keys_problem


@register()
def notes_keys_configured(app_configs=None, **kwargs):
    problem = keys_problem()
    if not problem:
        return []
    return [
        Error(
            f"Coaches' private notes cannot be encrypted: {problem}",
            hint="Generate a key with `manage.py coaching_rotate_keys --new-key` and set COACHING_NOTES_KEYS "
            "in the environment (docs/coaching.md, key rotation).",
            id="coaching.E001",
        )
    ]
