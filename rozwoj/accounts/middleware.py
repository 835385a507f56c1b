from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse


class RequireMfaMiddleware:
    """Users with a role in MFA_REQUIRED_ROLES must set up TOTP before doing anything else."""

    allowed_prefixes = ("/accounts/", "/static/", "/healthz", "/i18n/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        required = settings.MFA_REQUIRED_ROLES
        user = request.user
        if (
            required
            and user.is_authenticated
            and user.has_role(*required)
            and not request.path.startswith(self.allowed_prefixes)
            and not user.authenticator_set.filter(type="totp").exists()
        ):
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)
