import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rozwoj.core.models import AuditLogEntry
from rozwoj.core.testing import assert_page
from rozwoj.experts.models import Competence, CompetenceAssessment, ExpertProfile
from rozwoj.experts.tests.factories import (
    CompetenceAssessmentFactory,
    CompetenceFactory,
    ExpertProfileFactory,
)

ROLES = ["anonymous", "no_role", "expert", "lg_member", "partner", "coordinator", "admin"]


def login(client, data, who):
    if who == "anonymous":
        return None
    value = data[who]
    user = value if who == "no_role" else (value.person.user if who == "expert" else value.user)
    client.force_login(user)
    return user


def url(name, *args):
    return reverse(f"experts:{name}", args=args)


LIST_EXPECTED = {
    "anonymous": 302,
    "no_role": 403,
    "expert": 200,
    "lg_member": 403,
    "partner": 403,
    "coordinator": 200,
    "admin": 200,
}


@pytest.mark.parametrize("who", ROLES)
def test_directory_access(client, experts, who):
    login(client, experts, who)
    response = client.get(url("list"))
    assert response.status_code == LIST_EXPECTED[who]


def test_directory_for_expert_hides_contact_and_inactive(client, experts):
    login(client, experts, "expert")
    content = client.get(url("list")).content.decode()
    assert "Oświatowy" in content
    assert "Nieaktywna" not in content
    assert experts["ros"].person.email not in content
    assert client.get(url("detail", experts["inactive"].pk)).status_code == 404
    content = client.get(url("detail", experts["ros"].pk)).content.decode()
    assert experts["ros"].person.email not in content
    assert "600100100" not in content


def test_directory_filters(client, experts):
    login(client, experts, "coordinator")

    def names(**params):
        return {p.person.last_name for p in client.get(url("list"), params).context["page_obj"]}

    pro = experts["expert"].person.last_name
    assert names(specialisation="ros") == {"Oświatowy"}
    assert names(region=experts["pomorskie"].pk) == {"Oświatowy"}
    assert names(region=experts["mazowieckie"].pk) == {pro}
    assert names(language="lv") == {"Oświatowy"}
    assert names(q="oświat") == {"Oświatowy"}
    assert "Nieaktywna" in names()
    # Bad input: ignored filters, never a 500.
    for params in ({"region": "x"}, {"language": "xx"}, {"specialisation": "boss"}, {"page": "-1"}):
        assert client.get(url("list"), params).status_code == 200


def test_directory_query_count_independent_of_rows(client, experts, settings):
    settings.ROZWOJ_PAGE_SIZE = 500
    login(client, experts, "coordinator")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url("list")).status_code == 200
        return len(ctx.captured_queries)

    for _ in range(7):
        ExpertProfileFactory(specialisations=["ros", "pro"]).regions.set([experts["pomorskie"]])
    ten = count()
    for _ in range(190):
        ExpertProfileFactory(specialisations=["coach"]).regions.set([experts["mazowieckie"]])
    assert ExpertProfile.objects.count() == 200
    assert count() == ten
    assert_page(client, url("list"), queries=15, template="experts/list.html")


DETAIL_EXPECTED = {"anonymous": 302, "no_role": 404, "lg_member": 404, "partner": 404}


@pytest.mark.parametrize("who", list(DETAIL_EXPECTED))
def test_detail_hidden_from_non_directory_roles(client, experts, who):
    login(client, experts, who)
    assert client.get(url("detail", experts["ros"].pk)).status_code == DETAIL_EXPECTED[who]
    assert client.get(url("edit", experts["ros"].pk)).status_code == DETAIL_EXPECTED[who]
    assert client.get(url("assessment", experts["ros"].pk)).status_code == DETAIL_EXPECTED[who]


def test_self_assessment_visible_to_self_and_coordinator_only(client, experts):
    competence = Competence.objects.filter(specialisation="ros").first()
    CompetenceAssessmentFactory(profile=experts["ros"], competence=competence, level=5)
    login(client, experts, "expert")
    content = client.get(url("detail", experts["ros"].pk)).content.decode()
    assert competence.name not in content
    login(client, experts, "coordinator")
    content = client.get(url("detail", experts["ros"].pk)).content.decode()
    assert competence.name in content
    assert f'data-competence="{competence.pk}">5<' in content


def test_expert_cannot_edit_another_profile(client, experts):
    login(client, experts, "expert")
    assert client.get(url("edit", experts["ros"].pk)).status_code == 403
    assert client.post(url("edit", experts["ros"].pk), {"bio": "x"}).status_code == 403
    assert client.get(url("assessment", experts["ros"].pk)).status_code == 403
    assert client.post(url("assessment", experts["ros"].pk), {}).status_code == 403


def test_expert_edits_own_profile_but_not_specialisations(client, experts):
    login(client, experts, "expert")
    profile = experts["expert"]
    response = client.get(url("edit", profile.pk))
    assert "specialisations" not in response.context["form"].fields
    response = client.post(
        url("edit", profile.pk),
        {
            "bio": "Doradczyni JST",
            "regions": [experts["pomorskie"].pk],
            "languages": ["pl", "en"],
            "is_active": "on",
            "specialisations": ["coach"],
        },
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.bio == "Doradczyni JST"
    assert profile.languages == ["pl", "en"]
    assert list(profile.regions.all()) == [experts["pomorskie"]]
    assert list(profile.specialisations.values_list("specialisation", flat=True)) == ["pro"]
    assert AuditLogEntry.objects.filter(action="expert.update", object_id=str(profile.pk)).exists()


def test_edit_bad_input(client, experts):
    login(client, experts, "coordinator")
    profile = experts["ros"]
    response = client.post(
        url("edit", profile.pk), {"bio": "nowy", "languages": ["klingon"], "specialisations": ["ros"]}
    )
    assert response.status_code == 200
    assert "languages" in response.context["form"].errors
    response = client.post(url("edit", profile.pk), {"bio": "nowy", "specialisations": []})
    assert "specialisations" in response.context["form"].errors
    for region in ("999999", "99999999999999999999", "²"):
        response = client.post(
            url("edit", profile.pk), {"bio": "nowy", "specialisations": ["ros"], "regions": [region]}
        )
        assert response.status_code == 200
        assert "regions" in response.context["form"].errors
    profile.refresh_from_db()
    assert profile.bio == ""


def test_coordinator_changes_specialisations(client, experts):
    login(client, experts, "coordinator")
    profile = experts["ros"]
    response = client.post(
        url("edit", profile.pk), {"specialisations": ["ros", "trainer"], "languages": ["pl"]}
    )
    assert response.status_code == 302
    assert set(profile.specialisations.values_list("specialisation", flat=True)) == {"ros", "trainer"}


def test_assessment_fill_and_save(client, experts):
    login(client, experts, "expert")
    profile = experts["expert"]
    response = client.get(url("assessment", profile.pk))
    assert response.status_code == 200
    content = response.content.decode()
    assert "<fieldset>" in content
    assert "<legend>" in content
    competences = list(Competence.objects.filter(specialisation="pro", is_active=True))
    assert len(competences) == 12
    data = {f"competence_{c.pk}": str(i % 5 + 1) for i, c in enumerate(competences)}
    response = client.post(url("assessment", profile.pk), data)
    assert response.status_code == 302
    levels = dict(CompetenceAssessment.objects.filter(profile=profile).values_list("competence_id", "level"))
    assert levels == {c.pk: i % 5 + 1 for i, c in enumerate(competences)}
    assert AuditLogEntry.objects.filter(action="expert.assessment").count() == 1
    # Saving again with one change records only that change.
    data[f"competence_{competences[0].pk}"] = "5"
    client.post(url("assessment", profile.pk), data)
    entry = AuditLogEntry.objects.filter(action="expert.assessment").first()
    assert entry.changes == {str(competences[0].pk): [1, 5]}


@pytest.mark.parametrize("value", ["0", "6", "abc"])
def test_assessment_bad_level(client, experts, value):
    login(client, experts, "expert")
    profile = experts["expert"]
    competence = Competence.objects.filter(specialisation="pro").first()
    response = client.post(url("assessment", profile.pk), {f"competence_{competence.pk}": value})
    assert response.status_code == 200
    assert f"competence_{competence.pk}" in response.context["form"].errors
    assert not CompetenceAssessment.objects.filter(profile=profile).exists()


def test_assessment_ignores_competences_of_other_specialisations(client, experts):
    login(client, experts, "expert")
    profile = experts["expert"]
    foreign = Competence.objects.filter(specialisation="ros").first()
    response = client.post(url("assessment", profile.pk), {f"competence_{foreign.pk}": "5"})
    assert response.status_code == 302
    assert not CompetenceAssessment.objects.filter(profile=profile).exists()


def test_me_redirects_expert_to_profile(client, experts):
    login(client, experts, "expert")
    response = client.get(url("me"))
    assert response.status_code == 302
    assert response["Location"] == url("detail", experts["expert"].pk)
    login(client, experts, "coordinator")
    assert client.get(url("me")).status_code == 404


def test_create_expert(client, experts):
    login(client, experts, "coordinator")
    teacher = experts["teacher_a"]
    response = client.get(url("create"), {"q": "Szkolny"})
    assert response.status_code == 200
    assert "Tadeusz Szkolny" in response.content.decode()
    response = client.post(
        url("create") + "?q=Szkolny", {"person": teacher.pk, "specialisations": ["ros", "pro"]}
    )
    assert response.status_code == 302
    profile = ExpertProfile.objects.get(person=teacher)
    assert set(profile.specialisations.values_list("specialisation", flat=True)) == {"ros", "pro"}


def test_create_expert_gives_login_the_role(client, experts):
    login(client, experts, "coordinator")
    person = experts["lg_member"]
    response = client.post(url("create"), {"person": person.pk, "specialisations": ["pro"]})
    assert response.status_code == 302
    assert person.user.roles.filter(role="expert").exists()


@pytest.mark.parametrize(
    "data",
    [
        {"specialisations": ["pro"]},
        {"person": "PERSON"},
        {"person": "PERSON", "specialisations": ["boss"]},
        {"person": "EXPERT", "specialisations": ["pro"]},
        {"person": "²", "specialisations": ["pro"]},
        {"person": "99999999999999999999", "specialisations": ["pro"]},
    ],
)
def test_create_expert_bad_input(client, experts, data):
    login(client, experts, "coordinator")
    data = {
        k: (experts["teacher_a"].pk if v == "PERSON" else experts["expert"].person.pk if v == "EXPERT" else v)
        for k, v in data.items()
    }
    before = ExpertProfile.objects.count()
    response = client.post(url("create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert ExpertProfile.objects.count() == before


@pytest.mark.parametrize("who", ["expert", "lg_member", "partner", "no_role"])
@pytest.mark.parametrize("page", ["create", "competence_list", "competence_create"])
def test_coordinator_pages_forbidden(client, experts, who, page):
    login(client, experts, who)
    assert client.get(url(page)).status_code == 403
    assert client.post(url(page), {}).status_code == 403


@pytest.mark.parametrize("page", ["competence_edit", "competence_delete"])
def test_competence_pages_forbidden_and_anonymous(client, experts, page):
    competence = Competence.objects.first()
    assert client.get(url(page, competence.pk)).status_code == 302
    login(client, experts, "expert")
    assert client.get(url(page, competence.pk)).status_code == 403
    assert client.post(url(page, competence.pk)).status_code == 403
    assert Competence.objects.filter(pk=competence.pk, is_active=True).exists()


def test_competence_canon_seeded(client, experts):
    login(client, experts, "coordinator")
    content = client.get(url("competence_list")).content.decode()
    assert "Wsparcie merytoryczne JST w rozwoju organizacji." in content
    names = list(
        Competence.objects.filter(specialisation="pro").order_by("order").values_list("name", flat=True)
    )
    assert names[0] == "Wsparcie merytoryczne JST w rozwoju organizacji."
    assert names[-1].startswith("Wspieranie JST w budowaniu partycypacyjnego modelu")
    assert Competence.objects.filter(specialisation="ros").count() == 8
    assert Competence.objects.filter(specialisation="trainer").count() == 5
    assert Competence.objects.filter(specialisation="coach").count() == 5


def test_competence_create_edit(client, experts):
    login(client, experts, "coordinator")
    response = client.post(
        url("competence_create"),
        {"specialisation": "coach", "name": "Superwizja", "order": 6, "is_active": "on"},
    )
    assert response.status_code == 302
    competence = Competence.objects.get(name="Superwizja")
    response = client.post(
        url("competence_edit", competence.pk),
        {"specialisation": "coach", "name": "Superwizja coachingowa", "order": 6, "is_active": "on"},
    )
    assert response.status_code == 302
    competence.refresh_from_db()
    assert competence.name == "Superwizja coachingowa"


@pytest.mark.parametrize(
    "data",
    [
        {"specialisation": "coach", "name": "", "order": 1},
        {"specialisation": "boss", "name": "X", "order": 1},
        {"specialisation": "coach", "name": "X", "order": -1},
        {"specialisation": "pro", "name": "Wsparcie merytoryczne JST w rozwoju organizacji.", "order": 1},
    ],
)
def test_competence_bad_input(client, experts, data):
    login(client, experts, "coordinator")
    before = Competence.objects.count()
    response = client.post(url("competence_create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert Competence.objects.count() == before
    competence = Competence.objects.filter(specialisation="coach").first()
    response = client.post(url("competence_edit", competence.pk), data)
    assert response.status_code == 200
    assert Competence.objects.get(pk=competence.pk).name == competence.name


def test_competence_delete_or_deactivate(client, experts):
    login(client, experts, "coordinator")
    unused = CompetenceFactory(specialisation="trainer")
    assert client.get(url("competence_delete", unused.pk)).status_code == 200
    client.post(url("competence_delete", unused.pk))
    assert not Competence.objects.filter(pk=unused.pk).exists()
    used = Competence.objects.filter(specialisation="ros").first()
    CompetenceAssessmentFactory(profile=experts["ros"], competence=used)
    client.post(url("competence_delete", used.pk))
    used.refresh_from_db()
    assert not used.is_active
    # The deactivated competence is no longer offered in the self-assessment.
    login(client, experts, "coordinator")
    form = client.get(url("assessment", experts["ros"].pk)).context["form"]
    assert f"competence_{used.pk}" not in form.fields
