from django.conf import settings
from django.utils import translation

from rozwoj.accounts.adapters import AccountAdapter as LoginLimitsAdapter
from rozwoj.accounts.services import remember_language


class AccountAdapter(LoginLimitsAdapter):
    """Every account that signs up gets a Person record, so that it can take part in events; logging in
    brings back the interface language the user chose last time. (Limits on failed logins: see the base.)"""

    def post_login(self, request, user, **kwargs):
        language = user.preferred_language if user.preferred_language in dict(settings.LANGUAGES) else None
        if language is None:
            return super().post_login(request, user, **kwargs)
        # The "signed in" message is written now, in the language the next page will be in.
        with translation.override(language):
            response = super().post_login(request, user, **kwargs)
        remember_language(response, language)
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
