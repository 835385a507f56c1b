"""The lists coordinators keep for the advisory cycle: support areas, forms of support, management tools.

A term in use (chosen by an application or an engagement, logged, named by an HDR action) is never deleted: it
is withdrawn from use, so that nothing new chooses it while what chose it keeps its name. Support areas and forms
of support keep the coordinators' order; management tools are listed by name."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rozwoj.accounts.permissions import require_coordinator
from rozwoj.core.audit import changed_fields, log_action
from rozwoj.core.search import reindex

from ..models import Hdr, HdrStatus, ManagementTool, SupportArea, SupportLogEntry
from ..selectors.catalogues import Catalogue, term_uses
from ..selectors.hdr import GALLERY_KIND

NAME_MAX = 200
DESCRIPTION_MAX = 2000


def _name_taken(catalogue: Catalogue, term, name: str) -> bool:
    """Compared case-insensitively in Python: SQLite folds the case of ASCII letters only ("Ś" ≠ "ś")."""
    others = catalogue.model.objects.exclude(pk=getattr(term, "pk", None)).values_list("name", flat=True)
    return any(other.casefold() == name.casefold() for other in others)


def _clean_values(catalogue: Catalogue, term, data: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    values: dict[str, Any] = {}
    name = " ".join(str(data.get("name") or "").split())
    if not name:
        errors["name"] = [_("Give the name.")]
    elif len(name) > NAME_MAX:
        errors["name"] = [_("Use at most %(limit)d characters.") % {"limit": NAME_MAX}]
    elif _name_taken(catalogue, term, name):
        errors["name"] = [_("This list already has a term of this name.")]
    values["name"] = name
    if "description" in catalogue.fields:
        description = str(data.get("description") or "").strip()
        if len(description) > DESCRIPTION_MAX:
            errors["description"] = [_("Use at most %(limit)d characters.") % {"limit": DESCRIPTION_MAX}]
        values["description"] = description
    if "is_cycle_wide" in catalogue.fields:
        values["is_cycle_wide"] = bool(data.get("is_cycle_wide"))
        if values["is_cycle_wide"] and term is not None and not term.is_cycle_wide:
            without_event = SupportLogEntry.objects.filter(form=term, event__isnull=True).count()
            if without_event:
                errors["is_cycle_wide"] = [
                    ngettext(
                        "%(count)d entry of the support log of this form is not linked to an event; a form for "
                        "all local governments of a cycle needs one.",
                        "%(count)d entries of the support log of this form are not linked to an event; a form "
                        "for all local governments of a cycle needs one.",
                        without_event,
                    )
                    % {"count": without_event}
                ]
    if errors:
        raise ValidationError(errors)
    return values


def _keep_one_message() -> str:
    return _("Keep at least one term of this list in use: the forms need one to choose.")


def _others_in_use(catalogue: Catalogue, term) -> bool:
    """Whether another term of the list is in use, with every term in use locked (two coordinators withdrawing
    the last two at once cannot both succeed)."""
    in_use = catalogue.model.objects.select_for_update().filter(is_active=True).values_list("pk", flat=True)
    return any(pk != term.pk for pk in in_use)


def _locked(catalogue: Catalogue, term):
    """The term read again under a row lock, or a refusal when someone deleted it in the meantime."""
    current = catalogue.model.objects.select_for_update().filter(pk=term.pk).first()
    if current is None:
        raise ValidationError(_("This term has been deleted in the meantime."))
    return current


def _save(term) -> None:
    try:
        with transaction.atomic():
            term.save()
    except IntegrityError:  # the same name saved by someone else in the meantime
        raise ValidationError({"name": [_("This list already has a term of this name.")]}) from None


def _reindex_hdrs_naming(catalogue: Catalogue, term) -> None:
    """The site search and the HDR gallery find a published HDR by its support area and its tools' names."""
    published = Hdr.objects.filter(status=HdrStatus.PUBLISHED)
    if catalogue.model is SupportArea:
        hdrs = published.filter(engagement__support_area=term)
    elif catalogue.model is ManagementTool:
        hdrs = published.filter(actions__management_tool=term)
    else:
        return
    reindex(GALLERY_KIND, set(hdrs.values_list("pk", flat=True)))


def term_add(*, actor, catalogue: Catalogue, data: dict[str, Any], competences=None):
    """A new term, in use, placed last."""
    require_coordinator(actor)
    values = _clean_values(catalogue, None, data)
    with transaction.atomic():
        term = catalogue.model(**values)
        if catalogue.ordered:
            orders = catalogue.model.objects.select_for_update().values_list("order", flat=True)
            term.order = max(orders, default=0) + 1
        _save(term)
        if competences is not None and catalogue.model is SupportArea:
            term.competences.set(competences)
        log_action(actor, term, "advisory.catalogue.add", {"catalogue": catalogue.slug, **values})
    return term


def term_update(*, actor, catalogue: Catalogue, term, data: dict[str, Any], competences=None):
    """Rename a term or change its description; a support area's competences rank the experts for it."""
    require_coordinator(actor)
    with transaction.atomic():
        term = _locked(catalogue, term)
        values = _clean_values(catalogue, term, data)
        changes = changed_fields(term, values)
        if changes:
            _save(term)
        if competences is not None and catalogue.model is SupportArea:
            before = set(term.competences.values_list("pk", flat=True))
            after = {competence.pk for competence in competences}
            if before != after:
                term.competences.set(competences)
                changes["competences"] = [sorted(before), sorted(after)]
        if changes:
            log_action(actor, term, "advisory.catalogue.update", {"catalogue": catalogue.slug, **changes})
        if "name" in changes:
            _reindex_hdrs_naming(catalogue, term)
    return term


def term_set_in_use(*, actor, catalogue: Catalogue, term, in_use: bool):
    """Withdraw a term from use (nothing new chooses it; what chose it keeps it) or put it back."""
    require_coordinator(actor)
    with transaction.atomic():
        term = _locked(catalogue, term)
        if term.is_active == in_use:
            return term
        if not in_use and catalogue.keep_one_in_use and not _others_in_use(catalogue, term):
            raise ValidationError(_keep_one_message())
        term.is_active = in_use
        term.save(update_fields=["is_active"])
        action = "advisory.catalogue.restore" if in_use else "advisory.catalogue.withdraw"
        log_action(actor, term, action, {"catalogue": catalogue.slug})
    return term


def term_move(*, actor, catalogue: Catalogue, term, step: int):
    """Move a term one place up (step -1) or down (+1) in the list's order; the order is renumbered 1…n."""
    require_coordinator(actor)
    if not catalogue.ordered or step not in (-1, 1):
        raise ValidationError(_("This list cannot be reordered that way."))
    with transaction.atomic():
        terms = list(catalogue.model.objects.select_for_update().order_by("order", "pk"))
        index = next((i for i, item in enumerate(terms) if item.pk == term.pk), None)
        if index is None:
            raise ValidationError(_("This term has been deleted in the meantime."))
        other = index + step
        if not 0 <= other < len(terms):
            return terms[index]
        terms[index], terms[other] = terms[other], terms[index]
        changed = []
        for position, item in enumerate(terms, start=1):
            if item.order != position:
                item.order = position
                changed.append(item)
        catalogue.model.objects.bulk_update(changed, ["order"])
        moved = terms[other]
        log_action(actor, moved, "advisory.catalogue.move", {"catalogue": catalogue.slug, "order": other + 1})
    return moved


def term_delete(*, actor, catalogue: Catalogue, term) -> None:
    """Delete a term nothing has chosen; a term in use can only be withdrawn from use."""
    require_coordinator(actor)
    with transaction.atomic():
        term = _locked(catalogue, term)
        used = sum(term_uses(catalogue, [term.pk]).get(term.pk, {}).values())
        if used:
            raise ValidationError(
                ngettext(
                    "%(count)d record uses this term, so it cannot be deleted; withdraw it from use instead.",
                    "%(count)d records use this term, so it cannot be deleted; withdraw it from use instead.",
                    used,
                )
                % {"count": used}
            )
        if catalogue.keep_one_in_use and term.is_active and not _others_in_use(catalogue, term):
            raise ValidationError(_keep_one_message())
        log_action(actor, term, "advisory.catalogue.delete", {"catalogue": catalogue.slug, "name": term.name})
        try:
            with transaction.atomic():
                term.delete()
        except (ProtectedError, IntegrityError):  # chosen by a record written in the meantime
            raise ValidationError(_("The term has just been chosen, so it cannot be deleted.")) from None
