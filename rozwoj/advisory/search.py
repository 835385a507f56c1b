"""Published development action schedules (HDRs) in the site search (rozwoj.core.search) and in the HDR
gallery's full-text search: one public entry per published HDR; drafts, submitted and approved-but-unpublished
HDRs give nothing (reindex removes their entries)."""

from collections.abc import Iterable

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from rozwoj.core.search import PUBLIC, IndexEntry, register_source

from .models import Hdr, HdrAction, HdrStatus
from .selectors.hdr import GALLERY_KIND


class HdrSource:
    kind = GALLERY_KIND
    heading = _("Development action schedules")
    order = 45

    def entries(self, object_ids: Iterable[int] | None) -> Iterable[IndexEntry]:
        hdrs = (
            Hdr.objects.filter(status=HdrStatus.PUBLISHED)
            .select_related("engagement__local_government", "engagement__support_area")
            .prefetch_related(
                Prefetch(
                    "actions",
                    queryset=HdrAction.objects.select_related("management_tool").order_by("order", "id"),
                ),
                "engagement__priorities",
            )
        )
        if object_ids is not None:
            hdrs = hdrs.filter(pk__in=list(object_ids))
        for hdr in hdrs.iterator(chunk_size=200) if object_ids is None else hdrs:
            engagement = hdr.engagement
            parts = [
                engagement.local_government.display_name,
                str(engagement.support_area or ""),
                hdr.context,
                hdr.goals,
                " ".join(priority.title for priority in engagement.priorities.all()),
            ]
            for action in hdr.actions.all():
                parts += [action.title, action.description, action.expected_effect, action.indicator]
                parts.append(str(action.management_tool or ""))
            yield IndexEntry(
                object_id=hdr.pk,
                language="pl",
                title=hdr.title,
                text=" ".join(part for part in parts if part),
                url=reverse("advisory:hdr_public", args=[hdr.pk]),
                date=hdr.published_at,
                grants=frozenset({PUBLIC}),
            )


register_source(HdrSource())
