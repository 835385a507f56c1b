"""PDF documents of the events app (WeasyPrint): the attendance list for signatures and certificates."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .models import Certificate, Session
from .selectors.events import event_dates
from .selectors.registrations import participants_with_organisations


def html_to_pdf(html: str, base_url: str | None = None) -> bytes:
    import weasyprint  # imported lazily: loading pango is slow and only PDFs need it

    return weasyprint.HTML(string=html, base_url=base_url or str(settings.BASE_DIR)).write_pdf()


def organisation_names(person) -> str:
    """Organisations of a person (from prefetched memberships)."""
    names = []
    for membership in person.memberships.all():
        if membership.end_date is None and str(membership.organisation) not in names:
            names.append(str(membership.organisation))
    return "; ".join(names)


def attendance_list_context(session: Session) -> dict:
    event = session.event
    rows = [
        {
            "number": number,
            "name": registration.person.full_name,
            "organisation": organisation_names(registration.person),
        }
        for number, registration in enumerate(participants_with_organisations(event.pk), start=1)
    ]
    return {"session": session, "event": event, "programme": event.programme, "rows": rows}


def render_attendance_list(context: dict) -> str:
    return render_to_string("events/attendance/list_pdf.html", context)


def attendance_list_html(session: Session) -> str:
    return render_attendance_list(attendance_list_context(session))


def attendance_list_pdf(session: Session) -> bytes:
    return html_to_pdf(attendance_list_html(session))


def verification_url(request, code: str | None = None) -> str:
    url = request.build_absolute_uri(reverse("events:verify")) if request else reverse("events:verify")
    return f"{url}?code={code}" if code else url


def certificate_context(certificate: Certificate, request=None) -> dict:
    registration = certificate.registration
    event = registration.event
    dates = event_dates(event)
    return {
        "certificate": certificate,
        "person": registration.person,
        "event": event,
        "programme": event.programme,
        "first": dates["first"],
        "last": dates["last"],
        "verify_url": verification_url(request, certificate.code),
        "verify_base_url": verification_url(request),
    }


def certificate_html(certificate: Certificate, request=None) -> str:
    with translation.override(certificate.language):
        return render_to_string(
            "events/certificates/certificate_pdf.html", certificate_context(certificate, request)
        )


def certificate_pdf(certificate: Certificate, request=None) -> bytes:
    return html_to_pdf(certificate_html(certificate, request))
