"""People are listed in Polish alphabetical order on both databases (see rozwoj.core.collation)."""

import pytest
from django.urls import reverse

from rozwoj.accounts.tests.factories import user_with_role
from rozwoj.core.collation import polish_sort_key
from rozwoj.people.models import Person
from rozwoj.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

SURNAMES = [
    "Żak",
    "Zych",
    "Łukasiewicz",
    "Lis",
    "Śliwa",
    "Sowa",
    "Ćwik",
    "Czarnecki",
    "Ąbrowski",
    "Abramowicz",
]
POLISH_ORDER = [
    "Abramowicz",
    "Ąbrowski",
    "Czarnecki",
    "Ćwik",
    "Lis",
    "Łukasiewicz",
    "Sowa",
    "Śliwa",
    "Zych",
    "Żak",
]


def test_saving_a_person_keeps_the_sort_key():
    person = PersonFactory(first_name="Anna", last_name="Łoś")
    assert person.sort_key == polish_sort_key("Łoś", "Anna")
    person.last_name = "Nowak"
    person.save(update_fields=["last_name"])
    person.refresh_from_db()
    assert person.sort_key == polish_sort_key("Nowak", "Anna")


def test_bulk_created_people_get_their_sort_keys():
    Person.objects.bulk_create([Person(first_name="Jan", last_name=name) for name in SURNAMES])
    assert list(Person.objects.values_list("last_name", flat=True)) == POLISH_ORDER
    assert not Person.objects.filter(sort_key="").exists()


def test_the_people_list_and_api_follow_the_polish_alphabet(client):
    for name in SURNAMES:
        PersonFactory(first_name="Jan", last_name=name)
    client.force_login(user_with_role("coordinator"))
    listed = [p.last_name for p in client.get(reverse("people:list")).context["page_obj"]]
    assert [name for name in listed if name in SURNAMES] == POLISH_ORDER
    api = client.get("/api/v1/people/").json()
    assert [p["last_name"] for p in api["items"] if p["last_name"] in SURNAMES] == POLISH_ORDER
