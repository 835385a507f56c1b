from django.db import transaction
from django.utils import timezone

from rozwoj.core.audit import log_action

from .models import ApiToken, User


@transaction.atomic
def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    token, raw = ApiToken.issue(user, name)
    log_action(user, token, "api_token.create")
    return token, raw


@transaction.atomic
def api_token_revoke(*, user: User, token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        log_action(user, token, "api_token.revoke")
