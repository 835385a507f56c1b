"""Reads for the pages and the API, scoped to the caller, each in a fixed number of queries."""

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.utils import timezone

from rozwoj.core.audit import history_for
from rozwoj.events.models import Event
from rozwoj.experts.models import ExpertProfile

from ..models import (
    AdviserRole,
    Application,
    Call,
    Engagement,
    EngagementMember,
    EngagementStage,
    FollowUp,
    ProgrammeStage,
    SupportLogEntry,
)
from .access import engagements_visible_to


def calls_for(user) -> QuerySet[Call]:
    """Coordinators see every call with its counts; others the published ones."""
    calls = Call.objects.select_related("programme")
    if not (user.is_authenticated and user.is_coordinator):
        calls = calls.filter(is_published=True)
    return calls.annotate(
        application_count=Count("applications", distinct=True),
    ).order_by("-opens_on", "-id")


def open_calls(today=None) -> QuerySet[Call]:
    today = today or timezone.localdate()
    return Call.objects.filter(is_published=True, opens_on__lte=today, closes_on__gte=today).select_related(
        "programme"
    )


def applications_open(call: Call, today=None) -> bool:
    today = today or timezone.localdate()
    return call.is_published and call.opens_on <= today <= call.closes_on


def call_applications(call: Call, *, status: str = "") -> QuerySet[Application]:
    applications = call.applications.select_related("local_government", "preferred_area").annotate(
        member_count=Count("members")
    )
    if status:
        applications = applications.filter(status=status)
    return applications.order_by("created_at", "id")


def application_detail(application: Application) -> Application:
    return (
        Application.objects.prefetch_related("members")
        .select_related("call__programme", "local_government__voivodeship", "preferred_area")
        .get(pk=application.pk)
    )


def engagement_list(user, *, call_id: int | None = None) -> QuerySet[Engagement]:
    engagements = engagements_visible_to(user).select_related(
        "call", "local_government", "support_area", "ros_expert__person", "pro_expert__person"
    )
    if call_id:
        engagements = engagements.filter(call_id=call_id)
    return engagements.annotate(
        hours=Sum("log_entries__hours"),
        closed_stages=Count("stages", filter=Q(stages__status="closed"), distinct=True),
    ).order_by("local_government__name", "id")


def role_names(programme) -> tuple[str, str]:
    """The programme's names of the two adviser roles (its settings are loaded with the engagement)."""
    settings = getattr(programme, "advisory_settings", None)
    if settings is None:
        return str(AdviserRole.ROS.label), str(AdviserRole.PRO.label)
    return settings.role_name(AdviserRole.ROS), settings.role_name(AdviserRole.PRO)


def engagement_stages(engagement: Engagement) -> list[EngagementStage]:
    """The stages with the programme's names for them, in one query."""
    renamed = ProgrammeStage.objects.filter(
        programme_id=engagement.call.programme_id, kind=OuterRef("kind")
    ).exclude(name="")
    stages: list[EngagementStage] = list(
        engagement.stages.annotate(programme_name=Subquery(renamed.values("name")[:1])).order_by("kind")
    )
    for stage in stages:
        stage.display_name = getattr(stage, "programme_name", "") or stage.get_kind_display()
    return stages


def engagement_log(engagement: Engagement) -> QuerySet[SupportLogEntry]:
    return (
        engagement.log_entries.select_related("form", "event")
        .prefetch_related(
            Prefetch("experts", queryset=ExpertProfile.objects.select_related("person")),
            Prefetch("attendees", queryset=EngagementMember.objects.select_related("person")),
            Prefetch("follow_ups", queryset=FollowUp.objects.select_related("owner")),
        )
        .order_by("-date", "-id")
    )


def engagement_timeline(engagement: Engagement):
    return history_for(engagement)[:200]


def events_for_log(engagement: Engagement) -> QuerySet[Event]:
    """Events of the engagement's programme (the cycle's meetings), to link a log entry to."""
    return Event.objects.filter(programme_id=engagement.call.programme_id).order_by("-id")


def follow_up_owners(engagement: Engagement):
    from rozwoj.people.models import Person

    expert_people = [
        expert.person_id for expert in (engagement.ros_expert, engagement.pro_expert) if expert is not None
    ]
    return Person.objects.filter(
        Q(advisory_memberships__engagement=engagement) | Q(pk__in=expert_people)
    ).distinct()


def my_follow_ups(user) -> QuerySet[FollowUp]:
    return (
        FollowUp.objects.filter(owner__user=user, done_at__isnull=True)
        .select_related("entry__engagement__local_government")
        .order_by("due_on", "id")
    )


def diagnosis_summary(user, engagement: Engagement) -> dict:
    """The self-diagnosis questionnaire on the diagnosis stage: sent or not, invited, answered, and the link to
    its results for those who may read them (two queries when sent, none otherwise)."""
    from rozwoj.surveys.models import Invitation, Response
    from rozwoj.surveys.selectors.access import can_manage

    questionnaire = engagement.diagnosis_questionnaire
    if questionnaire is None:
        return {"sent": False}
    return {
        "sent": True,
        "questionnaire": questionnaire,
        "invited": Invitation.objects.filter(wave__questionnaire=questionnaire).count(),
        "answered": Response.objects.filter(questionnaire=questionnaire, submitted_at__isnull=False).count(),
        "can_read_results": can_manage(user, questionnaire),
    }
