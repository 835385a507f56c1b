import datetime

from rozwoj.core.periodic import periodic_job

from .stamps import prune


@periodic_job(every=datetime.timedelta(hours=24), label="Old content changes deleted")
def prune_content_changes() -> int:
    return prune()
