"""Searches and filters match only what the searcher can see.

A match confirms what was searched for, so a search that looks into a field its results do not show (an e-mail
address, a login or a role, an internal programme, a draft event) discloses it. Each class below is searched by
a caller who must not see the field.
"""

import pytest
from django.urls import reverse

from rozwoj.accounts.models import Role
from rozwoj.events.models import EventStatus, EventTrainer, Visibility
from rozwoj.events.tests.factories import EventFactory, RegistrationFactory, SessionFactory
from rozwoj.experts.tests.factories import expert_with_login
from rozwoj.organisations.tests.factories import (
    GminaFactory,
    LocalGovernmentOfficeFactory,
    OrganisationFactory,
)
from rozwoj.people.models import Person
from rozwoj.people.selectors import search_people
from rozwoj.people.tests.factories import MembershipFactory, PersonFactory, person_with_login
from rozwoj.programmes.tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db

HIDDEN = "ukryty.adres"  # the local part of e-mail addresses that the searcher must not see


def _people_found(client, url) -> list[int]:
    response = client.get(url)
    if url.startswith("/api/"):
        return [item["id"] for item in response.json()["items"]]
    return [person.pk for person in response.context["page_obj"]]


@pytest.fixture
def office_world():
    """A local-government member and a colleague in the same office, whose e-mail is hidden from the member."""
    office = LocalGovernmentOfficeFactory(local_government=GminaFactory())
    member = person_with_login(Role.LOCAL_GOVERNMENT_MEMBER, organisation=office)
    colleague = MembershipFactory(
        organisation=office, person=PersonFactory(last_name="Kowalczyk", email=f"{HIDDEN}@gmina.example")
    ).person
    return {"office": office, "member": member, "colleague": colleague}


# --- people: the people list (page and API) and the one search every people picker uses --------------------


@pytest.mark.parametrize("url", [reverse("people:list") + "?q=", "/api/v1/people/?q="])
def test_a_local_government_member_cannot_find_a_colleague_by_a_hidden_e_mail(client, office_world, url):
    client.force_login(office_world["member"].user)
    colleague = office_world["colleague"]
    assert colleague.pk in _people_found(client, url + "Kowalczyk")  # visible, and found by name
    assert colleague.pk not in _people_found(client, url + HIDDEN)
    assert colleague.pk not in _people_found(client, url + "gmina.example")


@pytest.mark.parametrize("url", [reverse("people:list") + "?q=", "/api/v1/people/?q="])
def test_those_who_see_an_e_mail_find_by_it(client, office_world, url):
    colleague, member = office_world["colleague"], office_world["member"]
    client.force_login(person_with_login(Role.COORDINATOR).user)
    assert colleague.pk in _people_found(client, url + HIDDEN)
    client.force_login(member.user)
    assert member.pk in _people_found(client, url + member.email)  # one's own address


def test_a_partner_member_cannot_find_a_colleague_by_a_hidden_e_mail(client):
    partner = OrganisationFactory(kind="partner_institution", country="LV")
    member = person_with_login(Role.PARTNER_MEMBER, organisation=partner)
    colleague = MembershipFactory(
        organisation=partner, person=PersonFactory(last_name="Ozolins", email=f"{HIDDEN}@partner.example")
    ).person
    client.force_login(member.user)
    for url in (reverse("people:list") + "?q=", "/api/v1/people/?q="):
        assert colleague.pk in _people_found(client, url + "Ozolins")
        assert colleague.pk not in _people_found(client, url + HIDDEN)


def test_only_coordinators_filter_people_by_login_and_role(client, office_world):
    """Logins and roles are shown to coordinators only; the filter by them is neither offered to nor obeyed for
    anyone else (a role filter would tell a member which colleague is, say, a coordinator)."""
    member, colleague = office_world["member"], office_world["colleague"]
    client.force_login(member.user)
    everyone = _people_found(client, reverse("people:list"))
    assert {member.pk, colleague.pk} <= set(everyone)
    for value in ("none", "any", Role.LOCAL_GOVERNMENT_MEMBER, Role.COORDINATOR):
        response = client.get(reverse("people:list"), {"login": value})
        assert [p.pk for p in response.context["page_obj"]] == everyone, value
        assert "login" not in response.context["filter_form"].fields
    client.force_login(person_with_login(Role.COORDINATOR).user)
    without_login = _people_found(client, reverse("people:list") + "?login=none")
    assert colleague.pk in without_login
    assert member.pk not in without_login


def test_the_shared_people_search_matches_e_mails_only_for_those_who_see_them(office_world):
    colleague, member = office_world["colleague"], office_world["member"]
    everyone = Person.objects.all()
    coordinator = person_with_login(Role.COORDINATOR).user
    assert list(search_people(everyone, HIDDEN, viewer=coordinator)) == [colleague]
    assert list(search_people(everyone, HIDDEN, viewer=member.user)) == []
    assert list(search_people(everyone, HIDDEN, viewer=None)) == []
    assert list(search_people(everyone, member.email, viewer=member.user)) == [member]
    assert colleague in search_people(everyone, "Kowalczyk", viewer=member.user)


@pytest.mark.parametrize(
    "url_for",
    [
        lambda event: reverse("events:bulk_register", args=[event.pk]) + "?q=",  # the registration picker
        lambda event: reverse("events:trainers", args=[event.pk]) + "?q=",  # the trainer search
        lambda event: reverse("experts:create") + "?q=",  # expert candidates
    ],
    ids=["registration picker", "trainer search", "expert candidates"],
)
def test_the_coordinators_people_pickers_search_e_mails_they_see(client, office_world, url_for):
    """These pickers are for coordinators, who see every e-mail address; they use the same caller-aware search
    (`search_people(…, viewer=…)`) as the people list, tested above for callers who do not see them."""
    client.force_login(person_with_login(Role.COORDINATOR).user)
    body = client.get(url_for(EventFactory()) + HIDDEN).content.decode()
    assert "Kowalczyk" in body


# --- participants: the page, its export and the API, for a trainer of the event ------------------------------


@pytest.fixture
def trained_event():
    event = EventFactory()
    SessionFactory(event=event)
    trainer = person_with_login(None)
    EventTrainer.objects.create(event=event, person=trainer)
    participant = PersonFactory(last_name="Uczestniczka", email=f"{HIDDEN}@szkola.example")
    RegistrationFactory(event=event, person=participant)
    return {"event": event, "trainer": trainer, "participant": participant}


def _participants_found(client, event, q) -> bool:
    page = client.get(reverse("events:participants", args=[event.pk]), {"q": q})
    api = client.get(f"/api/v1/events/{event.pk}/registrations", {"q": q}).json()["items"]
    export = client.get(reverse("events:participants_export", args=[event.pk, "csv"]), {"q": q})
    found = [bool(page.context["page_obj"].object_list), bool(api), "Uczestniczka" in export.content.decode()]
    assert len(set(found)) == 1, found  # the page, the API and the export agree
    return found[0]


def test_a_trainer_cannot_find_a_participant_by_a_hidden_e_mail(client, trained_event):
    event = trained_event["event"]
    client.force_login(trained_event["trainer"].user)
    assert _participants_found(client, event, "Uczestniczka")
    assert not _participants_found(client, event, HIDDEN)
    client.force_login(person_with_login(Role.COORDINATOR).user)
    assert _participants_found(client, event, HIDDEN)


# --- experts ----------------------------------------------------------------------------------------------


def test_an_expert_cannot_find_another_expert_by_e_mail(client):
    other = expert_with_login()
    other.person.email = f"{HIDDEN}@ekspert.example"
    other.person.save(update_fields=["email"])
    client.force_login(expert_with_login().person.user)
    url = reverse("experts:list")
    found = client.get(url, {"q": other.person.last_name}).context["page_obj"].object_list
    assert other in found
    assert not client.get(url, {"q": HIDDEN}).context["page_obj"].object_list


# --- events: search and filters (page, calendar, API) for anonymous visitors ---------------------------------


@pytest.fixture
def event_world():
    internal_programme = ProgrammeFactory(is_public=False, name="Program wewnętrzny", acronym="PWEW")
    public_event = EventFactory(title="Szkolenie otwarte", programme=internal_programme)
    SessionFactory(event=public_event)
    hidden_organiser = OrganisationFactory(name="Organizator spotkań zamkniętych")
    internal = EventFactory(
        title="Narada",
        description="tajnezagadnienie",
        visibility=Visibility.INTERNAL,
        organiser=hidden_organiser,
    )
    SessionFactory(event=internal)
    draft = EventFactory(title="Szkic", description="tajnezagadnienie", status=EventStatus.DRAFT)
    SessionFactory(event=draft)
    return {"programme": internal_programme, "public": public_event, "organiser": hidden_organiser}


def test_an_internal_programme_neither_filters_nor_shows_for_anonymous_visitors(client, event_world):
    programme, public_event = event_world["programme"], event_world["public"]
    api = client.get("/api/v1/events/", {"programme": programme.pk}).json()
    assert api["items"] == []
    item = next(e for e in client.get("/api/v1/events/").json()["items"] if e["id"] == public_event.pk)
    assert item["programme"] is None
    assert client.get(f"/api/v1/events/{public_event.pk}").json()["programme"] is None
    for url in (reverse("events:list"), reverse("events:detail", args=[public_event.pk])):
        body = client.get(url, {"programme": programme.pk}).content.decode()
        assert "Szkolenie otwarte" in body, url
        assert "PWEW" not in body, url
        assert "Program wewnętrzny" not in body, url
    page = client.get(reverse("events:list"), {"programme": programme.pk})
    assert "programme" in page.context["filter_form"].errors  # not a choice for this visitor
    calendar = client.get(reverse("events:calendar"), {"programme": programme.pk})
    assert "programme" in calendar.context["filter_form"].errors


def test_logged_in_users_see_and_filter_by_every_programme(client, event_world):
    client.force_login(person_with_login(Role.LOCAL_GOVERNMENT_MEMBER).user)
    programme, public_event = event_world["programme"], event_world["public"]
    api = client.get("/api/v1/events/", {"programme": programme.pk}).json()
    assert [item["id"] for item in api["items"]] == [public_event.pk]
    assert api["items"][0]["programme"]["acronym"] == "PWEW"
    assert "PWEW" in client.get(reverse("events:list"), {"programme": programme.pk}).content.decode()


def test_the_organiser_filter_offers_anonymous_visitors_only_organisers_of_events_they_see(
    client, event_world
):
    choices = [
        str(label)
        for _value, label in client.get(reverse("events:list"))
        .context["filter_form"]
        .fields["organiser"]
        .choices
    ]
    assert str(event_world["public"].organiser) in choices
    assert "Organizator spotkań zamkniętych" not in choices
    client.force_login(person_with_login(None).user)
    choices = [
        str(label)
        for _value, label in client.get(reverse("events:list"))
        .context["filter_form"]
        .fields["organiser"]
        .choices
    ]
    assert "Organizator spotkań zamkniętych" in choices  # an internal meeting: seen by logged-in users


def test_event_search_does_not_match_events_the_visitor_cannot_see(client, event_world):
    assert not client.get("/api/v1/events/", {"q": "tajnezagadnienie"}).json()["items"]
    assert not client.get(reverse("events:list"), {"q": "tajnezagadnienie"}).context["page_obj"].object_list
    client.force_login(person_with_login(None).user)
    titles = [
        item["title"] for item in client.get("/api/v1/events/", {"q": "tajnezagadnienie"}).json()["items"]
    ]
    assert titles == ["Narada"]  # the internal meeting; the draft stays with its staff


# --- organisations and local governments ------------------------------------------------------------------


def test_anonymous_visitors_search_no_organisations_and_see_none_under_a_local_government(client):
    gmina = GminaFactory(name="Gmina Wzorcowa")
    OrganisationFactory(name="Szkoła Podstawowa w Przykładowie", local_government=gmina)
    assert client.get("/api/v1/organisations/", {"q": "Przykład"}).status_code == 401
    response = client.get(reverse("organisations:options"), {"field": "o", "o-search": "Przykład"})
    assert response.status_code == 302
    assert "login" in response["Location"]
    found = client.get("/api/v1/local-governments/", {"q": "Wzorcowa"}).json()["items"]
    assert [item["terc"] for item in found] == [gmina.terc]  # the registry itself is public
    body = client.get(reverse("local_governments:detail", args=[gmina.terc])).content.decode()
    assert "Szkoła Podstawowa w Przykładowie" not in body
