"""Attendance marking, the attendance list PDF, certificates and their public verification."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from rozwoj.accounts.permissions import login_required
from rozwoj.core.files import file_response
from rozwoj.core.pagination import paginate
from rozwoj.core.user_input import is_key

from .. import pdf
from ..forms.attendance import CertificateIssueForm, VerifyForm
from ..models import AttendanceStatus, Registration, Session
from ..selectors import (
    access_attendance_list,
    access_certificate,
    access_event,
    access_participant,
    access_session,
)
from ..selectors import attendance as attendance_selectors
from ..selectors.certificates import find_certificate
from ..selectors.registrations import (
    REGISTRATIONS_BY_NAME,
    confirmed_registrations,
    participants_with_marks,
    participants_with_organisations,
)
from ..services import attendance as attendance_services
from ..services import attendance_lists
from ..services import certificates as certificate_services

ATTENDANCE_PAGE_SIZE = 100


def _managed_session(request, pk: int) -> Session:
    """The session, if the user may see its event (else 404) and manage it (else 403)."""
    return access_session(request.user, pk, manage=True)


def _row(registration, status, **extra) -> dict:
    return {
        "registration": registration,
        "organisation": pdf.organisation_names(registration.person),
        "status": status,
        **extra,
    }


def _marks_from_post(post) -> dict[int, str]:
    marks = {}
    for key, value in post.items():
        prefix, _sep, number = key.partition("-")
        if prefix == "status" and is_key(number) and value:
            marks[int(number)] = value
    return marks


@login_required
def attendance(request, pk: int):
    session = _managed_session(request, pk)
    if request.method == "POST":
        try:
            saved = attendance_services.attendance_mark_many(
                actor=request.user, session=session, marks=_marks_from_post(request.POST)
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                ngettext("%(count)d mark was saved.", "%(count)d marks were saved.", saved)
                % {"count": saved},
            )
        return redirect(request.get_full_path())
    page_obj = paginate(request, participants_with_marks(session), per_page=ATTENDANCE_PAGE_SIZE)
    rows = [_row(registration, registration.mark) for registration in page_obj]
    return render(
        request,
        "events/attendance/marking.html",
        {
            "session": session,
            "event": session.event,
            "sessions": list(session.event.sessions.only("pk", "order", "title", "starts_at", "event_id")),
            "rows": rows,
            "page_obj": page_obj,
            "statuses": AttendanceStatus.choices,
            "list_inline": attendance_lists.prints_at_once(page_obj.paginator.count),
            "prepared_lists": session.attendance_list_files.all()[:5],
            "started": attendance_services.has_started(session),
        },
    )


@login_required
@require_POST
def attendance_mark(request, pk: int, registration_pk: int):
    session = _managed_session(request, pk)
    registration = access_participant(session.event_id, registration_pk)
    status = request.POST.get(f"status-{registration.pk}") or request.POST.get("status") or ""
    error = None
    try:
        attendance_services.attendance_mark(
            actor=request.user, session=session, registration=registration, status=status
        )
    except ValidationError as exc:
        error = " ".join(exc.messages)
    if not request.htmx:
        if error:
            messages.error(request, error)
        else:
            messages.success(
                request, _("Attendance of %(name)s was saved.") % {"name": registration.person.full_name}
            )
        return redirect("events:attendance", pk=session.pk)
    registration = (
        participants_with_organisations(session.event_id).filter(pk=registration.pk).first() or registration
    )
    current = attendance_selectors.attendance_for_session(session, [registration.pk]).get(registration.pk)
    return render(
        request,
        "events/attendance/_row_response.html",
        {
            "session": session,
            "row": _row(registration, current, error=error, saved=not error),
            "statuses": AttendanceStatus.choices,
        },
    )


@login_required
@require_POST
def attendance_mark_all(request, pk: int):
    session = _managed_session(request, pk)
    try:
        count = attendance_services.attendance_mark_all_present(actor=request.user, session=session)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("events:attendance", pk=session.pk)
    messages.success(
        request,
        ngettext(
            "%(count)d participant was marked present.", "%(count)d participants were marked present.", count
        )
        % {"count": count},
    )
    return redirect("events:attendance", pk=session.pk)


@login_required
def attendance_pdf(request, pk: int):
    session = _managed_session(request, pk)
    rows = attendance_lists.attendance_list_rows(session)
    if not attendance_lists.prints_at_once(rows):
        messages.info(
            request,
            ngettext(
                "The list of %(count)s participant takes too long to print at once: "
                "press “Prepare the attendance list” and you will be told when it is ready.",
                "The list of %(count)s participants takes too long to print at once: "
                "press “Prepare the attendance list” and you will be told when it is ready.",
                rows,
            )
            % {"count": number_format(rows, force_grouping=True)},
        )
        return redirect("events:attendance", pk=session.pk)
    response = HttpResponse(pdf.attendance_list_pdf(session), content_type="application/pdf")
    filename = attendance_lists.attendance_list_filename(session)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@login_required
@require_POST
def attendance_list_prepare(request, pk: int):
    session = _managed_session(request, pk)
    attendance_lists.attendance_list_request(actor=request.user, session=session)
    messages.success(
        request,
        _(
            "The attendance list is being prepared. You will find it below and in your notifications "
            "(and receive an e-mail) when it is ready."
        ),
    )
    return redirect("events:attendance", pk=session.pk)


@login_required
def attendance_list_file(request, pk: int):
    document = access_attendance_list(request.user, pk)
    session = document.session
    if document.ready_at is None or not document.file:
        messages.info(request, _("This attendance list is still being prepared."))
        return redirect("events:attendance", pk=session.pk)
    return file_response(
        document.file,
        filename=attendance_lists.attendance_list_filename(session),
        content_type="application/pdf",
        inline=True,
    )


@login_required
def certificates(request, pk: int):
    event = access_event(request.user, pk, manage=True, related=("programme", "organiser", "kind"))
    if request.method == "POST":
        form = CertificateIssueForm(request.POST)
        registration_id = request.POST.get("registration", "")
        try:
            if registration_id:
                if not is_key(registration_id):
                    raise Http404
                registration = access_participant(
                    event.pk, int(registration_id), related=("person__user", "event")
                )
                language = form.cleaned_data["language"] if form.is_valid() else None
                certificate = certificate_services.certificate_issue(
                    actor=request.user, registration=registration, language=language or None
                )
                messages.success(
                    request,
                    _("Certificate %(code)s was issued to %(name)s.")
                    % {"code": certificate.code, "name": registration.person.full_name},
                )
            else:
                issued = certificate_services.certificates_issue_all(actor=request.user, event=event)
                messages.success(
                    request,
                    ngettext(
                        "%(count)d certificate was issued.",
                        "%(count)d certificates were issued.",
                        len(issued),
                    )
                    % {"count": len(issued)},
                )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        return redirect(request.get_full_path())
    total = attendance_selectors.total_hours(event)
    registrations = attendance_selectors.with_hours_attended(confirmed_registrations(event)).select_related(
        "person", "certificate", "event"
    )
    page_obj = paginate(request, registrations.order_by(*REGISTRATIONS_BY_NAME), per_page=100)
    rows = [
        {
            "registration": r,
            "completion": attendance_selectors.completion_of(r, total),
            "certificate": _certificate_of(r),
        }
        for r in page_obj
    ]
    return render(
        request,
        "events/certificates/list.html",
        {
            "event": event,
            "rows": rows,
            "page_obj": page_obj,
            "total_hours": total,
            "issue_form": CertificateIssueForm(),
        },
    )


def _certificate_of(registration):
    try:
        return registration.certificate
    except Registration.certificate.RelatedObjectDoesNotExist:
        return None


@login_required
def certificate_pdf(request, pk: int):
    certificate = access_certificate(request.user, pk)
    response = HttpResponse(pdf.certificate_pdf(certificate, request), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.code}.pdf"'
    return response


def verify(request):
    """Public: given a certificate code, show only the name, the event, its dates and the hours."""
    data = request.GET if "code" in request.GET else None
    form = VerifyForm(data)
    checked = False
    certificate = None
    dates = None
    if form.is_valid():
        checked = True
        certificate = find_certificate(form.cleaned_data["code"])
        if certificate is not None:
            dates = pdf.certificate_context(certificate)
    return render(
        request,
        "events/certificates/verify.html",
        {"form": form, "checked": checked, "certificate": certificate, "dates": dates},
    )


urlpatterns = [
    path("sessions/<int:pk>/attendance/", attendance, name="attendance"),
    path("sessions/<int:pk>/attendance/all-present/", attendance_mark_all, name="attendance_mark_all"),
    path("sessions/<int:pk>/attendance/<int:registration_pk>/", attendance_mark, name="attendance_mark"),
    path("sessions/<int:pk>/attendance.pdf", attendance_pdf, name="attendance_pdf"),
    path(
        "sessions/<int:pk>/attendance-list/prepare/", attendance_list_prepare, name="attendance_list_prepare"
    ),
    path("attendance-lists/<int:pk>.pdf", attendance_list_file, name="attendance_list_file"),
    path("<int:pk>/certificates/", certificates, name="certificates"),
    path("registrations/<int:pk>/certificate.pdf", certificate_pdf, name="certificate_pdf"),
    path("certificates/verify/", verify, name="verify"),
]
