import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from rozwoj.accounts.models import Role
from rozwoj.accounts.tests.factories import user_with_role
from rozwoj.core.audit import history_for
from rozwoj.events.models import (
    EventAttachment,
    EventPhoto,
    EventStatus,
    MaterialVisibility,
    RegistrationStatus,
)
from rozwoj.events.services import materials as services

from .factories import (
    RegistrationFactory,
    coordinator,
    participant,
    png_bytes,
    programme_event_with_sessions,
    trainer_of,
    upload,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX = zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"})
ODT = zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("program.pdf", PDF, "application/pdf"),
        ("lista.docx", DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("notatka.odt", ODT, "application/vnd.oasis.opendocument.text"),
        ("notatki.txt", "Zażółć gęślą jaźń".encode(), "text/plain"),
        ("schemat.png", png_bytes(), "image/png"),
        ("zdjecie.JPG", png_bytes(fmt="JPEG"), "image/jpeg"),
    ],
)
def test_allowed_files_are_accepted(name, content, content_type):
    assert services.validate_attachment_file(upload(name, content)) == content_type


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("skrypt.exe", b"MZ\x90\x00"),
        ("strona.html", b"<html></html>"),
        ("bez-rozszerzenia", PDF),
        ("udawany.pdf", b"just some text pretending to be a PDF"),
        ("udawany.docx", b"plain text"),
        ("udawany.odt", DOCX),  # a ZIP, but not an OpenDocument text
        ("udawany.xlsx", ODT),  # a ZIP, but not an Office Open XML file
        ("udawany.png", PDF),
        ("udawany.jpg", png_bytes()),  # a PNG named .jpg
        ("binarny.txt", b"\x00\x01\x02"),
        ("pusty.pdf", b""),
    ],
)
def test_wrong_or_disguised_files_are_refused(name, content):
    with pytest.raises(ValidationError):
        services.validate_attachment_file(upload(name, content))


def test_too_large_attachment_and_photo_are_refused():
    big = upload("duzy.pdf", PDF + b"0" * services.ATTACHMENT_MAX_BYTES)
    with pytest.raises(ValidationError, match="20"):
        services.validate_attachment_file(big)
    big_photo = upload("duze.png", png_bytes() + b"0" * services.PHOTO_MAX_BYTES)
    with pytest.raises(ValidationError, match="10"):
        services.validate_photo_file(big_photo)


def test_photo_needs_alt_text_and_a_real_image():
    event, _sessions = programme_event_with_sessions()
    actor = coordinator()
    with pytest.raises(ValidationError) as error:
        services.photo_add(
            actor=actor, event=event, image=upload("a.png", png_bytes()), alt_text="  ", visibility="public"
        )
    assert "alt_text" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.photo_add(
            actor=actor, event=event, image=upload("a.png", PDF), alt_text="x", visibility="public"
        )
    assert "image" in error.value.message_dict
    assert not EventPhoto.objects.exists()
    photo = services.photo_add(
        actor=actor,
        event=event,
        image=upload("grupa.png", png_bytes((64, 48))),
        alt_text="Zdjęcie grupowe uczestników spotkania",
        visibility="public",
    )
    assert (photo.width, photo.height) == (64, 48)
    assert [e.action for e in history_for(photo)] == ["photo.add"]


def test_only_managers_add_and_delete_materials():
    event, _sessions = programme_event_with_sessions()
    registration = participant(event)
    with pytest.raises(PermissionDenied):
        services.attachment_add(
            actor=registration.person.user,
            event=event,
            title="x",
            file=upload("a.pdf", PDF),
            visibility="public",
        )
    attachment = services.attachment_add(
        actor=trainer_of(event), event=event, title="Program", file=upload("a.pdf", PDF), visibility="public"
    )
    with pytest.raises(PermissionDenied):
        services.attachment_delete(actor=registration.person.user, attachment=attachment)
    services.attachment_delete(actor=coordinator(), attachment=attachment)
    assert not EventAttachment.objects.exists()


# Pages ---------------------------------------------------------------------------------------------


@pytest.fixture
def event_with_materials():
    event, _sessions = programme_event_with_sessions()
    actor = coordinator()
    made = {}
    for visibility in MaterialVisibility.values:
        made[visibility] = services.attachment_add(
            actor=actor,
            event=event,
            title=f"Plik {visibility}",
            file=upload(f"{visibility}.pdf", PDF),
            visibility=visibility,
        )
        made[f"photo-{visibility}"] = services.photo_add(
            actor=actor,
            event=event,
            image=upload(f"{visibility}.png", png_bytes()),
            alt_text=f"Zdjęcie {visibility}",
            visibility=visibility,
        )
    return event, made


def _who(event, role):
    if role == "anonymous":
        return None
    if role == "participant":
        return participant(event).person.user
    if role == "waiting":
        return RegistrationFactory(
            event=event,
            status=RegistrationStatus.WAITING,
            person=participant(programme_event_with_sessions()[0]).person,
        ).person.user
    if role == "trainer":
        return trainer_of(event)
    if role == "coordinator":
        return coordinator()
    return user_with_role(Role.EXPERT)


SEES = {
    "anonymous": {"public"},
    "expert": {"public"},
    "waiting": {"public"},
    "participant": {"public", "participants"},
    "trainer": {"public", "participants", "staff"},
    "coordinator": {"public", "participants", "staff"},
}


@pytest.mark.parametrize("role", list(SEES))
def test_downloads_and_photos_per_role(client, event_with_materials, role):
    event, made = event_with_materials
    user = _who(event, role)
    if user is not None:
        client.force_login(user)
    for visibility in MaterialVisibility.values:
        response = client.get(reverse("events:attachment_download", args=[made[visibility].pk]))
        photo_response = client.get(reverse("events:photo", args=[made[f"photo-{visibility}"].pk]))
        if visibility in SEES[role]:
            assert response.status_code == 200
            assert response["Content-Disposition"].startswith("attachment;")
            assert b"".join(response.streaming_content).startswith(b"%PDF")
            assert photo_response.status_code == 200
            assert photo_response["Content-Type"] == "image/png"
        else:
            assert response.status_code == 404
            assert photo_response.status_code == 404


def test_materials_of_an_event_one_may_not_see_answer_404(client):
    event, _sessions = programme_event_with_sessions(status=EventStatus.DRAFT)
    attachment = services.attachment_add(
        actor=coordinator(), event=event, title="x", file=upload("a.pdf", PDF), visibility="public"
    )
    client.force_login(participant(programme_event_with_sessions()[0]).person.user)
    assert client.get(reverse("events:attachment_download", args=[attachment.pk])).status_code == 404
    assert client.get(reverse("events:attachment_download", args=[999999])).status_code == 404


@pytest.mark.parametrize("role", list(SEES))
def test_materials_section_shows_only_what_the_user_may_see(event_with_materials, role):
    event, made = event_with_materials
    user = _who(event, role)
    request = RequestFactory().get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = user or AnonymousUser()
    html = Template("{% load material_tags %}{% materials_section event %}").render(
        Context({"event": event, "request": request})
    )
    for visibility in MaterialVisibility.values:
        assert (f"Plik {visibility}" in html) == (visibility in SEES[role])
        assert (f'alt="Zdjęcie {visibility}"' in html) == (visibility in SEES[role])
    assert 'width="40" height="30"' in html
    assert "<figure>" in html


def test_manage_page_only_for_managers(client, event_with_materials):
    event, _made = event_with_materials
    url = reverse("events:materials", args=[event.pk])
    assert client.get(url).status_code == 302  # login
    client.force_login(participant(event).person.user)
    assert client.get(url).status_code == 403
    client.force_login(trainer_of(event))
    response = client.get(url)
    assert response.status_code == 200
    assert "Plik staff" in response.content.decode()


def test_upload_through_the_page(client):
    event, _sessions = programme_event_with_sessions()
    client.force_login(coordinator())
    url = reverse("events:materials", args=[event.pk])
    response = client.post(
        url,
        {
            "kind": "attachment",
            "attachment-title": "Program",
            "attachment-visibility": "participants",
            "attachment-file": upload("program.pdf", PDF),
        },
    )
    assert response.status_code == 302
    attachment = EventAttachment.objects.get()
    assert (attachment.title, attachment.visibility, attachment.size) == ("Program", "participants", len(PDF))
    response = client.post(
        url,
        {
            "kind": "photo",
            "photo-alt_text": "Zdjęcie grupowe uczestników spotkania",
            "photo-caption": "KSAP",
            "photo-visibility": "public",
            "photo-image": upload("grupa.jpg", png_bytes(fmt="JPEG")),
        },
    )
    assert response.status_code == 302
    assert EventPhoto.objects.get().caption == "KSAP"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (
            {
                "kind": "attachment",
                "attachment-title": "X",
                "attachment-visibility": "public",
                "attachment-file": upload("a.exe", b"MZ"),
            },
            "file",
        ),
        (
            {
                "kind": "attachment",
                "attachment-title": "X",
                "attachment-visibility": "public",
                "attachment-file": upload("a.pdf", b"hello, I am text"),
            },
            "file",
        ),
        (
            {
                "kind": "attachment",
                "attachment-title": "",
                "attachment-visibility": "public",
                "attachment-file": upload("a.pdf", PDF),
            },
            "title",
        ),
        (
            {
                "kind": "attachment",
                "attachment-title": "X",
                "attachment-visibility": "everyone-else",
                "attachment-file": upload("a.pdf", PDF),
            },
            "visibility",
        ),
        ({"kind": "attachment", "attachment-title": "X", "attachment-visibility": "public"}, "file"),
        (
            {
                "kind": "photo",
                "photo-alt_text": "",
                "photo-visibility": "public",
                "photo-image": upload("a.png", png_bytes()),
            },
            "alt_text",
        ),
        (
            {
                "kind": "photo",
                "photo-alt_text": "x",
                "photo-visibility": "public",
                "photo-image": upload("a.png", b"not an image"),
            },
            "image",
        ),
    ],
)
def test_bad_uploads_give_field_errors_and_store_nothing(client, data, field):
    event, _sessions = programme_event_with_sessions()
    client.force_login(coordinator())
    response = client.post(reverse("events:materials", args=[event.pk]), data)
    assert response.status_code == 400
    form = response.context["photo_form" if data["kind"] == "photo" else "attachment_form"]
    assert field in form.errors
    assert not EventAttachment.objects.exists()
    assert not EventPhoto.objects.exists()


def test_too_large_upload_through_the_page(client, settings):
    event, _sessions = programme_event_with_sessions()
    client.force_login(coordinator())
    big = upload("duzy.pdf", PDF + b"0" * (services.ATTACHMENT_MAX_BYTES + 1))
    response = client.post(
        reverse("events:materials", args=[event.pk]),
        {
            "kind": "attachment",
            "attachment-title": "X",
            "attachment-visibility": "public",
            "attachment-file": big,
        },
    )
    assert response.status_code == 400
    assert "file" in response.context["attachment_form"].errors
    assert not EventAttachment.objects.exists()


def test_delete_through_the_page(client, event_with_materials):
    event, made = event_with_materials
    client.force_login(participant(event).person.user)
    assert client.post(reverse("events:attachment_delete", args=[made["public"].pk])).status_code == 403
    assert client.get(reverse("events:attachment_delete", args=[made["public"].pk])).status_code == 405
    client.force_login(coordinator())
    assert client.post(reverse("events:attachment_delete", args=[made["public"].pk])).status_code == 302
    assert client.post(reverse("events:photo_delete", args=[made["photo-public"].pk])).status_code == 302
    assert EventAttachment.objects.count() == 2
    assert EventPhoto.objects.count() == 2


def test_event_page_shows_gallery_and_the_way_to_attendance(client, event_with_materials):
    from rozwoj.events.models import AttendanceStatus
    from rozwoj.events.services import attendance as attendance_services
    from rozwoj.events.services import certificates as certificate_services

    event, made = event_with_materials
    html = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert 'alt="Zdjęcie public"' in html
    assert "Zdjęcie participants" not in html
    assert reverse("events:attendance", args=[event.sessions.first().pk]) not in html
    client.force_login(coordinator())
    html = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert reverse("events:attendance", args=[event.sessions.first().pk]) in html
    assert reverse("events:certificates", args=[event.pk]) in html
    registration = participant(event)
    for session in event.sessions.all():
        attendance_services.attendance_mark(
            actor=coordinator(),
            session=session,
            registration=registration,
            status=AttendanceStatus.PRESENT_ONLINE,
        )
    certificate_services.certificate_issue(actor=coordinator(), registration=registration)
    client.force_login(registration.person.user)
    html = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert reverse("events:certificate_pdf", args=[registration.pk]) in html
    assert "Zdjęcie participants" in html


def test_admin_links_files_to_the_checking_views_and_adds_none(client, event_with_materials):
    _event, made = event_with_materials
    client.force_login(user_with_role(Role.ADMINISTRATOR, is_staff=True, is_superuser=True))
    for obj, view, admin_name in (
        (made["staff"], "events:attachment_download", "eventattachment"),
        (made["photo-staff"], "events:photo", "eventphoto"),
    ):
        response = client.get(reverse(f"admin:events_{admin_name}_change", args=[obj.pk]))
        assert response.status_code == 200
        assert f'href="{reverse(view, args=[obj.pk])}"' in response.text
        assert "/media/" not in response.text
        assert client.get(reverse(f"admin:events_{admin_name}_add")).status_code == 403
