"""The site search index: Polish words, grants checked in SQL, language versions, paging, bad queries."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from rozwoj.accounts.models import Role
from rozwoj.accounts.tests.factories import user_with_role
from rozwoj.core.models import SearchEntry
from rozwoj.core.search import (
    PUBLIC,
    SIGNED_IN,
    IndexEntry,
    grants_for,
    rebuild,
    register_grant_provider,
    reindex,
    search,
    unindex,
)
from rozwoj.core.search import registry as search_registry
from rozwoj.core.search.text import fts5_query, index_terms, query_terms, tsquery

pytestmark = pytest.mark.django_db


class Library:
    """A source for the tests: whatever `items` holds is what the app would give."""

    kind = "testlibrary"
    heading = "Test library"
    order = 99

    def __init__(self):
        self.items: dict[int, list[IndexEntry]] = {}

    def add(self, pk, title, text="", *, grants=(PUBLIC,), language="", date=None):
        entry = IndexEntry(pk, language, title, text, f"/library/{pk}/", date, frozenset(grants))
        self.items.setdefault(pk, []).append(entry)
        return entry

    def entries(self, object_ids):
        for pk, entries in sorted(self.items.items()):
            if object_ids is None or pk in object_ids:
                yield from entries


@pytest.fixture
def library():
    source = Library()
    search_registry.register_source(source)
    yield source
    search_registry._sources.pop(source.kind, None)


def titles(results):
    return [
        str(hit.title).replace("<mark>", "").replace("</mark>", "")
        for group in results.groups
        for hit in group.hits
    ]


def test_polish_inflected_forms_and_missing_diacritics_find_the_same_post(library):
    library.add(1, "Coaching na Łotwie", "Spotkanie partnerów w Rydze, szkolenie dla samorządów.")
    library.add(2, "Zupełnie inny tekst", "Nic wspólnego.")
    reindex(library.kind)
    for query in [
        "coaching Łotwa",
        "coaching lotwa",
        "ŁOTWY",
        "łotwą",
        "szkoleniach",
        "samorzad",
        "spotkania",
    ]:
        assert titles(search(None, query)) == ["Coaching na Łotwie"], query
    assert titles(search(None, "coaching Estonia")) == []  # every word must match


def test_unfinished_word_matches_as_a_prefix(library):
    library.add(1, "Doradztwo dla jednostek samorządu terytorialnego")
    reindex(library.kind)
    assert titles(search(None, "dorad")) == ["Doradztwo dla jednostek samorządu terytorialnego"]
    assert titles(search(None, "terytorialnych")) == ["Doradztwo dla jednostek samorządu terytorialnego"]


def test_title_ranks_above_text(library):
    library.add(1, "Sprawozdanie", "W tekście pada słowo budżet.")
    library.add(2, "Budżet obywatelski", "Sprawozdanie.")
    reindex(library.kind)
    assert titles(search(None, "budżet")) == ["Budżet obywatelski", "Sprawozdanie"]


def test_grants_decide_who_finds_what(library):
    coordinator = user_with_role(Role.COORDINATOR)
    expert = user_with_role(Role.EXPERT)
    library.add(1, "Raport publiczny")
    library.add(2, "Raport wewnętrzny", grants=[SIGNED_IN])
    library.add(3, "Raport dla koordynatorów", grants=["role:coordinator"])
    library.add(4, "Raport eksperta", grants=[f"user:{expert.pk}"])
    library.add(5, "Raport uczestników wydarzenia", grants=["event:77"])
    reindex(library.kind)
    assert titles(search(None, "raport")) == ["Raport publiczny"]
    assert sorted(titles(search(expert, "raport"))) == [
        "Raport eksperta",
        "Raport publiczny",
        "Raport wewnętrzny",
    ]
    assert sorted(titles(search(coordinator, "raport"))) == [
        "Raport dla koordynatorów",
        "Raport publiczny",
        "Raport wewnętrzny",
    ]

    def registered(user):
        return ["event:77"] if user.pk == expert.pk else []

    register_grant_provider(registered)
    try:
        assert "event:77" in grants_for(expert)
        assert "Raport uczestników wydarzenia" in titles(search(expert, "raport"))
        assert "Raport uczestników wydarzenia" not in titles(search(coordinator, "raport"))
    finally:
        search_registry._grant_providers.remove(registered)


def test_counts_and_pages_are_of_what_the_caller_may_find(library):
    for pk in range(1, 26):
        library.add(pk, f"Szkolenie numer {pk}")
    for pk in range(26, 31):
        library.add(pk, f"Szkolenie tajne {pk}", grants=[SIGNED_IN])
    reindex(library.kind)
    first = search(None, "szkolenie")
    assert first.total == 25
    assert [(count.kind, count.count) for count in first.counts] == [(library.kind, 25)]
    assert len(titles(first)) == 20
    assert first.page.paginator.num_pages == 2
    second = search(None, "szkolenie", page=2)
    assert len(titles(second)) == 5
    assert not set(titles(first)) & set(titles(second))
    assert search(None, "szkolenie", page="999").page.number == 2  # past the end: the last page
    assert search(user_with_role(None), "szkolenie").total == 30


def test_one_language_version_of_a_post_shown_the_current_language_first(library):
    library.add(1, "Spotkanie w Rydze", "Coaching", language="pl")
    library.add(1, "Meeting in Riga", "Coaching", language="en")
    library.add(2, "Only English coaching", language="en")
    reindex(library.kind)
    with translation.override("pl"):
        assert sorted(titles(search(None, "coaching"))) == ["Only English coaching", "Spotkanie w Rydze"]
    with translation.override("en"):
        assert sorted(titles(search(None, "coaching"))) == ["Meeting in Riga", "Only English coaching"]
        assert titles(search(None, "Rydze")) == ["Spotkanie w Rydze"]  # only that version matches


def test_reindex_replaces_and_drops_what_the_source_no_longer_gives(library):
    library.add(1, "Wersja pierwsza")
    reindex(library.kind, [1])
    library.items[1] = [IndexEntry(1, "", "Wersja druga", "", "/library/1/", None, frozenset({PUBLIC}))]
    reindex(library.kind, [1])
    assert titles(search(None, "wersja")) == ["Wersja druga"]
    library.items.pop(1)
    reindex(library.kind, [1])  # e.g. the post went back to a draft
    assert titles(search(None, "wersja")) == []
    library.add(2, "Usunięty dokument")
    reindex(library.kind, [2])
    unindex(library.kind, [2])
    assert not SearchEntry.objects.filter(kind=library.kind).exists()


def test_rebuild_command_rebuilds_every_kind_and_removes_unknown_ones(library):
    library.add(1, "Przebudowany indeks")
    SearchEntry.objects.create(kind="gone", object_id=1, title="Stare", url="/")
    call_command("rebuild_search_index", verbosity=0)
    assert titles(search(None, "przebudowa")) == ["Przebudowany indeks"]
    assert not SearchEntry.objects.filter(kind="gone").exists()
    assert rebuild()[library.kind] == 1


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"unclosed',
        "NEAR",
        "NEAR(a b)",
        "*",
        "a*",
        "coaching OR",
        "AND",
        "NOT x",
        "title:coaching",
        "^coaching",
        "a & b | !c",
        "x:* <-> y",
        "(",
        "\x00coaching",
        "coaching\x00",
        "'; DROP TABLE core_searchentry; --",
        "ą" * 5000,
        "słowo " * 1000,
        "🙂 ©",
        "_",
    ],
)
def test_no_query_breaks_the_search(library, query):
    library.add(1, "Coaching na Łotwie", "near and or not")
    reindex(library.kind)
    results = search(user_with_role(Role.COORDINATOR), query)
    assert results.total >= 0
    assert SearchEntry.objects.count() == 1


def test_query_syntax_of_the_databases_is_never_passed_through():
    terms = query_terms('"NEAR(coaching*" OR ł:* & !x')
    assert all(word.isalnum() and stem.isalnum() for word, stem in terms)
    assert '"near"' in fts5_query(terms)
    assert "NEAR(" not in fts5_query(terms)
    assert "!" not in tsquery(terms)
    assert "<->" not in tsquery(terms)
    assert query_terms("") == []
    assert query_terms('*** " ()') == []


def test_index_terms_keep_the_word_and_its_folded_stem():
    assert index_terms("Łotwie") == "lotwie lotw"
    assert index_terms("UE") == "ue"


def test_snippets_are_escaped_and_highlight_the_matching_words(library):
    before = "Wstęp. " * 40
    library.add(1, "Ogłoszenie <b>ważne</b>", before + "Szkolenie o <script>alert(1)</script> budżetu gminy.")
    reindex(library.kind)
    hit = search(None, "budżet").groups[0].hits[0]
    assert "<script>" not in hit.snippet
    assert "&lt;script&gt;" in hit.snippet
    assert "<mark>budżetu</mark>" in hit.snippet
    assert hit.snippet.startswith("… ")
    assert str(hit.title) == "Ogłoszenie &lt;b&gt;ważne&lt;/b&gt;"
    titled = search(None, "ważne").groups[0].hits[0]
    assert "<mark>ważne</mark>" in titled.title


def test_dates_order_equal_matches(library):
    now = timezone.now()
    library.add(1, "Aktualność starsza", date=now - datetime.timedelta(days=10))
    library.add(2, "Aktualność nowsza", date=now)
    library.add(3, "Aktualność bez daty")
    reindex(library.kind)
    assert titles(search(None, "aktualność")) == [
        "Aktualność nowsza",
        "Aktualność starsza",
        "Aktualność bez daty",
    ]


def test_a_query_asked_again_comes_from_the_cache_until_something_findable_changes(
    library, django_assert_num_queries
):
    library.add(1, "Szkolenie z budżetu", "Szkolenie dla gmin.")
    library.add(2, "Szkolenie wewnętrzne", "Szkolenie dla koordynatorów.", grants=("role:coordinator",))
    reindex(library.kind)
    coordinator = user_with_role(Role.COORDINATOR)
    assert titles(search(None, "szkolenie")) == ["Szkolenie z budżetu"]
    with django_assert_num_queries(1):  # the stamps only
        assert titles(search(None, "szkolenie")) == ["Szkolenie z budżetu"]
    # Other grants, another entry of the cache: the visitor's results are never served to a coordinator.
    assert sorted(titles(search(coordinator, "szkolenie"))) == ["Szkolenie wewnętrzne", "Szkolenie z budżetu"]
    assert titles(search(None, "szkolenie")) == ["Szkolenie z budżetu"]
    # A change of a findable thing shows at once.
    library.add(3, "Szkolenie nowe", "Szkolenie otwarte.")
    reindex(library.kind, [3])
    assert sorted(titles(search(None, "szkolenie"))) == ["Szkolenie nowe", "Szkolenie z budżetu"]
    library.items.pop(1)
    reindex(library.kind, [1])
    assert titles(search(None, "szkolenie")) == ["Szkolenie nowe"]


class Archive(Library):
    kind = "testarchive"
    heading = "Test archive"
    order = 100


def test_small_pages_across_kinds_keep_the_order_of_one_large_page(library, monkeypatch):
    """Only the kinds whose hits reach the page asked for are ranked: pages of any size, across the boundary of
    two kinds and past the best RANKED of each, list the same hits in the same order as one page of all."""
    from rozwoj.core.search import query

    archive = Archive()
    search_registry.register_source(archive)
    try:
        monkeypatch.setattr(query, "RANKED", 4)
        for source, word in ((library, "Raport"), (archive, "Archiwum")):
            for pk in range(1, 7):
                title = f"{word} {pk}" + (" szkolenie" if pk % 3 == 0 else "")
                source.add(pk, title, " ".join(["szkolenie"] * pk) + " oraz inne słowa" * (7 - pk))
            reindex(source.kind)
        whole = search(None, "szkolenie", per_page=50)
        assert [(count.kind, count.count) for count in whole.counts] == [(library.kind, 6), (archive.kind, 6)]
        assert whole.capped
        expected = titles(whole)
        assert len(expected) == 8  # the best 4 of each kind
        assert expected[0].startswith("Raport")
        assert expected[4].startswith("Archiwum")
        for per_page in (1, 3, 5):
            pages = -(-len(expected) // per_page)
            listed = [
                title
                for page in range(1, pages + 1)
                for title in titles(search(None, "szkolenie", page=page, per_page=per_page))
            ]
            assert listed == expected, per_page
        only = search(None, "szkolenie", kind=archive.kind, per_page=3, page=2)
        assert titles(only) == [title for title in expected if title.startswith("Archiwum")][3:6]
    finally:
        search_registry._sources.pop(archive.kind, None)


def test_postgresql_index_has_no_pending_list():
    """Every search would read the GIN index's pending list of new entries until a vacuum (migration core 0006)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's GIN index")
    with connection.cursor() as cursor:
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = 'core_searchentry_vector'")
        assert cursor.fetchone()[0] == ["fastupdate=off"]
