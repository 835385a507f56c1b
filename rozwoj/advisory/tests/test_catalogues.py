"""The coordinators' lists of the advisory cycle (support areas, forms of support, management tools): reached from
the navigation, add, rename, reorder, withdraw from use and put back, delete only what nothing chose; what chose a
withdrawn term keeps it and can still be edited; renaming reaches the search; bad input changes nothing."""

import re
from decimal import Decimal

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from rozwoj.accounts.tests.factories import user_with_role
from rozwoj.core.audit import AuditLogEntry
from rozwoj.core.testing import assert_page
from rozwoj.experts.models import Competence

from ..models import ManagementTool, SupportArea, SupportForm, SupportLogEntry
from ..selectors import hdr as hdr_selectors
from ..selectors.catalogues import CATALOGUES
from ..services import catalogues as services
from ..services import hdr as hdr_services
from ..services import support_log
from .factories import CallFactory, engagement_with_team, support_form
from .hdr_helpers import complete_action, drafted_hdr, published_hdr

pytestmark = pytest.mark.django_db
AREAS, FORMS, TOOLS = (CATALOGUES[slug] for slug in ("support-areas", "support-forms", "management-tools"))


@pytest.fixture
def coordinator_client(client):
    client.force_login(user_with_role("coordinator"))
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _u(name, *args):
    return reverse(f"advisory:{name}", args=args)


def _select(page: str, name: str) -> str:
    return re.search(rf'<select name="{name}".*?</select>', page, re.S).group(0)


def _names(model):
    return list(model.objects.order_by("order", "pk").values_list("name", flat=True))


def test_the_coordinator_adds_reorders_renames_and_withdraws_a_support_area(coordinator_client):
    client = coordinator_client
    assert _u("catalogues") in client.get(_u("dashboard")).content.decode()  # navigation and dashboard
    index = assert_page(client, _u("catalogues"), queries=10, template="advisory/catalogues/index.html")
    assert _u("catalogue", "support-areas") in index.content.decode()
    competence = Competence.objects.filter(is_active=True).first()
    response = client.post(
        _u("catalogue", "support-areas"),
        {
            "name": "  Cyfryzacja   szkół ",
            "description": "Sprzęt i kompetencje",
            "competences": [competence.pk],
        },
        follow=True,
    )
    assert "has been added" in response.content.decode()
    area = SupportArea.objects.get(name="Cyfryzacja szkół")
    assert _names(SupportArea)[-1] == "Cyfryzacja szkół"
    assert list(area.competences.all()) == [competence]
    client.post(_u("catalogue_term_move", "support-areas", area.pk), {"direction": "up"})
    assert _names(SupportArea)[-2] == "Cyfryzacja szkół"
    assert sorted(SupportArea.objects.values_list("order", flat=True)) == list(
        range(1, SupportArea.objects.count() + 1)
    )
    response = client.post(
        _u("catalogue_term", "support-areas", area.pk),
        {"name": "Cyfrowa szkoła", "competences": []},
        follow=True,
    )
    assert "has been saved" in response.content.decode()
    area.refresh_from_db()
    assert (area.name, area.competences.count(), area.description) == ("Cyfrowa szkoła", 0, "")
    call = CallFactory()
    assert "Cyfrowa szkoła" in client.get(_u("apply", call.pk)).content.decode()
    response = client.post(
        _u("catalogue_term_in_use", "support-areas", area.pk), {"in_use": "0"}, follow=True
    )
    assert "withdrawn from use" in response.content.decode()
    assert "Cyfrowa szkoła" not in client.get(_u("apply", call.pk)).content.decode()
    client.post(_u("catalogue_term_in_use", "support-areas", area.pk), {"in_use": "1"})
    assert SupportArea.objects.get(pk=area.pk).is_active
    actions = set(AuditLogEntry.objects.filter(object_id=str(area.pk)).values_list("action", flat=True))
    assert {"advisory.catalogue.add", "advisory.catalogue.move", "advisory.catalogue.update"} <= actions
    assert {"advisory.catalogue.withdraw", "advisory.catalogue.restore"} <= actions
    response = client.post(_u("catalogue_term_delete", "support-areas", area.pk), follow=True)
    assert "has been deleted" in response.content.decode()
    assert not SupportArea.objects.filter(pk=area.pk).exists()


def test_a_term_in_use_is_withdrawn_not_deleted_and_what_chose_it_keeps_it(coordinator_client):
    engagement = engagement_with_team()
    coordinator = user_with_role("coordinator")
    form = support_form()
    entry = support_log.entry_save(
        actor=coordinator,
        engagement=engagement,
        data={"form": form, "date": engagement.call.cycle_starts_on, "hours": Decimal(2)},
    )
    page = coordinator_client.get(_u("catalogue", "support-forms")).content.decode()
    assert f"Delete “{form.name}”" not in page  # no button for a term in use
    response = coordinator_client.post(_u("catalogue_term_delete", "support-forms", form.pk), follow=True)
    assert "cannot be deleted" in response.content.decode()
    assert SupportForm.objects.filter(pk=form.pk).exists()
    coordinator_client.post(_u("catalogue_term_in_use", "support-forms", form.pk), {"in_use": "0"})
    # the entry keeps its form, and its page still offers it so that the entry can be corrected
    entry_page = coordinator_client.get(_u("log_edit", entry.pk)).content.decode()
    assert form.name in entry_page
    support_log.entry_save(
        actor=coordinator,
        engagement=engagement,
        data={"form": SupportForm.objects.get(pk=form.pk), "date": entry.date, "hours": Decimal(3)},
        entry=entry,
    )
    assert SupportLogEntry.objects.get(pk=entry.pk).hours == Decimal(3)
    new_page = coordinator_client.get(_u("log_create", engagement.pk)).content.decode()
    assert f'<option value="{form.pk}"' not in _select(new_page, "form")
    assert f'<option value="{form.pk}" selected>' in _select(entry_page, "form")
    with translation.override("en"), pytest.raises(ValidationError, match="in use"):
        support_log.entry_save(
            actor=coordinator,
            engagement=engagement,
            data={"form": SupportForm.objects.get(pk=form.pk), "date": entry.date, "hours": Decimal(1)},
        )


def test_an_hdr_action_keeps_a_withdrawn_tool_and_a_new_action_cannot_choose_it():
    hdr = drafted_hdr()
    coordinator = user_with_role("coordinator")
    action = hdr.actions.get()
    tool = action.management_tool
    services.term_set_in_use(actor=coordinator, catalogue=TOOLS, term=tool, in_use=False)
    action.refresh_from_db()
    tool = ManagementTool.objects.get(pk=tool.pk)
    assert not tool.is_active
    data = complete_action(
        hdr.engagement, action.priority, title="Nowa nazwa działania", management_tool=tool
    )
    updated = hdr_services.action_update(
        actor=coordinator, action=action, data=data, revision=action.revision
    )
    assert (updated.title, updated.management_tool_id) == ("Nowa nazwa działania", tool.pk)
    with translation.override("en"), pytest.raises(ValidationError, match="management tool in use"):
        hdr_services.action_create(actor=coordinator, hdr=hdr, data=data)


def test_renaming_a_support_area_or_a_tool_reaches_the_search_of_published_hdrs():
    area = SupportArea.objects.create(name="Obszar pierwotny", order=99)
    hdr = published_hdr(area=area)
    coordinator = user_with_role("coordinator")
    services.term_update(actor=coordinator, catalogue=AREAS, term=area, data={"name": "Wspólnota edukacyjna"})
    assert [found.pk for found in hdr_selectors.gallery(query="wspólnota edukacyjna")] == [hdr.pk]
    tool = hdr.actions.get().management_tool
    services.term_update(
        actor=coordinator, catalogue=TOOLS, term=tool, data={"name": "Kokpit menedżerski", "description": ""}
    )
    assert [found.pk for found in hdr_selectors.gallery(query="kokpit menedżerski")] == [hdr.pk]


def test_the_forms_of_support_keep_their_order_and_a_cycle_wide_form_needs_events(coordinator_client):
    engagement = engagement_with_team()
    form = support_form()
    support_log.entry_save(
        actor=user_with_role("coordinator"),
        engagement=engagement,
        data={"form": form, "date": engagement.call.cycle_starts_on, "hours": Decimal(1)},
    )
    response = coordinator_client.post(
        _u("catalogue_term", "support-forms", form.pk), {"name": form.name, "is_cycle_wide": "on"}
    )
    assert response.status_code == 200
    assert "1 entry of the support log of this form is not linked to an event" in response.content.decode()
    assert not SupportForm.objects.get(pk=form.pk).is_cycle_wide
    before = _names(SupportForm)
    last = SupportForm.objects.order_by("order", "pk").last()
    coordinator_client.post(_u("catalogue_term_move", "support-forms", last.pk), {"direction": "down"})
    assert _names(SupportForm) == before  # the last stays last
    coordinator_client.post(_u("catalogue_term_move", "support-forms", last.pk), {"direction": "up"})
    assert _names(SupportForm) == [*before[:-2], before[-1], before[-2]]


def test_management_tools_are_listed_by_name_and_not_reordered(coordinator_client):
    ManagementTool.objects.create(name="Aaa — pierwsze narzędzie")
    page = coordinator_client.get(_u("catalogue", "management-tools")).content.decode()
    assert "Move “" not in page
    names = list(ManagementTool.objects.order_by("name").values_list("name", flat=True))
    assert page.index(names[0]) < page.index(names[-1])
    tool = ManagementTool.objects.get(name="Aaa — pierwsze narzędzie")
    response = coordinator_client.post(
        _u("catalogue_term_move", "management-tools", tool.pk), {"direction": "down"}, follow=True
    )
    assert "cannot be reordered" in response.content.decode()


def test_the_last_term_in_use_of_a_list_the_forms_need_stays_in_use():
    coordinator = user_with_role("coordinator")
    *others, last = list(SupportArea.objects.filter(is_active=True))
    for area in others:
        services.term_set_in_use(actor=coordinator, catalogue=AREAS, term=area, in_use=False)
    with translation.override("en"), pytest.raises(ValidationError, match="at least one"):
        services.term_set_in_use(actor=coordinator, catalogue=AREAS, term=last, in_use=False)
    with translation.override("en"), pytest.raises(ValidationError, match="at least one"):
        services.term_delete(actor=coordinator, catalogue=AREAS, term=last)
    assert SupportArea.objects.get(pk=last.pk).is_active
    # management tools are optional on an action: the list may be withdrawn whole
    for tool in ManagementTool.objects.all():
        services.term_set_in_use(actor=coordinator, catalogue=TOOLS, term=tool, in_use=False)
    assert not ManagementTool.objects.filter(is_active=True).exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": ""}, "This field is required"),
        ({"name": "   "}, "This field is required"),
        ({"name": "x" * 201}, "at most 200"),
        ({"name": "Nowy", "description": "d" * 2001}, "at most 2000"),
        ({"name": "Nowy", "competences": ["999999999"]}, "Select a valid choice"),
        ({"name": "Nowy", "competences": ["99999999999999999999"]}, "valid value"),
    ],
)
def test_bad_input_is_a_message_and_nothing_is_saved(coordinator_client, data, message):
    count = SupportArea.objects.count()
    response = coordinator_client.post(_u("catalogue", "support-areas"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert SupportArea.objects.count() == count


def test_a_nul_byte_is_refused_and_nothing_is_saved(coordinator_client):
    count = SupportArea.objects.count()
    response = coordinator_client.post(_u("catalogue", "support-areas"), {"name": "Obszar\x00"})
    assert response.status_code == 400
    assert SupportArea.objects.count() == count


def test_a_name_already_on_the_list_in_any_case_is_refused(coordinator_client):
    existing = SupportArea.objects.filter(is_active=True).first()
    other = SupportArea.objects.exclude(pk=existing.pk).first()
    response = coordinator_client.post(_u("catalogue", "support-areas"), {"name": existing.name.upper()})
    assert "already has a term of this name" in response.content.decode()
    response = coordinator_client.post(
        _u("catalogue_term", "support-areas", other.pk), {"name": existing.name}
    )
    assert "already has a term of this name" in response.content.decode()
    assert SupportArea.objects.get(pk=other.pk).name == other.name


def test_unknown_lists_terms_and_directions_answer_404_or_a_message(coordinator_client):
    area = SupportArea.objects.first()
    tool = ManagementTool.objects.first()
    assert coordinator_client.get(_u("catalogue", "nothing")).status_code == 404
    assert coordinator_client.get(_u("catalogue_term", "support-areas", 999_999_999)).status_code == 404
    # a tool's id under the support areas is not a support area
    assert coordinator_client.get(_u("catalogue_term", "support-areas", tool.pk + 10_000)).status_code == 404
    assert (
        coordinator_client.post(_u("catalogue_term_delete", "support-forms", 999_999_999)).status_code == 404
    )
    assert coordinator_client.get(_u("catalogue_term_move", "support-areas", area.pk)).status_code == 405
    before = _names(SupportArea)
    response = coordinator_client.post(
        _u("catalogue_term_move", "support-areas", area.pk), {"direction": "sideways"}, follow=True
    )
    assert "cannot be reordered" in response.content.decode()
    assert _names(SupportArea) == before


def test_only_coordinators_keep_the_lists():
    expert = user_with_role("expert")
    area = SupportArea.objects.first()
    with pytest.raises(PermissionDenied):
        services.term_add(actor=expert, catalogue=AREAS, data={"name": "Nowy"})
    with pytest.raises(PermissionDenied):
        services.term_set_in_use(actor=expert, catalogue=AREAS, term=area, in_use=False)
    with pytest.raises(PermissionDenied):
        services.term_move(actor=None, catalogue=AREAS, term=area, step=1)
    with pytest.raises(PermissionDenied):
        services.term_delete(actor=expert, catalogue=AREAS, term=area)


@pytest.mark.parametrize("rows", [2, 40])
def test_every_list_page_within_its_budget_whatever_the_terms(coordinator_client, rows):
    engagement = engagement_with_team()
    coordinator = user_with_role("coordinator")
    for index in range(rows):
        area = SupportArea.objects.create(name=f"Obszar {index}", order=100 + index)
        area.competences.set(Competence.objects.all()[:3])
        tool = ManagementTool.objects.create(name=f"Narzędzie {index}")
        SupportForm.objects.create(name=f"Forma {index}", order=100 + index)
    support_log.entry_save(
        actor=coordinator,
        engagement=engagement,
        data={"form": support_form(), "date": engagement.call.cycle_starts_on, "hours": Decimal(1)},
    )
    for slug in CATALOGUES:
        assert_page(
            coordinator_client, _u("catalogue", slug), queries=9, template="advisory/catalogues/list.html"
        )
    assert_page(coordinator_client, _u("catalogue_term", "support-areas", area.pk), queries=9)
    assert_page(coordinator_client, _u("catalogue_term", "management-tools", tool.pk), queries=8)


def test_the_api_lists_the_terms_with_those_withdrawn_marked(client):
    coordinator = user_with_role("coordinator")
    tool = ManagementTool.objects.create(name="Wycofane narzędzie")
    services.term_set_in_use(actor=coordinator, catalogue=TOOLS, term=tool, in_use=False)
    areas = client.get("/api/v1/advisory/support-areas").json()
    assert [row["name"] for row in areas] == _names(SupportArea)
    assert [row["position"] for row in areas] == list(range(1, len(areas) + 1))
    forms = client.get("/api/v1/advisory/support-forms").json()
    assert all(isinstance(row["is_cycle_wide"], bool) for row in forms)
    tools = {row["name"]: row for row in client.get("/api/v1/advisory/management-tools").json()}
    assert tools["Wycofane narzędzie"]["in_use"] is False
    assert tools["Wycofane narzędzie"]["position"] is None


def test_the_polish_pages_speak_polish(client):
    client.force_login(user_with_role("coordinator"))
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "pl"
    page = client.get(_u("catalogue", "support-areas")).content.decode()
    assert "Obszary wsparcia" in page
    assert "Nowa pozycja" in page
