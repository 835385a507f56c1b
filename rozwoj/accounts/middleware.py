from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse

from . import mfa


class RequireMfaMiddleware:
    """A signed-in user whose role requires the second factor (see `accounts.mfa`) does nothing else in a browser
    session until the session has proved it: without TOTP the user is sent to set it up, with TOTP but a session
    signed in without it to confirm a code. Every page is covered — the account pages (API tokens, e-mail
    addresses, password) and the Django admin included — except the few that these steps need. The API answers
    such a session with a JSON 403 instead of a redirect (`accounts.auth`)."""

    open_paths = ("/static/", "/api/")
    # What setting TOTP up or confirming a code needs (activation asks for the password again after a while).
    open_views = frozenset(
        {
            "account_logout",
            "account_reauthenticate",
            "mfa_activate_totp",
            "mfa_reauthenticate",
            "set_language",
            "healthz",
        }
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and not request.path.startswith(self.open_paths):
            step = mfa.missing_step(request)
            if step is not None and self._view_name(request) not in self.open_views:
                return self._send_to(step, request)
        return self.get_response(request)

    @staticmethod
    def _view_name(request) -> str | None:
        try:
            return resolve(request.path_info).url_name
        except Resolver404:
            return None

    @staticmethod
    def _send_to(step: str, request):
        if step == mfa.ACTIVATE:
            return redirect(reverse("mfa_activate_totp"))
        back = request.get_full_path() if request.method == "GET" else "/"
        return redirect(f"{reverse('mfa_reauthenticate')}?{urlencode({'next': back})}")
