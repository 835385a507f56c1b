"""Attendance lists for signatures (PDF): printed at once when short, prepared in the background when long.

WeasyPrint lays out about 160 rows a second: 300 participants take two seconds, 5,000 more than half a minute,
longer than a web request may last (gunicorn's default timeout is 30 s). Above
`ROZWOJ_ATTENDANCE_LIST_INLINE_ROWS` the coordinator asks for the list, background work prepares it, and they
are told (in-app and by e-mail) with a link to download it.
"""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify

from rozwoj.accounts.models import User
from rozwoj.notifications.services import notify

from .. import pdf
from ..models import AttendanceListFile, Session
from ..selectors import can_manage_event
from ..selectors.registrations import participants_with_organisations


def prints_at_once(rows: int) -> bool:
    """Whether a list of `rows` participants is rendered within the request (else prepared in the background)."""
    return rows <= settings.ROZWOJ_ATTENDANCE_LIST_INLINE_ROWS


def attendance_list_rows(session: Session) -> int:
    return participants_with_organisations(session.event_id).count()


def attendance_list_filename(session: Session) -> str:
    return f"lista-obecnosci-{slugify(session.event.title)[:60]}-{session.order}.pdf"


def attendance_list_request(*, actor: User, session: Session) -> AttendanceListFile:
    """Ask for the list to be prepared; the background work starts once this transaction commits."""
    if not can_manage_event(actor, session.event):
        raise PermissionDenied
    document = AttendanceListFile.objects.create(
        session=session, requested_by=actor, language=translation.get_language() or settings.LANGUAGE_CODE
    )
    from ..tasks import prepare_attendance_list  # the task module imports this one

    transaction.on_commit(lambda: prepare_attendance_list.delay(document.pk))
    return document


def attendance_list_prepare(document_id: int) -> AttendanceListFile | None:
    """Render the PDF of a requested list, store it and tell the person who asked (the background work)."""
    document = (
        AttendanceListFile.objects.select_related(
            "session__event__programme", "session__event__organiser", "session__event__kind", "session__venue"
        )
        .filter(pk=document_id, ready_at__isnull=True)
        .first()
    )
    if document is None:  # deleted with its session, or prepared already
        return None
    session = document.session
    with translation.override(document.language):  # the PDF in the language of the request
        context = pdf.attendance_list_context(session)
        content = pdf.html_to_pdf(pdf.render_attendance_list(context))
    # The file is stored first; if recording it fails, it is removed again and the request stays unprepared.
    document.file.save(attendance_list_filename(session), ContentFile(content), save=False)
    try:
        with transaction.atomic():
            document.rows = len(context["rows"])
            document.ready_at = timezone.now()
            document.save(update_fields=["file", "rows", "ready_at"])
            if document.requested_by is not None:
                notify(
                    to=document.requested_by,
                    kind="events.attendance_list_ready",
                    context={"session": session, "event": session.event, "participants": document.rows},
                    url=reverse("events:attendance_list_file", args=[document.pk]),
                )
    except Exception:
        document.file.delete(save=False)
        raise
    return document


def attendance_lists_delete_old(now: datetime.datetime | None = None) -> int:
    """Delete prepared lists older than `ROZWOJ_ATTENDANCE_LIST_KEEP_DAYS` (they hold personal data and can be
    prepared again at any time) and requests not prepared within a day (their background work failed)."""
    now = now or timezone.now()
    keep = datetime.timedelta(days=settings.ROZWOJ_ATTENDANCE_LIST_KEEP_DAYS)
    old = AttendanceListFile.objects.filter(
        Q(ready_at__lt=now - keep) | Q(ready_at__isnull=True, created_at__lt=now - datetime.timedelta(days=1))
    )
    deleted = 0
    for document in old.iterator():
        if document.file:
            document.file.delete(save=False)
        document.delete()
        deleted += 1
    return deleted
