from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from . import mfa
from .forms import ApiTokenForm
from .permissions import login_required
from .selectors import access_api_token
from .services import api_token_create, api_token_revoke, set_preferred_language


@login_required
def profile(request):
    has_totp = request.user.authenticator_set.filter(type="totp").exists()
    return render(request, "accounts/profile.html", {"has_totp": has_totp})


@login_required
def token_list(request):
    new_token = None
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _token, new_token = api_token_create(
            user=request.user,
            name=form.cleaned_data["name"],
            second_factor_proved=mfa.missing_step(request) is None,
        )
        form = ApiTokenForm()
    tokens = request.user.api_tokens.all()
    return render(request, "accounts/tokens.html", {"form": form, "tokens": tokens, "new_token": new_token})


@login_required
@require_POST
def token_revoke(request, pk):
    token = access_api_token(request.user, pk)
    api_token_revoke(user=request.user, token=token)
    messages.success(request, _("The token has been revoked."))
    return redirect("accounts:tokens")


def set_language(request):
    """Django's language switch, for the languages of the site only; for a logged-in user the choice is also
    remembered on the account."""
    response = django_set_language(request)
    if request.method != "POST":
        return response
    language = request.POST.get("language", "")
    if language not in dict(settings.LANGUAGES):
        # Django keeps any well-formed code it finds a translation of (e.g. "en-GBen-GB…"); the site does not.
        response.cookies.pop(settings.LANGUAGE_COOKIE_NAME, None)
    elif request.user.is_authenticated:
        set_preferred_language(user=request.user, language=language)
    return response


def admin_login(request):
    """The Django admin's sign-in: the site's login page, with its limits on failed attempts and the second factor,
    instead of the admin's own password-only form."""
    if request.user.is_authenticated:
        if request.user.is_active and request.user.is_staff:
            return redirect("admin:index")
        raise PermissionDenied  # signed in, but not staff: the admin has nothing for them
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = reverse("admin:index")
    return redirect_to_login(next_url, login_url=reverse("account_login"))
