"""Who sees and who changes what in a partnership's workspace, and one access function per kind of object.

- Coordinators and administrators see every programme's workspace and manage periods, reports (comment, return,
  accept), syntheses, meeting costs and unit costs.
- A partner member sees the workspace of each programme one of their organisations takes part in
  (`partner_organisation_ids`): the periods, the synthesis, the meetings' cost tables, every report once it is
  submitted, and their own organisation's reports at any state. They write and submit only their own
  organisation's reports.
- Nobody else sees a workspace.
"""

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from rozwoj.accounts.models import Role
from rozwoj.programmes.models import Programme, ProgrammePartner
from rozwoj.programmes.selectors import partner_organisation_ids

from ..models import EDITABLE_STATUSES, MeetingCosting, PartnerReport, ReportPeriod, ReportStatus


def _get_or_404(queryset, pk):
    try:
        return queryset.get(pk=int(pk))
    except (ObjectDoesNotExist, ValueError, TypeError, OverflowError) as error:
        raise Http404 from error


def is_staff(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_coordinator)


def _member_organisation_ids(user) -> set[int]:
    """The organisations a partner member currently works for (remembered on the user for the request)."""
    if user is None or not user.is_authenticated or not user.has_role(Role.PARTNER_MEMBER):
        return set()
    if "_partnership_orgs" not in user.__dict__:
        import datetime

        person = getattr(user, "person", None)
        ids: set[int] = set()
        if person is not None:
            current = Q(end_date__isnull=True) | Q(end_date__gte=datetime.date.today())
            ids = set(person.memberships.filter(current).values_list("organisation_id", flat=True))
        user.__dict__["_partnership_orgs"] = ids
    return user.__dict__["_partnership_orgs"]


def programmes_with_workspace(user) -> QuerySet[Programme]:
    """The programmes whose partnership workspace the user sees: those with partners (coordinators), those one of
    the user's organisations takes part in (partner members)."""
    with_partners = Programme.objects.filter(
        pk__in=ProgrammePartner.objects.values("programme_id")
    ) | Programme.objects.filter(pk__in=ReportPeriod.objects.values("programme_id"))
    if is_staff(user):
        return with_partners.distinct()
    organisations = _member_organisation_ids(user)
    if not organisations:
        return Programme.objects.none()
    return Programme.objects.filter(
        Q(pk__in=ProgrammePartner.objects.filter(organisation_id__in=organisations).values("programme_id"))
        | Q(lead_institution_id__in=organisations)
    )


def access_workspace(user, pk) -> Programme:
    """The programme `pk` whose workspace the caller sees; 404 otherwise."""
    return _get_or_404(programmes_with_workspace(user).select_related("lead_institution"), pk)


def own_organisation_ids(user, programme: Programme) -> set[int]:
    """The organisations of `programme` whose reports the user writes (memoised per programme)."""
    cache = (
        user.__dict__.setdefault("_partnership_own", {}) if user is not None and user.is_authenticated else {}
    )
    if programme.pk not in cache:
        cache[programme.pk] = partner_organisation_ids(user, programme)
    return cache[programme.pk]


def periods_visible_to(user) -> QuerySet[ReportPeriod]:
    return ReportPeriod.objects.filter(programme__in=programmes_with_workspace(user))


def access_period(user, pk, *, manage: bool = False) -> ReportPeriod:
    period = _get_or_404(periods_visible_to(user).select_related("programme", "meeting"), pk)
    if manage and not is_staff(user):
        raise PermissionDenied
    return period


def reports_visible_to(user) -> QuerySet[PartnerReport]:
    reports = PartnerReport.objects.all()
    if is_staff(user):
        return reports
    organisations = _member_organisation_ids(user)
    if not organisations:
        return reports.none()
    return reports.filter(period__in=periods_visible_to(user)).filter(
        Q(organisation_id__in=organisations) | ~Q(status__in=EDITABLE_STATUSES)
    )


def can_write_report(user, report: PartnerReport) -> bool:
    """Only the report's own organisation writes it (a member acting for it in the programme)."""
    return report.organisation_id in own_organisation_ids(user, report.period.programme)


def can_review_report(user) -> bool:
    return is_staff(user)


def access_report(user, pk, *, manage: bool = False, review: bool = False) -> PartnerReport:
    """The report `pk`: 404 unless the caller sees it; with `manage`, 403 unless they write it (their own
    organisation's); with `review`, 403 unless they are a coordinator."""
    report = _get_or_404(reports_visible_to(user).select_related("period__programme", "organisation"), pk)
    if manage and not can_write_report(user, report):
        raise PermissionDenied
    if review and not can_review_report(user):
        raise PermissionDenied
    return report


def access_meeting(user, event_pk, *, manage: bool = False):
    """A transnational meeting of a programme whose workspace the caller sees."""
    from rozwoj.events.models import Event

    event = _get_or_404(
        Event.objects.filter(
            kind__code="transnational_meeting", programme__in=programmes_with_workspace(user)
        ).select_related("programme", "organiser"),
        event_pk,
    )
    if manage and not is_staff(user):
        raise PermissionDenied
    return event


def costing_for(event) -> MeetingCosting | None:
    return MeetingCosting.objects.filter(event=event).select_related("call").first()


SUBMITTED_STATUSES = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)
