"""How django-allauth handles the second factor of the roles that must use it (see `accounts.mfa`)."""

from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator

from . import mfa


class MfaAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        """A user whose role requires TOTP cannot switch it off (an administrator can remove a lost one in the
        Django admin; the user then sets up a new one at the next sign-in)."""
        if authenticator.type == Authenticator.Type.TOTP and mfa.is_required(authenticator.user):
            return False
        return super().can_delete_authenticator(authenticator)
