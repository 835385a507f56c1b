"""Reads of the accounts app."""

from django.http import Http404

from .models import ApiToken


def access_api_token(user, pk: int) -> ApiToken:
    """One of `user`'s own API tokens, else 404."""
    try:
        return user.api_tokens.get(pk=pk)
    except ApiToken.DoesNotExist:
        raise Http404 from None
