"""The support log's hours kept for the dashboards (`SupportHours`) follow every change of an entry or of its
experts, however it is made (the services, the admin, a cascade from a deleted engagement), in the change's own
transaction. Bulk writes (the demo's and the benchmarks' loaders) send no signals: they call
`services.support_hours.hours_recount_all()`, which a daily job also runs."""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from .models import SupportLogEntry
from .services.support_hours import hours_recount


def _remember_engagement(sender, instance, **kwargs) -> None:
    """An entry moved to another engagement (only the admin could) leaves its old engagement to count again."""
    instance._engagement_before = (
        sender.objects.filter(pk=instance.pk).values_list("engagement_id", flat=True).first()
        if instance.pk
        else None
    )


def _entry_saved(sender, instance, **kwargs) -> None:
    hours_recount(
        [instance.engagement_id, getattr(instance, "_engagement_before", None) or instance.engagement_id]
    )


def _entry_deleted(sender, instance, **kwargs) -> None:
    hours_recount([instance.engagement_id])


def _experts_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    if not action.startswith("post_"):
        return
    if not reverse:
        hours_recount([instance.engagement_id])
    elif pk_set:  # an expert's entries changed from the expert's side
        hours_recount(SupportLogEntry.objects.filter(pk__in=pk_set).values_list("engagement_id", flat=True))


def connect() -> None:
    pre_save.connect(_remember_engagement, sender=SupportLogEntry, dispatch_uid="advisory-hours-before")
    post_save.connect(_entry_saved, sender=SupportLogEntry, dispatch_uid="advisory-hours-save")
    post_delete.connect(_entry_deleted, sender=SupportLogEntry, dispatch_uid="advisory-hours-delete")
    m2m_changed.connect(
        _experts_changed, sender=SupportLogEntry.experts.through, dispatch_uid="advisory-hours-experts"
    )
