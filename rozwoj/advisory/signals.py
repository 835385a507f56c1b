"""The support log's stamp (`selectors.dashboards.HOURS_TOPIC`) moves with every change of an entry or of its
experts, however it is made (the services, the admin, a cascade from a deleted engagement), in the change's own
transaction: the dashboard's hours kept under the stamp are never read stale. Bulk writes (the demo's and the
benchmarks' loaders) send no signals and bump it themselves."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from rozwoj.core.stamps import bump

from .models import SupportLogEntry
from .selectors.dashboards import HOURS_TOPIC


def _support_log_changed(sender, **kwargs) -> None:
    if kwargs.get("action", "post_").startswith("post_"):
        bump(HOURS_TOPIC)


def connect() -> None:
    post_save.connect(_support_log_changed, sender=SupportLogEntry, dispatch_uid="advisory-hours-save")
    post_delete.connect(_support_log_changed, sender=SupportLogEntry, dispatch_uid="advisory-hours-delete")
    m2m_changed.connect(
        _support_log_changed, sender=SupportLogEntry.experts.through, dispatch_uid="advisory-hours-experts"
    )
