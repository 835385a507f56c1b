"""Long attendance lists are prepared in the background and the coordinator is told when they are ready."""

import datetime
import io
from io import StringIO

import pytest
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from rozwoj.accounts.models import Role
from rozwoj.accounts.tests.factories import user_with_role
from rozwoj.events.models import AttendanceListFile
from rozwoj.events.services.attendance_lists import attendance_list_prepare, attendance_lists_delete_old
from rozwoj.notifications.models import Notification

from .factories import coordinator, participant, programme_event_with_sessions, trainer_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def long_list(settings):
    """A session whose list counts as long (the limit is lowered to one participant)."""
    settings.ROZWOJ_ATTENDANCE_LIST_INLINE_ROWS = 1
    event, (first, _second) = programme_event_with_sessions(title="Szkolenie dla kadr JST")
    participant(event, first_name="Anna", last_name="Kowalska")
    participant(event, first_name="Łukasz", last_name="Żółkiewski")
    return first


def _text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_a_short_list_is_printed_at_once(client, settings):
    event, (first, _second) = programme_event_with_sessions()
    participant(event, last_name="Kowalska")
    client.force_login(coordinator())
    page = client.get(reverse("events:attendance", args=[first.pk])).content.decode()
    assert reverse("events:attendance_pdf", args=[first.pk]) in page
    assert reverse("events:attendance_list_prepare", args=[first.pk]) not in page
    response = client.get(reverse("events:attendance_pdf", args=[first.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert "Kowalska" in _text(response.content)


def test_a_long_list_is_offered_for_preparation_instead(client, long_list):
    client.force_login(coordinator())
    page = client.get(reverse("events:attendance", args=[long_list.pk])).content.decode()
    assert f'action="{reverse("events:attendance_list_prepare", args=[long_list.pk])}"' in page
    assert "Przygotuj listę obecności do podpisu (PDF)" in page

    response = client.get(reverse("events:attendance_pdf", args=[long_list.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("events:attendance", args=[long_list.pk])
    assert "Lista 2 uczestników" in str(list(get_messages(response.wsgi_request))[0])
    assert not AttendanceListFile.objects.exists()


def test_preparing_a_list_stores_the_pdf_and_tells_the_coordinator(
    client, long_list, django_capture_on_commit_callbacks, mailoutbox
):
    user = coordinator()
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("events:attendance_list_prepare", args=[long_list.pk]))
    assert response.status_code == 302

    document = AttendanceListFile.objects.get()
    assert document.session == long_list
    assert document.requested_by == user
    assert document.rows == 2
    assert document.ready_at is not None
    notification = Notification.objects.get(user=user, kind="events.attendance_list_ready")
    assert notification.url == reverse("events:attendance_list_file", args=[document.pk])
    assert "Szkolenie dla kadr JST" in notification.title
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [user.email]
    assert notification.url in mailoutbox[0].body

    download = client.get(notification.url)
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    text = _text(b"".join(download.streaming_content))
    assert "Lista obecności" in text
    assert "Kowalska" in text
    assert "Żółkiewski" in text

    page = client.get(reverse("events:attendance", args=[long_list.pk])).content.decode()
    assert "Przygotowane listy obecności" in page
    assert "2 uczestników (PDF)" in page


def test_a_list_still_being_prepared_is_not_offered_for_download(client, long_list):
    client.force_login(coordinator())
    document = AttendanceListFile.objects.create(session=long_list, language="pl")
    response = client.get(reverse("events:attendance_list_file", args=[document.pk]))
    assert response.status_code == 302
    assert "jest jeszcze przygotowywana" in str(list(get_messages(response.wsgi_request))[0])
    page = client.get(reverse("events:attendance", args=[long_list.pk])).content.decode()
    assert "w przygotowaniu" in page


def test_the_list_is_in_the_language_of_the_person_who_asked(
    client, long_list, django_capture_on_commit_callbacks
):
    client.force_login(coordinator())
    client.cookies["rozwoj_language"] = "en"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("events:attendance_list_prepare", args=[long_list.pk]))
    assert response.status_code == 302
    document = AttendanceListFile.objects.get()
    assert document.language == "en"
    assert "Attendance list" in _text(document.file.read())


def test_a_trainer_of_the_event_may_prepare_it_others_may_not(
    client, long_list, django_capture_on_commit_callbacks
):
    client.force_login(user_with_role(Role.EXPERT))
    assert client.post(reverse("events:attendance_list_prepare", args=[long_list.pk])).status_code == 403
    assert not AttendanceListFile.objects.exists()

    client.force_login(trainer_of(long_list.event))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("events:attendance_list_prepare", args=[long_list.pk]))
    assert response.status_code == 302
    document = AttendanceListFile.objects.get()
    client.force_login(user_with_role(Role.EXPERT))
    assert client.get(reverse("events:attendance_list_file", args=[document.pk])).status_code == 403


def test_preparing_by_get_is_refused_and_a_missing_list_is_404(client, long_list):
    client.force_login(coordinator())
    assert client.get(reverse("events:attendance_list_prepare", args=[long_list.pk])).status_code == 405
    assert client.get(reverse("events:attendance_list_file", args=[999999])).status_code == 404
    assert not AttendanceListFile.objects.exists()


def test_preparing_twice_or_after_the_session_is_gone_does_nothing(long_list):
    document = AttendanceListFile.objects.create(session=long_list, language="pl")
    assert attendance_list_prepare(document.pk).rows == 2
    assert attendance_list_prepare(document.pk) is None  # prepared already
    long_list.delete()
    assert attendance_list_prepare(document.pk) is None


def test_old_lists_and_failed_requests_are_deleted_with_their_files(long_list, settings):
    settings.ROZWOJ_ATTENDANCE_LIST_KEEP_DAYS = 30
    now = timezone.now()
    documents = {}
    for name, ready_days_ago, requested_days_ago in [
        ("recent", 29, 29),
        ("old", 31, 31),
        ("waiting", None, 0),
        ("failed", None, 2),
    ]:
        document = AttendanceListFile.objects.create(session=long_list, language="pl")
        if ready_days_ago is not None:
            attendance_list_prepare(document.pk)
            document.refresh_from_db()
        AttendanceListFile.objects.filter(pk=document.pk).update(
            created_at=now - datetime.timedelta(days=requested_days_ago),
            ready_at=None if ready_days_ago is None else now - datetime.timedelta(days=ready_days_ago),
        )
        documents[name] = document
    old_file = documents["old"].file.name
    storage = documents["old"].file.storage

    assert attendance_lists_delete_old() == 2
    assert set(AttendanceListFile.objects.values_list("pk", flat=True)) == {
        documents["recent"].pk,
        documents["waiting"].pk,
    }
    assert not storage.exists(old_file)
    assert storage.exists(documents["recent"].file.name)

    out = StringIO()
    call_command("run_background", "--once", stdout=out)
    assert "Old attendance lists deleted: 0" in out.getvalue()


def test_a_list_that_cannot_be_recorded_leaves_no_file_behind(long_list, monkeypatch):
    document = AttendanceListFile.objects.create(session=long_list, language="pl", requested_by=coordinator())
    storage = document.file.storage
    saved, save = [], storage.save

    def recording_save(name, content, **kwargs):
        saved.append(save(name, content, **kwargs))
        return saved[-1]

    monkeypatch.setattr(storage, "save", recording_save)

    def broken_notify(**kwargs):
        raise RuntimeError("the mail queue is down")

    monkeypatch.setattr("rozwoj.events.services.attendance_lists.notify", broken_notify)
    with pytest.raises(RuntimeError):
        attendance_list_prepare(document.pk)
    document.refresh_from_db()
    assert document.ready_at is None
    assert not document.file
    assert len(saved) == 1
    assert not storage.exists(saved[0])
