"""The results page of the site search and the search box in the header of every page."""

import pytest
from django.urls import reverse

from rozwoj.accounts.models import Role
from rozwoj.core.search import reindex
from rozwoj.core.testing import assert_page
from rozwoj.events.models import Visibility
from rozwoj.events.tests.factories import EventFactory, RegistrationFactory
from rozwoj.people.tests.factories import person_with_login
from rozwoj.programmes.tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db
URL = reverse("search:results")


@pytest.fixture
def indexed():
    ProgrammeFactory(name="Coaching dla samorządów Łotwy", acronym="CSL", description="Partnerstwo z Łotwą")
    for number in range(25):
        EventFactory(title=f"Coaching na Łotwie, spotkanie {number}")
    EventFactory(title="Coaching wewnętrzny na Łotwie", visibility=Visibility.INTERNAL)
    reindex("events")
    reindex("programmes")


def test_results_grouped_by_kind_with_headings_counts_and_pages(client, indexed):
    response = assert_page(
        client,
        URL,
        data={"q": "coaching Łotwa"},
        queries=4,
        template="search/results.html",
        contains=[
            "26 wyników dla „coaching Łotwa”",
            'role="search"',
            '<h2 id="search-group-events">',
            "Programy (1)",
            "Szkolenia i spotkania (25)",
            "<mark>Coaching</mark>",
            "Strona 1 z 2",
        ],
    )
    body = response.content.decode()
    assert "search-group-programmes" not in body  # the events fill the first page; the programmes follow
    assert "wewnętrzny" not in body
    second = assert_page(client, URL, data={"q": "coaching lotwa", "page": "2"}, queries=4)
    assert "search-group-programmes" in second.content.decode()
    only = assert_page(client, URL, data={"q": "coaching", "kind": "programmes"}, queries=4)
    assert "CSL" in only.content.decode()
    assert "spotkanie 3" not in only.content.decode()


def test_signed_in_users_also_find_internal_events(client, indexed):
    person = person_with_login(Role.LOCAL_GOVERNMENT_MEMBER)
    RegistrationFactory(person=person, event=EventFactory(title="Inne"))
    client.force_login(person.user)
    response = assert_page(client, URL, data={"q": "wewnętrzny coaching"}, queries=12)
    assert "<mark>Coaching</mark> <mark>wewnętrzny</mark>" in response.content.decode()


def test_query_budget_does_not_grow_with_the_results(client, indexed, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        client.get(URL, {"q": "spotkanie"})
    for number in range(40):
        EventFactory(title=f"Spotkanie dodatkowe {number}")
    reindex("events")
    with django_assert_max_num_queries(4):
        client.get(URL, {"q": "spotkanie", "page": "3"})


@pytest.mark.parametrize(
    ("params", "status", "text"),
    [
        ({}, 200, 'id="search-page-q"'),
        ({"q": ""}, 200, 'id="search-page-q"'),
        ({"q": "   "}, 200, 'id="search-page-q"'),
        ({"q": '"*'}, 200, "Wpisz słowo"),
        ({"q": "NEAR"}, 200, "Nic nie znaleziono"),
        ({"q": "x" * 201}, 400, "co najwyżej 200 znaków"),
        ({"q": "coach\x00ing"}, 400, "Usuń z danych znak sterujący (NUL)"),
        ({"q": "coaching", "page": "abc"}, 400, "Nie udało się odczytać wyszukiwania"),
        ({"q": "coaching", "page": "-1"}, 400, "Nie udało się odczytać wyszukiwania"),
        ({"q": "coaching", "kind": "nieznany"}, 200, "Szkolenia i spotkania"),
        ({"q": "coaching", "kind": "x" * 500}, 400, "Nie udało się odczytać wyszukiwania"),
    ],
)
def test_bad_input_is_answered_with_a_message(client, indexed, params, status, text):
    response = client.get(URL, params)
    assert response.status_code == status
    assert text in response.content.decode()


def test_search_box_in_the_header_of_every_page(client):
    for url in [reverse("dashboard:home"), reverse("programmes:list"), reverse("events:list"), URL]:
        body = client.get(url).content.decode()
        assert 'id="site-search-q"' in body
        assert 'role="search"' in body
        assert '<label for="site-search-q"' in body
