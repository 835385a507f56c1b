from rozwoj.people.selectors import (
    can_see_contact_data,
    local_governments_of,
    organisations_of,
    people_visible_to,
    person_for_user,
)


def names(queryset):
    return {p.first_name for p in queryset}


def test_coordinator_and_admin_see_everyone(world):
    everyone = {p.first_name for p in people_visible_to(world["coordinator"].user).model.objects.all()}
    assert names(people_visible_to(world["coordinator"].user)) == everyone
    assert names(people_visible_to(world["admin"].user)) == everyone


def test_lg_member_sees_people_of_their_units_and_themself(world):
    visible = names(people_visible_to(world["lg_member"].user))
    assert visible == {"Lucyna", "Tadeusz"}


def test_partner_member_sees_people_of_their_organisations(world):
    assert names(people_visible_to(world["partner"].user)) == {"Pēteris", "Ilze"}


def test_expert_and_user_without_role_see_only_themselves(world):
    expert_user = world["expert"].person.user
    assert list(people_visible_to(expert_user)) == [world["expert"].person]
    assert list(people_visible_to(world["no_role"])) == []


def test_anonymous_sees_no_one(world):
    from django.contrib.auth.models import AnonymousUser

    assert list(people_visible_to(AnonymousUser())) == []
    assert person_for_user(AnonymousUser()) is None
    assert list(organisations_of(AnonymousUser())) == []
    assert list(local_governments_of(AnonymousUser())) == []


def test_units_and_organisations_of_a_user(world):
    assert list(local_governments_of(world["lg_member"].user)) == [world["gmina_a"]]
    assert list(organisations_of(world["partner"].user)) == [world["partner_org"]]
    assert list(local_governments_of(world["partner"].user)) == []
    assert person_for_user(world["lg_member"].user) == world["lg_member"]


def test_no_duplicates_with_several_memberships(world):
    from rozwoj.people.tests.factories import MembershipFactory

    MembershipFactory(person=world["teacher_a"], organisation=world["office_a"])
    people = list(people_visible_to(world["lg_member"].user))
    assert len(people) == len(set(people)) == 2


def test_contact_data_only_for_coordinators_and_self(world):
    teacher = world["teacher_a"]
    assert can_see_contact_data(world["coordinator"].user, teacher)
    assert not can_see_contact_data(world["lg_member"].user, teacher)
    assert can_see_contact_data(world["lg_member"].user, world["lg_member"])
