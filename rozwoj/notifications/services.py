"""One way to tell people something: an e-mail rendered from the app's templates in the recipient's language,
and, for people with a login, the same text in their notification list.

    notify(to=person, kind="events.registration_confirmed", context={"registration": registration, ...},
           url=reverse("events:detail", args=[event.pk]), attachments=[Attachment("invitation.ics", ...)])

Callers pass a kind and a context (objects or plain values), never finished text. E-mail goes out after the
surrounding transaction commits, through a background task (Celery in production, in-process in the embedded
default), so that a rolled-back change never sends mail.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from rozwoj.core.links import absolute_url

from .emails import render_email
from .models import Notification
from .recipients import recipient_for
from .tasks import send_email


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: str | bytes
    mimetype: str


def _payload(to: str, subject: str, body: str, attachments: Sequence[Attachment]) -> dict[str, Any]:
    return {
        "to": to,
        "subject": subject,
        "body": body,
        "attachments": [
            {
                "filename": a.filename,
                "content": a.content if isinstance(a.content, str) else a.content.decode("latin-1"),
                "binary": not isinstance(a.content, str),
                "mimetype": a.mimetype,
            }
            for a in attachments
        ],
    }


def notify(
    *,
    to: Any,
    kind: str,
    context: Mapping[str, Any],
    url: str = "",
    attachments: Sequence[Attachment] = (),
) -> Notification | None:
    """Tell `to` (a User, or a Person with or without a login) about something. Renders the e-mail `kind`
    ("<app>.<name>", see emails.py) with `context` in their language, records it in their notification list
    when they have a login, and e-mails it (with a link to `url` and the attachments) after the commit when
    they have an address. Returns the notification; None for someone without a login."""
    recipient = recipient_for(to)
    if recipient.user is None and not recipient.email:
        return None
    email = render_email(kind, context, language=recipient.language)
    notification = None
    if recipient.user is not None:
        notification = Notification.objects.create(
            user=recipient.user, kind=kind, title=email.subject[:255], body=email.body, url=url
        )
    if recipient.email:
        body = f"{email.body}\n\n{absolute_url(url)}" if url else email.body
        payload = _payload(recipient.email, email.subject, body, attachments)
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
