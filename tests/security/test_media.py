"""Uploaded files are never served without a permission check, in any configuration: no URL serves MEDIA_ROOT
(with DEBUG on or off), stored names cannot be guessed, and the views that send files check access and send safe
headers (the per-role outcomes of every file view are in tests/test_authorization_actions.py)."""

import importlib
import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import clear_url_caches, resolve, reverse
from django.urls.exceptions import Resolver404
from django.utils import timezone
from django.views import static

from rozwoj.accounts.models import Role
from rozwoj.core import checks
from rozwoj.events.models import AttendanceListFile, EventAttachment, MaterialVisibility
from rozwoj.events.services import materials
from rozwoj.events.tests.factories import coordinator, participant, png_bytes, programme_event_with_sessions
from rozwoj.people.tests.factories import person_with_login

pytestmark = pytest.mark.django_db

SECRET = b"%PDF-1.4\n% Lista obecnosci: Anna Nowak, Gmina Sulejowek\n%%EOF\n"


def _reload_urls():
    """Import the site's URLs again, as a server started with the current settings would."""
    clear_url_caches()
    importlib.reload(importlib.import_module("rozwoj.urls"))
    clear_url_caches()


@pytest.fixture(params=[False, True], ids=["DEBUG off", "DEBUG on"])
def site_on_disk(request, tmp_path):
    """The site with DEBUG on or off and files stored on disk, as `make run` and production store them."""
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(DEBUG=request.param, MEDIA_ROOT=str(tmp_path), STORAGES=storages):
        _reload_urls()
        yield tmp_path
    _reload_urls()


def _stored_files(event):
    attachment = materials.attachment_add(
        actor=coordinator(),
        event=event,
        title="Lista",
        file=SimpleUploadedFile("lista.pdf", SECRET),
        visibility=MaterialVisibility.STAFF,
    )
    photo = materials.photo_add(
        actor=coordinator(),
        event=event,
        image=SimpleUploadedFile("grupa.png", png_bytes()),
        alt_text="Grupa",
        visibility=MaterialVisibility.STAFF,
    )
    prepared = AttendanceListFile.objects.create(session=event.sessions.first(), language="pl", rows=1)
    prepared.file.save("lista-obecnosci.pdf", ContentFile(SECRET))
    return [attachment.file.name, photo.image.name, prepared.file.name]


def _direct_urls(name: str) -> list[str]:
    return [
        f"/media/{name}",
        f"/static/../media/{name}",
        f"/{name}",
        f"/static/{name}",
        f"/media/%2e%2e/{name}",
    ]


def test_no_url_serves_a_stored_file_directly(client, site_on_disk):
    event, _sessions = programme_event_with_sessions()
    names = _stored_files(event)
    assert all((site_on_disk / name).is_file() for name in names)
    for user in (None, participant(event).person.user, coordinator()):
        client.logout()
        if user is not None:
            client.force_login(user)
        for name in names:
            for url in _direct_urls(name):
                response = client.get(url)
                assert response.status_code == 404, url
                body = b"".join(response.streaming_content) if response.streaming else response.content
                assert SECRET not in body, url
                assert png_bytes() not in body, url


def test_no_url_pattern_serves_a_directory(site_on_disk):
    assert checks.media_root_is_not_published() == []
    for name in ("events/attachments/x/lista.pdf", "events/photos/x/grupa.png"):
        try:
            match = resolve(f"/media/{name}")
        except Resolver404:
            continue
        assert match.func is not static.serve


def test_the_check_refuses_a_configuration_that_publishes_media(tmp_path):
    with override_settings(
        DEBUG=True, MEDIA_ROOT=str(tmp_path), ROOT_URLCONF="tests.security.urls_media_published"
    ):
        clear_url_caches()
        assert [error.id for error in checks.media_root_is_not_published()] == ["rozwoj.E002"]
    with override_settings(
        MEDIA_ROOT=str(tmp_path / "static" / "media"), STATIC_ROOT=str(tmp_path / "static")
    ):
        assert [error.id for error in checks.media_root_is_not_published()] == ["rozwoj.E001"]
    clear_url_caches()


def test_stored_names_cannot_be_guessed(site_on_disk):
    event, _sessions = programme_event_with_sessions()
    first, second = _stored_files(event), _stored_files(event)
    for name in first + second:
        assert re.search(r"/[A-Za-z0-9_-]{32}/[^/]+$", name), name
        assert not re.search(r"/20\d\d/\d\d/", name), name
    assert set(first).isdisjoint(second)
    assert [name.rsplit("/", 1)[1] for name in first] == ["lista.pdf", "grupa.png", "lista-obecnosci.pdf"]


def test_the_checking_views_send_files_with_safe_headers(client, site_on_disk):
    event, _sessions = programme_event_with_sessions()
    _stored_files(event)
    client.force_login(coordinator())
    attachment = event.attachments.get()
    response = client.get(reverse("events:attachment_download", args=[attachment.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="lista.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == SECRET
    response = client.get(reverse("events:photo", args=[event.photos.get().pk]))
    assert response["Content-Disposition"].startswith("inline")
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content)
    prepared = AttendanceListFile.objects.get()
    prepared.ready_at = timezone.now()
    prepared.save()
    response = client.get(reverse("events:attendance_list_file", args=[prepared.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content)


@pytest.mark.parametrize(
    ("name", "content_type"),
    [("strona.html", "text/html"), ("rysunek.svg", "image/svg+xml"), ("notatki.txt", "text/plain")],
)
def test_html_svg_and_text_are_never_shown_inline(client, name, content_type):
    """Even a file that reached the storage some other way (an older version, an administrator) is downloaded."""
    event, _sessions = programme_event_with_sessions()
    attachment = EventAttachment.objects.create(
        event=event,
        title="Plik",
        file=SimpleUploadedFile(name, b"<svg onload=alert(1)><script>alert(1)</script></svg>"),
        size=10,
        content_type=content_type,
        visibility=MaterialVisibility.PUBLIC,
    )
    client.force_login(person_with_login(Role.EXPERT).user)
    response = client.get(reverse("events:attachment_download", args=[attachment.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content)
