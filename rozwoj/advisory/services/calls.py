"""Writes of calls and applications: the public application, the coordinator's decisions, the e-mails.

Acceptances consume the call's places: one conditional UPDATE (`accepted_count < places`) takes a place, so
parallel acceptances never exceed the places on SQLite or PostgreSQL, and a check constraint backs it.
"""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from rozwoj.accounts.permissions import require_coordinator
from rozwoj.core.audit import changed_fields, log_action
from rozwoj.notifications.services import notify

from ..models import (
    TEAM_MAX,
    TEAM_MIN,
    Application,
    ApplicationMember,
    ApplicationStatus,
    Call,
    Engagement,
)

CALL_FIELDS = (
    "programme",
    "title",
    "description",
    "opens_on",
    "closes_on",
    "cycle_starts_on",
    "cycle_ends_on",
    "places",
    "eligible_kinds",
    "is_published",
)
APPLICATION_FIELDS = (
    "contact_first_name",
    "contact_last_name",
    "contact_email",
    "contact_phone",
    "contact_position",
    "preferred_area",
    "motivation",
)
MEMBER_FIELDS = ("first_name", "last_name", "email", "role", "position")


@dataclass(frozen=True)
class Contact:
    """An applicant's contact person: an address without a login (written to in the site's language)."""

    email: str
    user: Any = None


def _call_errors(data: dict[str, Any], *, accepted: int = 0) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if data.get("opens_on") and data.get("closes_on") and data["closes_on"] < data["opens_on"]:
        errors["closes_on"] = [_("Applications cannot close before they open.")]
    if (
        data.get("cycle_starts_on")
        and data.get("cycle_ends_on")
        and data["cycle_ends_on"] < data["cycle_starts_on"]
    ):
        errors["cycle_ends_on"] = [_("The cycle cannot end before it starts.")]
    if data.get("places") is not None and data["places"] < accepted:
        errors["places"] = [
            _("%(count)d applications are already accepted: there cannot be fewer places.")
            % {"count": accepted}
        ]
    return errors


def call_create(*, actor, data: dict[str, Any], voivodeships=()) -> Call:
    require_coordinator(actor)
    errors = _call_errors(data)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        call = Call.objects.create(**{field: data[field] for field in CALL_FIELDS if field in data})
        call.eligible_voivodeships.set(voivodeships)
        log_action(actor, call, "advisory.call.create", {"title": call.title, "places": call.places})
    return call


def call_update(*, actor, call: Call, data: dict[str, Any], voivodeships=()) -> Call:
    require_coordinator(actor)
    with transaction.atomic():
        call = Call.objects.select_for_update().get(pk=call.pk)
        errors = _call_errors(data, accepted=call.accepted_count)
        if errors:
            raise ValidationError(errors)
        changes = changed_fields(call, {field: data[field] for field in CALL_FIELDS if field in data})
        call.save()
        call.eligible_voivodeships.set(voivodeships)
        log_action(actor, call, "advisory.call.update", changes)
    return call


# --- the public application ---------------------------------------------------------------------------


def eligibility_error(call: Call, local_government, *, today=None) -> str:
    """Why `local_government` may not apply to `call` now ("" when it may)."""
    today = today or timezone.localdate()
    if not call.is_published or today < call.opens_on:
        return _("Applications to this call are not open yet.")
    if today > call.closes_on:
        return _("Applications to this call closed on %(date)s.") % {"date": call.closes_on.isoformat()}
    if call.eligible_kinds and local_government.kind not in call.eligible_kinds:
        return _("This call is not open to this type of local government.")
    voivodeship_ids = {v.pk for v in call.eligible_voivodeships.all()}
    if voivodeship_ids:
        own = (
            local_government.pk
            if local_government.voivodeship_id is None
            else local_government.voivodeship_id
        )
        if own not in voivodeship_ids:
            return _("This call is not open to local governments of this voivodeship.")
    return ""


def application_submit(
    *, call: Call, local_government, data: dict[str, Any], members: list[dict]
) -> Application:
    """Anyone may apply through the public form: checked, stored with the team, confirmed by e-mail."""
    errors: dict[str, list[str]] = {}
    problem = eligibility_error(call, local_government)
    if problem:
        errors["local_government"] = [problem]
    if not TEAM_MIN <= len(members) <= TEAM_MAX:
        errors["members"] = [_("A team has %(min)d to %(max)d people.") % {"min": TEAM_MIN, "max": TEAM_MAX}]
    if data.get("preferred_area") is not None and not data["preferred_area"].is_active:
        errors["preferred_area"] = [_("Choose one of the support areas in use.")]
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            application = Application.objects.create(
                call=call,
                local_government=local_government,
                **{f: data[f] for f in APPLICATION_FIELDS if f in data},
            )
            ApplicationMember.objects.bulk_create(
                ApplicationMember(application=application, **{f: m.get(f, "") for f in MEMBER_FIELDS})
                for m in members
            )
            log_action(
                None, application, "advisory.application.submit", {"local_government": local_government}
            )
            notify(
                to=Contact(email=application.contact_email),
                kind="advisory.application_received",
                context={"application": application, "call": call},
            )
    except IntegrityError:
        raise ValidationError(
            {"local_government": [_("This local government has already applied to this call.")]}
        ) from None
    return application


# --- decisions ----------------------------------------------------------------------------------------


def _take_place(call: Call) -> bool:
    return bool(
        Call.objects.filter(pk=call.pk, accepted_count__lt=F("places")).update(
            accepted_count=F("accepted_count") + 1
        )
    )


def _release_place(call: Call) -> None:
    Call.objects.filter(pk=call.pk, accepted_count__gt=0).update(accepted_count=F("accepted_count") - 1)


DECISION_EMAILS: dict[str, str] = {
    ApplicationStatus.ACCEPTED: "advisory.application_accepted",
    ApplicationStatus.WAITING: "advisory.application_waiting",
    ApplicationStatus.REJECTED: "advisory.application_rejected",
}


def application_decide(*, actor, application: Application, status: str, reason: str = "") -> Application:
    """Accept (within the places), put on the waiting list or reject with a reason; e-mail the contact person.
    Accepting starts the local government's engagement in the cycle."""
    require_coordinator(actor)
    if status not in DECISION_EMAILS:
        raise ValidationError({"status": [_("Choose accept, waiting list or reject.")]})
    reason = reason.strip()
    if status == ApplicationStatus.REJECTED and not reason:
        raise ValidationError({"reason": [_("Give the reason for the rejection: the applicant reads it.")]})
    from .engagements import engagement_start  # engagements use calls' models, not the other way round

    with transaction.atomic():
        application = (
            Application.objects.select_for_update()
            .select_related("call", "local_government")
            .get(pk=application.pk)
        )
        previous = application.status
        if previous == status:
            return application
        if status == ApplicationStatus.ACCEPTED:
            if not _take_place(application.call):
                raise ValidationError(
                    {
                        "status": [
                            _("All %(places)d places are taken: put it on the waiting list.")
                            % {"places": application.call.places}
                        ]
                    }
                )
        elif previous == ApplicationStatus.ACCEPTED:
            if hasattr(application, "engagement") and application.engagement.log_entries.exists():
                raise ValidationError(
                    {
                        "status": [
                            _(
                                "The engagement of this application has support-log entries: it stays accepted."
                            )
                        ]
                    }
                )
            _release_place(application.call)
            Engagement.objects.filter(application=application).delete()
        application.status = status
        application.decision_reason = reason
        application.decided_at = timezone.now()
        application.save(update_fields=["status", "decision_reason", "decided_at", "updated_at"])
        log_action(
            actor,
            application,
            f"advisory.application.{status}",
            {"status": [previous, status], "reason": reason},
        )
        if status == ApplicationStatus.ACCEPTED:
            engagement_start(actor=actor, application=application)
        notify(
            to=Contact(email=application.contact_email),
            kind=DECISION_EMAILS[status],
            context={"application": application, "call": application.call, "reason": reason},
        )
    return application


def application_public_url(call: Call) -> str:
    return reverse("advisory:apply", args=[call.pk])
