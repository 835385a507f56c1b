#!/usr/bin/env python
"""Benchmark of the questionnaires' results: 100,000 responses to a 30-question questionnaire.

Against the database DATABASE_URL points at (default: SQLite in var/bench-surveys.sqlite3, not the dev
database), it sets up once a questionnaire marked with the template key ``bench-surveys`` (6 single choices,
4 multiple choices, 8 Likert scales, 3 Likert matrices of 4 rows, 3 numbers, 2 yes/no, 1 ranking, 2 long texts and
1 date; ``--responses`` 100,000 complete responses with varied respondent attributes, written straight into the
tables, then the results' tallies recounted from them), and a coordinator. Then it measures, in-process (Django's test client, the development settings):

1. ``results``: the results page of the wave (every chart and table), ``--repeat`` times built from the tallies
   (the cache emptied before each request, as after a response is submitted) and ``--repeat`` times from the
   cache;
2. ``results_filtered``: the same page filtered by kind of organisation and voivodeship
   (``results_filtered_one``: by kind of organisation alone, the widest filter);
3. ``results_selector``: `results_for` alone (the SQL and the statistics, without rendering); ``api``: the
   results API, built and from the cache;
4. ``xlsx_prepared``: the XLSX of all responses as the background work prepares it (time, rows a second, size,
   peak of Python's allocations); ``rebuild``: recounting the results' tallies from the answers;
   ``xlsx`` and ``csv`` (not by default): the streamed exports, read to the end, with their time, size and the peak of
   memory Python allocated meanwhile (tracemalloc) and the growth of the process's resident memory;
5. ``submit``: responses submitted per second through `response_submit`, the service of the respondent page
   (``--submit`` responses, sequentially, on a second questionnaire so the data set stays as it is).

Usage::

    .venv/bin/python benchmarks/surveys.py [--fresh] [--responses 100000] [--only results,xlsx,...]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/rozwoj_bench_surveys .venv/bin/python benchmarks/surveys.py

Prints the figures and saves them as JSON under benchmarks/results/.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import random
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rozwoj.settings.dev")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{PROJECT_DIR / 'var' / 'bench-surveys.sqlite3'}")

KEY = "bench-surveys"
SUBMIT_KEY = "bench-surveys-submit"
EMAIL = "coordinator@surveys-bench.example.org"
RESULTS_DIR = PROJECT_DIR / "benchmarks" / "results"
BATCH = 2000

ORGANISATION_KINDS = ["school", "local_government_office", "ngo", "training_institution", "other"]
LG_KINDS = ["rural_gmina", "urban_gmina", "urban_rural_gmina", "powiat", "city_powiat", ""]
VOIVODESHIPS = [f"{code:02d}" for code in range(2, 33, 2)]
ROLES = ["participant", "local_government_member", "expert"]
SPEC = (
    ["single"] * 6
    + ["multiple"] * 4
    + ["likert"] * 8
    + ["likert_matrix"] * 3
    + ["number"] * 3
    + ["yes_no"] * 2
    + ["ranking"]
    + ["long_text"] * 2
    + ["date"]
)


def say(message: str = "") -> None:
    print(message, flush=True)


def _label(text: str) -> dict:
    return {"pl": text, "en": text}


def create_questionnaire(key: str):
    from rozwoj.surveys.models import Question, Questionnaire, Section, Wave

    questionnaire = Questionnaire.objects.create(
        title=_label(f"Benchmark {key}"),
        languages=["pl", "en"],
        anonymity="anonymous",
        status="open",
        template_key=key,
    )
    Wave.objects.create(questionnaire=questionnaire, order=1, label=_label("Po szkoleniu"))
    section = Section.objects.create(questionnaire=questionnaire, order=1, title=_label("Część"))
    options = [{"code": f"o{index}", "label": _label(f"Opcja {index}")} for index in range(1, 6)]
    rows = [{"code": f"r{index}", "label": _label(f"Wiersz {index}")} for index in range(1, 5)]
    for order, kind in enumerate(SPEC, start=1):
        Question.objects.create(
            questionnaire=questionnaire,
            section=section,
            order=order,
            code=f"q{order}",
            kind=kind,
            text=_label(f"Pytanie {order} ({kind})"),
            options=options if kind in ("single", "multiple", "ranking") else [],
            allow_other=kind in ("single", "multiple") and order % 2 == 0,
            rows=rows if kind == "likert_matrix" else [],
            scale_points=5 if kind in ("likert", "likert_matrix") else None,
            min_value=0 if kind == "number" else None,
            max_value=1000 if kind == "number" else None,
        )
    return questionnaire


def _answer(question, rng: random.Random):
    """(value, typed columns) of a random answer."""
    kind, codes = question.kind, [option["code"] for option in question.options]
    columns = {"number": None, "choice": "", "text": "", "date": None}
    if kind == "single":
        value = rng.choice(codes + (["other"] if question.allow_other else []))
        columns["choice"] = value
        if value == "other":
            columns["text"] = rng.choice(["Fundacja", "Stowarzyszenie", "Biblioteka"])
    elif kind == "multiple":
        value = sorted(rng.sample(codes, rng.randint(1, 3)))
    elif kind == "likert":
        value = rng.choices(range(1, 6), weights=(1, 2, 3, 4, 3))[0]
        columns["number"] = float(value)
    elif kind == "likert_matrix":
        value = {row["code"]: rng.randint(1, 5) for row in question.rows}
    elif kind == "number":
        value = rng.randint(0, 40)
        columns["number"] = float(value)
    elif kind == "yes_no":
        value = rng.random() < 0.7
        columns["number"], columns["choice"] = (1.0 if value else 0.0), ("yes" if value else "no")
    elif kind == "ranking":
        value = rng.sample(codes, len(codes))
    elif kind == "long_text":
        value = rng.choice(["Bardzo dobre szkolenie.", "Za mało przykładów.", "Więcej praktyki, proszę."])
        columns["text"] = value
    else:
        value = f"2026-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
        columns["date"] = datetime.date.fromisoformat(value)
    return value, columns


def generate(questionnaire, count: int, seed: int) -> None:
    """`count` responses written straight into the tables (batches of BATCH: the responses by bulk_create, their
    answers by executemany), then the results' tallies recounted from them in SQL, as after an import."""
    from django.db import connection, transaction

    from rozwoj.surveys.models import Answer, Response

    rng = random.Random(seed)
    wave = questionnaire.waves.get()
    questions = list(questionnaire.questions.all())
    today = datetime.date(2026, 6, 1)
    started = time.perf_counter()
    response_id = Response._meta.pk
    json_value = "CAST(%s AS jsonb)" if connection.vendor == "postgresql" else "%s"
    sql = (
        f"INSERT INTO {Answer._meta.db_table} (response_id, question_id, value, number, choice, text, date) "
        f"VALUES (%s, %s, {json_value}, %s, %s, %s, %s)"
    )
    for start in range(0, count, BATCH):
        responses = [
            Response(
                questionnaire=questionnaire,
                wave=wave,
                language=rng.choice(["pl", "pl", "en"]),
                submitted_on=today,
                is_anonymous=True,
                organisation_kind=rng.choice(ORGANISATION_KINDS),
                local_government_kind=rng.choice(LG_KINDS),
                voivodeship=rng.choice(VOIVODESHIPS),
                role=rng.choice(ROLES),
            )
            for _index in range(min(BATCH, count - start))
        ]
        rows = []
        for response in responses:
            key = response_id.get_db_prep_value(response.pk, connection)
            for question in questions:
                value, columns = _answer(question, rng)
                date = columns["date"].isoformat() if columns["date"] else None
                rows.append(
                    (
                        key,
                        question.pk,
                        json.dumps(value),
                        columns["number"],
                        columns["choice"],
                        columns["text"],
                        date,
                    )
                )
        with transaction.atomic(), connection.cursor() as cursor:
            Response.objects.bulk_create(responses)
            cursor.executemany(sql, rows)
        done = start + len(responses)
        if done % 10000 == 0 or done == count:
            say(f"  {done:,} responses ({time.perf_counter() - started:.0f} s)")


def rebuild(questionnaire) -> dict:
    from rozwoj.surveys.models import ResultTally
    from rozwoj.surveys.services.tallies import tallies_rebuild

    started = time.perf_counter()
    counted = tallies_rebuild(questionnaire)
    seconds = time.perf_counter() - started
    rows = ResultTally.objects.filter(group__questionnaire=questionnaire).count()
    say(f"  tallies recounted in {seconds:.1f} s ({counted:,} responses, {rows:,} tally rows)")
    return {"seconds": round(seconds, 1), "responses": counted, "tally_rows": rows}


def set_up(args):
    from django.core.management import call_command
    from django.db import connection

    from rozwoj.accounts.models import Role, User, UserRole
    from rozwoj.surveys.models import Questionnaire

    call_command("migrate", verbosity=0)
    if args.fresh:
        Questionnaire.objects.filter(template_key__in=[KEY, SUBMIT_KEY]).delete()
    questionnaire = Questionnaire.objects.filter(template_key=KEY).first()
    if questionnaire is None:
        say(f"Generating {args.responses:,} responses to a 30-question questionnaire…")
        started = time.perf_counter()
        questionnaire = create_questionnaire(KEY)
        generate(questionnaire, args.responses, args.seed)
        say(f"  generated in {time.perf_counter() - started:.0f} s")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        rebuild(questionnaire)
    else:
        from rozwoj.surveys.selectors.tallies import results_stamp, tallies_current

        # e.g. after a migration that changed the tallies, or marked them to be recounted
        if not tallies_current(questionnaire)[2] or results_stamp(questionnaire)[1]:
            say("The tallies disagree with the responses: recounting…")
            rebuild(questionnaire)
    user = User.objects.filter(email=EMAIL).first()
    if user is None:
        user = User.objects.create_user(email=EMAIL, password=None)
        UserRole.objects.create(user=user, role=Role.COORDINATOR)
    return questionnaire, user


def timed(function, repeat: int) -> dict:
    times = []
    for _index in range(repeat):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return {
        "median_ms": round(statistics.median(times), 1),
        "min_ms": round(min(times), 1),
        "max_ms": round(max(times), 1),
        "runs": repeat,
    }


def _client(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def measure_page(user, url: str, params: dict, repeat: int) -> dict:
    """The page built from the tallies (`miss_*`: the cache emptied before each request, as after a response
    is submitted) and served from the cache (`median_ms` etc.: the same page again)."""
    from django.core.cache import cache

    client = _client(user)

    def get():
        response = client.get(url, params)
        assert response.status_code == 200, response.status_code

    def miss():
        cache.clear()
        started = time.perf_counter()
        get()
        return (time.perf_counter() - started) * 1000

    misses = [miss() for _index in range(repeat)]
    return {
        "miss_first_ms": round(misses[0], 1),
        "miss_median_ms": round(statistics.median(misses), 1),
        "miss_max_ms": round(max(misses), 1),
        **timed(get, repeat),
    }


def measure_export(user, url: str) -> dict:
    client = _client(user)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    started = time.perf_counter()
    response = client.get(url)
    size = 0
    for chunk in response.streaming_content:
        size += len(chunk)
    seconds = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "seconds": round(seconds, 1),
        "bytes": size,
        "python_peak_mb": round(peak / 2**20, 1),
        "max_rss_growth_mb": round((rss_after - rss_before) / 1024, 1),
    }


def measure_prepared_xlsx(questionnaire, user, trace: bool = False) -> dict:
    """The XLSX of all responses as the background work prepares it (services.exports.export_prepare)."""
    from rozwoj.surveys.models import ResultsExport
    from rozwoj.surveys.services.exports import export_prepare

    export = ResultsExport.objects.create(
        questionnaire=questionnaire,
        language="pl",
        requested_by=user,
        rows_total=questionnaire.responses.count(),
    )
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if trace:  # tracemalloc slows openpyxl's many small allocations several times: only when asked
        tracemalloc.start()
    started = time.perf_counter()
    export_prepare(export.pk)
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] if trace else 0
    tracemalloc.stop()
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    export.refresh_from_db()
    size = export.file.size
    export.file.delete(save=False)
    export.delete()
    return {
        "seconds": round(seconds, 1),
        "rows": export.rows_total,
        "rows_per_second": round(export.rows_total / seconds),
        "bytes": size,
        "python_peak_mb": round(peak / 2**20, 1) if trace else None,
        "max_rss_growth_mb": round((rss_after - rss_before) / 1024, 1),
        "max_rss_mb": round(rss_after / 1024, 1),
    }


def measure_submit(count: int) -> dict:
    from rozwoj.surveys.models import Questionnaire
    from rozwoj.surveys.services.responding import Respondent, response_submit

    Questionnaire.objects.filter(template_key=SUBMIT_KEY).delete()
    questionnaire = create_questionnaire(SUBMIT_KEY)
    wave = questionnaire.waves.get()
    questions = list(questionnaire.questions.all())
    rng = random.Random(7)
    forms = []
    for _index in range(count):
        data: dict[str, object] = {}
        for question in questions:
            value, _columns = _answer(question, rng)
            name = f"q-{question.code}"
            if question.kind == "likert_matrix":
                data.update({f"{name}-{row}": str(point) for row, point in value.items()})
            elif question.kind == "ranking":
                data.update({f"{name}-{code}": str(rank) for rank, code in enumerate(value, start=1)})
            elif question.kind == "multiple":
                data[name] = value
            elif question.kind == "yes_no":
                data[name] = "yes" if value else "no"
            else:
                data[name] = str(value)
                if value == "other":
                    data[f"{name}-other"] = "Fundacja"
        forms.append(data)
    started = time.perf_counter()
    for data in forms:
        response_submit(
            questionnaire=questionnaire, wave=wave, respondent=Respondent(), language="pl", data=data
        )
    seconds = time.perf_counter() - started
    stored = questionnaire.responses.count()
    answers = sum(response.answers.count() for response in questionnaire.responses.all()[:5]) / 5
    questionnaire.delete()
    return {
        "responses": count,
        "seconds": round(seconds, 2),
        "per_second": round(count / seconds, 1),
        "stored": stored,
        "answers_per_response": answers,
    }


def measure_pages(questionnaire, user, wave, only: set[str], repeat: int) -> dict:
    """The results page (whole, filtered by two attributes, by one), `results_for` alone and the API."""
    from django.urls import reverse

    from rozwoj.surveys.selectors.results import results_for

    figures: dict[str, object] = {}
    page = reverse("surveys:results", args=[questionnaire.pk])
    filters = {"wave": str(wave.pk), "organisation_kind": "school", "voivodeship": "14"}
    if "results" in only:
        figures["results"] = measure_page(user, page, {"wave": str(wave.pk)}, repeat)
        say(f"results page: {figures['results']}")
    if "results_filtered" in only:
        figures["results_filtered"] = measure_page(user, page, filters, repeat)
        say(f"results page, filtered: {figures['results_filtered']}")
    if "results_filtered_one" in only:
        one = {"wave": str(wave.pk), "organisation_kind": "school"}
        figures["results_filtered_one"] = measure_page(user, page, one, repeat)
        say(f"results page, filtered by kind of organisation alone: {figures['results_filtered_one']}")
    if "results_selector" in only:
        figures["results_selector"] = timed(lambda: results_for(questionnaire, wave=wave), repeat)
        say(f"results_for alone: {figures['results_selector']}")
    if "api" in only:
        api = f"/api/v1/surveys/questionnaires/{questionnaire.pk}/results"
        figures["api"] = measure_page(user, api, {"wave": str(wave.pk)}, repeat)
        say(f"results API: {figures['api']}")
        figures["api_filtered"] = measure_page(user, api, filters, repeat)
        say(f"results API, filtered: {figures['api_filtered']}")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--responses", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--submit", type=int, default=300)
    parser.add_argument(
        "--only",
        default="results,results_filtered,results_filtered_one,results_selector,api,xlsx_prepared,submit",
    )
    parser.add_argument("--fresh", action="store_true")
    parser.add_argument(
        "--tracemalloc", action="store_true", help="peak of Python's allocations of xlsx_prepared"
    )
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.urls import reverse

    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    questionnaire, user = set_up(args)
    wave = questionnaire.waves.get()
    responses = questionnaire.responses.count()
    say(f"{connection.vendor}: {responses:,} responses, {questionnaire.questions.count()} questions")
    only = set(args.only.split(","))
    figures: dict[str, object] = {}
    figures.update(measure_pages(questionnaire, user, wave, only, args.repeat))
    if "rebuild" in only:
        figures["rebuild"] = rebuild(questionnaire)
    if "xlsx_prepared" in only:
        figures["xlsx_prepared"] = measure_prepared_xlsx(questionnaire, user, args.tracemalloc)
        say(f"xlsx prepared in the background: {figures['xlsx_prepared']}")
    for fmt in ("xlsx", "csv"):
        if fmt in only:
            figures[fmt] = measure_export(
                user, reverse("surveys:results_export", args=[questionnaire.pk, fmt])
            )
            say(f"{fmt} export: {figures[fmt]}")
    if "submit" in only:
        figures["submit"] = measure_submit(args.submit)
        say(f"submitted: {figures['submit']}")

    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = RESULTS_DIR / f"surveys-{connection.vendor}-{stamp}.json"
    path.write_text(
        json.dumps(
            {
                "vendor": connection.vendor,
                "responses": responses,
                "questions": len(SPEC),
                "figures": figures,
                "machine": platform.platform(),
                "load_average": os.getloadavg(),
            },
            indent=2,
        )
    )
    say(f"saved {path.relative_to(PROJECT_DIR)}")


if __name__ == "__main__":
    main()
