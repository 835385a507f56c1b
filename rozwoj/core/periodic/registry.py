"""The one registry of periodic jobs. Apps register into it; nothing in `core` imports an app to find them."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import autodiscover_modules

JOBS_MODULE = "jobs"  # each app's periodic jobs live in <app>/jobs.py, imported when the apps are ready


@dataclass(frozen=True)
class PeriodicJob:
    """A function run every `every` by background work; `name` is unique ("<app label>.<function>")."""

    name: str
    func: Callable[[], Any]
    every: datetime.timedelta
    label: str  # what the result counts, for logs and `run_background` ("Reminders sent")

    def __call__(self) -> Any:
        return self.func()


class JobRegistry:
    def __init__(self) -> None:
        self._jobs: dict[str, PeriodicJob] = {}

    def register(self, job: PeriodicJob) -> PeriodicJob:
        existing = self._jobs.get(job.name)
        if existing is not None and _origin(existing.func) != _origin(job.func):
            raise ImproperlyConfigured(f"Two periodic jobs are named {job.name!r}.")
        self._jobs[job.name] = job
        return job

    def get(self, name: str) -> PeriodicJob:
        """The job called `name`; KeyError when there is none."""
        return self._jobs[name]

    def names(self) -> list[str]:
        return sorted(self._jobs)

    def __iter__(self) -> Iterator[PeriodicJob]:
        return iter([self._jobs[name] for name in self.names()])

    def __len__(self) -> int:
        return len(self._jobs)


registry = JobRegistry()


def _origin(func: Callable[..., Any]) -> str:
    return f"{func.__module__}.{func.__qualname__}"


def _default_name(func: Callable[..., Any]) -> str:
    config = apps.get_containing_app_config(func.__module__)
    return f"{config.label if config else func.__module__}.{func.__name__}"


def periodic_job(
    *, every: datetime.timedelta, name: str = "", label: str = "", into: JobRegistry | None = None
) -> Callable[[Callable[[], Any]], Callable[[], Any]]:
    """Register the decorated function (no arguments) to run every `every`. The function is returned unchanged,
    so it can still be called directly. `name` defaults to "<app label>.<function name>"."""
    if every <= datetime.timedelta(0):
        raise ImproperlyConfigured("A periodic job needs a positive period.")

    def decorator(func: Callable[[], Any]) -> Callable[[], Any]:
        job_name = name or _default_name(func)
        (registry if into is None else into).register(
            PeriodicJob(name=job_name, func=func, every=every, label=label or job_name)
        )
        return func

    return decorator


def autodiscover() -> None:
    """Import every installed app's `jobs` module (called once by `CoreConfig.ready`)."""
    autodiscover_modules(JOBS_MODULE)
