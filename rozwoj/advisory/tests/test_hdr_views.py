"""The HDR pages: each within its query budget (the gallery the same for few and many HDRs), the conflict page
of two editors, bad input as messages, the PDF, and drafts never in the gallery, the site search or the sitemap."""

import pytest
from django.urls import reverse

from rozwoj.accounts.tests.factories import user_with_role
from rozwoj.core.search import search
from rozwoj.core.testing import assert_page

from ..models import Hdr, HdrStatus
from ..services import hdr as services
from .factories import support_area
from .hdr_helpers import complete_action, drafted_hdr, lg_member_of, published_hdr

pytestmark = pytest.mark.django_db

QUERY_BUDGET = 20
GALLERY_BUDGET = 8


def _u(name, *args):
    return reverse(f"advisory:{name}", args=args)


@pytest.mark.parametrize("count", [1, 6])
def test_the_gallery_within_its_budget_whatever_the_number_of_hdrs(client, count):
    area = support_area()
    hdrs = [published_hdr(area=area) for _ in range(count)]
    assert_page(client, _u("hdr_gallery"), queries=GALLERY_BUDGET, contains=hdrs[0].title)
    assert_page(client, _u("hdr_gallery"), queries=GALLERY_BUDGET, data={"q": "sieci szkół", "area": area.pk})
    assert_page(client, _u("hdr_public", hdrs[0].pk), queries=GALLERY_BUDGET, contains="Działanie 0")


def test_the_gallery_filters_and_bad_filters(client):
    published = published_hdr()
    body = client.get(
        _u("hdr_gallery"), {"q": "sieć", "kind": published.engagement.local_government.kind}
    ).content
    assert published.title.encode() in body
    response = client.get(_u("hdr_gallery"), {"voivodeship": "x'; drop", "area": "99999999999999999999"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode() or "Wybierz" in response.content.decode()


@pytest.mark.parametrize("actions", [1, 12])
def test_the_hdr_pages_within_their_budget(client, actions):
    hdr = drafted_hdr(actions=actions)
    published_hdr(area=hdr.engagement.support_area)  # a similar HDR shows on the draft's page
    expert = hdr.engagement.ros_expert.person.user
    services.version_save(actor=expert, hdr=hdr)
    services.version_save(actor=expert, hdr=hdr)
    client.force_login(expert)
    assert_page(
        client, _u("hdr", hdr.engagement_id), queries=QUERY_BUDGET, contains="Podobne opublikowane HDR"
    )
    assert_page(client, _u("hdr_edit", hdr.pk), queries=QUERY_BUDGET)
    assert_page(client, _u("hdr_action_add", hdr.pk), queries=QUERY_BUDGET)
    assert_page(client, _u("hdr_action", hdr.actions.first().pk), queries=QUERY_BUDGET)
    assert_page(client, _u("hdr_compare", hdr.pk), queries=QUERY_BUDGET, data={"old": 1, "new": 2})


def test_the_second_editor_gets_a_conflict_page_showing_both(client):
    hdr = drafted_hdr()
    expert, member = hdr.engagement.ros_expert.person.user, lg_member_of(hdr.engagement)
    loaded = hdr.revision
    client.force_login(expert)
    response = client.post(
        _u("hdr_edit", hdr.pk),
        {"title": hdr.title, "context": "Tekst eksperta", "goals": "Cel", "revision": loaded},
    )
    assert response.status_code == 302
    client.force_login(member)
    response = client.post(
        _u("hdr_edit", hdr.pk),
        {"title": hdr.title, "context": "Tekst gminy", "goals": "Cel", "revision": loaded},
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "Tekst eksperta" in body
    assert "Tekst gminy" in body
    assert Hdr.objects.get(pk=hdr.pk).context == "Tekst eksperta"


def test_the_conflict_page_of_an_action(client):
    hdr = drafted_hdr()
    action = hdr.actions.get()
    client.force_login(hdr.engagement.ros_expert.person.user)
    data = {**complete_action(hdr.engagement, action.priority), "revision": action.revision}
    data = {k: (v.pk if hasattr(v, "pk") else v) for k, v in data.items()}
    assert client.post(_u("hdr_action", action.pk), {**data, "owner": "Wójt"}).status_code == 302
    response = client.post(_u("hdr_action", action.pk), {**data, "owner": "Skarbnik"})
    assert response.status_code == 409
    assert "Wójt" in response.content.decode()
    assert "Skarbnik" in response.content.decode()


@pytest.mark.parametrize(
    "change",
    [
        {"title": ""},
        {"starts_on": "2030-13-40"},
        {"ends_on": "1999-01-01"},
        {"priority": "999999999"},
        {"management_tool": "abc"},
        {"revision": "-1"},
    ],
)
def test_bad_input_on_the_action_form_is_a_message_and_nothing_is_saved(client, change):
    hdr = drafted_hdr()
    action = hdr.actions.get()
    client.force_login(hdr.engagement.ros_expert.person.user)
    data = {**complete_action(hdr.engagement, action.priority), "revision": action.revision, **change}
    data = {k: (v.pk if hasattr(v, "pk") else v) for k, v in data.items()}
    response = client.post(_u("hdr_action", action.pk), data)
    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()
    action.refresh_from_db()
    assert action.revision == 1


def test_bad_comparison_and_copy_input_are_messages(client):
    hdr = drafted_hdr()
    client.force_login(hdr.engagement.ros_expert.person.user)
    response = client.get(_u("hdr_compare", hdr.pk), {"old": "7", "new": "abc"})
    assert response.status_code == 200
    response = client.get(_u("hdr_compare", hdr.pk), {"old": "7", "new": "8"})
    assert "Choose two versions" in response.content.decode() or "Wybierz dwie" in response.content.decode()
    response = client.post(_u("hdr_action_copy", hdr.pk), {"source": "99999999999999999999"}, follow=True)
    assert response.status_code == 200
    response = client.post(_u("hdr_action_copy", hdr.pk), {"source": hdr.actions.get().pk}, follow=True)
    assert hdr.actions.count() == 1
    response = client.post(_u("hdr_comment", hdr.pk), {"text": "  "}, follow=True)
    assert hdr.comments.count() == 0


def test_submitting_an_incomplete_hdr_is_refused_on_the_page(client):
    hdr = drafted_hdr()
    action = hdr.actions.get()
    services.action_update(
        actor=hdr.engagement.ros_expert.person.user,
        action=action,
        data={**complete_action(hdr.engagement, action.priority), "owner": ""},
        revision=1,
    )
    client.force_login(hdr.engagement.ros_expert.person.user)
    response = client.post(_u("hdr_submit", hdr.pk), follow=True)
    assert "has no owner" in response.content.decode() or "nie ma" in response.content.decode()
    assert Hdr.objects.get(pk=hdr.pk).status == HdrStatus.DRAFT


def test_the_pdf_of_a_draft_and_of_a_published_hdr(client):
    published = published_hdr()
    response = client.get(_u("hdr_public_pdf", published.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    draft = drafted_hdr()
    assert client.get(_u("hdr_public_pdf", draft.pk)).status_code == 404
    client.force_login(draft.engagement.ros_expert.person.user)
    assert client.get(_u("hdr_pdf", draft.pk)).content.startswith(b"%PDF")


def test_drafts_never_leak_through_the_site_search_gallery_or_sitemap(client):
    draft = drafted_hdr()
    services.hdr_submit(actor=draft.engagement.ros_expert.person.user, hdr=draft)
    services.hdr_approve(actor=lg_member_of(draft.engagement), hdr=draft)  # approved, not published
    for user in (None, user_with_role("coordinator")):
        assert search(user, "sieci szkół").total == 0
    assert draft.title not in client.get(_u("hdr_gallery")).content.decode()
    assert client.get(_u("hdr_public", draft.pk)).status_code == 404
    assert _u("hdr_public", draft.pk) not in client.get("/sitemap.xml").content.decode()
    published = published_hdr()
    assert search(None, "sieci szkół").total == 1
    assert published.title in client.get(_u("hdr_gallery")).content.decode()
    sitemap = client.get("/sitemap.xml").content.decode()
    assert _u("hdr_public", published.pk) in sitemap
    assert _u("hdr_public", draft.pk) not in sitemap
