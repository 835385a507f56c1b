"""The handbook's rules: versions, the optimistic lock, outdated translations, comments, status, permissions."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from rozwoj.accounts.models import Role
from rozwoj.people.tests.factories import person_with_login

from .. import services
from ..compare import compare
from ..models import ChapterStatus, ChapterVersion
from ..selectors import can_edit_chapter, handbooks_visible_to, sections
from .factories import ChapterFactory, HandbookFactory, PartFactory, partner

pytestmark = pytest.mark.django_db


@pytest.fixture
def book():
    handbook = HandbookFactory()
    organisation, author = partner(handbook)
    other_organisation, other_member = partner(handbook, country="GR")
    chapter = ChapterFactory(part=PartFactory(handbook=handbook), author_organisation=organisation)
    coordinator = person_with_login(Role.COORDINATOR).user
    return {
        "handbook": handbook,
        "chapter": chapter,
        "author": author,
        "other_member": other_member,
        "coordinator": coordinator,
    }


def test_each_save_is_a_version_and_the_second_of_two_editors_gets_a_conflict(book):
    chapter, author, coordinator = book["chapter"], book["author"], book["coordinator"]
    opened_at = chapter.revision
    services.chapter_save_text(
        actor=author, chapter=chapter, title="Why coach", body="First.", base_revision=opened_at
    )
    with pytest.raises(services.EditConflict) as conflict:
        services.chapter_save_text(
            actor=coordinator, chapter=chapter, title="Why coach", body="Second.", base_revision=opened_at
        )
    assert conflict.value.current_body == "First."
    chapter.refresh_from_db()
    assert chapter.body == "First."
    assert chapter.revision == opened_at + 1
    assert list(ChapterVersion.objects.filter(chapter=chapter).values_list("body", flat=True)) == ["First."]
    # Saved again from the revision the conflict page gives: the second text becomes the next version.
    services.chapter_save_text(
        actor=coordinator,
        chapter=chapter,
        title="Why coach",
        body="First.\n\nSecond.",
        base_revision=conflict.value.current_revision,
    )
    assert chapter.versions.count() == 2


def test_a_translation_is_outdated_when_the_master_changes_after_it(book):
    chapter, author = book["chapter"], book["author"]
    translation = services.translation_save(
        actor=author,
        chapter=chapter,
        language="lv",
        title="Kāpēc",
        body="Teksts.",
        status="done",
        base_revision=0,
    )
    assert not translation.is_outdated
    services.chapter_save_text(
        actor=author,
        chapter=chapter,
        title=chapter.title,
        body="A new paragraph.",
        base_revision=chapter.revision,
    )
    translation.refresh_from_db()
    assert translation.is_outdated
    services.translation_save(
        actor=author,
        chapter=chapter,
        language="lv",
        title="Kāpēc",
        body="Jauns teksts.",
        status="done",
        base_revision=translation.revision,
    )
    translation.refresh_from_db()
    assert not translation.is_outdated
    assert chapter.versions.filter(language="lv").count() == 2


def test_two_translators_starting_the_same_translation_conflict(book):
    chapter, author = book["chapter"], book["author"]
    services.translation_save(
        actor=author,
        chapter=chapter,
        language="el",
        title="Α",
        body="Ένα.",
        status="in_progress",
        base_revision=0,
    )
    with pytest.raises(services.EditConflict) as conflict:
        services.translation_save(
            actor=author,
            chapter=chapter,
            language="el",
            title="Β",
            body="Δύο.",
            status="in_progress",
            base_revision=0,
        )
    assert conflict.value.current_body == "Ένα."


def test_only_the_chapters_partner_authors_and_coordinators_edit_it(book):
    chapter = book["chapter"]
    assert can_edit_chapter(book["author"], chapter)
    assert can_edit_chapter(book["coordinator"], chapter)
    assert not can_edit_chapter(book["other_member"], chapter)
    with pytest.raises(PermissionDenied):
        services.chapter_save_text(
            actor=book["other_member"], chapter=chapter, title="x", body="y", base_revision=chapter.revision
        )
    # A named author of another organisation may edit it too.
    chapter.authors.add(book["other_member"].person)
    assert can_edit_chapter(book["other_member"], chapter)


def test_partner_members_see_their_programmes_handbook_only(book):
    assert book["handbook"] in handbooks_visible_to(book["author"])
    _organisation, stranger = partner(HandbookFactory())
    assert book["handbook"] not in handbooks_visible_to(stranger)


def test_authors_move_the_status_but_only_coordinators_approve(book):
    chapter, author = book["chapter"], book["author"]
    services.chapter_set_status(actor=author, chapter=chapter, status=ChapterStatus.IN_REVIEW)
    with pytest.raises(PermissionDenied):
        services.chapter_set_status(actor=author, chapter=chapter, status=ChapterStatus.APPROVED)
    services.chapter_set_status(actor=book["coordinator"], chapter=chapter, status=ChapterStatus.APPROVED)
    with pytest.raises(PermissionDenied):
        services.chapter_set_status(actor=author, chapter=chapter, status=ChapterStatus.DRAFT)
    with pytest.raises(ValidationError):
        services.chapter_set_status(actor=book["coordinator"], chapter=chapter, status="published")


def test_comments_are_anchored_to_a_paragraph_and_resolved(book):
    chapter = book["chapter"]
    comment = services.comment_add(actor=book["other_member"], chapter=chapter, paragraph=1, body="Say more.")
    assert comment.quote == "Coaching helps managers."
    with pytest.raises(ValidationError):
        services.comment_add(actor=book["other_member"], chapter=chapter, paragraph=99, body="Where?")
    with pytest.raises(ValidationError):
        services.comment_add(actor=book["other_member"], chapter=chapter, paragraph=0, body="  ")
    services.comment_resolve(actor=book["author"], comment=comment, resolved=True)
    assert comment.resolved_at is not None
    services.comment_resolve(actor=book["author"], comment=comment, resolved=False)
    assert comment.resolved_at is None


def test_bad_text_is_refused_with_messages(book):
    chapter = book["chapter"]
    with pytest.raises(ValidationError) as error:
        services.chapter_save_text(
            actor=book["author"], chapter=chapter, title=" ", body="x", base_revision=chapter.revision
        )
    assert "title" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.translation_save(
            actor=book["author"],
            chapter=chapter,
            language="de",
            title="x",
            body="",
            status="done",
            base_revision=0,
        )


def test_the_comparison_marks_removed_and_added_words():
    rows = compare("Keep this.\n\nThe old words here.", "Keep this.\n\nThe new words here.\n\nAdded.")
    assert [row.kind for row in rows] == ["same", "changed", "added"]
    changed = {(piece.kind, piece.text) for piece in rows[1].pieces}
    assert ("removed", "old") in changed
    assert ("added", "new") in changed


def test_sections_are_the_second_level_headings():
    assert sections("## One\n\ntext\n\n### not\n\n## Two") == ["One", "Two"]


def test_the_author_partner_must_belong_to_the_programme(book):
    from rozwoj.organisations.tests.factories import OrganisationFactory

    with pytest.raises(ValidationError) as error:
        services.chapter_save(
            actor=book["coordinator"],
            handbook=book["handbook"],
            chapter=None,
            data={"title": "X", "part": book["chapter"].part, "author_organisation": OrganisationFactory()},
        )
    assert "author_organisation" in error.value.message_dict
