"""Writes of the site pages: administrators edit them (audited); a yearly job reminds them to review the
accessibility declaration by 31 March, as the law requires."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rozwoj.accounts.models import Role
from rozwoj.core.audit import changed_fields, log_action
from rozwoj.notifications.services import notify

from .models import AccessibilityDeclaration, AssessmentKind, ComplianceStatus, SitePage
from .selectors import active_administrators

DECLARATION_FIELDS = [
    field.name
    for field in AccessibilityDeclaration._meta.get_fields()
    if getattr(field, "editable", False) and field.name != "id"
]
SITE_PAGE_FIELDS = ["title_pl", "title_en", "body_pl", "body_en"]
REVIEW_DAY = (3, 31)  # the declaration is reviewed every year by 31 March
REMIND_DAYS_BEFORE = 30


def require_administrator(user) -> None:
    """Only administrators edit the pages the law requires of the institution."""
    if not (
        user is not None and getattr(user, "is_authenticated", False) and user.has_role(Role.ADMINISTRATOR)
    ):
        raise PermissionDenied


def declaration_errors(values: dict[str, Any]) -> dict[str, list[Any]]:
    """The rules between the declaration's fields, as field errors."""
    errors: dict[str, list[Any]] = {}
    published, updated = values.get("published_on"), values.get("updated_on")
    if published and updated and updated < published:
        errors["updated_on"] = [_("The update cannot be earlier than the publication.")]
    prepared, reviewed = values.get("prepared_on"), values.get("reviewed_on")
    if prepared and reviewed and reviewed < prepared:
        errors["reviewed_on"] = [_("The review cannot be earlier than the preparation of the declaration.")]
    if values.get("status") in (ComplianceStatus.PARTIAL, ComplianceStatus.NONE) and not (
        values.get("non_compliant_pl", "").strip()
    ):
        errors["non_compliant_pl"] = [_("List the content that is not accessible (or change the status).")]
    if values.get("assessment") == AssessmentKind.EXTERNAL and not values.get("assessment_url"):
        errors["assessment_url"] = [_("Give the link to the external assessment.")]
    return errors


def declaration_update(
    *, actor, declaration: AccessibilityDeclaration, data: dict[str, Any]
) -> dict[str, Any]:
    require_administrator(actor)
    values = {key: data[key] for key in DECLARATION_FIELDS if key in data}
    errors = declaration_errors({**{f: getattr(declaration, f) for f in DECLARATION_FIELDS}, **values})
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        changes = changed_fields(declaration, values)
        if changes:
            declaration.full_clean()
            declaration.save()
            log_action(actor, declaration, "accessibility_declaration.update", changes)
    return changes


def site_page_update(*, actor, page: SitePage, data: dict[str, Any]) -> dict[str, Any]:
    require_administrator(actor)
    values = {key: data[key] for key in SITE_PAGE_FIELDS if key in data}
    with transaction.atomic():
        changes = changed_fields(page, values)
        if changes:
            page.full_clean()
            page.save()
            log_action(actor, page, f"site_page.{page.kind}.update", changes)
    return changes


def review_deadline(today: datetime.date) -> datetime.date:
    """The next 31 March on or after `today`."""
    this_year = datetime.date(today.year, *REVIEW_DAY)
    return this_year if today <= this_year else datetime.date(today.year + 1, *REVIEW_DAY)


def review_reminder_send(today: datetime.date | None = None) -> int:
    """E-mail the administrators once a year when 31 March is at most 30 days away and the declaration has not
    been reviewed (or prepared) since the previous 31 March. Returns the number of people told."""
    today = today or timezone.localdate()
    deadline = review_deadline(today)
    if (deadline - today).days > REMIND_DAYS_BEFORE:
        return 0
    previous = datetime.date(deadline.year - 1, *REVIEW_DAY)
    declaration = AccessibilityDeclaration.objects.first()
    if declaration is None:
        return 0
    last_review = max(d for d in (declaration.reviewed_on, declaration.prepared_on) if d is not None)
    if last_review > previous:
        return 0
    with transaction.atomic():
        # One reminder per year even with two runners: only the run that sets the year sends.
        claimed = (
            AccessibilityDeclaration.objects.filter(pk=declaration.pk)
            .exclude(review_reminder_year=deadline.year)
            .update(review_reminder_year=deadline.year)
        )
        if not claimed:
            return 0
        administrators = list(active_administrators())
        for user in administrators:
            notify(
                to=user,
                kind="sitepages.declaration_review_due",
                context={"deadline": deadline, "last_review": last_review},
                url=reverse("sitepages:accessibility_edit"),
            )
    return len(administrators)
