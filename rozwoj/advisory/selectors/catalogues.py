"""The lists coordinators keep for the advisory cycle (support areas, forms of support, management tools): what
each list is, its terms with how many records chose each, the terms offered by the forms."""

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Count, Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from ..models import (
    Application,
    Engagement,
    HdrAction,
    ManagementTool,
    SupportArea,
    SupportForm,
    SupportLogEntry,
)


@dataclass(frozen=True)
class Catalogue:
    slug: str
    model: (
        Any  # SupportArea, SupportForm or ManagementTool: the code checks which before using its own fields
    )
    fields: tuple[str, ...]
    ordered: bool  # kept in the coordinators' order (else by name)
    keep_one_in_use: bool  # a form that the public or the experts fill needs at least one term to choose
    uses: tuple[tuple[str, type[models.Model], str], ...]  # (name of the use, model, its foreign key)
    use_labels: tuple  # a column heading per use

    @property
    def title(self):
        return self.model._meta.verbose_name_plural


CATALOGUES = {
    catalogue.slug: catalogue
    for catalogue in (
        Catalogue(
            "support-areas",
            SupportArea,
            ("name", "description", "competences"),
            ordered=True,
            keep_one_in_use=True,
            uses=(
                ("applications", Application, "preferred_area"),
                ("engagements", Engagement, "support_area"),
            ),
            use_labels=(_("Applications"), _("Engagements")),
        ),
        Catalogue(
            "support-forms",
            SupportForm,
            ("name", "is_cycle_wide"),
            ordered=True,
            keep_one_in_use=True,
            uses=(("log_entries", SupportLogEntry, "form"),),
            use_labels=(_("Support-log entries"),),
        ),
        Catalogue(
            "management-tools",
            ManagementTool,
            ("name", "description"),
            ordered=False,
            keep_one_in_use=False,
            uses=(("hdr_actions", HdrAction, "management_tool"),),
            use_labels=(_("HDR actions"),),
        ),
    )
}


def access_catalogue(slug: str) -> Catalogue:
    try:
        return CATALOGUES[slug]
    except KeyError:
        raise Http404 from None


def access_term(catalogue: Catalogue, pk: int):
    """A term of the list (coordinators' settings: the views check the role), else 404."""
    term = catalogue.model.objects.filter(pk=pk).first()
    if term is None:
        raise Http404
    return term


def term_uses(catalogue: Catalogue, term_ids: list[int] | None = None) -> dict[int, dict[str, int]]:
    """{term id: {use: count}} of the records that chose each term: one grouped query per kind of use."""
    counts: dict[int, dict[str, int]] = {}
    for use, model, field in catalogue.uses:
        rows = model._default_manager.filter(**{f"{field}__isnull": False})
        if term_ids is not None:
            rows = rows.filter(**{f"{field}__in": term_ids})
        for term_id, count in rows.order_by().values_list(field).annotate(count=Count("pk")):
            counts.setdefault(term_id, {})[use] = count
    return counts


def catalogue_terms(catalogue: Catalogue, with_uses: bool = True) -> list:
    """Every term of the list in its order, each with `use_counts` (a count per use, in the order of
    `catalogue.uses`) and `used` (their sum)."""
    terms = catalogue.model.objects.all()
    if with_uses and catalogue.model is SupportArea:
        terms = terms.annotate(competence_count=Count("competences"))
    terms = list(terms.order_by(*(("order", "pk") if catalogue.ordered else ("name", "pk"))))
    if not with_uses:
        return terms
    uses = term_uses(catalogue)
    for term in terms:
        counts = uses.get(term.pk, {})
        term.use_counts = [counts.get(use, 0) for use, _model, _field in catalogue.uses]
        term.used = sum(term.use_counts)
    return terms


def catalogue_summaries() -> list[dict]:
    """Each list with its number of terms and of terms in use: one query per list."""
    summaries = []
    for catalogue in CATALOGUES.values():
        counts = catalogue.model.objects.aggregate(
            total=Count("pk"), in_use=Count("pk", filter=Q(is_active=True))
        )
        summaries.append({"catalogue": catalogue, **counts})
    return summaries


def chosen_competences(term) -> list[int]:
    """The ids of the competences a support area calls for."""
    return list(term.competences.values_list("pk", flat=True))


def offered(model: type[models.Model], current_id: int | None = None) -> models.QuerySet:
    """The terms a form offers: those in use, and the one already chosen even if it was withdrawn since."""
    condition = Q(is_active=True)
    if current_id is not None:
        condition |= Q(pk=current_id)
    return model._default_manager.filter(condition)
