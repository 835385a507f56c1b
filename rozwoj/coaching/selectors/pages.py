"""Reads for the pages and the API, each in a fixed number of queries."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Avg,
    Case,
    Count,
    DecimalField,
    F,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from rozwoj.experts.models import ExpertProfile
from rozwoj.people.models import Person

from ..models import (
    Agreement,
    GoalProgress,
    LogExport,
    PilotGroup,
    PilotGroupMember,
    PracticeKind,
    Session,
    SupervisionRecord,
    SupervisionRequirement,
    Technique,
)
from .access import AGREEMENT_RELATED, agreements_visible_to, coach_profile, techniques_visible_to

HOURS = DecimalField(max_digits=12, decimal_places=2)


def _hours(minutes) -> Decimal:
    return (Decimal(minutes or 0) / 60).quantize(Decimal("0.01"))


def agreements_for_list(user):
    return (
        agreements_visible_to(user)
        .select_related("coach__person", "coachee", "pilot_group")
        .annotate(sessions_held=Count("sessions"))
        .order_by("-start_date", "-id")
    )


def agreement_sessions(agreement: Agreement):
    """The agreement's sessions with their techniques and the ratings of each goal (three queries)."""
    return list(
        agreement.sessions.prefetch_related(
            Prefetch("techniques", queryset=Technique.objects.only("id", "name").order_by("name")),
            Prefetch(
                "progress", queryset=GoalProgress.objects.select_related("goal").order_by("goal__order")
            ),
        ).order_by("held_on", "id")
    )


def agreement_goals(agreement: Agreement):
    return list(agreement.goals.all())


def coachee_choices(user):
    """People a coach may record an agreement with: members of the pilot groups they coach (coordinators:
    members of every pilot group)."""
    people = Person.objects.filter(pilot_group_memberships__isnull=False)
    if not user.is_coordinator:
        profile = coach_profile(user)
        people = people.filter(pilot_group_memberships__group__coaches=profile) if profile else people.none()
    return Person.objects.filter(pk__in=people.values("pk")).order_by("sort_key", "id")


def coach_choices():
    return (
        ExpertProfile.objects.filter(is_active=True, specialisations__specialisation="coach")
        .select_related("person")
        .order_by("person__sort_key", "id")
    )


def pilot_group_choices(user):
    groups = PilotGroup.objects.select_related("programme")
    if not user.is_coordinator:
        profile = coach_profile(user)
        groups = groups.filter(coaches=profile) if profile else groups.none()
    return groups.order_by("country", "name")


# --- the coach's log -----------------------------------------------------------------------------------------


def _paid(kind):
    return Sum(Case(When(agreement__kind=kind, then=F("duration_minutes")), default=0))


def coach_log_rows(profile: ExpertProfile):
    """One row per coachee and group size (1: individual sessions), with the first and last dates and the
    minutes paid and pro bono — the shape of the ICF credential application's log."""
    return (
        Session.objects.filter(agreement__coach=profile)
        .values(
            "agreement__coachee_id",
            "agreement__coachee__first_name",
            "agreement__coachee__last_name",
            "agreement__coachee__email",
            "agreement__coachee__sort_key",
            "group_size",
        )
        .annotate(
            start=Min("held_on"),
            end=Max("held_on"),
            sessions=Count("id"),
            paid_minutes=_paid(PracticeKind.PAID),
            pro_bono_minutes=_paid(PracticeKind.PRO_BONO),
        )
        .order_by("agreement__coachee__sort_key", "agreement__coachee_id", "group_size")
    )


def log_header() -> list[str]:
    """The columns of the ICF credential application's client log."""
    return [
        _("Client"),
        _("E-mail"),
        _("Individual or group"),
        _("Number in group"),
        _("Start date"),
        _("End date"),
        _("Sessions"),
        _("Paid hours"),
        _("Pro bono hours"),
    ]


def log_cells(profile: ExpertProfile):
    """The rows of the whole log for an export, read in chunks."""
    for values in coach_log_rows(profile).iterator(chunk_size=1000):
        row = log_row(values)
        yield [
            row.client,
            row.email,
            _("group") if row.is_group else _("individual"),
            row.group_size,
            row.start,
            row.end,
            row.sessions,
            row.paid_hours,
            row.pro_bono_hours,
        ]


def log_rows_count(profile: ExpertProfile) -> int:
    return coach_log_rows(profile).count()


def prepared_log_exports(profile: ExpertProfile, limit: int = 5) -> list:
    """The coach's latest prepared exports of their log (newest first)."""
    return list(LogExport.objects.filter(coach=profile).order_by("-created_at", "-pk")[:limit])


@dataclass
class LogRow:
    client: str
    email: str
    group_size: int
    start: datetime.date
    end: datetime.date
    sessions: int
    paid_hours: Decimal
    pro_bono_hours: Decimal

    @property
    def is_group(self) -> bool:
        return self.group_size > 1


def log_row(values: dict) -> LogRow:
    return LogRow(
        client=f"{values['agreement__coachee__first_name']} {values['agreement__coachee__last_name']}",
        email=values["agreement__coachee__email"],
        group_size=values["group_size"],
        start=values["start"],
        end=values["end"],
        sessions=values["sessions"],
        paid_hours=_hours(values["paid_minutes"]),
        pro_bono_hours=_hours(values["pro_bono_minutes"]),
    )


@dataclass
class LogTotals:
    coachees: int
    sessions: int
    paid_hours: Decimal
    pro_bono_hours: Decimal
    group_hours: Decimal

    @property
    def hours(self) -> Decimal:
        return self.paid_hours + self.pro_bono_hours


def coach_log_totals(profile: ExpertProfile) -> LogTotals:
    totals = Session.objects.filter(agreement__coach=profile).aggregate(
        coachees=Count("agreement__coachee", distinct=True),
        sessions=Count("id"),
        paid=Coalesce(_paid(PracticeKind.PAID), 0),
        pro_bono=Coalesce(_paid(PracticeKind.PRO_BONO), 0),
        group=Coalesce(Sum("duration_minutes", filter=Q(group_size__gt=1)), 0),
    )
    return LogTotals(
        coachees=totals["coachees"],
        sessions=totals["sessions"],
        paid_hours=_hours(totals["paid"]),
        pro_bono_hours=_hours(totals["pro_bono"]),
        group_hours=_hours(totals["group"]),
    )


@dataclass
class SupervisionStatus:
    requirement: SupervisionRequirement
    year: int
    hours_this_year: Decimal
    hours_total: Decimal
    hours_needed_for_practice: Decimal
    records: list

    @property
    def yearly_met(self) -> bool:
        return self.hours_this_year >= self.requirement.hours_per_year

    @property
    def practice_met(self) -> bool:
        return self.hours_total >= self.hours_needed_for_practice


def supervision_status(profile: ExpertProfile, practice_hours: Decimal, requirement) -> SupervisionStatus:
    year = timezone.localdate().year
    sums = SupervisionRecord.objects.filter(coach=profile).aggregate(
        total=Coalesce(Sum("hours"), Decimal(0), output_field=HOURS),
        year=Coalesce(Sum("hours", filter=Q(held_on__year=year)), Decimal(0), output_field=HOURS),
    )
    needed = (practice_hours / requirement.practice_hours_per_supervision_hour).quantize(Decimal("0.01"))
    return SupervisionStatus(
        requirement=requirement,
        year=year,
        hours_this_year=sums["year"],
        hours_total=sums["total"],
        hours_needed_for_practice=needed,
        records=list(SupervisionRecord.objects.filter(coach=profile)[:20]),
    )


# --- techniques ----------------------------------------------------------------------------------------------


def techniques_for_list(user, *, language: str = ""):
    techniques = techniques_visible_to(user).annotate(uses=Count("sessions", distinct=True))
    if language:
        techniques = techniques.filter(language=language)
    return techniques.order_by("name", "id")


def technique_details(technique: Technique, user):
    """Its language versions the caller sees and how often it was used in sessions."""
    root = technique.original or technique
    versions = list(
        techniques_visible_to(user)
        .filter(Q(pk=root.pk) | Q(original=root))
        .exclude(pk=technique.pk)
        .order_by("language")
    )
    uses = Session.techniques.through.objects.filter(technique=technique).count()
    return versions, uses


def technique_original_choices():
    return Technique.objects.filter(original__isnull=True).order_by("name", "id")


# --- pilot groups --------------------------------------------------------------------------------------------


def _scalar(queryset, expression):
    return Subquery(queryset.order_by().values(key=Value(1)).annotate(result=expression).values("result")[:1])


def pilot_groups_for_list(queryset):
    """Groups with their member and session counts (subqueries: a join of members and sessions would multiply)."""
    members = PilotGroupMember.objects.filter(group=OuterRef("pk"))
    sessions = Session.objects.filter(agreement__pilot_group=OuterRef("pk"))
    return (
        queryset.select_related("programme", "partner")
        .annotate(
            member_count=Coalesce(_scalar(members, Count("id")), 0),
            session_count=Coalesce(_scalar(sessions, Count("id")), 0),
        )
        .order_by("programme__name", "country", "name", "id")
    )


@dataclass
class GroupFigures:
    members: int
    agreements: int
    sessions_planned: int
    sessions_held: int
    hours: Decimal
    average_progress: Decimal | None
    techniques: list


def pilot_group_figures(group: PilotGroup, members: int) -> GroupFigures:
    """The group's figures in two queries: the sums (one query of subqueries) and the techniques used most."""
    agreements = Agreement.objects.filter(pilot_group=OuterRef("pk"))
    sessions = Session.objects.filter(agreement__pilot_group=OuterRef("pk"))
    ratings = GoalProgress.objects.filter(session__agreement__pilot_group=OuterRef("pk"))
    sums = (
        PilotGroup.objects.filter(pk=group.pk)
        .annotate(
            agreement_count=Coalesce(_scalar(agreements, Count("id")), 0),
            planned=Coalesce(_scalar(agreements, Sum("sessions_planned")), 0),
            held=Coalesce(_scalar(sessions, Count("id")), 0),
            minutes=Coalesce(_scalar(sessions, Sum("duration_minutes")), 0),
            average=_scalar(ratings, Avg("rating")),
        )
        .values("agreement_count", "planned", "held", "minutes", "average")
        .get()
    )
    techniques = list(
        Technique.objects.filter(sessions__agreement__pilot_group=group)
        .annotate(uses=Count("sessions"))
        .order_by("-uses", "name")[:10]
    )
    average = sums["average"]
    return GroupFigures(
        members=members,
        agreements=sums["agreement_count"],
        sessions_planned=sums["planned"],
        sessions_held=sums["held"],
        hours=_hours(sums["minutes"]),
        average_progress=Decimal(average).quantize(Decimal("0.1")) if average is not None else None,
        techniques=techniques,
    )


def pilot_group_members(group: PilotGroup):
    return list(
        PilotGroupMember.objects.filter(group=group)
        .select_related("person")
        .order_by("person__sort_key", "id")
    )


def pilot_group_coaches(group: PilotGroup):
    return list(group.coaches.select_related("person").order_by("person__sort_key"))


def pilot_group_recent_sessions(group: PilotGroup, limit: int = 20):
    """The latest sessions of the group's agreements: date, coach, duration, mode (no coachee, no notes: partner
    members read this page too)."""
    return list(
        Session.objects.filter(agreement__pilot_group=group)
        .select_related("agreement__coach__person")
        .order_by("-held_on", "-id")[:limit]
    )


def people_not_in_group(group: PilotGroup, query: str = ""):
    people = Person.objects.exclude(pilot_group_memberships__group=group)
    return people.order_by("sort_key", "id")


def api_sessions(agreement: Agreement):
    return agreement.sessions.prefetch_related("techniques", "progress").order_by("held_on", "id")


def api_session(pk: int) -> Session:
    """A session just written, with what its API answer shows."""
    return Session.objects.prefetch_related("techniques", "progress").get(pk=pk)


def api_agreements(user):
    return (
        agreements_visible_to(user)
        .select_related(*AGREEMENT_RELATED)
        .prefetch_related("goals")
        .order_by("-start_date", "-id")
    )
