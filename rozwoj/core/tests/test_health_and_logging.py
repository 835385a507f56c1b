import json
import logging

import pytest
from django.db import OperationalError, connection

from rozwoj.core.logging import JsonFormatter


@pytest.mark.django_db
def test_healthz_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "up"}


@pytest.mark.django_db
def test_healthz_answers_503_when_the_database_does_not(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "down"


@pytest.mark.django_db
def test_each_request_is_logged_as_one_structured_line(client, caplog):
    with caplog.at_level(logging.INFO, logger="rozwoj.request"):
        client.get("/healthz")
    records = [r for r in caplog.records if r.name == "rozwoj.request"]
    assert len(records) == 1
    line = json.loads(JsonFormatter().format(records[0]))
    assert line["status"] == 200
    assert line["path"] == "/healthz"
    assert line["method"] == "GET"
    assert isinstance(line["duration_ms"], float)


@pytest.mark.django_db
def test_unknown_page_answers_404_in_the_layout(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Nie znaleziono strony" in response.content.decode()


@pytest.mark.django_db
def test_pages_open_in_polish_even_when_the_browser_asks_for_english(client):
    response = client.get("/", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert '<html lang="pl">' in response.content.decode()
    client.cookies["rozwoj_language"] = "en"
    response = client.get("/", headers={"Accept-Language": "pl"})
    assert '<html lang="en">' in response.content.decode()
