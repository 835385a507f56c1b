"""One way to tell people something: an in-app notification (for users with a login) and an e-mail.

E-mail goes out after the surrounding transaction commits, through a background task (Celery in production,
in-process in the embedded default), so that a rolled-back change never sends mail.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from rozwoj.core.links import absolute_url

from .models import Notification
from .tasks import send_email


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: str | bytes
    mimetype: str


@dataclass
class Message:
    kind: str
    subject: str
    body: str
    url: str = ""
    html_body: str = ""
    attachments: list[Attachment] = field(default_factory=list)


def notify(*, user=None, email: str = "", message: Message) -> Notification | None:
    """Record `message` in `user`'s notifications (if a user) and e-mail it to `email` (or the user's address)."""
    notification = None
    if user is not None:
        notification = Notification.objects.create(
            user=user, kind=message.kind, title=message.subject[:255], body=message.body, url=message.url
        )
    address = email or (user.email if user is not None else "")
    if address:
        payload = {
            "to": address,
            "subject": message.subject,
            "body": f"{message.body}\n\n{absolute_url(message.url)}" if message.url else message.body,
            "html_body": message.html_body,
            "attachments": [
                {
                    "filename": a.filename,
                    "content": a.content if isinstance(a.content, str) else a.content.decode("latin-1"),
                    "binary": not isinstance(a.content, str),
                    "mimetype": a.mimetype,
                }
                for a in message.attachments
            ],
        }
        transaction.on_commit(lambda: send_email.delay(payload))
    return notification


def notification_mark_read(*, user, notification: Notification) -> None:
    """Mark one of the user's own notifications as read (someone else's is left untouched)."""
    if notification.user_id == user.pk and notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])


def notification_mark_all_read(*, user) -> int:
    """Mark every unread notification of the user as read; returns how many changed."""
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())
