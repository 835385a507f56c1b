"""Reads of notifications: a user only ever sees their own."""

from django.db.models import QuerySet
from django.http import Http404

from .models import Notification


def notifications_for(user) -> QuerySet[Notification]:
    """The user's notifications, newest first (none for anonymous users)."""
    if user is None or not user.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(user=user).order_by("-created_at", "-id")


def unread_count(user) -> int:
    if user is None or not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def access_notification(user, pk: int) -> Notification:
    """One of `user`'s own notifications, else 404."""
    try:
        return notifications_for(user).get(pk=pk)
    except Notification.DoesNotExist:
        raise Http404 from None
