"""What the programmes app contributes to the site search (rozwoj.core.search): every programme with its name,
acronym, goal and description; public ones are found by everyone, the others by signed-in users (the rule of
selectors.programmes_visible_to)."""

import datetime
from collections.abc import Iterable, Iterator

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rozwoj.core.markup import markdown_to_text
from rozwoj.core.search import PUBLIC, SIGNED_IN, IndexEntry, register_source

from .models import Programme

KIND = "programmes"


class ProgrammeSource:
    kind = KIND
    heading = _("Programmes")
    order = 30

    def entries(self, object_ids: Iterable[int] | None) -> Iterator[IndexEntry]:
        programmes = Programme.objects.select_related("lead_institution").order_by("pk")
        if object_ids is not None:
            programmes = programmes.filter(pk__in=list(object_ids))
        for programme in programmes.iterator(chunk_size=500):
            title = f"{programme.name} ({programme.acronym})" if programme.acronym else programme.name
            parts = [
                programme.funding_programme,
                str(programme.lead_institution) if programme.lead_institution_id else "",
                markdown_to_text(programme.goal),
                markdown_to_text(programme.description),
            ]
            start = programme.start_date
            yield IndexEntry(
                object_id=programme.pk,
                language="",
                title=title,
                text=" · ".join(part for part in parts if part),
                url=reverse("programmes:detail", args=[programme.pk]),
                date=(
                    timezone.make_aware(datetime.datetime.combine(start, datetime.time())) if start else None
                ),
                grants=frozenset({PUBLIC} if programme.is_public else {SIGNED_IN}),
            )


register_source(ProgrammeSource())
