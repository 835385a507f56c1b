"""News services: who writes and who publishes, versions and "last updated", scheduled publication, photos."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from rozwoj.core.audit import history_for
from rozwoj.core.periodic import registry
from rozwoj.news import services
from rozwoj.news.models import Post, PostStatus
from rozwoj.programmes.tests.factories import ProgrammeFactory

from .factories import draft, editor, png_bytes, training_projects, writer

pytestmark = pytest.mark.django_db


def _data(**overrides):
    return {
        "category": training_projects(),
        "title_pl": "Spotkanie trenerów",
        "lead_pl": "Krótko.",
        "body_pl": "Treść.",
        **overrides,
    }


def test_a_coordinator_writes_a_draft_with_its_first_version_and_an_audit_entry():
    author = writer()
    programme = ProgrammeFactory()
    post = services.post_create(
        actor=author, data=_data(tags="Erasmus+, coaching, erasmus+", programmes=[programme])
    )
    assert post.status == PostStatus.DRAFT
    assert post.author == author
    assert sorted(post.tags.values_list("name", flat=True)) == ["Erasmus+", "coaching"]
    assert list(post.programmes.all()) == [programme]
    assert post.versions.count() == 1
    assert [e.action for e in history_for(post)] == ["news.create"]


def test_a_post_needs_a_title_and_text_in_at_least_one_language():
    with pytest.raises(ValidationError) as error:
        services.post_create(actor=writer(), data=_data(title_pl="", body_pl=""))
    assert "title_pl" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.post_create(actor=writer(), data=_data(title_en="Meeting"))
    assert "body_en" in error.value.message_dict
    assert not Post.objects.exists()


def test_others_cannot_write():
    from rozwoj.accounts.models import Role
    from rozwoj.accounts.tests.factories import UserFactory

    with pytest.raises(PermissionDenied):
        services.post_create(actor=UserFactory(roles=[Role.EXPERT]), data=_data())


def test_a_coordinator_without_the_editor_right_cannot_publish_but_an_editor_can():
    post = draft()
    services.post_submit(actor=writer(), post=post)
    with pytest.raises(PermissionDenied):
        services.post_publish(actor=writer(), post=post)
    services.post_publish(actor=editor(), post=post)
    post.refresh_from_db()
    assert post.status == PostStatus.PUBLISHED
    assert post.published_at is not None
    assert post.status_changed_by is not None
    assert [e.action for e in history_for(post)][:2] == ["news.publish", "news.submit"]


def test_a_text_change_after_publication_shows_as_last_updated_and_keeps_the_old_version():
    post = draft()
    services.post_publish(actor=editor(), post=post)
    services.post_update(actor=writer(), post=post, data={"category": post.category})  # nothing changed
    post.refresh_from_db()
    assert post.text_updated_at is None
    services.post_update(actor=writer(), post=post, data={"body_pl": "Poprawione zdanie."})
    post.refresh_from_db()
    assert post.text_updated_at is not None
    assert post.status == PostStatus.PUBLISHED
    bodies = list(post.versions.order_by("number").values_list("body_pl", flat=True))
    assert bodies[-1] == "Poprawione zdanie."
    assert "news.update" in [e.action for e in history_for(post)]


def test_a_change_before_publication_is_not_an_update():
    post = services.post_create(actor=writer(), data=_data())
    services.post_update(actor=writer(), post=post, data={"body_pl": "Inna treść."})
    post.refresh_from_db()
    assert post.text_updated_at is None
    assert post.versions.count() == 2


def test_scheduled_posts_are_published_by_the_job_when_their_time_comes_and_only_once():
    post = draft()
    at = timezone.now() + datetime.timedelta(hours=2)
    services.post_publish(actor=editor(), post=post, at=at)
    post.refresh_from_db()
    assert post.status == PostStatus.SCHEDULED
    assert services.publish_due_posts(timezone.now()) == 0
    later = at + datetime.timedelta(minutes=1)
    assert services.publish_due_posts(later) == 1
    assert services.publish_due_posts(later) == 0
    post.refresh_from_db()
    assert post.status == PostStatus.PUBLISHED
    assert post.published_at == at
    assert [e.action for e in history_for(post)][0] == "news.publish"
    assert registry.get("news.publish_scheduled_posts").every == datetime.timedelta(minutes=5)


def test_scheduling_in_the_past_is_refused():
    with pytest.raises(ValidationError):
        services.post_change_status(
            actor=editor(), post=draft(), action="schedule", at=timezone.now() - datetime.timedelta(hours=1)
        )


def test_archiving_takes_a_post_off_and_only_an_editor_may():
    post = draft()
    services.post_publish(actor=editor(), post=post)
    with pytest.raises(PermissionDenied):
        services.post_archive(actor=writer(), post=post)
    services.post_archive(actor=editor(), post=post)
    post.refresh_from_db()
    assert post.status == PostStatus.ARCHIVED


def test_a_photo_needs_alt_text_and_an_image_that_is_what_it_claims():
    post = draft()
    good = SimpleUploadedFile("zdjecie.png", png_bytes(), content_type="image/png")
    with pytest.raises(ValidationError) as error:
        services.photo_add(actor=writer(), post=post, image=good, alt_text=" ")
    assert "alt_text" in error.value.message_dict
    liar = SimpleUploadedFile("zdjecie.png", b"<script>alert(1)</script>", content_type="image/png")
    with pytest.raises(ValidationError) as error:
        services.photo_add(actor=writer(), post=post, image=liar, alt_text="opis")
    assert "image" in error.value.message_dict
    jpeg_named_png = SimpleUploadedFile("zdjecie.png", png_bytes(fmt="JPEG"), content_type="image/png")
    with pytest.raises(ValidationError):
        services.photo_add(actor=writer(), post=post, image=jpeg_named_png, alt_text="opis")
    assert not post.photos.exists()


def test_an_oversize_photo_is_refused(monkeypatch):
    from rozwoj.events.services import materials

    monkeypatch.setattr(materials, "PHOTO_MAX_BYTES", 100)
    upload = SimpleUploadedFile("duze.png", png_bytes(size=(200, 200)), content_type="image/png")
    with pytest.raises(ValidationError) as error:
        services.photo_add(actor=writer(), post=draft(), image=upload, alt_text="opis")
    assert "za duże" in str(error.value)


def test_one_cover_per_post():
    post = draft()
    first = services.photo_add(
        actor=writer(), post=post, image=SimpleUploadedFile("a.png", png_bytes()), alt_text="a", is_cover=True
    )
    second = services.photo_add(
        actor=writer(), post=post, image=SimpleUploadedFile("b.png", png_bytes()), alt_text="b", is_cover=True
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.is_cover, second.is_cover) == (False, True)
    assert second.order > first.order
