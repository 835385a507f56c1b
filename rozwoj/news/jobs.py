import datetime

from rozwoj.core.periodic import periodic_job

from .services import publish_due_posts


@periodic_job(every=datetime.timedelta(minutes=5), label="News posts published")
def publish_scheduled_posts() -> int:
    return publish_due_posts()
