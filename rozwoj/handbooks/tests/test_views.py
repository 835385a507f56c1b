"""The handbook's pages: every route within its query budget (not growing with the chapters), the conflict page of
two authors editing at once, bad input, exports, and the chapters on a technique's page."""

import io

import pytest
from django.urls import reverse

from rozwoj.accounts.models import Role
from rozwoj.coaching.tests.factories import TechniqueFactory
from rozwoj.core.testing import assert_page
from rozwoj.people.tests.factories import person_with_login

from .. import services
from ..models import ChapterStatus, HandbookExport
from .factories import ChapterFactory, HandbookFactory, PartFactory, partner

pytestmark = pytest.mark.django_db


def _book(chapters: int):
    handbook = HandbookFactory()
    organisation, author = partner(handbook)
    part = PartFactory(handbook=handbook)
    made = [ChapterFactory(part=part, author_organisation=organisation) for _ in range(chapters)]
    for chapter in made:
        for language in ("pl", "lv", "el"):
            services.translation_save(
                actor=author,
                chapter=chapter,
                language=language,
                title="T",
                body="x",
                status="done",
                base_revision=0,
            )
    return handbook, author, made


def test_every_page_within_its_budget_whatever_the_number_of_chapters(client):
    coordinator = person_with_login(Role.COORDINATOR).user
    for count in (2, 12):
        handbook, author, chapters = _book(count)
        chapter = chapters[0]
        services.comment_add(actor=coordinator, chapter=chapter, paragraph=0, body="Why?")
        services.chapter_save_text(
            actor=author, chapter=chapter, title="A", body="One.\n\nTwo.", base_revision=chapter.revision
        )
        services.chapter_save_text(
            actor=author,
            chapter=chapter,
            title="A",
            body="One.\n\nThree.",
            base_revision=chapter.revision,
        )
        export = services.export_request(actor=author, handbook=handbook, language="en", fmt="docx")
        chapter.status = ChapterStatus.APPROVED
        chapter.save()
        services.handbook_publish(actor=coordinator, handbook=handbook, published=True)
        for user in (coordinator, author):
            client.force_login(user)
            pages = [
                (reverse("handbooks:list"), "handbooks/list.html"),
                (reverse("handbooks:handbook", args=[handbook.pk]), "handbooks/handbook.html"),
                (reverse("handbooks:chapter", args=[chapter.pk]), "handbooks/chapter.html"),
                (reverse("handbooks:chapter_edit", args=[chapter.pk]), "handbooks/text_form.html"),
                (reverse("handbooks:translation_edit", args=[chapter.pk, "pl"]), "handbooks/text_form.html"),
                (reverse("handbooks:versions", args=[chapter.pk]) + "?a=1&b=2", "handbooks/versions.html"),
                (reverse("handbooks:export", args=[export.pk]), "handbooks/export.html"),
                (reverse("handbooks:public", args=[handbook.pk]), "handbooks/public/handbook.html"),
                (reverse("handbooks:public_chapter", args=[chapter.pk]), "handbooks/public/chapter.html"),
            ]
            if user is coordinator:
                pages += [
                    (reverse("handbooks:create"), "handbooks/handbook_form.html"),
                    (reverse("handbooks:part_create", args=[handbook.pk]), "handbooks/part_form.html"),
                    (reverse("handbooks:chapter_create", args=[handbook.pk]), "handbooks/chapter_form.html"),
                    (reverse("handbooks:chapter_settings", args=[chapter.pk]), "handbooks/chapter_form.html"),
                ]
            for url, template in pages:
                assert_page(client, url, queries=16, template=template)


def test_two_authors_editing_at_once_the_second_gets_the_conflict_page_with_both_texts(client):
    handbook, author, (chapter,) = _book(1)
    coordinator = person_with_login(Role.COORDINATOR).user
    url = reverse("handbooks:chapter_edit", args=[chapter.pk])
    opened = chapter.revision
    client.force_login(author)
    first = client.post(url, {"title": chapter.title, "body": "The author's text.", "revision": opened})
    assert first.status_code == 302
    client.force_login(coordinator)
    second = client.post(url, {"title": chapter.title, "body": "The coordinator's text.", "revision": opened})
    assert second.status_code == 409
    page = second.content.decode()
    assert "The author&#x27;s text." in page  # the text saved meanwhile
    assert "The coordinator&#x27;s text." in page  # and theirs, still in the form
    chapter.refresh_from_db()
    assert chapter.body == "The author's text."
    # Saving again from the conflict page (its revision) writes the next version.
    again = client.post(url, {"title": chapter.title, "body": "Merged.", "revision": chapter.revision})
    assert again.status_code == 302
    assert chapter.versions.filter(language="en").count() == 2


def test_bad_input_is_a_message_never_a_500(client):
    handbook, author, (chapter,) = _book(1)
    client.force_login(author)
    edit = reverse("handbooks:chapter_edit", args=[chapter.pk])
    assert client.post(edit, {"title": "", "body": "x", "revision": "abc"}).status_code == 400
    assert client.post(edit, {"title": "x" * 400, "body": "x", "revision": 99999999999999}).status_code == 400
    assert client.get(reverse("handbooks:translation_edit", args=[chapter.pk, "de"])).status_code == 404
    versions = reverse("handbooks:versions", args=[chapter.pk])
    assert client.get(versions + "?a=x&b=99999999999999999").status_code == 400
    assert client.get(versions + "?a=7&b=8&language=xx").status_code == 400
    comment = client.post(
        reverse("handbooks:comment_add", args=[chapter.pk]), {"paragraph": 999, "body": "?"}
    )
    assert comment.status_code == 302
    assert not chapter.comments.exists()
    status = client.post(reverse("handbooks:chapter_status", args=[chapter.pk]), {"status": "approved"})
    assert status.status_code == 302
    chapter.refresh_from_db()
    assert chapter.status == ChapterStatus.OUTLINE
    export = client.post(
        reverse("handbooks:export_request", args=[handbook.pk]), {"language": "de", "format": "x"}
    )
    assert export.status_code == 302
    assert not HandbookExport.objects.exists()
    api = client.put(
        f"/api/v1/handbooks/chapters/{chapter.pk}/text",
        data={"title": "", "body": "x", "revision": -1},
        content_type="application/json",
    )
    assert api.status_code == 422


def test_the_api_refuses_a_stale_revision_with_409(client):
    handbook, author, (chapter,) = _book(1)
    client.force_login(author)
    url = f"/api/v1/handbooks/chapters/{chapter.pk}/text"
    body = {"title": "T", "body": "First.", "revision": chapter.revision}
    assert client.put(url, data=body, content_type="application/json").status_code == 200
    stale = client.put(url, data={**body, "body": "Second."}, content_type="application/json")
    assert stale.status_code == 409
    chapter.refresh_from_db()
    assert chapter.body == "First."


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_an_export_is_prepared_in_the_background_and_downloaded(
    client, django_capture_on_commit_callbacks, fmt
):
    handbook, author, chapters = _book(2)
    client.force_login(author)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("handbooks:export_request", args=[handbook.pk]), {"language": "", "format": fmt}
        )
    export = HandbookExport.objects.get()
    assert response["Location"] == reverse("handbooks:export", args=[export.pk])
    assert export.ready_at is not None
    assert export.percent == 100
    download = client.get(reverse("handbooks:export_download", args=[export.pk]))
    content = b"".join(download.streaming_content)
    if fmt == "docx":
        import docx

        text = "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)
        assert chapters[0].title in text
        assert "Contents" in text or "Spis treści" in text
    else:
        assert content.startswith(b"%PDF")


def test_the_technique_page_lists_the_chapters_that_describe_it(client):
    technique = TechniqueFactory()
    handbook, author, (chapter,) = _book(1)
    chapter.techniques.add(technique)
    url = reverse("coaching:technique", args=[technique.pk])
    assert chapter.title not in client.get(url).content.decode()  # not public yet
    client.force_login(author)
    assert chapter.title in client.get(url).content.decode()
    client.logout()
    chapter.status = ChapterStatus.APPROVED
    chapter.save()
    handbook.is_published = True
    handbook.save()
    assert chapter.title in client.get(url).content.decode()
