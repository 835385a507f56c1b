"""The accessibility declaration, the privacy notice and the contact page: what everyone reads, what only
administrators change, and the footer links on every page."""

import datetime
import re

import pytest
from django.urls import reverse

from rozwoj.accounts.models import Role
from rozwoj.accounts.tests.factories import user_with_role
from rozwoj.core.models import AuditLogEntry
from rozwoj.sitepages.models import AccessibilityDeclaration, SitePage

pytestmark = pytest.mark.django_db

REQUIRED_IDS = [
    "a11y-wstep", "a11y-podmiot", "a11y-zakres", "a11y-url", "a11y-data-publikacja", "a11y-data-aktualizacja",
    "a11y-status", "a11y-kontakt", "a11y-email", "a11y-telefon", "a11y-procedura", "a11y-data-sporzadzenie",
    "a11y-architektura", "a11y-komunikacja",
]  # fmt: skip


def _in(language: str, client) -> None:
    client.cookies["rozwoj_language"] = language


def _ids(html: str) -> list[str]:
    return re.findall(r'\bid="(a11y-[a-z-]+)"', html)


@pytest.mark.parametrize("language", ["pl", "en"])
def test_the_declaration_has_every_element_of_the_law_with_machine_readable_dates(client, language):
    _in(language, client)
    response = client.get(reverse("sitepages:accessibility"))
    html = response.content.decode()
    assert response.status_code == 200
    ids = _ids(html)
    assert [i for i in REQUIRED_IDS if i not in ids] == []
    assert len(ids) == len(set(ids)), "an id appears twice"
    assert '<time id="a11y-data-publikacja" datetime="2026-01-15">' in html
    assert '<time id="a11y-data-aktualizacja" datetime="2026-11-30">' in html
    assert '<time id="a11y-data-sporzadzenie" datetime="2026-01-15">' in html
    assert '<time id="a11y-data-przeglad" datetime="2026-03-20">' in html
    assert 'id="a11y-ocena"' in html
    assert 'href="https://bip.brpo.gov.pl/"' in html
    assert 'href="mailto:dostepnosc@example.org"' in html
    assert 'href="tel:+48220000000"' in html
    assert ("7 dni" if language == "pl" else "7 days") in html
    assert ("2 miesiące" if language == "pl" else "2 months") in html
    if language == "en":
        assert "Centre for the Development of Public Administration Staff" in html
        assert "partially compliant" in html
    else:
        assert "Centrum Rozwoju Kadr Administracji" in html
        assert "częściowo zgodna" in html


def test_optional_elements_appear_only_where_they_apply(client):
    declaration = AccessibilityDeclaration.objects.get()
    html = client.get(reverse("sitepages:accessibility")).content.decode()
    assert "a11y-aplikacje" not in html
    assert "a11y-architektura-url" not in html
    declaration.mobile_apps_pl = "Aplikacja **Rozwój** na Androida."
    declaration.architecture_url = "https://example.org/budynek"
    declaration.reviewed_on = None
    declaration.save()
    html = client.get(reverse("sitepages:accessibility")).content.decode()
    assert 'id="a11y-aplikacje"' in html
    assert "<strong>Rozwój</strong>" in html
    assert '<a id="a11y-architektura-url" href="https://example.org/budynek">' in html
    assert "a11y-data-przeglad" not in html


def test_the_english_page_falls_back_to_polish_text_and_markdown_is_sanitised(client):
    page = SitePage.objects.get(kind="contact")
    page.body_en = ""
    page.body_pl = "Zadzwoń <script>alert(1)</script> [tu](javascript:alert(1))"
    page.save()
    _in("en", client)
    html = client.get(reverse("sitepages:contact")).content.decode()
    assert "Zadzwoń" in html
    assert "<script>alert" not in html
    assert "javascript:" not in html


@pytest.mark.parametrize("language", ["pl", "en"])
@pytest.mark.parametrize(
    "url",
    ["/", "/events/", "/programmes/", "/local-governments/", "/accessibility/", "/privacy/", "/contact/"],
)
def test_every_page_links_the_three_pages_in_its_footer(client, url, language):
    _in(language, client)
    response = client.get(url)
    assert response.status_code == 200
    footer = response.content.decode().split('<footer class="site-footer">', 1)[1]
    for name in ("accessibility", "privacy", "contact"):
        assert f'href="{reverse(f"sitepages:{name}")}"' in footer
    label = "Deklaracja dostępności" if language == "pl" else "Accessibility declaration"
    assert label in footer


def test_a_logged_in_page_links_them_too(client):
    client.force_login(user_with_role(Role.COORDINATOR))
    footer = client.get(reverse("organisations:list")).content.decode().split("site-footer", 1)[1]
    assert f'href="{reverse("sitepages:accessibility")}"' in footer


def test_the_pages_read_in_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    for name in ("accessibility", "privacy", "contact"):
        with django_assert_max_num_queries(3):
            assert client.get(reverse(f"sitepages:{name}")).status_code == 200


def _form_data(declaration: AccessibilityDeclaration, **changes) -> dict:
    data = {}
    for field in AccessibilityDeclaration._meta.get_fields():
        if not getattr(field, "editable", False) or field.name in ("id", "review_reminder_year"):
            continue
        value = getattr(declaration, field.name)
        data[field.name] = value.isoformat() if isinstance(value, datetime.date) else (value or "")
    data.update(changes)
    return data


def test_an_administrator_edits_the_declaration_and_the_change_is_audited(client):
    admin = user_with_role(Role.ADMINISTRATOR)
    client.force_login(admin)
    declaration = AccessibilityDeclaration.objects.get()
    url = reverse("sitepages:accessibility_edit")
    assert client.get(url).status_code == 200
    response = client.post(
        url, _form_data(declaration, status="full", reviewed_on="2027-03-01", phone="+48 1")
    )
    assert response.status_code == 302
    declaration.refresh_from_db()
    assert (declaration.status, declaration.reviewed_on) == ("full", datetime.date(2027, 3, 1))
    entry = AuditLogEntry.objects.get(action="accessibility_declaration.update")
    assert entry.actor == admin
    assert set(entry.changes) == {"status", "reviewed_on", "phone"}
    html = client.get(reverse("sitepages:accessibility")).content.decode()
    assert '<time id="a11y-data-przeglad" datetime="2027-03-01">' in html
    assert "w pełni zgodna" in html


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"email": "not an address"}, "email", "Enter a valid email address."),
        ({"site_url": "javascript:alert(1)"}, "site_url", "Enter a valid URL."),
        ({"published_on": "2026-13-45"}, "published_on", "Enter a valid date."),
        ({"updated_on": "2025-01-01"}, "updated_on", "The update cannot be earlier than the publication."),
        ({"reviewed_on": "2025-01-01"}, "reviewed_on", "The review cannot be earlier than the preparation"),
        ({"status": "partial", "non_compliant_pl": " "}, "non_compliant_pl", "List the content"),
        ({"assessment": "external", "assessment_url": ""}, "assessment_url", "Give the link"),
        ({"status": "sometimes"}, "status", "Select a valid choice."),
        ({"complaint_procedure_pl": "x" * 20_001}, "complaint_procedure_pl", "at most 20000 characters"),
        ({"entity_name_pl": ""}, "entity_name_pl", "This field is required."),
    ],
)
def test_bad_input_is_a_field_error_and_changes_nothing(client, changes, field, message):
    client.force_login(user_with_role(Role.ADMINISTRATOR))
    _in("en", client)
    declaration = AccessibilityDeclaration.objects.get()
    before = _form_data(declaration)
    response = client.post(reverse("sitepages:accessibility_edit"), _form_data(declaration, **changes))
    assert response.status_code == 200
    assert message in " ".join(str(e) for e in response.context["form"].errors.get(field, []))
    declaration.refresh_from_db()
    assert _form_data(declaration) == before
    assert not AuditLogEntry.objects.filter(action="accessibility_declaration.update").exists()


def test_a_field_error_is_translated(client):
    client.force_login(user_with_role(Role.ADMINISTRATOR))
    declaration = AccessibilityDeclaration.objects.get()
    response = client.post(
        reverse("sitepages:accessibility_edit"), _form_data(declaration, updated_on="2025-01-01")
    )
    assert "Aktualizacja nie może być wcześniejsza niż publikacja." in response.content.decode()


@pytest.mark.parametrize("kind", ["privacy", "contact"])
def test_an_administrator_edits_a_site_page(client, kind):
    client.force_login(user_with_role(Role.ADMINISTRATOR))
    response = client.post(
        reverse(f"sitepages:{kind}_edit"),
        {"title_pl": "Nowy tytuł", "title_en": "New title", "body_pl": "Treść **nowa**", "body_en": ""},
    )
    assert response.status_code == 302
    html = client.get(reverse(f"sitepages:{kind}")).content.decode()
    assert "Nowy tytuł" in html
    assert "<strong>nowa</strong>" in html
    assert AuditLogEntry.objects.filter(action=f"site_page.{kind}.update").count() == 1


def test_a_site_page_without_a_title_is_refused(client):
    client.force_login(user_with_role(Role.ADMINISTRATOR))
    response = client.post(reverse("sitepages:privacy_edit"), {"title_pl": "", "body_pl": "x"})
    assert response.status_code == 200
    assert response.context["form"].errors["title_pl"]
    assert SitePage.objects.get(kind="privacy").title_pl == "Klauzula informacyjna RODO"


@pytest.mark.parametrize("role", [None, Role.COORDINATOR, Role.EXPERT])
def test_only_administrators_change_the_pages(client, role):
    if role:
        client.force_login(user_with_role(role))
    declaration = AccessibilityDeclaration.objects.get()
    response = client.post(reverse("sitepages:accessibility_edit"), _form_data(declaration, status="full"))
    assert response.status_code in (302, 403)
    if role is None:
        assert "login" in response["Location"]
    response = client.post(reverse("sitepages:contact_edit"), {"title_pl": "Hacked", "body_pl": "x"})
    assert response.status_code in (302, 403)
    assert AccessibilityDeclaration.objects.get().status == "partial"
    assert SitePage.objects.get(kind="contact").title_pl == "Kontakt"
    html = client.get(reverse("sitepages:accessibility")).content.decode()
    assert reverse("sitepages:accessibility_edit") not in html


def test_administrators_see_the_edit_link(client):
    client.force_login(user_with_role(Role.ADMINISTRATOR))
    for name in ("accessibility", "privacy", "contact"):
        html = client.get(reverse(f"sitepages:{name}")).content.decode()
        assert reverse(f"sitepages:{name}_edit") in html
