#!/usr/bin/env python
"""Benchmark of the news pages: 10,000 published posts (and 500 drafts), the public list and its filters, a deep
page, a post, the RSS and Atom feeds and the API list.

Against the database DATABASE_URL points at (default: SQLite in var/bench-news.sqlite3, not the dev database), it
creates the posts once (marked: the category ``bench-news``), then times each page in-process through Django's
test client (server time: URL resolution, middleware, queries, template; no network), after a warm-up, and counts
its SQL queries.

Usage::

    .venv/bin/python benchmarks/news.py [--fresh] [--requests 100]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/rozwoj_news_bench .venv/bin/python benchmarks/news.py

Prints a table and saves JSON under benchmarks/results/.
"""

from __future__ import annotations

import argparse
import datetime
import functools
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rozwoj.settings.dev")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{PROJECT_DIR / 'var' / 'bench-news.sqlite3'}")

POSTS = 10_000
DRAFTS = 500
CATEGORY_SLUG = "bench-news"
RESULTS_DIR = PROJECT_DIR / "benchmarks" / "results"


def setup_django() -> None:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def generate(fresh: bool) -> None:
    from django.db import transaction
    from django.utils import timezone

    from rozwoj.news.models import Category, Post, PostStatus
    from rozwoj.programmes.models import Programme

    category, _ = Category.objects.get_or_create(
        slug=CATEGORY_SLUG, defaults={"name_pl": "Benchmark", "name_en": "Benchmark"}
    )
    if fresh:
        Post.objects.filter(category=category).delete()
    if Post.objects.filter(category=category).count() >= POSTS + DRAFTS:
        return
    Post.objects.filter(category=category).delete()
    other = Category.objects.get(slug="training-projects")
    programme = Programme.objects.first()
    now = timezone.now()
    body = (
        "## Przebieg\n\n"
        + "Akapit tekstu wpisu z **wyróżnieniem** i [odnośnikiem](https://example.org). " * 20
    )
    started = time.perf_counter()
    with transaction.atomic():
        rows = []
        for number in range(POSTS + DRAFTS):
            published = number < POSTS
            rows.append(
                Post(
                    title_pl=f"Wiadomość {number}: szkolenie dla kadr samorządowych",
                    lead_pl="Krótkie wprowadzenie do wiadomości.",
                    body_pl=body,
                    title_en=f"News {number}" if number % 3 == 0 else "",
                    body_en=body if number % 3 == 0 else "",
                    category=category if number % 4 else other,
                    status=PostStatus.PUBLISHED if published else PostStatus.DRAFT,
                    published_at=now - datetime.timedelta(hours=number) if published else None,
                    author_name="Benchmark",
                )
            )
        Post.objects.bulk_create(rows, batch_size=1000)
        if programme is not None:
            through = Post.programmes.through
            ids = Post.objects.filter(category=category).values_list("pk", flat=True)[:2000]
            through.objects.bulk_create([through(post_id=pk, programme_id=programme.pk) for pk in ids])
    print(f"generated {POSTS:,} posts and {DRAFTS} drafts in {time.perf_counter() - started:.1f} s")


def analyze() -> None:
    """Fresh statistics after the bulk insert: without them PostgreSQL plans the list as if it had 60 rows. On
    PostgreSQL also what autovacuum does soon after a bulk insert (VACUUM sets the visibility map): without it
    the count of the list reads every post instead of the list's index alone, which no running site does."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE news_post")
        cursor.execute("ANALYZE")


def _count(queries: list[str], execute, sql, params, many, context):
    queries.append(sql)
    return execute(sql, params, many, context)


def measure(urls: dict[str, str], requests: int, *, cold: bool = False) -> list[dict]:
    """Each page `requests` times after a warm-up; `cold`: the cache emptied before every request (what the
    first visitor after a change waits for)."""
    import logging

    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]  # the test client's host (dev settings)
    settings.DEBUG = False  # no query log
    settings.STORAGES = {  # static URLs without collectstatic's manifest
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    logging.disable(logging.INFO)  # no request log lines between the figures
    client = Client()
    results = []
    for name, url in urls.items():
        for _ in range(5):  # warm-up
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
        if cold:
            cache.clear()
        queries: list[str] = []  # counted by a wrapper: DEBUG is off and each request resets the query log

        with connection.execute_wrapper(functools.partial(_count, queries)):
            client.get(url)
        timings = []
        for _ in range(requests):
            if cold:
                cache.clear()
            started = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        timings.sort()
        results.append(
            {
                "page": name + (", cold cache" if cold else ""),
                "url": url,
                "queries": len(queries),
                "median_ms": round(statistics.median(timings), 1),
                "p95_ms": round(timings[max(int(len(timings) * 0.95) - 1, 0)], 1),
            }
        )
    return results


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--fresh", action="store_true", help="delete and create the posts again")
    parser.add_argument("--requests", type=int, default=100, help="measured requests per page (1–10,000)")
    args = parser.parse_args()
    requests = max(1, min(args.requests, 10_000))
    setup_django()
    generate(args.fresh)
    analyze()

    from django.db import connection

    from rozwoj.news.models import Post
    from rozwoj.programmes.models import Programme

    post = Post.objects.filter(status="published").order_by("-published_at").first()
    programme = Programme.objects.first()
    urls = {
        "home page": "/",
        "news list": "/news/",
        "news list, page 200": "/news/?page=200",
        "news list, category": f"/news/?category={CATEGORY_SLUG}",
        "news list, year": f"/news/?year={post.published_at.year}",
        "post": f"/news/{post.pk}/",
        "RSS": "/news/feed/rss/",
        "Atom": "/news/feed/atom/",
        "category RSS": f"/news/category/{CATEGORY_SLUG}/rss/",
        "API list": "/api/v1/news/",
    }
    if programme is not None:
        urls["news list, programme"] = f"/news/?programme={programme.pk}"
        urls["programme RSS"] = f"/news/programme/{programme.pk}/rss/"
    results = measure(urls, requests)
    cold = {name: urls[name] for name in ("home page", "news list", "news list, page 200", "news list, year")}
    results += measure(cold, requests, cold=True)
    header = f"{'page':<36} {'queries':>7} {'median ms':>10} {'p95 ms':>8}"
    print(f"database: {connection.vendor}; {Post.objects.count():,} posts; {requests} requests per page")
    print(header)
    for row in results:
        print(f"{row['page']:<36} {row['queries']:>7} {row['median_ms']:>10} {row['p95_ms']:>8}")
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    out = RESULTS_DIR / f"news-{connection.vendor}.json"
    out.write_text(
        json.dumps(
            {
                "database": connection.vendor,
                "posts": Post.objects.count(),
                "python": platform.python_version(),
                "results": results,
            },
            indent=2,
        )
    )
    print(f"saved {out}")


if __name__ == "__main__":
    main()
