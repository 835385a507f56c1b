import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rozwoj.accounts.models import ApiToken
from rozwoj.core.testing import assert_page
from rozwoj.people.models import Person
from rozwoj.people.tests.factories import MembershipFactory, PersonFactory

URL = "/api/v1/people/"


def user_of(world, who):
    return (
        world[who].person.user if who == "expert" else (world[who] if who == "no_role" else world[who].user)
    )


def test_anonymous_gets_401(client, world):
    response = client.get(URL)
    assert response.status_code == 401
    assert client.get(f"{URL}{world['teacher_a'].pk}").status_code == 401


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("coordinator", {"Szkolny", "Obca", "Partnerska", "Zewnętrzna"}),
        ("lg_member", {"Szkolny"}),
        ("partner", {"Partnerska"}),
        ("expert", set()),
        ("no_role", set()),
    ],
)
def test_list_scoped(client, world, who, expected):
    client.force_login(user_of(world, who))
    data = client.get(URL).json()
    names = {item["last_name"] for item in data["items"]}
    others = {"Szkolny", "Obca", "Partnerska", "Zewnętrzna"}
    assert names & others == expected
    assert data["count"] == len(data["items"])


def test_list_search(client, world):
    client.force_login(world["coordinator"].user)
    data = client.get(URL, {"q": "szkol"}).json()
    assert [item["last_name"] for item in data["items"]] == ["Szkolny"]
    client.force_login(world["lg_member"].user)
    assert client.get(URL, {"q": "Obca"}).json()["items"] == []


def test_contact_fields_only_for_coordinators_and_self(client, world):
    teacher = world["teacher_a"]
    client.force_login(world["lg_member"].user)
    items = {item["id"]: item for item in client.get(URL).json()["items"]}
    assert items[teacher.pk]["email"] is None
    assert items[teacher.pk]["phone"] is None
    assert items[world["lg_member"].pk]["email"] == world["lg_member"].email
    assert items[teacher.pk]["memberships"][0]["organisation"] == "Szkoła Podstawowa A"
    client.force_login(world["coordinator"].user)
    detail = client.get(f"{URL}{teacher.pk}").json()
    assert detail["email"] == teacher.email
    assert detail["phone"] == teacher.phone


def test_detail_404_when_not_visible(client, world):
    client.force_login(world["partner"].user)
    response = client.get(f"{URL}{world['teacher_a'].pk}")
    assert response.status_code == 404
    assert response.json()["detail"]
    assert client.get(f"{URL}{world['coach'].pk}").status_code == 200


def test_token_auth(client, world):
    _token, raw = ApiToken.issue(world["partner"].user, "test")
    response = client.get(URL, headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 200
    assert {item["last_name"] for item in response.json()["items"]} >= {"Partnerska"}


def test_bad_input_is_json_4xx(client, world):
    client.force_login(world["coordinator"].user)
    response = client.get(URL, {"q": "x" * 101})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "q"
    response = client.get(URL, {"page": "abc"})
    assert response.status_code == 422
    assert client.get(f"{URL}abc").status_code == 404


def test_query_count_independent_of_rows(client, world):
    client.force_login(world["coordinator"].user)
    Person.objects.filter(user__isnull=True).delete()

    def count():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(URL, {"page_size": 200})
        assert response.status_code == 200
        return len(ctx.captured_queries), len(response.json()["items"])

    for _ in range(10):
        MembershipFactory(person=PersonFactory())
    ten, rows = count()
    assert rows >= 10
    for _ in range(190):
        MembershipFactory(person=PersonFactory())
    two_hundred, rows = count()
    assert rows > 50  # a full page, larger than the first run
    assert two_hundred == ten
    assert_page(client, URL, queries=10, contains='"items"')
