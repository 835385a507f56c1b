from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "rozwoj.accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from allauth.mfa.signals import authenticator_added

        from . import mfa

        # allauth tells when TOTP is set up; the session that did it has proved the second factor.
        authenticator_added.connect(mfa.remember_activation, dispatch_uid="rozwoj-totp-activated")
