import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rozwoj.core.models import AuditLogEntry
from rozwoj.core.testing import assert_page
from rozwoj.people.models import Membership, Person
from rozwoj.people.tests.factories import MembershipFactory, PersonFactory

ROLES = ["anonymous", "no_role", "expert", "lg_member", "partner", "coordinator", "admin"]


def login(client, world, who):
    if who == "anonymous":
        return None
    value = world[who]
    user = value if who == "no_role" else (value.person.user if who == "expert" else value.user)
    client.force_login(user)
    return user


def get(client, name, *args, **params):
    return client.get(reverse(f"people:{name}", args=args), params)


LIST_EXPECTED = {
    "anonymous": 302,
    "no_role": 403,
    "expert": 403,
    "lg_member": 200,
    "partner": 200,
    "coordinator": 200,
    "admin": 200,
}


@pytest.mark.parametrize("who", ROLES)
def test_list_access(client, world, who):
    login(client, world, who)
    response = get(client, "list")
    assert response.status_code == LIST_EXPECTED[who]
    if who == "anonymous":
        assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize(
    ("who", "shown", "hidden"),
    [
        ("lg_member", {"Szkolny", "Lucyna"}, {"Obca", "Partnerska", "Zewnętrzna"}),
        ("partner", {"Partnerska"}, {"Szkolny", "Obca", "Zewnętrzna"}),
        ("coordinator", {"Szkolny", "Obca", "Partnerska", "Zewnętrzna"}, set()),
    ],
)
def test_list_never_leaks(client, world, who, shown, hidden):
    login(client, world, who)
    content = get(client, "list").content.decode()
    for name in shown:
        assert name in content
    for name in hidden:
        assert name not in content
    # Searching for hidden people finds nothing either.
    for name in hidden:
        assert list(get(client, "list", q=name).context["page_obj"]) == []


def test_list_shows_emails_only_to_coordinators(client, world):
    login(client, world, "lg_member")
    assert world["teacher_a"].email not in get(client, "list").content.decode()
    login(client, world, "coordinator")
    assert world["teacher_a"].email in get(client, "list").content.decode()


def test_list_search_and_filters(client, world):
    login(client, world, "coordinator")
    content = get(client, "list", q="szkol").content.decode()
    assert "Szkolny" in content
    assert "Obca" not in content
    content = get(client, "list", q=world["clerk_b"].email.upper()).content.decode()
    assert "Obca" in content
    assert "Szkolny" not in content
    content = get(client, "list", organisation=world["partner_org"].pk).content.decode()
    assert "Partnerska" in content
    assert "Szkolny" not in content
    content = get(client, "list", login="none").content.decode()
    assert "Szkolny" in content
    assert world["coordinator"].last_name not in content
    content = get(client, "list", login="coordinator").content.decode()
    assert world["coordinator"].last_name in content
    assert "Szkolny" not in content


def test_list_filter_offers_only_visible_organisations(client, world):
    login(client, world, "partner")
    content = get(client, "list").content.decode()
    assert "MetaCoach" in content
    assert "Inna fundacja" not in content
    # Choosing another organisation is refused by the form: the list ignores the filter, no leak.
    content = get(client, "list", organisation=world["office_b"].pk).content.decode()
    assert "Obca" not in content


def test_with_a_long_registry_only_the_coordinator_searches_it_in_the_filter(client, world, settings):
    settings.ROZWOJ_ORGANISATION_SELECT_LIMIT = 1
    login(client, world, "coordinator")
    content = get(client, "list", organisation=world["partner_org"].pk).content.decode()
    assert 'name="organisation-search"' in content
    assert "MetaCoach — Łotwa</option>" in content
    assert "Inna fundacja" not in content  # not listed, found by typing
    assert "Partnerska" in content
    assert "Szkolny" not in content
    # A local-government member sees only some organisations: the plain list of those, no registry search.
    login(client, world, "lg_member")
    content = get(client, "list").content.decode()
    assert 'name="organisation-search"' not in content
    assert "Szkoła Podstawowa A — Polska</option>" in content
    assert "MetaCoach" not in content


def test_list_bad_input_never_500(client, world):
    login(client, world, "coordinator")
    for params in (
        {"organisation": "abc"},
        {"login": "root"},
        {"page": "x"},
        {"page": "999"},
        {"q": "x" * 500},
    ):
        assert get(client, "list", **params).status_code == 200


def test_list_query_count_independent_of_rows(client, world, settings):
    settings.ROZWOJ_PAGE_SIZE = 500
    login(client, world, "coordinator")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert get(client, "list").status_code == 200
        return len(ctx.captured_queries)

    Person.objects.exclude(user__isnull=False).delete()
    for _ in range(10):
        MembershipFactory(person=PersonFactory())
    ten = count()
    for _ in range(190):
        MembershipFactory(person=PersonFactory())
    assert count() == ten
    assert_page(client, reverse("people:list"), queries=15, template="people/list.html")


DETAIL_EXPECTED = {
    # who: (teacher_a in LG unit, partner's coach, outsider)
    "anonymous": (302, 302, 302),
    "no_role": (404, 404, 404),
    "expert": (404, 404, 404),
    "lg_member": (200, 404, 404),
    "partner": (404, 200, 404),
    "coordinator": (200, 200, 200),
    "admin": (200, 200, 200),
}


@pytest.mark.parametrize("who", ROLES)
def test_detail_access(client, world, who):
    login(client, world, who)
    codes = tuple(
        get(client, "detail", world[key].pk).status_code for key in ("teacher_a", "coach", "outsider")
    )
    assert codes == DETAIL_EXPECTED[who]


def test_detail_shows_memberships_contact_only_to_coordinator(client, world):
    teacher = world["teacher_a"]
    login(client, world, "lg_member")
    content = get(client, "detail", teacher.pk).content.decode()
    assert "Szkoła Podstawowa A" in content
    assert teacher.email not in content
    assert teacher.phone not in content
    assert "mężczyzna" not in content
    login(client, world, "coordinator")
    content = get(client, "detail", teacher.pk).content.decode()
    assert teacher.email in content
    assert teacher.phone in content
    assert "mężczyzna" in content


def test_everyone_sees_own_record_with_contact(client, world):
    user = login(client, world, "expert")
    person = world["expert"].person
    content = get(client, "detail", person.pk).content.decode()
    assert person.email in content
    assert user.pk == person.user_id


COORDINATOR_PAGES = ["create", "edit", "membership_add", "grant_login", "roles", "export", "erase"]


@pytest.mark.parametrize("who", ["no_role", "expert", "lg_member", "partner"])
@pytest.mark.parametrize("page", COORDINATOR_PAGES)
def test_coordinator_pages_forbidden(client, world, who, page):
    login(client, world, who)
    args = () if page == "create" else (world["teacher_a"].pk,)
    assert get(client, page, *args).status_code == 403
    assert client.post(reverse(f"people:{page}", args=args), {}).status_code == 403


@pytest.mark.parametrize("page", COORDINATOR_PAGES + ["membership_edit", "membership_delete", "me"])
def test_pages_redirect_anonymous_to_login(client, world, page):
    membership = world["teacher_a"].memberships.first()
    args = {
        "create": (),
        "me": (),
        "membership_edit": (membership.pk,),
        "membership_delete": (membership.pk,),
    }.get(page, (world["teacher_a"].pk,))
    response = get(client, page, *args)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("page", ["membership_edit", "membership_delete"])
def test_membership_pages_forbidden(client, world, page):
    login(client, world, "lg_member")
    membership = world["teacher_a"].memberships.first()
    assert get(client, page, membership.pk).status_code == 403
    assert client.post(reverse(f"people:{page}", args=[membership.pk])).status_code == 403
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_coordinator_creates_person(client, world):
    login(client, world, "coordinator")
    assert get(client, "create").status_code == 200
    response = client.post(
        reverse("people:create"),
        {
            "first_name": "Nowa",
            "last_name": "Osoba",
            "email": "Nowa@Example.org",
            "phone": "+48 22 123 45 67",
            "sex": "female",
        },
    )
    person = Person.objects.get(last_name="Osoba")
    assert response.status_code == 302
    assert response["Location"] == reverse("people:detail", args=[person.pk])
    assert person.sex == "female"
    assert AuditLogEntry.objects.filter(action="person.create", object_id=str(person.pk)).exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"first_name": "", "last_name": "X"}, "first_name"),
        ({"first_name": "A", "last_name": "B", "email": "nie-email"}, "email"),
        ({"first_name": "A", "last_name": "B", "phone": "telefon!"}, "phone"),
        ({"first_name": "A", "last_name": "B", "sex": "other"}, "sex"),
    ],
)
def test_create_bad_input(client, world, data, field):
    login(client, world, "coordinator")
    before = Person.objects.count()
    response = client.post(reverse("people:create"), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert Person.objects.count() == before


def test_create_duplicate_email_case_insensitive(client, world):
    login(client, world, "coordinator")
    before = Person.objects.count()
    response = client.post(
        reverse("people:create"),
        {"first_name": "A", "last_name": "B", "email": world["teacher_a"].email.upper()},
    )
    assert response.status_code == 200
    assert "Inna osoba ma już ten adres e-mail." in response.context["form"].errors["email"]
    assert Person.objects.count() == before


def test_edit_person(client, world):
    login(client, world, "coordinator")
    teacher = world["teacher_a"]
    assert get(client, "edit", teacher.pk).status_code == 200
    response = client.post(
        reverse("people:edit", args=[teacher.pk]),
        {"first_name": "Tadeusz", "last_name": "Nowy", "email": teacher.email, "phone": "", "sex": ""},
    )
    assert response.status_code == 302
    teacher.refresh_from_db()
    assert teacher.last_name == "Nowy"
    assert teacher.sex == ""
    entry = AuditLogEntry.objects.get(action="person.update", object_id=str(teacher.pk))
    assert entry.changes["last_name"] == ["Szkolny", "Nowy"]


def test_edit_duplicate_email_changes_nothing(client, world):
    login(client, world, "coordinator")
    teacher = world["teacher_a"]
    response = client.post(
        reverse("people:edit", args=[teacher.pk]),
        {"first_name": "Inny", "last_name": "X", "email": world["clerk_b"].email},
    )
    assert response.status_code == 200
    teacher.refresh_from_db()
    assert teacher.first_name == "Tadeusz"


def test_edit_unknown_person_404(client, world):
    login(client, world, "coordinator")
    assert get(client, "edit", 999999).status_code == 404


def test_me_edits_own_name_and_phone_only(client, world):
    login(client, world, "lg_member")
    person = world["lg_member"]
    assert get(client, "me").status_code == 200
    response = client.post(
        reverse("people:me"),
        {
            "first_name": "Lucja",
            "last_name": person.last_name,
            "phone": "600 700 800",
            "email": "x@example.org",
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.first_name == "Lucja"
    assert person.phone == "600 700 800"
    assert person.email != "x@example.org"
    response = client.post(reverse("people:me"), {"first_name": "", "last_name": "", "phone": "zły"})
    assert response.status_code == 200
    assert {"first_name", "last_name", "phone"} <= set(response.context["form"].errors)


def test_me_without_person_is_404(client, world):
    login(client, world, "no_role")
    assert get(client, "me").status_code == 404


def test_membership_add_edit_delete(client, world):
    login(client, world, "coordinator")
    person = world["outsider"]
    assert get(client, "membership_add", person.pk).status_code == 200
    response = client.post(
        reverse("people:membership_add", args=[person.pk]),
        {"organisation": world["school_a"].pk, "position": "dyrektor", "start_date": "2024-09-01"},
    )
    assert response.status_code == 302
    membership = person.memberships.get(organisation=world["school_a"])
    assert membership.position == "dyrektor"

    assert get(client, "membership_edit", membership.pk).status_code == 200
    response = client.post(
        reverse("people:membership_edit", args=[membership.pk]),
        {
            "organisation": world["school_a"].pk,
            "position": "wicedyrektor",
            "start_date": "2024-09-01",
            "end_date": "2025-06-30",
        },
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.position == "wicedyrektor"

    assert get(client, "membership_delete", membership.pk).status_code == 200
    assert Membership.objects.filter(pk=membership.pk).exists()  # GET only asks
    response = client.post(reverse("people:membership_delete", args=[membership.pk]))
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    actions = set(AuditLogEntry.objects.filter(object_id=str(person.pk)).values_list("action", flat=True))
    assert {"person.membership_add", "person.membership_update", "person.membership_delete"} <= actions


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"position": "x"}, "organisation"),
        ({"organisation": "999999"}, "organisation"),
        ({"organisation": "ORG", "start_date": "2025-01-01", "end_date": "2024-01-01"}, "end_date"),
        ({"organisation": "ORG", "start_date": "31-31-2024"}, "start_date"),
    ],
)
def test_membership_bad_input(client, world, data, field):
    login(client, world, "coordinator")
    data = {k: (world["school_a"].pk if v == "ORG" else v) for k, v in data.items()}
    person = world["outsider"]
    response = client.post(reverse("people:membership_add", args=[person.pk]), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert person.memberships.count() == 1
    membership = world["teacher_a"].memberships.first()
    response = client.post(reverse("people:membership_edit", args=[membership.pk]), data)
    assert response.status_code == 200
    membership.refresh_from_db()
    assert membership.organisation == world["school_a"]
    assert membership.end_date is None


def test_grant_login_sends_password_email(client, world, mailoutbox):
    from allauth.account.models import EmailAddress

    login(client, world, "coordinator")
    person = world["teacher_a"]
    assert get(client, "grant_login", person.pk).status_code == 200
    response = client.post(reverse("people:grant_login", args=[person.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("people:roles", args=[person.pk])
    person.refresh_from_db()
    user = person.user
    assert user is not None
    assert not user.has_usable_password()
    assert EmailAddress.objects.get(user=user).verified
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [person.email]
    assert "/accounts/password/reset/key/" in mailoutbox[0].body
    assert AuditLogEntry.objects.filter(action="person.grant_login", object_id=str(person.pk)).exists()
    # A second attempt changes nothing and sends nothing.
    response = client.post(reverse("people:grant_login", args=[person.pk]))
    assert response.status_code == 200
    assert len(mailoutbox) == 1


def test_grant_login_needs_email(client, world, mailoutbox):
    login(client, world, "coordinator")
    person = PersonFactory(email="")
    response = client.post(reverse("people:grant_login", args=[person.pk]))
    assert response.status_code == 200
    assert "Najpierw dodaj adres e-mail tej osoby." in response.content.decode()
    person.refresh_from_db()
    assert person.user is None
    assert mailoutbox == []


def test_roles_page(client, world):
    login(client, world, "coordinator")
    person = world["lg_member"]
    response = get(client, "roles", person.pk)
    assert response.status_code == 200
    assert 'value="administrator"' not in response.content.decode()
    response = client.post(
        reverse("people:roles", args=[person.pk]), {"roles": ["expert", "local_government_member"]}
    )
    assert response.status_code == 302
    assert set(person.user.roles.values_list("role", flat=True)) == {"expert", "local_government_member"}
    entry = AuditLogEntry.objects.get(action="person.roles", object_id=str(person.pk))
    assert entry.changes == {"added": ["expert"], "removed": []}


def test_coordinator_cannot_grant_administrator(client, world):
    login(client, world, "coordinator")
    person = world["lg_member"]
    response = client.post(reverse("people:roles", args=[person.pk]), {"roles": ["administrator"]})
    assert response.status_code == 200
    assert "roles" in response.context["form"].errors
    assert set(person.user.roles.values_list("role", flat=True)) == {"local_government_member"}


def test_coordinator_cannot_remove_administrator(client, world):
    login(client, world, "coordinator")
    admin = world["admin"]
    response = client.post(reverse("people:roles", args=[admin.pk]), {"roles": ["coordinator"]})
    assert response.status_code == 302
    assert set(admin.user.roles.values_list("role", flat=True)) == {"administrator", "coordinator"}


def test_admin_grants_administrator_but_cannot_remove_own(client, world):
    login(client, world, "admin")
    person = world["coordinator"]
    response = client.post(
        reverse("people:roles", args=[person.pk]), {"roles": ["administrator", "coordinator"]}
    )
    assert response.status_code == 302
    assert person.user.roles.filter(role="administrator").exists()
    own = world["admin"]
    response = client.post(reverse("people:roles", args=[own.pk]), {"roles": ["coordinator"]})
    assert response.status_code == 200
    assert own.user.roles.filter(role="administrator").exists()


def test_roles_without_login_redirects(client, world):
    login(client, world, "coordinator")
    response = get(client, "roles", world["outsider"].pk)
    assert response.status_code == 302


def test_export_json(client, world):
    from rozwoj.experts.tests.factories import CompetenceAssessmentFactory

    login(client, world, "coordinator")
    profile = world["expert"]
    CompetenceAssessmentFactory(profile=profile, level=4)
    response = get(client, "export", profile.person.pk)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["person"]["email"] == profile.person.email
    assert data["login"]["roles"] == ["expert"]
    assert data["expert_profile"]["assessments"][0]["level"] == 4
    teacher = json.loads(get(client, "export", world["teacher_a"].pk).content)
    assert teacher["memberships"][0]["organisation"] == "Szkoła Podstawowa A"
    assert AuditLogEntry.objects.filter(action="person.export").count() == 2


def test_erase(client, world):
    login(client, world, "coordinator")
    profile = world["expert"]
    person = profile.person
    profile.bio = "Moje życie"
    profile.save()
    user = person.user
    MembershipFactory(person=person)
    assert get(client, "erase", person.pk).status_code == 200
    person.refresh_from_db()
    assert person.first_name != "Usunięta osoba"  # GET only asks
    response = client.post(reverse("people:erase", args=[person.pk]))
    assert response.status_code == 302
    person.refresh_from_db()
    user.refresh_from_db()
    profile.refresh_from_db()
    assert person.full_name == f"Usunięta osoba #{person.pk}"
    assert (person.email, person.phone, person.sex, person.notes) == ("", "", "", "")
    assert person.memberships.count() == 0
    assert not user.is_active
    assert user.email.endswith("@invalid.invalid")
    assert profile.bio == ""
    entries = AuditLogEntry.objects.filter(object_id=str(person.pk), content_type__model="person")
    assert entries.filter(action="person.erase").exists()
    for entry in entries:
        assert "@example.org" not in json.dumps(entry.changes)


def test_cannot_erase_self(client, world):
    login(client, world, "coordinator")
    person = world["coordinator"]
    response = client.post(reverse("people:erase", args=[person.pk]))
    assert response.status_code == 200
    person.refresh_from_db()
    assert person.first_name == "Krystyna"
