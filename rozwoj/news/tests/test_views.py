"""News pages as readers and writers meet them: the list with its filters, a post in two languages, the gallery,
photos served only while the post is public, the writers' pages, and what never leaks."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from rozwoj.core.testing import assert_page
from rozwoj.events.tests.factories import EventFactory
from rozwoj.news import services
from rozwoj.news.models import PostStatus
from rozwoj.programmes.tests.factories import ProgrammeFactory

from .factories import CategoryFactory, PostFactory, draft, editor, png_bytes, writer

pytestmark = pytest.mark.django_db
LIST = reverse("news:list")


def _photo(post, *, cover=False, alt="zdjęcie grupowe uczestników spotkania"):
    return services.photo_add(
        actor=writer(),
        post=post,
        image=SimpleUploadedFile("z.png", png_bytes()),
        alt_text=alt,
        is_cover=cover,
    )


def test_the_list_shows_published_posts_only_and_filters_them(client):
    other = CategoryFactory(name_pl="Inne", slug="inne")
    programme = ProgrammeFactory(is_public=True)
    training = PostFactory(title_pl="Szkolenie PRO")
    training.programmes.add(programme)
    PostFactory(title_pl="Inna wiadomość", category=other, published_at=timezone.now().replace(year=2020))
    draft(title_pl="Tajny szkic")
    PostFactory(title_pl="W archiwum", status=PostStatus.ARCHIVED)
    text = client.get(LIST).content.decode()
    assert "Szkolenie PRO" in text
    assert "Inna wiadomość" in text
    assert "Tajny szkic" not in text
    assert "W archiwum" not in text
    text = client.get(LIST + "?category=training-projects").content.decode()
    assert "Szkolenie PRO" in text
    assert "Inna wiadomość" not in text
    text = client.get(LIST + f"?programme={programme.pk}").content.decode()
    assert "Szkolenie PRO" in text
    assert "Inna wiadomość" not in text
    text = client.get(LIST + "?year=2020").content.decode()
    assert "Szkolenie PRO" not in text
    assert "Inna wiadomość" in text


@pytest.mark.parametrize(
    "query",
    [
        "?category=nonexistent",
        "?programme=99999999999999999999",
        "?year=abc",
        "?page=-5",
        "?programme=<script>",
    ],
)
def test_bad_filters_give_the_page_not_an_error(client, query):
    assert client.get(LIST + query).status_code == 200


def test_the_list_runs_a_fixed_number_of_queries(client):
    for _ in range(3):
        _photo(PostFactory(), cover=True)
    first = assert_page(client, LIST, queries=7, template="news/public/list.html")
    for _ in range(20):
        _photo(PostFactory(), cover=True)
    assert_page(client, LIST, queries=7, template="news/public/list.html")
    assert first.status_code == 200


def test_a_post_in_two_languages_offers_the_other_one(client):
    post = PostFactory(
        title_pl="Spotkanie trenerów", title_en="Trainers' meeting", body_en="Text.", lead_en=""
    )
    text = client.get(reverse("news:detail", args=[post.pk])).content.decode()
    assert "Spotkanie trenerów" in text
    assert 'href="?version=en"' in text
    assert 'lang="en"' in text
    text = client.get(reverse("news:detail", args=[post.pk]) + "?version=en").content.decode()
    assert "<h1>Trainers&#x27; meeting</h1>" in text
    assert '<article class="news-post" lang="en">' in text
    assert 'href="?version=pl"' in text


def test_a_post_shows_its_photos_gallery_funding_note_and_last_update(client):
    programme = ProgrammeFactory(is_public=True, funding_programme="Erasmus+", funding_action="KA204")
    post = PostFactory(body_pl="## Przebieg\n\n1. jeden\n2. dwa\n\n[Więcej](https://example.org)")
    post.programmes.add(programme)
    cover = _photo(post, cover=True)
    second = _photo(post, alt="sala szkoleniowa")
    services.post_update(actor=writer(), post=post, data={"lead_pl": "Poprawione wprowadzenie."})
    response = assert_page(
        client, reverse("news:detail", args=[post.pk]), queries=9, template="news/public/detail.html"
    )
    text = response.content.decode()
    assert 'alt="zdjęcie grupowe uczestników spotkania"' in text
    assert reverse("news:photo", args=[post.pk, cover.pk]) in text
    assert reverse("news:photo_page", args=[post.pk, second.pk]) in text
    assert "Erasmus+ — KA204" in text
    assert "Ostatnia aktualizacja:" in text
    assert "<h2>Przebieg</h2>" in text
    assert "<ol>" in text
    assert 'property="og:title"' in text
    assert 'property="og:image"' in text
    assert '<meta name="description" content="Poprawione wprowadzenie.">' in text
    page = client.get(reverse("news:photo_page", args=[post.pk, second.pk])).content.decode()
    assert "Zdjęcie 2 z 2" in page
    assert 'rel="prev"' in page


def test_script_in_markdown_is_not_run(client):
    post = PostFactory(
        body_pl="<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n![a](https://tracker.example/p.gif)"
        "\n\n[klik](javascript:alert(3))"
    )
    text = client.get(reverse("news:detail", args=[post.pk])).content.decode()
    body = text.split('<div class="prose">', 1)[1].split("</div>", 1)[0]
    assert "<script" not in body
    assert "onerror" not in body
    assert "tracker.example" not in body
    assert "javascript:" not in body


def test_photos_and_attachments_are_served_only_while_the_post_is_public(client):
    post = PostFactory()
    photo = _photo(post)
    url = reverse("news:photo", args=[post.pk, photo.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    services.post_archive(actor=editor(), post=post)
    assert client.get(url).status_code == 404
    assert client.get(reverse("news:detail", args=[post.pk])).status_code == 404
    client.force_login(writer())
    assert client.get(url).status_code == 200


def test_the_programme_and_event_pages_list_their_news(client):
    programme = ProgrammeFactory(is_public=True)
    event = EventFactory(visibility="public", status="planned")
    post = PostFactory(title_pl="Wiadomość o programie")
    post.programmes.add(programme)
    post.events.add(event)
    hidden = draft(title_pl="Szkic o programie")
    hidden.programmes.add(programme)
    text = client.get(reverse("programmes:detail", args=[programme.pk])).content.decode()
    assert "Wiadomość o programie" in text
    assert "Szkic o programie" not in text
    assert reverse("news:programme_rss", args=[programme.pk]) in text
    text = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert (
        reverse("news:event_news", args=[event.pk]) in text
    )  # loaded by htmx, the event page keeps its budget
    text = client.get(reverse("news:event_news", args=[event.pk])).content.decode()
    assert "Wiadomość o programie" in text
    text = client.get(reverse("news:list") + f"?event={event.pk}").content.decode()
    assert "Wiadomość o programie" in text


def test_a_coordinator_writes_a_post_and_an_editor_publishes_it(client):
    client.force_login(writer())
    response = client.post(
        reverse("news:create"),
        {
            "category": "1",
            "title_pl": "Nowa wiadomość",
            "lead_pl": "",
            "body_pl": "Treść.",
            "title_en": "",
            "lead_en": "",
            "body_en": "",
            "author_name": "",
            "tags": "a, b",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    from rozwoj.news.models import Post

    post = Post.objects.get(title_pl="Nowa wiadomość")
    status = reverse("news:status", args=[post.pk])
    client.post(status, {"action": "submit"})
    response = client.post(status, {"action": "publish"}, follow=True)
    assert "Tylko redaktor lub administrator może publikować." in response.content.decode()
    post.refresh_from_db()
    assert post.status == PostStatus.REVIEW
    client.force_login(editor())
    at = (timezone.localtime() + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    client.post(status, {"action": "schedule", "publish_at": at})
    post.refresh_from_db()
    assert post.status == PostStatus.SCHEDULED
    client.post(status, {"action": "publish"})
    post.refresh_from_db()
    assert post.status == PostStatus.PUBLISHED


def test_the_post_form_shows_a_translated_error_for_a_missing_title(client):
    client.force_login(writer())
    response = client.post(reverse("news:create"), {"category": "1", "body_pl": "Treść."})
    assert response.status_code == 200
    assert "Podaj tytuł" in response.content.decode() or "Nadaj" in response.content.decode()


def test_a_photo_that_lies_about_its_type_is_refused_on_the_page(client):
    post = draft()
    client.force_login(writer())
    response = client.post(
        reverse("news:manage_post", args=[post.pk]),
        {
            "kind": "photo",
            "photo-alt_text": "opis",
            "photo-image": SimpleUploadedFile("zdjecie.jpg", b"GIF89a not really", content_type="image/jpeg"),
        },
    )
    assert response.status_code == 200
    assert "JPEG, PNG lub WebP" in response.content.decode()
    assert not post.photos.exists()


def test_the_writers_pages_are_within_their_budgets(client):
    post = PostFactory()
    _photo(post, cover=True)
    client.force_login(writer())
    assert_page(client, reverse("news:manage"), queries=8, template="news/manage/list.html")
    assert_page(
        client, reverse("news:manage_post", args=[post.pk]), queries=12, template="news/manage/post.html"
    )
    assert_page(client, reverse("news:edit", args=[post.pk]), queries=12, template="news/manage/form.html")
