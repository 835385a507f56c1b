"""The support log's hours kept summed per engagement, form of support and expert (`SupportHours`), for the
dashboards: counted again from an engagement's entries whenever one of them changes (the signals call
`hours_recount` in the change's transaction), and all of them from the entries by a daily job and after the
loaders that write entries in bulk."""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, Sum

from ..models import Engagement, SupportHours, SupportLogEntry

BATCH = 5000


def _sums(entries) -> list[SupportHours]:
    through = SupportLogEntry.experts.through
    by_form = (
        entries.order_by().values("engagement_id", "form_id").annotate(hours=Sum("hours"), n=Count("id"))
    )
    by_expert = (
        through.objects.filter(supportlogentry__in=entries.values("id"))
        .order_by()
        .values("supportlogentry__engagement_id", "expertprofile_id")
        .annotate(hours=Sum("supportlogentry__hours"), n=Count("supportlogentry_id"))
    )
    return [
        SupportHours(
            engagement_id=row["engagement_id"], form_id=row["form_id"], hours=row["hours"], entries=row["n"]
        )
        for row in by_form
    ] + [
        SupportHours(
            engagement_id=row["supportlogentry__engagement_id"],
            expert_id=row["expertprofile_id"],
            hours=row["hours"],
            entries=row["n"],
        )
        for row in by_expert
    ]


def hours_recount(engagement_ids: Iterable[int]) -> None:
    """Count the hours of these engagements again from their entries. The engagements' rows are locked first, so
    that two changes of one engagement's log at once count one after the other."""
    ids = sorted(set(engagement_ids))
    if not ids:
        return
    with transaction.atomic():
        list(Engagement.objects.select_for_update().filter(pk__in=ids).values_list("pk", flat=True))
        SupportHours.objects.filter(engagement_id__in=ids).delete()
        SupportHours.objects.bulk_create(
            _sums(SupportLogEntry.objects.filter(engagement_id__in=ids)), batch_size=BATCH
        )


def hours_recount_all() -> int:
    """Count every engagement's hours again from the entries (what bulk writes and raw SQL left behind);
    returns the number of rows kept."""
    with transaction.atomic():
        SupportHours.objects.all().delete()
        rows = SupportHours.objects.bulk_create(_sums(SupportLogEntry.objects.all()), batch_size=BATCH)
    return len(rows)
