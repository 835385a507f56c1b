"""The private-notes promise at every exit: only the agreement's coach ever reads a session's private notes —
not the coachee, coordinators, administrators, the API, the log export, the Django admin or the database."""

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from openpyxl import load_workbook

from rozwoj.accounts.models import Role
from rozwoj.coaching import crypto
from rozwoj.coaching.models import LogExport, Session
from rozwoj.coaching.services import rotate_notes_keys, session_create, session_private_notes
from rozwoj.people.tests.factories import person_with_login

from .factories import AgreementFactory, make_coach

SECRET = "Niejawne: coachee rozważa odejście z urzędu"
SHARED = "Wspólne: rozmowa z zespołem w przyszłym tygodniu"


@pytest.fixture
def recorded(db):
    coach = make_coach()
    coachee = person_with_login(None)
    agreement = AgreementFactory(coach=coach, coachee=coachee)
    session = session_create(
        actor=coach.person.user,
        agreement=agreement,
        data={
            "held_on": agreement.start_date,
            "duration_minutes": 60,
            "mode": "online",
            "shared_notes": SHARED,
        },
        private_notes=SECRET,
    )
    admin = person_with_login(Role.ADMINISTRATOR).user
    admin.is_staff = admin.is_superuser = True
    admin.save()
    return {
        "coach": coach.person.user,
        "coachee": coachee.user,
        "coordinator": person_with_login(Role.COORDINATOR).user,
        "administrator": admin,
        "other_coach": make_coach().person.user,
        "agreement": agreement,
        "session": session,
    }


def test_the_coach_reads_the_private_notes_on_the_session_page(client, recorded):
    client.force_login(recorded["coach"])
    body = client.get(reverse("coaching:session", args=[recorded["session"].pk])).content.decode()
    assert SECRET in body
    assert SHARED in body
    edit = client.get(reverse("coaching:session_edit", args=[recorded["session"].pk])).content.decode()
    assert SECRET in edit


@pytest.mark.parametrize("reader", ["coachee", "coordinator", "administrator"])
def test_nobody_else_reads_them_on_any_page(client, recorded, reader):
    client.force_login(recorded[reader])
    session, agreement = recorded["session"], recorded["agreement"]
    urls = [
        reverse("coaching:session", args=[session.pk]),
        reverse("coaching:agreement", args=[agreement.pk]),
        reverse("coaching:home"),
        reverse("coaching:session_edit", args=[session.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert SECRET not in response.content.decode(), url
    # The coachee reads the shared notes.
    if reader == "coachee":
        assert SHARED in client.get(urls[0]).content.decode()
    assert client.get(urls[3]).status_code == 403


def test_another_coach_does_not_even_see_the_session(client, recorded):
    client.force_login(recorded["other_coach"])
    assert client.get(reverse("coaching:session", args=[recorded["session"].pk])).status_code == 404


def test_the_service_refuses_everybody_but_the_coach(recorded):
    session = Session.objects.select_related("agreement").get(pk=recorded["session"].pk)
    assert session_private_notes(actor=recorded["coach"], session=session) == SECRET
    for reader in ("coachee", "coordinator", "administrator", "other_coach"):
        with pytest.raises(PermissionDenied):
            session_private_notes(actor=recorded[reader], session=session)


@pytest.mark.parametrize("reader", ["coach", "coachee", "coordinator", "administrator"])
def test_the_api_never_answers_with_them(client, recorded, reader):
    client.force_login(recorded[reader])
    agreement = recorded["agreement"]
    response = client.get(f"/api/v1/coaching/agreements/{agreement.pk}/sessions")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Wsp" in body  # the shared notes are there ...
    assert "Niejawne" not in body
    assert "private" not in body
    assert recorded["session"].private_notes_token not in body
    schema = client.get("/api/v1/openapi.json").content.decode()
    assert "private_notes" not in schema


def test_the_log_exports_leave_them_out(client, recorded, django_capture_on_commit_callbacks):
    client.force_login(recorded["coach"])
    response = client.get(reverse("coaching:log_export", args=["csv"]))
    assert response.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("coaching:log_export_request"))
    export = LogExport.objects.get()
    download = client.get(reverse("coaching:log_export_file", args=[export.pk]))
    assert download.status_code == 200
    csv = b"".join(response.streaming_content) if response.streaming else response.content
    for content in (csv, b"".join(download.streaming_content)):
        cells = (
            str(list(load_workbook(io.BytesIO(content)).active.values)) if content[:2] == b"PK" else content
        )
        assert SECRET not in str(cells)
        assert SHARED not in str(cells)


def test_the_django_admin_does_not_show_them(client, recorded):
    client.force_login(recorded["administrator"])
    session = recorded["session"]
    for url in (
        reverse("admin:coaching_session_change", args=[session.pk]),
        reverse("admin:coaching_session_changelist"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert SECRET not in body
        assert session.private_notes_token not in body


def test_the_database_column_holds_a_token_not_the_text(recorded):
    with connection.cursor() as cursor:
        cursor.execute("SELECT private_notes_token, shared_notes FROM coaching_session")
        (token, shared), *_ = cursor.fetchall()
    assert SECRET not in token
    assert "Niejawne" not in token
    assert token.startswith("gAAAA")  # a Fernet token
    assert shared == SHARED  # shared notes are plain, as the coachee reads them


def test_a_new_key_reads_old_notes_and_rotation_reencrypts_them(recorded, settings):
    old = list(settings.ROZWOJ_COACHING_NOTES_KEYS)
    new_key = crypto.generate_key()
    session = recorded["session"]
    with override_settings(ROZWOJ_COACHING_NOTES_KEYS=[new_key, *old]):
        assert rotate_notes_keys() == 1
        session.refresh_from_db()
        assert session_private_notes(actor=recorded["coach"], session=session) == SECRET
    with override_settings(ROZWOJ_COACHING_NOTES_KEYS=[new_key]):
        # Once rotated, the old key can be dropped.
        assert session_private_notes(actor=recorded["coach"], session=session) == SECRET
    with override_settings(ROZWOJ_COACHING_NOTES_KEYS=old), pytest.raises(crypto.NotesKeyError):
        session_private_notes(actor=recorded["coach"], session=session)


def test_a_server_without_a_key_fails_its_system_check(settings):
    from rozwoj.coaching.checks import notes_keys_configured

    settings.ROZWOJ_COACHING_NOTES_KEYS = []
    (error,) = notes_keys_configured()
    assert error.id == "coaching.E001"
    assert "COACHING_NOTES_KEYS" in error.msg
    settings.ROZWOJ_COACHING_NOTES_KEYS = ["not-a-key"]
    (error,) = notes_keys_configured()
    assert "not a Fernet key" in error.msg
    settings.ROZWOJ_COACHING_NOTES_KEYS = [crypto.generate_key()]
    assert notes_keys_configured() == []
