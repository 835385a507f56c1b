import re
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation
from django.utils.translation import gettext

from rozwoj.core.testing import pdf_text
from rozwoj.events import pdf
from rozwoj.events.models import AttendanceStatus, Certificate, RegistrationStatus
from rozwoj.events.selectors.certificates import find_certificate, normalise_code
from rozwoj.events.services import attendance as attendance_services
from rozwoj.events.services import certificates as services
from rozwoj.organisations.tests.factories import OrganisationFactory

from .factories import (
    RegistrationFactory,
    coordinator,
    member_of,
    participant,
    programme_event_with_sessions,
    trainer_of,
)

pytestmark = pytest.mark.django_db

CODE_RE = re.compile(r"^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$")


def in_language(language: str, text: str) -> str:
    """The translation of `text` (the catalogue is merged by the lead; before that, the English source)."""
    with translation.override(language):
        return gettext(text)


def attended(event, sessions, registration, count=None):
    actor = coordinator()
    for session in sessions[:count]:
        attendance_services.attendance_mark(
            actor=actor, session=session, registration=registration, status=AttendanceStatus.PRESENT_ON_SITE
        )
    return registration


def test_code_format_and_normalisation():
    for _i in range(50):
        assert CODE_RE.match(services.generate_code())
    assert normalise_code(" abcd efgh-jkmn ") == "ABCD-EFGH-JKMN"
    assert normalise_code("ABCD-EFGH-JKM0") is None  # 0 is not in the alphabet
    assert normalise_code("ABCD") is None
    assert normalise_code("") is None
    assert normalise_code(None) is None


def test_certificate_issued_when_completed():
    event, sessions = programme_event_with_sessions()
    registration = attended(event, sessions, participant(event))
    certificate = services.certificate_issue(actor=coordinator(), registration=registration)
    assert CODE_RE.match(certificate.code)
    assert certificate.hours == Decimal("10")
    assert certificate.language == "pl"
    # Issuing again gives the same certificate.
    assert services.certificate_issue(actor=coordinator(), registration=registration) == certificate
    assert Certificate.objects.count() == 1


def test_certificate_refused_below_threshold_with_a_clear_message():
    event, sessions = programme_event_with_sessions()  # 6 + 4 hours
    registration = attended(
        event, sessions, participant(event, first_name="Anna", last_name="Nowak"), count=1
    )
    with pytest.raises(ValidationError) as error:
        services.certificate_issue(actor=coordinator(), registration=registration)
    message = " ".join(error.value.messages)
    assert "Anna Nowak" in message
    assert "60" in message
    assert "80" in message
    assert not Certificate.objects.exists()


def test_certificate_refused_for_registrations_that_are_not_confirmed():
    event, sessions = programme_event_with_sessions()
    registration = attended(event, sessions, participant(event))
    registration.status = RegistrationStatus.CANCELLED
    registration.save()
    with pytest.raises(ValidationError):
        services.certificate_issue(actor=coordinator(), registration=registration)
    assert not Certificate.objects.exists()


def test_only_managers_issue_certificates():
    event, sessions = programme_event_with_sessions()
    registration = attended(event, sessions, participant(event))
    with pytest.raises(PermissionDenied):
        services.certificate_issue(actor=registration.person.user, registration=registration)
    with pytest.raises(PermissionDenied):
        services.certificates_issue_all(actor=registration.person.user, event=event)
    assert services.certificate_issue(actor=trainer_of(event), registration=registration)


def test_language_from_the_login_or_chosen():
    event, sessions = programme_event_with_sessions()
    english = attended(event, sessions, participant(event, language="en"))
    polish = attended(event, sessions, participant(event))
    chosen = attended(event, sessions, participant(event, language="en"))
    actor = coordinator()
    assert services.certificate_issue(actor=actor, registration=english).language == "en"
    assert services.certificate_issue(actor=actor, registration=polish).language == "pl"
    assert services.certificate_issue(actor=actor, registration=chosen, language="pl").language == "pl"
    other = attended(event, sessions, participant(event))
    with pytest.raises(ValidationError) as error:
        services.certificate_issue(actor=actor, registration=other, language="de")
    assert "language" in error.value.message_dict


def test_code_collision_draws_another_code(monkeypatch):
    event, sessions = programme_event_with_sessions()
    first = attended(event, sessions, participant(event))
    second = attended(event, sessions, participant(event))
    codes = iter(["AAAA-BBBB-CCCC", "AAAA-BBBB-CCCC", "DDDD-EEEE-FFFF"])
    monkeypatch.setattr(services, "generate_code", lambda: next(codes))
    actor = coordinator()
    assert services.certificate_issue(actor=actor, registration=first).code == "AAAA-BBBB-CCCC"
    assert services.certificate_issue(actor=actor, registration=second).code == "DDDD-EEEE-FFFF"


def test_issue_all_only_for_those_who_completed():
    event, sessions = programme_event_with_sessions()
    done = [attended(event, sessions, participant(event)) for _i in range(3)]
    attended(event, sessions, participant(event), count=1)  # 60%
    RegistrationFactory(event=event, status=RegistrationStatus.WAITING)
    issued = services.certificates_issue_all(actor=coordinator(), event=event)
    assert {c.registration_id for c in issued} == {r.pk for r in done}
    assert len({c.code for c in issued}) == 3
    assert services.certificates_issue_all(actor=coordinator(), event=event) == []  # nothing new


def test_find_certificate_by_code_in_any_spelling():
    event, sessions = programme_event_with_sessions()
    certificate = services.certificate_issue(
        actor=coordinator(), registration=attended(event, sessions, participant(event))
    )
    assert find_certificate(certificate.code.lower().replace("-", " ")) == certificate
    assert find_certificate("ZZZZ-ZZZZ-ZZZZ") is None
    assert find_certificate("<script>") is None


def test_certificate_pdf_contains_name_hours_and_code_in_polish_and_english(rf):
    event, sessions = programme_event_with_sessions(title="Zarządzanie zmianą w samorządzie")
    polish = attended(event, sessions, participant(event, first_name="Łukasz", last_name="Żółkiewski"))
    english = attended(
        event, sessions, participant(event, language="en", first_name="Anna", last_name="Kowalska")
    )
    actor = coordinator()
    request = rf.get("/")
    text = pdf_text(
        pdf.certificate_pdf(services.certificate_issue(actor=actor, registration=polish), request)
    )
    certificate = polish.certificate
    assert "Łukasz Żółkiewski" in text
    assert certificate.code in text
    assert in_language("pl", "Certificate") in text
    assert in_language("pl", "Hours attended: %(hours)s") % {"hours": "10"} in text
    assert "Zarządzanie zmianą w samorządzie" in text
    assert "/events/certificates/verify/?code=" in text.replace("\n", "")
    text = pdf_text(
        pdf.certificate_pdf(services.certificate_issue(actor=actor, registration=english), request)
    )
    assert "Certificate" in text
    assert "Hours attended: 10" in text
    assert "Anna Kowalska" in text


def test_attendance_list_pdf_has_programme_funding_and_participants():
    event, sessions = programme_event_with_sessions(title="Szkolenie dla urzędników")
    office = OrganisationFactory(name="Urząd Gminy Żółkiewka")
    registration = participant(event, first_name="Grzegorz", last_name="Brzęczyszczykiewicz")
    member_of(registration.person, office)
    participant(event, first_name="Zofia", last_name="Ślęzak")
    RegistrationFactory(event=event, status=RegistrationStatus.WAITING, person__last_name="Oczekujący")
    text = pdf_text(pdf.attendance_list_pdf(sessions[0]))
    assert event.programme.name in text
    assert "Program Operacyjny Wiedza Edukacja Rozwój" in text
    funding = in_language("pl", "Project co-financed by the European Union under %(funding)s, %(action)s")
    assert funding.split("%(funding)s")[0].strip() in text
    assert "Grzegorz Brzęczyszczykiewicz" in text
    assert "Zofia Ślęzak" in text
    assert "Urząd Gminy Żółkiewka" in text
    assert "Oczekujący" not in text
    assert in_language("pl", "Attendance list") in text
    assert in_language("pl", "Signature") in text
