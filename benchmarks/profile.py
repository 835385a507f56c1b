#!/usr/bin/env python
"""Show the SQL queries behind one URL, with their time and the database's query plan.

Runs the request in-process with Django's test client (no gunicorn) as a generated user of the given
role, or anonymously, against the same DATABASE_URL as the generator::

    .venv/bin/python benchmarks/profile.py "/api/v1/people/?page=500" --as coordinator
    .venv/bin/python benchmarks/profile.py "/local-governments/?q=nowa" --repeat 5
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rozwoj.settings.dev")


def explain(connection, sql: str, params) -> str:
    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN ANALYZE "
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql, params)
        rows = cursor.fetchall()
    if connection.vendor == "sqlite":
        return "\n".join(f"      {row[-1]}" for row in rows)
    return "\n".join(f"      {row[0]}" for row in rows)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url")
    parser.add_argument(
        "--as", dest="role", default="", help="role of the generated user (default anonymous)"
    )
    parser.add_argument("--repeat", type=int, default=3, help="requests; the last one is reported")
    parser.add_argument("--plans", action="store_true", help="print the plans of the slow queries")
    parser.add_argument("--plan-threshold", type=float, default=5.0, help="ms above which --plans explains")
    args = parser.parse_args(argv)

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from benchmarks.generate import BENCH_SUFFIX
    from rozwoj.accounts.models import ApiToken, User

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["*"]
    settings.MFA_REQUIRED_ROLES = set()
    client = Client(HTTP_ACCEPT_LANGUAGE="pl")
    token = None
    if args.role:
        user = User.objects.filter(email__endswith=BENCH_SUFFIX, roles__role=args.role).order_by("pk").first()
        if user is None:
            print(f"No generated user with the role {args.role}.")
            return 1
        token, raw = ApiToken.issue(user, "benchmark profile")
        client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {raw}"
        client.force_login(user)
    queries: list[tuple[float, str, object]] = []

    def record(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            queries.append(((time.perf_counter() - started) * 1000, sql, params))

    try:
        for _ in range(max(1, min(args.repeat, 50))):
            queries.clear()
            with connection.execute_wrapper(record):
                started = time.perf_counter()
                response = client.get(args.url)
                total = (time.perf_counter() - started) * 1000
    finally:
        if token is not None:
            token.delete()
    sql_ms = sum(q[0] for q in queries)
    print(
        f"{args.url} → {response.status_code}, {total:.1f} ms, {len(queries)} queries, {sql_ms:.1f} ms in SQL"
    )
    for elapsed, sql, params in sorted(queries, key=lambda q: -q[0]):
        print(f"  {elapsed:8.1f} ms  {sql[:300]}  {tuple(params or ())[:6]}")
        if args.plans and elapsed >= args.plan_threshold and sql.lstrip().upper().startswith("SELECT"):
            print(explain(connection, sql, params))
    return 0


if __name__ == "__main__":
    sys.exit(main())
