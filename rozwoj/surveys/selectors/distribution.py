"""Reads about sending: counts per distribution and the response rate (numbers only, never who)."""

from typing import Any

from django.db.models import Count, Q

from ..models import Distribution, DistributionKind, Invitation, InvitationStatus, Questionnaire, Response


def distribution_rows(questionnaire: Questionnaire) -> list[Distribution]:
    """The distributions with their counts (`invited`, `responded`, `pending`) in one query."""
    return list(
        Distribution.objects.filter(questionnaire=questionnaire)
        .select_related("wave")
        .annotate(
            invited=Count("invitations"),
            responded=Count("invitations", filter=Q(invitations__status=InvitationStatus.RESPONDED)),
            pending=Count("invitations", filter=Q(invitations__status=InvitationStatus.PENDING)),
        )
        .order_by("send_at", "pk")
    )


def response_rate(questionnaire: Questionnaire, distribution: Distribution | None = None) -> dict[str, Any]:
    """{"invited", "responded", "rate" (percent or None), "responses" (all, public links included)}, for the
    questionnaire or for one of its distributions (e.g. the participants of one training)."""
    invitations = Invitation.objects.filter(distribution__questionnaire=questionnaire).exclude(
        distribution__kind=DistributionKind.PUBLIC_LINK
    )
    if distribution is not None:
        invitations = invitations.filter(distribution=distribution)
    counts = invitations.aggregate(
        invited=Count("pk"), responded=Count("pk", filter=Q(status=InvitationStatus.RESPONDED))
    )
    invited, responded = counts["invited"], counts["responded"]
    return {
        "invited": invited,
        "responded": responded,
        "rate": round(100 * responded / invited) if invited else None,
        "responses": Response.objects.filter(questionnaire=questionnaire).count(),
    }
