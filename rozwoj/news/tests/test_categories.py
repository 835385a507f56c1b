"""The coordinators' page of news categories: list with counts, add, rename (the search follows), reorder, and
removal refused while posts use a category."""

import pytest
from django.urls import reverse

from rozwoj.core.models import AuditLogEntry as AuditEntry
from rozwoj.core.search import search
from rozwoj.news import services
from rozwoj.news.models import Category

from .factories import CategoryFactory, PostFactory, draft, writer

pytestmark = pytest.mark.django_db


def test_the_page_lists_categories_in_order_with_their_posts_within_its_budget(
    client, django_assert_max_num_queries
):
    coordinator = writer()
    client.force_login(coordinator)
    late = CategoryFactory(name_pl="Ogłoszenia", order=9)
    early = CategoryFactory(name_pl="Wydarzenia", order=1)
    PostFactory.create_batch(3, category=early)
    draft(category=late)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("news:categories"))
    assert response.status_code == 200
    text = response.content.decode()
    assert text.index("Wydarzenia") < text.index("Ogłoszenia")
    assert reverse("news:categories") in client.get(reverse("news:manage")).content.decode()  # reachable
    CategoryFactory.create_batch(10)
    with django_assert_max_num_queries(12):
        client.get(reverse("news:categories"))


def test_add_rename_and_reorder(client):
    client.force_login(writer())
    response = client.post(
        reverse("news:categories"), {"name_pl": "Konkursy", "name_en": "Calls", "slug": "calls", "order": 5}
    )
    assert response.status_code == 302
    category = Category.objects.get(slug="calls")
    post = PostFactory(category=category, title_pl="Nabór wniosków")
    assert [
        hit.url for group in search(None, "konkursy").groups for hit in group.hits
    ] == []  # not indexed yet
    services._reindex([post.pk])
    assert search(None, "konkursy").total == 1
    response = client.post(
        reverse("news:category_edit", args=[category.pk]),
        {"name_pl": "Granty", "name_en": "Grants", "slug": "calls", "order": 1},
    )
    assert response.status_code == 302
    category.refresh_from_db()
    assert (category.name_pl, category.order) == ("Granty", 1)
    assert search(None, "konkursy").total == 0  # the posts were reindexed with the new name
    assert search(None, "granty").total == 1
    assert AuditEntry.objects.filter(action="news_category.update").exists()


def test_bad_input_is_a_translated_field_error(client):
    client.force_login(writer())
    existing = CategoryFactory(name_pl="Szkolenia")
    response = client.post(
        reverse("news:categories"), {"name_pl": "szkolenia", "name_en": "", "slug": "nowa", "order": 1}
    )
    assert response.status_code == 200
    assert Category.objects.filter(name_pl__iexact="szkolenia").count() == 1
    response = client.post(
        reverse("news:categories"), {"name_pl": "Nowa", "name_en": "New", "slug": existing.slug, "order": "x"}
    )
    assert response.status_code == 200
    assert not Category.objects.filter(name_pl="Nowa").exists()
    assert 'class="errorlist' in response.content.decode()


def test_a_category_in_use_is_not_removed_and_the_coordinator_is_told_why(client):
    client.force_login(writer())
    used = CategoryFactory(name_pl="Używana")
    draft(category=used)
    response = client.post(reverse("news:category_delete", args=[used.pk]), follow=True)
    assert Category.objects.filter(pk=used.pk).exists()
    shown = [str(message) for message in response.context["messages"]]
    assert len(shown) == 1
    assert "1" in shown[0]  # e.g. "1 wpis używa tej kategorii; …"
    unused = CategoryFactory(name_pl="Pusta")
    client.post(reverse("news:category_delete", args=[unused.pk]))
    assert not Category.objects.filter(pk=unused.pk).exists()
    assert AuditEntry.objects.filter(action="news_category.delete").exists()


def test_only_coordinators_change_categories():
    from django.core.exceptions import PermissionDenied

    from rozwoj.accounts.tests.factories import UserFactory

    with pytest.raises(PermissionDenied):
        services.category_save(actor=UserFactory(roles=[]), category=None, data={"name_pl": "X", "slug": "x"})
