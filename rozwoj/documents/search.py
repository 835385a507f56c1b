"""What the document library contributes to the site search (rozwoj.core.search): every document by its title and
description, found by those who may see it (the rule of selectors.visibility_filter as grants): everyone, the
signed-in, a role, the participants of a programme; documents kept for coordinators by coordinators and
administrators only. A document's programme participation grant ("programme:<id>") comes from core.participation.
"""

from collections.abc import Iterable, Iterator

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from rozwoj.accounts.models import Role
from rozwoj.core.markup import markdown_to_text
from rozwoj.core.participation import programmes_of
from rozwoj.core.search import PUBLIC, SIGNED_IN, IndexEntry, register_grant_provider, register_source

from .models import Document, Language, Visibility

KIND = "documents"
STAFF_GRANTS = frozenset({f"role:{Role.ADMINISTRATOR}", f"role:{Role.COORDINATOR}"})


def grants_of(document: Document) -> frozenset[str]:
    if document.visibility == Visibility.PUBLIC:
        return frozenset({PUBLIC})
    if document.visibility == Visibility.SIGNED_IN:
        return frozenset({SIGNED_IN})
    if document.visibility == Visibility.ROLE:
        return STAFF_GRANTS | {f"role:{document.role}"}
    if document.visibility == Visibility.PROGRAMME:
        return STAFF_GRANTS | {f"programme:{document.programme_id}"}
    return STAFF_GRANTS


class DocumentSource:
    kind = KIND
    heading = _("Documents")
    order = 40

    def entries(self, object_ids: Iterable[int] | None) -> Iterator[IndexEntry]:
        documents = Document.objects.select_related("category").order_by("pk")
        if object_ids is not None:
            documents = documents.filter(pk__in=list(object_ids))
        for document in documents.iterator(chunk_size=500):
            language = document.language if document.language in (Language.POLISH, Language.ENGLISH) else ""
            parts = [markdown_to_text(document.description)]
            if document.category_id:
                parts.append(document.category.name_pl)
            yield IndexEntry(
                object_id=document.pk,
                language=language,
                title=document.title,
                text=" · ".join(part for part in parts if part),
                url=reverse("documents:detail", args=[document.pk]),
                date=document.updated_at,
                grants=grants_of(document),
            )


register_source(DocumentSource())


@register_grant_provider
def programme_participants(user) -> list[str]:
    """ "programme:<id>" of every programme the user takes part in (told by core.participation)."""
    return [f"programme:{pk}" for pk in sorted(programmes_of(user))]
