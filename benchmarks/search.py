#!/usr/bin/env python
"""Benchmark of the site search and the home page: server time of `/search/?q=` and `/`.

The index holds what the database's apps give (events, programmes: load the national data set first with
`generate.py` for a realistic database) plus ``--news`` (10,000) news-like and ``--documents`` (5,000)
document-like entries written straight into the index by two benchmark sources (deterministic Polish text,
``--seed``; the documents split between public, signed-in and coordinators-only grants), and ``--events``
(500) public events open for registration with a session ahead, so that the home page has something to show.
Each page is requested ``--requests`` times in-process (Django's test client: the server's own time, no network)
after a warm-up, as a visitor and as a signed-in coordinator; the median and the 95th percentile are printed.
``--delete`` removes the benchmark's rows.

Usage::

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/rozwoj_bench   # or sqlite:///$PWD/var/bench.sqlite3
    .venv/bin/python manage.py migrate
    .venv/bin/python benchmarks/search.py [--news 10000] [--documents 5000] [--requests 50]
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rozwoj.settings.dev")

WORDS = [
    "szkolenie",
    "szkolenia",
    "szkoleniu",
    "szkoleń",
    "spotkanie",
    "spotkania",
    "spotkaniu",
    "samorząd",
    "samorządu",
    "samorządów",
    "gmina",
    "gminy",
    "gminie",
    "gmin",
    "powiat",
    "powiatu",
    "budżet",
    "budżetu",
    "budżetowy",
    "doradztwo",
    "doradztwa",
    "doradcy",
    "ekspert",
    "ekspertów",
    "eksperci",
    "coaching",
    "coachingu",
    "lider",
    "liderów",
    "rozwój",
    "rozwoju",
    "kadr",
    "kadry",
    "administracji",
    "publicznej",
    "strategia",
    "strategii",
    "partnerstwo",
    "partnerów",
    "Łotwa",
    "Łotwie",
    "Łotwy",
    "Ryga",
    "Rydze",
    "Warszawa",
    "Warszawie",
    "Kraków",
    "Krakowie",
    "Łódź",
    "Łodzi",
    "Gdańsk",
    "mieszkańcy",
    "mieszkańców",
    "projekt",
    "projektu",
    "projekty",
    "program",
    "programu",
    "programy",
    "Erasmus",
    "wymiana",
    "doświadczeń",
    "dobre",
    "praktyki",
    "zarządzanie",
    "zarządzania",
    "jakość",
    "jakości",
    "usługi",
    "usług",
    "cyfryzacja",
    "cyfryzacji",
    "edukacja",
    "edukacji",
    "szkoła",
    "szkoły",
    "szkół",
    "dyrektor",
    "dyrektorów",
    "nauczyciel",
    "nauczycieli",
    "sprawozdanie",
    "raport",
    "raportu",
    "wyniki",
    "wyników",
    "diagnoza",
    "diagnozy",
    "rekomendacje",
    "plan",
    "planu",
    "działania",
    "działań",
    "warsztaty",
    "warsztatów",
    "konferencja",
    "konferencji",
    "uczestnicy",
    "uczestników",
    "zaświadczenie",
    "materiały",
    "prezentacja",
    "harmonogram",
    "rejestracja",
    "zapisy",
    "termin",
    "terminu",
]
QUERIES = {
    "two words, few hits": "coaching Łotwa",
    "one common word": "szkolenie",
    "inflected, no diacritics": "samorzadow budzetu",
    "prefix": "cyfryz",
    "no hit": "xyzzy",
}


FUNCTION_WORDS = [
    "i",
    "w",
    "na",
    "do",
    "z",
    "o",
    "że",
    "się",
    "dla",
    "od",
    "po",
    "przez",
    "przy",
    "oraz",
    "jak",
    "nie",
    "to",
    "jest",
    "są",
    "był",
    "była",
    "było",
    "który",
    "która",
    "które",
]
SYLLABLES = [
    "ka",
    "ro",
    "wi",
    "sta",
    "no",
    "pra",
    "le",
    "mi",
    "da",
    "to",
    "gra",
    "ne",
    "po",
    "bor",
    "sko",
    "li",
    "wa",
    "ce",
    "dro",
    "ja",
    "mo",
    "zu",
    "te",
    "ryn",
    "bie",
    "ła",
    "go",
]


def vocabulary(rng: random.Random, size: int = 6000) -> list[str]:
    """WORDS (the topics people search for) and a long tail of made-up words, in the order of their frequency:
    a few words are everywhere, most are rare (a Zipf-like spread, as in real text), so a common query word
    matches a share of the entries, not all of them."""
    tail = {"".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(size)}
    words = WORDS + sorted(tail - set(WORDS))
    rng.shuffle(words)
    return words


class Writer:
    """Deterministic Polish-like text: function words, then words drawn with Zipf weights (1/rank)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.words = vocabulary(rng)
        self.weights = [1 / (rank + 8) for rank in range(len(self.words))]

    def sentence(self, length: int) -> str:
        rng = self.rng
        content = rng.choices(self.words, weights=self.weights, k=length)
        parts = [word if rng.random() > 0.3 else f"{rng.choice(FUNCTION_WORDS)} {word}" for word in content]
        return " ".join(parts).capitalize() + "."


def sentence(rng: random.Random, length: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(length)).capitalize() + "."


class BenchSource:
    def __init__(self, kind: str, heading: str, order: int, count: int, seed: int, grants) -> None:
        self.kind, self.heading, self.order, self.count, self.seed, self.grants = (
            kind,
            heading,
            order,
            count,
            seed,
            grants,
        )

    def entries(self, object_ids):
        from django.utils import timezone

        from rozwoj.core.search import IndexEntry

        rng = random.Random(f"{self.seed}-{self.kind}")
        writer = Writer(rng)
        start = timezone.now() - datetime.timedelta(days=3650)
        for pk in range(1, self.count + 1):
            title = writer.sentence(rng.randint(4, 10))
            text = " ".join(writer.sentence(rng.randint(8, 20)) for _ in range(rng.randint(5, 25)))
            date = start + datetime.timedelta(hours=rng.randint(0, 87_600))
            yield IndexEntry(pk, "pl", title, text, f"/{self.kind}/{pk}/", date, self.grants(rng, pk))


def sources(args):
    from rozwoj.core.search import PUBLIC, SIGNED_IN

    def public(rng, pk):
        return frozenset({PUBLIC})

    def mixed(rng, pk):
        return rng.choice([frozenset({PUBLIC}), frozenset({SIGNED_IN}), frozenset({"role:coordinator"})])

    return [
        BenchSource("bench-news", "News (benchmark)", 10, args.news, args.seed, public),
        BenchSource("bench-documents", "Documents (benchmark)", 40, args.documents, args.seed, mixed),
    ]


def make_events(count: int, seed: int) -> int:
    from django.utils import timezone

    from rozwoj.events.models import Event, EventKind, EventStatus, Format, Session
    from rozwoj.organisations.models import Organisation

    if Event.objects.filter(title__startswith="[bench-search]").exists():
        return 0
    rng = random.Random(seed)
    kind = EventKind.objects.get_or_create(code="training", defaults={"name": "szkolenie"})[0]
    organiser = Organisation.objects.order_by("pk").first() or Organisation.objects.create(
        name="Bench search"
    )
    events = Event.objects.bulk_create(
        Event(
            kind=kind,
            organiser=organiser,
            title=f"[bench-search] {sentence(rng, 6)}",
            description=sentence(rng, 40),
            status=EventStatus.REGISTRATION_OPEN,
            languages=["pl"],
        )
        for _ in range(count)
    )
    now = timezone.now()
    Session.objects.bulk_create(
        Session(
            event=event,
            order=1,
            starts_at=now + datetime.timedelta(days=1 + number % 300, hours=9),
            ends_at=now + datetime.timedelta(days=1 + number % 300, hours=15),
            hours=6,
            format=Format.ONLINE,
        )
        for number, event in enumerate(events)
    )
    return len(events)


def delete(args) -> None:
    from rozwoj.core.search import unindex
    from rozwoj.events.models import Event

    for source in sources(args):
        unindex(source.kind, range(1, source.count + 1))
    bench = Event.objects.filter(title__startswith="[bench-search]")
    unindex("events", bench.values_list("pk", flat=True))
    bench.delete()


def timed(client, url: str, params: dict, requests: int, warmup: int = 5, cold: bool = False) -> dict:
    """The median and 95th percentile of `requests` requests after a warm-up; `cold`: the cache emptied before
    each (the first visitor after a change: the search and the home page's sections computed again)."""
    from django.core.cache import cache

    for _ in range(warmup):
        client.get(url, params)
    times = []
    for _ in range(requests):
        if cold:
            cache.clear()
        started = time.perf_counter()
        response = client.get(url, params)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, params, response.status_code)
    times.sort()
    return {
        "median": statistics.median(times),
        "p95": times[max(int(len(times) * 0.95) - 1, 0)],
    }


def measure(visitor, coordinator, requests: int) -> list[tuple[str, dict]]:
    """Every page of the benchmark, warm and (the home page, two searches) with the cache emptied."""
    rows = [
        ("home page, visitor", timed(visitor, "/", {}, requests)),
        ("home page, visitor, cold cache", timed(visitor, "/", {}, requests, cold=True)),
    ]
    for label, query in QUERIES.items():
        rows.append(
            (f"search “{query}” ({label}), visitor", timed(visitor, "/search/", {"q": query}, requests))
        )
        rows.append(
            (
                f"search “{query}” ({label}), coordinator",
                timed(coordinator, "/search/", {"q": query}, requests),
            )
        )
    for label, query in (("one common word", "szkolenie"), ("two words, few hits", "coaching Łotwa")):
        for who, client in (("visitor", visitor), ("coordinator", coordinator)):
            figures = timed(client, "/search/", {"q": query}, requests, cold=True)
            rows.append((f"search “{query}” ({label}), {who}, cold cache", figures))
    rows.append(
        (
            "search “szkolenie”, page 5, visitor",
            timed(visitor, "/search/", {"q": "szkolenie", "page": 5}, requests),
        )
    )
    return rows


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--news", type=int, default=10_000)
    parser.add_argument("--documents", type=int, default=5_000)
    parser.add_argument("--events", type=int, default=500)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--delete", action="store_true", help="only remove the benchmark's rows")
    parser.add_argument(
        "--reindex",
        action="store_true",
        help="rewrite the benchmark entries even when they are there already",
    )
    args = parser.parse_args(argv)

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from rozwoj.accounts.models import Role, User, UserRole
    from rozwoj.core.models import SearchEntry
    from rozwoj.core.search import register_source, reindex
    from rozwoj.core.search import registry as search_registry

    if args.delete:
        delete(args)
        print("Benchmark rows removed.")
        return
    setup_test_environment()  # the test client's host; nothing else of the test set-up
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.DEBUG = False  # no query log
    settings.STORAGES = {  # static URLs without collectstatic's manifest
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    for source in sources(args):
        register_source(source)
    started = time.perf_counter()
    made = make_events(args.events, args.seed)
    counts = {}
    for source in sources(args):
        indexed_already = SearchEntry.objects.filter(kind=source.kind).count()
        if args.reindex or indexed_already != source.count:
            counts[source.kind] = reindex(source.kind)
        else:
            counts[source.kind] = indexed_already
    for kind in ("events", "programmes"):
        counts[kind] = reindex(kind)
    indexed = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh statistics after the bulk writes
    print(f"Database: {connection.vendor}; {made} events made; index ready in {indexed:.1f} s: {counts}")
    print(f"Index entries: {SearchEntry.objects.count()}")

    visitor = Client()
    coordinator = Client()
    user = User.objects.filter(roles__role=Role.COORDINATOR).first()
    if user is None:
        user = User.objects.create_user("bench-search@bench.example.org", "rozwoj-demo")
        UserRole.objects.create(user=user, role=Role.COORDINATOR)
    coordinator.force_login(user)

    rows = measure(visitor, coordinator, args.requests)
    width = max(len(label) for label, _ in rows)
    print(f"{'page'.ljust(width)}  median ms  p95 ms")
    for label, figures in rows:
        print(f"{label.ljust(width)}  {figures['median']:9.1f}  {figures['p95']:6.1f}")
    for source in sources(args):
        search_registry._sources.pop(source.kind, None)


if __name__ == "__main__":
    main()
