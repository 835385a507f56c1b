"""Calendars: the personal iCal feed behind a revocable token (the grid and the feed's reads are in
`selectors.calendars`)."""

import secrets

from django.db import IntegrityError, transaction

from rozwoj.accounts.models import User
from rozwoj.core.audit import log_action

from ..models import CalendarFeed

# --- Personal feed ------------------------------------------------------------------------------------


def _new_token() -> str:
    return secrets.token_urlsafe(32)


def feed_for_user(user) -> CalendarFeed:
    """The user's feed, created with a fresh token on first use."""
    feed = CalendarFeed.objects.filter(user=user).first()
    if feed is not None:
        return feed
    try:
        with transaction.atomic():
            return CalendarFeed.objects.create(user=user, token=_new_token())
    except IntegrityError:
        return CalendarFeed.objects.get(user=user)


def feed_revoke(*, actor: User) -> CalendarFeed:
    """Revoke the actor's feed address: a new token replaces the old one, which stops working at once."""
    with transaction.atomic():
        feed = feed_for_user(actor)
        feed.token = _new_token()
        feed.save(update_fields=["token"])
        log_action(actor, feed, "calendar_feed.revoke")
    return feed
