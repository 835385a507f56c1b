"""The news API: anyone reads published posts; coordinators write drafts; editors publish."""

import pytest

from rozwoj.core.testing import assert_page

from .factories import PostFactory, draft, editor, writer

pytestmark = pytest.mark.django_db
URL = "/api/v1/news/"


def test_the_public_reads_published_posts_only(client):
    PostFactory(title_pl="Jawny")
    secret = draft(title_pl="Szkic")
    body = client.get(URL).json()
    assert [item["title_pl"] for item in body["items"]] == ["Jawny"]
    assert client.get(f"{URL}{secret.pk}").status_code == 404
    assert client.get(URL + "?category=training-projects").json()["count"] == 1
    assert client.get(URL + "?category=nope").json()["count"] == 0
    assert client.get(URL + "?programme=0").status_code == 422


def test_the_list_runs_a_fixed_number_of_queries(client):
    for _ in range(25):
        PostFactory()
    assert_page(client, URL, queries=4, contains='"items"')


def test_a_coordinator_writes_and_an_editor_publishes(client):
    client.force_login(writer())
    response = client.post(
        URL,
        {"category": "training-projects", "title_pl": "Z API", "body_pl": "Treść.", "tags": ["api"]},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    post_id = response.json()["id"]
    assert response.json()["status"] == "draft"
    assert client.post(f"{URL}{post_id}/publish", {}, content_type="application/json").status_code == 403
    bad = client.post(
        URL, {"category": "nope", "title_pl": "X", "body_pl": "Y"}, content_type="application/json"
    )
    assert bad.status_code == 400
    assert bad.json()["errors"][0]["field"] == "category"
    client.force_login(editor())
    response = client.post(f"{URL}{post_id}/publish", {}, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["status"] == "published"
    response = client.patch(f"{URL}{post_id}", {"body_pl": "Nowa treść."}, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["text_updated_at"] is not None
