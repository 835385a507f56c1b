import datetime
import logging
import threading
from io import StringIO

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import OperationalError, connection

from rozwoj.celery import app as celery_app
from rozwoj.core.management.commands import run_background
from rozwoj.core.models import PeriodicJobRun
from rozwoj.core.periodic import JobRegistry, periodic_job, registry, run_due_jobs, runner
from rozwoj.core.periodic.beat import RegistryScheduler
from rozwoj.core.tasks import run_periodic_job

pytestmark = pytest.mark.django_db

T0 = datetime.datetime(2027, 1, 9, 9, 0, tzinfo=datetime.UTC)
QUARTER = datetime.timedelta(minutes=15)
DAY = datetime.timedelta(days=1)


@pytest.fixture
def jobs(monkeypatch):
    """The product's registry with two test jobs added (removed again after the test); returns their calls."""
    monkeypatch.setattr(registry, "_jobs", dict(registry._jobs))
    calls = []

    @periodic_job(every=QUARTER, name="test.often", label="Often done")
    def often():
        calls.append("often")
        return 2

    @periodic_job(every=DAY, name="test.daily", label="Daily done")
    def daily():
        calls.append("daily")
        return 1

    return calls


@pytest.fixture
def clock(monkeypatch):
    """Sets the time the runners see: clock(T0)."""

    def set_now(now):
        monkeypatch.setattr(run_background.timezone, "now", lambda: now)  # django.utils.timezone

    return set_now


def test_apps_register_their_jobs_with_core():
    # events/jobs.py registers these; core never imports events to find them.
    assert registry.get("events.send_reminders").every == QUARTER
    assert registry.get("events.delete_old_attendance_lists").every == DAY


def test_the_decorator_names_a_job_after_its_app_and_leaves_the_function_callable():
    own = JobRegistry()

    @periodic_job(every=DAY, into=own)
    def tidy_up():
        return "tidied"

    assert own.names() == ["core.tidy_up"]  # this module belongs to the core app
    assert tidy_up() == "tidied"
    with pytest.raises(ImproperlyConfigured):
        periodic_job(every=DAY, name="core.tidy_up", into=own)(lambda: None)  # a second job of that name
    with pytest.raises(ImproperlyConfigured):
        periodic_job(every=datetime.timedelta(0), into=own)


def test_a_daily_job_runs_once_a_day_and_its_last_run_survives_a_restart(jobs, clock):
    only_test_jobs = [registry.get("test.often"), registry.get("test.daily")]
    run_due_jobs(now=T0, jobs=only_test_jobs)
    assert jobs == ["often", "daily"]

    jobs.clear()
    run_due_jobs(now=T0 + QUARTER, jobs=only_test_jobs)
    assert jobs == ["often"]

    # A restarted loop reads the last runs from the database: a daily job is not repeated after a restart.
    jobs.clear()
    clock(T0 + 2 * QUARTER)
    out = StringIO()
    call_command("run_background", "--once", stdout=out)
    assert jobs == ["often"]
    assert "Often done: 2" in out.getvalue()
    assert "Daily done" not in out.getvalue()

    jobs.clear()
    clock(T0 + DAY)
    call_command("run_background", "--once", stdout=StringIO())
    assert sorted(jobs) == ["daily", "often"]
    run = PeriodicJobRun.objects.get(name="test.daily")
    assert run.last_run_at == T0 + DAY
    assert run.last_result == "1"
    assert run.last_finished_at is not None


def test_a_failing_job_is_logged_and_does_not_stop_the_others(jobs, clock, caplog, monkeypatch):
    @periodic_job(every=QUARTER, name="test.broken", label="Never done")
    def broken():
        raise RuntimeError("the archive is unreachable")

    clock(T0)
    out, err = StringIO(), StringIO()
    with (
        caplog.at_level(logging.ERROR, logger="rozwoj.periodic"),
        pytest.raises(CommandError, match="1 periodic"),
    ):
        call_command("run_background", "--once", stdout=out, stderr=err)
    assert jobs == ["daily", "often"]  # jobs run in order of their names: test.broken came before test.daily
    assert "Daily done: 1" in out.getvalue()
    assert "test.broken failed: RuntimeError('the archive is unreachable')" in err.getvalue()
    assert "Periodic job test.broken failed." in caplog.text
    failed = PeriodicJobRun.objects.get(name="test.broken")
    assert "the archive is unreachable" in failed.last_error
    assert failed.last_run_at is None  # the claim is released: the next pass tries again

    # In the loop a failure is reported and the loop goes on.
    passes = []

    def between_passes(waited):
        passes.append(waited)
        raise KeyboardInterrupt

    monkeypatch.setattr(run_background, "time", _WaitingClock(between_passes, interval_minutes=5))
    monkeypatch.setattr(run_background, "close_old_connections", lambda: None)  # the test's transaction stays
    clock(T0 + QUARTER)
    jobs.clear()
    out, err = StringIO(), StringIO()
    call_command("run_background", "--interval", "5", stdout=out, stderr=err)
    assert passes == [300]
    assert jobs == ["often"]
    assert "test.broken failed" in err.getvalue()
    assert out.getvalue().strip().endswith("Stopped.")


def test_celery_beat_schedule_is_built_from_the_registry(jobs, tmp_path):
    saved = celery_app.conf.beat_schedule
    try:
        scheduler = RegistryScheduler(app=celery_app, schedule_filename=str(tmp_path / "beat"), lazy=False)
        schedule = dict(scheduler.schedule)
        scheduler.close()
    finally:
        celery_app.conf.beat_schedule = saved
    ours = {name: entry for name, entry in schedule.items() if not name.startswith("celery.")}
    assert set(ours) == set(registry.names())
    assert {"events.send_reminders", "test.often", "test.daily"} <= set(ours)
    for name, entry in ours.items():
        assert entry.task == "rozwoj.core.tasks.run_periodic_job"
        assert entry.args == (name,)
        assert entry.schedule.run_every == registry.get(name).every


def test_the_celery_task_runs_a_job_by_name_and_records_it(jobs):
    assert run_periodic_job.delay("test.daily").get() == "1"
    assert jobs == ["daily"]
    assert PeriodicJobRun.objects.get(name="test.daily").last_result == "1"
    # Beat decides when: a second send runs the job again.
    assert run_periodic_job.delay("test.daily").get() == "1"
    assert jobs == ["daily", "daily"]


def test_run_background_job_runs_a_job_now_and_list_shows_the_last_runs(jobs, clock):
    clock(T0)
    call_command("run_background", "--once", stdout=StringIO())
    jobs.clear()
    out = StringIO()
    call_command("run_background", "--job", "test.daily", stdout=out)  # due or not
    assert jobs == ["daily"]
    assert "Daily done: 1" in out.getvalue()
    with pytest.raises(CommandError, match="test.daily"):
        call_command("run_background", "--job", "test.nothing")

    out = StringIO()
    call_command("run_background", "--list", stdout=out)
    lines = out.getvalue().splitlines()
    assert any(line.startswith("test.daily  every 1 day, 0:00:00  last run: ") for line in lines)
    assert any(line.startswith("events.send_reminders  every 0:15:00") for line in lines)


class _WaitingClock:
    """Stands in for the `time` module of run_background: sleeping advances a clock instead of waiting, and
    `between_passes(seconds waited)` is called once the loop has waited out its interval."""

    def __init__(self, between_passes, *, interval_minutes: float = 15):
        self.interval_minutes = interval_minutes
        self.now = 0.0
        self.waited = 0.0
        self.between_passes = between_passes

    def monotonic(self):
        return self.now

    def sleep(self, seconds):
        self.now += seconds
        self.waited += seconds
        if self.waited >= 60 * float(self.interval_minutes):
            waited, self.waited = self.waited, 0.0
            self.between_passes(waited)


def test_the_loop_survives_a_pass_that_fails_as_a_whole(monkeypatch):
    passes = []

    def run_due_jobs():
        passes.append("pass")
        if len(passes) == 1:
            raise OperationalError("the database is away")
        return []

    def between_passes(waited):
        if len(passes) == 2:
            raise KeyboardInterrupt

    monkeypatch.setattr(run_background, "run_due_jobs", run_due_jobs)
    monkeypatch.setattr(run_background, "time", _WaitingClock(between_passes))
    monkeypatch.setattr(run_background, "close_old_connections", lambda: None)
    err, out = StringIO(), StringIO()
    call_command("run_background", stdout=out, stderr=err)
    assert passes == ["pass", "pass"]
    assert "the database is away" in err.getvalue()
    assert out.getvalue().strip().endswith("Stopped.")


def test_run_background_refuses_a_bad_interval():
    with pytest.raises(CommandError):
        call_command("run_background", "--interval", "0", "--once")


@pytest.mark.django_db(transaction=True)
def test_two_runners_at_once_run_a_job_once(jobs, monkeypatch):
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith("file:memorydb"):
        pytest.skip("in-memory SQLite is not shared between threads")
    job = registry.get("test.daily")
    PeriodicJobRun.objects.create(name=job.name)
    # Every runner reads "never run" before any of them claims the job: the race the claim must win.
    all_read = threading.Barrier(4)
    real_is_due = runner.is_due

    def is_due_then_wait(*args):
        due = real_is_due(*args)
        all_read.wait(timeout=10)
        return due

    monkeypatch.setattr(runner, "is_due", is_due_then_wait)
    errors = []

    def run():
        try:
            run_due_jobs(now=T0, jobs=[job])
        except Exception as error:  # pragma: no cover — reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert jobs == ["daily"]
