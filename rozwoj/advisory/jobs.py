import datetime

from rozwoj.core.periodic import periodic_job

from .services.monitoring import send_monitoring_digests
from .services.support_hours import hours_recount_all


@periodic_job(every=datetime.timedelta(days=7), label="Monitoring digests sent")
def send_monitoring_digest() -> int:
    return send_monitoring_digests()


@periodic_job(every=datetime.timedelta(days=1), label="Hours of the support log counted again")
def recount_support_hours() -> int:
    return hours_recount_all()
