from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Every account that signs up gets a Person record, so that it can take part in events."""

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
