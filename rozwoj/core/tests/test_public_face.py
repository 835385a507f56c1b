"""What crawlers and readers of every page get: robots.txt, sitemap.xml, descriptions and the print stylesheet,
and the sections higher apps add to a low app's page."""

import pytest
from django.urls import reverse

from rozwoj.core.related import register_section, sections_for
from rozwoj.events.models import EventStatus, Visibility
from rozwoj.events.tests.factories import EventFactory
from rozwoj.programmes.tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


def test_robots_points_at_the_sitemap_and_keeps_crawlers_out_of_accounts(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /accounts/" in text
    assert "Disallow: /admin/" in text


def test_sitemap_lists_public_pages_and_nothing_internal(client):
    public = ProgrammeFactory(name="Programme everyone sees", is_public=True)
    internal = ProgrammeFactory(name="Programme for staff", is_public=False)
    open_event = EventFactory(visibility=Visibility.PUBLIC, status=EventStatus.REGISTRATION_OPEN)
    draft = EventFactory(visibility=Visibility.PUBLIC, status=EventStatus.DRAFT)
    internal_event = EventFactory(visibility=Visibility.INTERNAL, status=EventStatus.PLANNED)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    text = response.content.decode()
    assert f"http://testserver{reverse('programmes:detail', args=[public.pk])}</loc>" in text
    assert f"{reverse('programmes:detail', args=[internal.pk])}</loc>" not in text
    assert f"http://testserver{reverse('events:detail', args=[open_event.pk])}</loc>" in text
    assert f"{reverse('events:detail', args=[draft.pk])}</loc>" not in text
    assert f"{reverse('events:detail', args=[internal_event.pk])}</loc>" not in text
    assert f"http://testserver{reverse('sitepages:accessibility')}</loc>" in text


def test_every_page_has_a_description_and_a_print_stylesheet(client):
    text = client.get(reverse("programmes:list")).content.decode()
    assert '<meta name="description" content="' in text
    assert 'href="/static/css/print.css" media="print"' in text


def test_a_registered_section_appears_on_the_programme_page(client):
    programme = ProgrammeFactory(is_public=True)
    register_section(
        "programmes.Programme",
        key="test-section",
        template="includes/form.html",
        context=lambda request, obj: None if obj.pk != programme.pk else {"form": None},
    )
    try:
        assert [s.key for s in sections_for(programme)].count("test-section") == 1
        response = client.get(reverse("programmes:detail", args=[programme.pk]))
        assert response.status_code == 200
        assert "includes/form.html" in [t.name for t in response.templates]
    finally:
        from rozwoj.core import related

        related._sections.pop(("programmes.programme", "test-section"))
