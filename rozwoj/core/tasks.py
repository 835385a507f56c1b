"""Background work of core: one Celery task runs any registered periodic job (Celery beat sends it by name)."""

from celery import shared_task

from .periodic import registry, run_job


@shared_task
def run_periodic_job(name: str) -> str:
    """Run the periodic job `name` now and record the run (failures are logged and recorded, not raised)."""
    outcome = run_job(registry.get(name))
    return "failed" if outcome.failed else str(outcome.result)
