#!/usr/bin/env python
"""Measure server time of the registry pages and the people API under gunicorn.

Starts gunicorn with the production settings against the same DATABASE_URL as the generator, issues
API tokens for a generated coordinator and a generated local-government member, then for every
scenario sends warm-up requests and N measured requests at each concurrency level. Reports p50/p95/max
of the server time (the duration the app logs for each request) and of the time seen by the client,
and requests per second; prints a table and saves it as JSON under benchmarks/results/.

Usage::

    .venv/bin/python benchmarks/generate.py          # once per database
    .venv/bin/python benchmarks/run.py [--requests 200] [--warmup 20] [--concurrency 1,4]

Only loopback traffic; every loop is bounded; gunicorn is stopped at the end (also on Ctrl-C).
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import platform
import random
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

PROJECT_DIR = Path(__file__).resolve().parent.parent
RESULTS_DIR = PROJECT_DIR / "benchmarks" / "results"
sys.path.insert(0, str(PROJECT_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rozwoj.settings.dev")

from benchmarks.generate import BENCH_SUFFIX  # noqa: E402

HOST = "127.0.0.1"
REQUEST_TIMEOUT = 60
START_TIMEOUT = 60


def say(message: str = "") -> None:
    print(message, flush=True)


# --------------------------------------------------------------------------------------------------------
# Scenarios
# --------------------------------------------------------------------------------------------------------


@dataclass
class Scenario:
    name: str
    description: str
    paths: list[str]  # cycled through; deterministic
    token: str | None = None
    log_prefix: str = "/"
    results: list[dict] = field(default_factory=list)
    skipped: str = ""


def _strip_accents(text: str) -> str:
    import unicodedata

    text = text.replace("ł", "l").replace("Ł", "L")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def lg_search_terms(rng: random.Random, count: int) -> list[str]:
    """Varied search terms taken from real TERYT names: whole names, prefixes, lower case, no accents."""
    from rozwoj.organisations.models import LocalGovernment

    names = list(LocalGovernment.objects.order_by("terc").values_list("name", flat=True))
    terms = []
    for _ in range(count):
        name = rng.choice(names)
        form = rng.random()
        if form < 0.3:
            terms.append(name)
        elif form < 0.6:
            terms.append(name[: rng.randint(3, 6)].lower())
        elif form < 0.8:
            terms.append(_strip_accents(name).lower())
        else:
            terms.append(name.split()[0].split("-")[0][: rng.randint(4, 8)])
    return terms


def people_search_terms(rng: random.Random, count: int) -> list[str]:
    from benchmarks.generate import FEMALE_FIRST, MALE_FIRST, SURNAMES, feminine

    terms = []
    for _ in range(count):
        form = rng.random()
        surname = rng.choice(SURNAMES)
        if form < 0.35:
            terms.append(surname)
        elif form < 0.55:
            terms.append(surname[: rng.randint(3, 5)].lower())
        elif form < 0.7:
            terms.append(feminine(surname))
        elif form < 0.85:
            terms.append(f"{rng.choice(FEMALE_FIRST + MALE_FIRST)} {surname}")
        else:
            terms.append(rng.choice(FEMALE_FIRST + MALE_FIRST))
    return terms


def build_scenarios(args, rng: random.Random, tokens: dict[str, str], people_pages: int) -> list[Scenario]:
    from django.conf import settings

    from rozwoj.organisations.models import LocalGovernment, LocalGovernmentKind

    n = args.requests + args.warmup
    voivodeships = list(
        LocalGovernment.objects.filter(kind=LocalGovernmentKind.VOIVODESHIP).values_list("terc", flat=True)
    )
    lg_pages = math.ceil(LocalGovernment.objects.count() / settings.ROZWOJ_PAGE_SIZE)
    kinds = [k for k in LocalGovernmentKind.values if k != LocalGovernmentKind.VOIVODESHIP]
    lg_plain = [f"/local-governments/?{urlencode({'q': t})}" for t in lg_search_terms(rng, n)]
    lg_filtered = []
    for term in lg_search_terms(rng, n):
        params = {"voivodeship": rng.choice(voivodeships), "kind": rng.choice(kinds)}
        roll = rng.random()
        if roll < 0.5:
            params["q"] = term[:4]
        elif roll < 0.7:
            params.pop("kind")
        lg_filtered.append(f"/local-governments/?{urlencode(params)}")
    lg_browse = [f"/local-governments/?{urlencode({'page': rng.randint(1, lg_pages)})}" for _ in range(n)]
    people_pages_paths = [
        f"/api/v1/people/?{urlencode({'page': rng.randint(1, max(people_pages, 1))})}" for _ in range(n)
    ]
    people_q = [f"/api/v1/people/?{urlencode({'q': t})}" for t in people_search_terms(rng, n)]
    scenarios = [
        Scenario("lg_search", "local-government search page, ?q=<varied names> (anonymous)", lg_plain,
                 log_prefix="/local-governments/"),
        Scenario("lg_search_filtered", "local-government search page with voivodeship/kind filters",
                 lg_filtered, log_prefix="/local-governments/"),
        Scenario("lg_browse", "local-government list, ?page=<varied> (anonymous)", lg_browse,
                 log_prefix="/local-governments/"),
        Scenario("people_api_pages", f"people API list ?page=<1..{people_pages}> as a coordinator (token)",
                 people_pages_paths, token=tokens["coordinator"], log_prefix="/api/v1/people"),
        Scenario("people_api_search", "people API ?q=<names> as a coordinator (token)", people_q,
                 token=tokens["coordinator"], log_prefix="/api/v1/people"),
        Scenario("people_api_lg_member", "people API list ?page=1 and ?q= as a local-government member "
                 "(scoped to their unit)", [p if i % 2 else "/api/v1/people/" for i, p in enumerate(people_q)],
                 token=tokens["lg_member"], log_prefix="/api/v1/people"),
    ]  # fmt: skip
    wanted = set(args.only.split(",")) if args.only else None
    return [s for s in scenarios if wanted is None or s.name in wanted]


# --------------------------------------------------------------------------------------------------------
# HTTP and gunicorn
# --------------------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def fetch(port: int, path: str, token: str | None = None) -> tuple[int, float, bytes]:
    headers = {"Accept-Language": "pl", "Host": HOST}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    started = time.perf_counter()
    conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
    try:
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        body = response.read()
        status = response.status
    finally:
        conn.close()
    return status, (time.perf_counter() - started) * 1000, body


class Server:
    def __init__(self, *, workers: int, log_path: Path):
        self.port = free_port()
        self.log_path = log_path
        self.env = dict(os.environ)
        self.env.update(
            DJANGO_SETTINGS_MODULE="rozwoj.settings.production",
            SECRET_KEY=secrets.token_urlsafe(64),
            ALLOWED_HOSTS=HOST,
            SECURE_SSL_REDIRECT="0",
            LOG_LEVEL="INFO",
        )
        self.workers = workers
        self.process: subprocess.Popen | None = None

    def collectstatic(self) -> None:
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=PROJECT_DIR,
            env=self.env,
            check=True,
        )

    def start(self) -> None:
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.log_file = self.log_path.open("wb")
        self.process = subprocess.Popen(
            [str(gunicorn), "rozwoj.wsgi", "-w", str(self.workers), "-b", f"{HOST}:{self.port}",
             "--timeout", "120", "--graceful-timeout", "5"],
            cwd=PROJECT_DIR, env=self.env, stdout=self.log_file, stderr=subprocess.STDOUT,
        )  # fmt: skip
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}; see {self.log_path}")
            try:
                if fetch(self.port, "/healthz")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer /healthz within {START_TIMEOUT} s")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        if getattr(self, "log_file", None):
            self.log_file.close()

    def log_offset(self) -> int:
        self.log_file.flush()
        return self.log_path.stat().st_size

    def server_times(self, start: int, end: int, prefix: str) -> list[float]:
        """Durations the app logged (RequestLogMiddleware) between two offsets of the log."""
        with self.log_path.open("rb") as handle:
            handle.seek(start)
            chunk = handle.read(end - start)
        durations = []
        for line in chunk.splitlines():
            if not line.startswith(b"{"):
                continue
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            if entry.get("logger") == "rozwoj.request" and str(entry.get("path", "")).startswith(prefix):
                durations.append(float(entry["duration_ms"]))
        return durations


# --------------------------------------------------------------------------------------------------------
# Measuring
# --------------------------------------------------------------------------------------------------------


def summarise(values: list[float]) -> dict:
    if not values:
        return {}
    ordered = sorted(values)
    if len(ordered) == 1:
        return {"p50": ordered[0], "p95": ordered[0], "max": ordered[0], "mean": ordered[0]}
    q = statistics.quantiles(ordered, n=100, method="inclusive")
    return {
        "p50": round(q[49], 1),
        "p95": round(q[94], 1),
        "max": round(ordered[-1], 1),
        "mean": round(statistics.fmean(ordered), 1),
    }


def run_batch(server: Server, scenario: Scenario, paths: list[str], concurrency: int) -> dict:
    def one(path: str) -> tuple[int, float]:
        try:
            status, elapsed, _ = fetch(server.port, path, scenario.token)
        except OSError:
            return 0, float("nan")
        return status, elapsed

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        outcomes = list(pool.map(one, paths))
    wall = time.perf_counter() - started
    ok = [elapsed for status, elapsed in outcomes if status == 200]
    errors = {}
    for status, _ in outcomes:
        if status != 200:
            errors[str(status)] = errors.get(str(status), 0) + 1
    return {"wall_s": wall, "client_ms": ok, "errors": errors, "count": len(paths)}


def measure(server: Server, scenario: Scenario, args) -> None:
    status, _, body = fetch(server.port, scenario.paths[0], scenario.token)
    if status != 200:
        scenario.skipped = f"probe {scenario.paths[0]} answered {status}: {body[:200]!r}"
        say(f"  {scenario.name}: skipped ({scenario.skipped})")
        return
    warmup, measured = scenario.paths[: args.warmup], scenario.paths[args.warmup :]
    for concurrency in args.concurrency:
        run_batch(server, scenario, warmup, concurrency)
        time.sleep(0.2)
        start = server.log_offset()
        batch = run_batch(server, scenario, measured, concurrency)
        time.sleep(0.5)  # let the workers write their last log lines
        server_ms = server.server_times(start, server.log_offset(), scenario.log_prefix)
        row = {
            "scenario": scenario.name,
            "concurrency": concurrency,
            "requests": batch["count"],
            "errors": batch["errors"],
            "requests_per_s": round(batch["count"] / batch["wall_s"], 1),
            "server_ms": summarise(server_ms),
            "server_samples": len(server_ms),
            "client_ms": summarise(batch["client_ms"]),
        }
        scenario.results.append(row)
        say(format_row(row))


HEADER = (
    f"{'scenario':22} {'conc':>4} {'n':>5} {'err':>4} {'req/s':>7} | "
    f"{'server p50':>10} {'p95':>7} {'max':>7} | {'client p50':>10} {'p95':>7} {'max':>7}"
)


def format_row(row: dict) -> str:
    s, c = row["server_ms"], row["client_ms"]
    errors = sum(row["errors"].values())
    return (
        f"{row['scenario']:22} {row['concurrency']:>4} {row['requests']:>5} {errors:>4} "
        f"{row['requests_per_s']:>7.1f} | {s.get('p50', math.nan):>10.1f} {s.get('p95', math.nan):>7.1f} "
        f"{s.get('max', math.nan):>7.1f} | {c.get('p50', math.nan):>10.1f} {c.get('p95', math.nan):>7.1f} "
        f"{c.get('max', math.nan):>7.1f}"
    )


# --------------------------------------------------------------------------------------------------------


def dataset_summary() -> dict:
    from django.db import connection

    from rozwoj.accounts.models import User
    from rozwoj.experts.models import ExpertProfile
    from rozwoj.organisations.models import LocalGovernment, Organisation
    from rozwoj.people.models import Membership, Person

    db = connection.settings_dict
    return {
        "vendor": connection.vendor,
        "database": str(db["NAME"]),
        "local_governments": LocalGovernment.objects.count(),
        "organisations": Organisation.objects.count(),
        "people": Person.objects.count(),
        "memberships": Membership.objects.count(),
        "expert_profiles": ExpertProfile.objects.count(),
        "users": User.objects.count(),
    }


def issue_tokens() -> tuple[dict[str, str], list]:
    from rozwoj.accounts.models import ApiToken, Role, User

    tokens, issued = {}, []
    for key, role in (("coordinator", Role.COORDINATOR), ("lg_member", Role.LOCAL_GOVERNMENT_MEMBER)):
        user = (
            User.objects.filter(email__endswith=BENCH_SUFFIX, roles__role=role, is_active=True)
            .order_by("pk")
            .first()
        )
        if user is None:
            raise SystemExit(f"No generated {role} login; run benchmarks/generate.py first.")
        token, raw = ApiToken.issue(user, "benchmark")
        tokens[key] = raw
        issued.append(token)
    return tokens, issued


def people_page_count(server: Server, token: str) -> int:
    status, _, body = fetch(server.port, "/api/v1/people/", token)
    if status != 200:
        return 1
    data = json.loads(body)
    items = data.get("items") if isinstance(data, dict) else data
    count = data.get("count") if isinstance(data, dict) else None
    if not items or not count:
        return 1
    return max(1, math.ceil(count / len(items)))


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200, help="measured requests per scenario and level")
    parser.add_argument("--warmup", type=int, default=20, help="warm-up requests before each level")
    parser.add_argument("--concurrency", default="1,4", help="comma-separated concurrency levels (1,4)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
    parser.add_argument("--only", default="", help="comma-separated scenario names")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--skip-collectstatic", action="store_true")
    parser.add_argument("--label", default="", help="added to the name of the results file")
    args = parser.parse_args(argv)
    args.concurrency = [max(1, min(int(c), 32)) for c in args.concurrency.split(",") if c.strip()]
    args.requests = max(1, min(args.requests, 10_000))
    args.warmup = max(0, min(args.warmup, 1_000))
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    import django

    django.setup()
    from django.core.management import call_command

    from benchmarks.generate import bench_data_present

    call_command("migrate", interactive=False, verbosity=0)  # the code may be newer than the data set
    if not bench_data_present():
        say("No generated data set in this database: run .venv/bin/python benchmarks/generate.py first.")
        return 1
    dataset = dataset_summary()
    say(f"Database: {dataset['vendor']} {dataset['database']}")
    say(", ".join(f"{k}={v:,}" for k, v in dataset.items() if isinstance(v, int)))
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    name = f"{dataset['vendor']}-{stamp}{'-' + args.label if args.label else ''}"
    server = Server(workers=args.workers, log_path=RESULTS_DIR / f"{name}-gunicorn.log")
    tokens, issued = issue_tokens()
    load_before = os.getloadavg()
    try:
        if not args.skip_collectstatic:
            server.collectstatic()
        server.start()
        say(f"gunicorn -w {args.workers} on {HOST}:{server.port} (log: {server.log_path})")
        rng = random.Random(args.seed)
        scenarios = build_scenarios(args, rng, tokens, people_page_count(server, tokens["coordinator"]))
        say()
        say(HEADER)
        for scenario in scenarios:
            measure(server, scenario, args)
    finally:
        server.stop()
        for token in issued:
            token.delete()
    report = {
        "timestamp": stamp,
        "dataset": dataset,
        "settings": {
            "requests": args.requests,
            "warmup": args.warmup,
            "concurrency": args.concurrency,
            "gunicorn_workers": args.workers,
            "cpus": os.cpu_count(),
            "load_average_before": [round(x, 2) for x in load_before],
            "load_average_after": [round(x, 2) for x in os.getloadavg()],
            "python": platform.python_version(),
            "django": django.get_version(),
        },
        "scenarios": [
            {"name": s.name, "description": s.description, "skipped": s.skipped, "results": s.results}
            for s in scenarios
        ],
    }
    out = RESULTS_DIR / f"{name}.json"
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    say()
    say("Server time = the duration the app logs for the request (RequestLogMiddleware); client time adds")
    say("gunicorn and the loopback connection. Times in ms.")
    say(
        f"Load average (1 min) before/after: {load_before[0]:.2f} / {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs"
    )
    say(f"Saved {out.relative_to(PROJECT_DIR)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
