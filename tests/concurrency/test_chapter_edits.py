"""Eight authors save the same chapter at the same moment, each from the revision they opened: exactly one save
becomes the next version, the seven others get the conflict (with the saved text) and nothing is overwritten, on
SQLite and PostgreSQL. The same for a translation started by several translators at once."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from rozwoj.accounts.models import Role
from rozwoj.handbooks import services
from rozwoj.handbooks.models import ChapterVersion, Translation
from rozwoj.handbooks.tests.factories import ChapterFactory
from rozwoj.people.tests.factories import person_with_login

AUTHORS = 8


def _race(call):
    start = threading.Event()

    def save(n):
        try:
            start.wait(timeout=10)
            call(n)
            return "saved"
        except services.EditConflict as conflict:
            return conflict
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=AUTHORS) as pool:
        futures = [pool.submit(save, n) for n in range(AUTHORS)]
        start.set()
        return [future.result() for future in futures]


@pytest.mark.django_db(transaction=True)
def test_parallel_saves_from_one_revision_keep_one_and_refuse_the_others():
    coordinator = person_with_login(Role.COORDINATOR).user
    chapter = ChapterFactory()
    opened = chapter.revision

    outcomes = _race(
        lambda n: services.chapter_save_text(
            actor=coordinator, chapter=chapter, title=chapter.title, body=f"Text {n}.", base_revision=opened
        )
    )

    assert outcomes.count("saved") == 1
    conflicts = [o for o in outcomes if o != "saved"]
    assert len(conflicts) == AUTHORS - 1
    chapter.refresh_from_db()
    assert chapter.revision == opened + 1
    assert {c.current_body for c in conflicts} == {chapter.body}  # each was shown the text that won
    assert list(ChapterVersion.objects.filter(chapter=chapter).values_list("body", flat=True)) == [
        chapter.body
    ]


@pytest.mark.django_db(transaction=True)
def test_parallel_starts_of_one_translation_keep_one():
    coordinator = person_with_login(Role.COORDINATOR).user
    chapter = ChapterFactory()

    outcomes = _race(
        lambda n: services.translation_save(
            actor=coordinator,
            chapter=chapter,
            language="pl",
            title="Tytuł",
            body=f"Tekst {n}.",
            status="in_progress",
            base_revision=0,
        )
    )

    assert outcomes.count("saved") == 1
    assert Translation.objects.filter(chapter=chapter).count() == 1
    assert ChapterVersion.objects.filter(chapter=chapter, language="pl").count() == 1
