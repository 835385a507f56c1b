from django.conf import settings

from rozwoj.accounts.adapters import AccountAdapter as LoginLimitsAdapter
from rozwoj.accounts.services import remember_language


class AccountAdapter(LoginLimitsAdapter):
    """Every account that signs up gets a Person record, so that it can take part in events; logging in
    brings back the interface language the user chose last time. (Limits on failed logins: see the base.)"""

    def post_login(self, request, user, **kwargs):
        response = super().post_login(request, user, **kwargs)
        if user.preferred_language in dict(settings.LANGUAGES):
            remember_language(response, user.preferred_language)
        return response

    def save_user(self, request, user, form, commit=True):
        from .services import person_for_new_user  # local import: services import models that import accounts

        user = super().save_user(request, user, form, commit=commit)
        if commit:
            person_for_new_user(
                user=user,
                first_name=form.cleaned_data.get("first_name", ""),
                last_name=form.cleaned_data.get("last_name", ""),
            )
        return user
