"""Who sees and who works on what: coordinators everything; experts the engagements of their teams;
local-government members their own units' engagements (read only). One access function per kind."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from rozwoj.people.selectors import local_governments_of

from ..models import Application, Call, Engagement, EngagementStage, FollowUp, Priority, SupportLogEntry


def _authenticated(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False))


def engagements_visible_to(user) -> QuerySet[Engagement]:
    if not _authenticated(user):
        return Engagement.objects.none()
    if user.is_coordinator:
        return Engagement.objects.all()
    condition = Q(pk__in=[])
    if user.has_role("expert"):
        condition |= Q(ros_expert__person__user=user) | Q(pro_expert__person__user=user)
    if user.has_role("local_government_member"):
        condition |= Q(local_government__in=local_governments_of(user).values("pk"))
    return Engagement.objects.filter(condition)


def can_work_on(user, engagement: Engagement) -> bool:
    """Coordinators and the two advisers of the engagement's team record its work."""
    if not _authenticated(user):
        return False
    if user.is_coordinator:
        return True
    if not user.has_role("expert"):
        return False
    return any(
        expert is not None and expert.person.user_id == user.pk
        for expert in (engagement.ros_expert, engagement.pro_expert)
    )


def _visible_or_404(queryset, pk):
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


def access_engagement(user, pk: int, *, manage: bool = False) -> Engagement:
    engagement = _visible_or_404(
        engagements_visible_to(user).select_related(
            "call__programme__advisory_settings",
            "local_government",
            "support_area",
            "ros_expert__person",
            "pro_expert__person",
            "application",
            "diagnosis_questionnaire",
        ),
        pk,
    )
    if manage and not can_work_on(user, engagement):
        raise PermissionDenied
    return engagement


def access_call(user, pk: int, *, manage: bool = False) -> Call:
    """Published calls are public; drafts only for coordinators."""
    calls = Call.objects.select_related("programme")
    coordinator = _authenticated(user) and user.is_coordinator
    if not coordinator:
        calls = calls.filter(is_published=True)
    call = _visible_or_404(calls, pk)
    if manage and not coordinator:
        raise PermissionDenied
    return call


def access_application(user, pk: int, *, manage: bool = False) -> Application:
    """Applications are for coordinators (they review them)."""
    if not (_authenticated(user) and user.is_coordinator):
        raise Http404
    return _visible_or_404(
        Application.objects.select_related("call__programme", "local_government", "preferred_area"), pk
    )


def access_stage(user, pk: int, *, manage: bool = False) -> EngagementStage:
    stage = _visible_or_404(
        EngagementStage.objects.filter(engagement__in=engagements_visible_to(user)).select_related(
            "engagement__call"
        ),
        pk,
    )
    if manage and not can_work_on(user, stage.engagement):
        raise PermissionDenied
    return stage


def access_priority(user, pk: int, *, manage: bool = False) -> Priority:
    priority = _visible_or_404(
        Priority.objects.filter(engagement__in=engagements_visible_to(user)).select_related("engagement"), pk
    )
    if manage and not can_work_on(user, priority.engagement):
        raise PermissionDenied
    return priority


def access_log_entry(user, pk: int, *, manage: bool = False) -> SupportLogEntry:
    entry = _visible_or_404(
        SupportLogEntry.objects.filter(engagement__in=engagements_visible_to(user)).select_related(
            "engagement__call__programme",
            "engagement__local_government",
            "engagement__ros_expert__person",
            "engagement__pro_expert__person",
            "form",
            "event",
        ),
        pk,
    )
    if manage and not can_work_on(user, entry.engagement):
        raise PermissionDenied
    return entry


def access_follow_up(user, pk: int, *, manage: bool = False) -> FollowUp:
    follow_up = _visible_or_404(
        FollowUp.objects.filter(entry__engagement__in=engagements_visible_to(user)).select_related(
            "entry__engagement", "owner"
        ),
        pk,
    )
    if manage and not (can_work_on(user, follow_up.entry.engagement) or follow_up.owner.user_id == user.pk):
        raise PermissionDenied
    return follow_up
