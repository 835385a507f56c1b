"""The demo's handbook (seed 000): chapters by each partner in several states, one chapter translated (its Polish
translation outdated), the demo partner login edits its own chapter and not another partner's; the approved
chapters are public."""

import pytest
from django.db import transaction
from django.urls import reverse

from rozwoj.demo.services import demo_load
from rozwoj.handbooks.models import Chapter, Handbook


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        demo_load()
        yield
        transaction.set_rollback(True)


pytestmark = pytest.mark.django_db


def test_chapters_by_each_partner_in_several_states_and_one_translated(demo):
    handbook = Handbook.objects.get(is_demo=True)
    chapters = list(Chapter.objects.filter(handbook=handbook).select_related("author_organisation"))
    assert {c.author_organisation.name for c in chapters} >= {"MetaCoach", "Society in Progress"}
    assert len({c.author_organisation_id for c in chapters}) == 4
    assert {c.status for c in chapters} == {"outline", "draft", "in_review", "approved"}
    translated = [c for c in chapters if c.translations.exists()]
    assert len(translated) == 1
    languages = {t.language: t for t in translated[0].translations.all()}
    assert languages["pl"].is_outdated
    assert not languages["lv"].is_outdated


def test_the_demo_partner_edits_their_chapter_and_reads_the_public_pages(client, demo):
    from rozwoj.accounts.models import User

    latvia = Chapter.objects.get(handbook__is_demo=True, title__startswith="Latvia")
    greece = Chapter.objects.get(handbook__is_demo=True, title__startswith="Greece")
    client.force_login(User.objects.get(email="partner@example.org"))
    assert client.get(reverse("handbooks:chapter_edit", args=[latvia.pk])).status_code == 200
    assert client.get(reverse("handbooks:chapter_edit", args=[greece.pk])).status_code == 403
    client.logout()
    public = client.get(reverse("handbooks:public", args=[latvia.handbook_id])).content.decode()
    assert "Introduction" in public
    assert "Latvia" not in public  # in review: not public yet
