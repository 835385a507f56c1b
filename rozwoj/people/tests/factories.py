import factory

from rozwoj.accounts.models import Role
from rozwoj.accounts.tests.factories import UserFactory
from rozwoj.organisations.tests.factories import LocalGovernmentOfficeFactory, OrganisationFactory
from rozwoj.people.models import Membership, Person


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    first_name = factory.Faker("first_name", locale="pl_PL")
    last_name = factory.Faker("last_name", locale="pl_PL")
    email = factory.Sequence(lambda n: f"person{n}@example.org")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    person = factory.SubFactory(PersonFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    position = "specjalista"


def person_with_login(role: str | None = None, organisation=None, **person_kwargs) -> Person:
    """A person with a verified login in `role`, optionally a member of `organisation`."""
    person = PersonFactory(**person_kwargs)
    person.user = UserFactory(email=person.email, roles=[role] if role else [])
    person.save(update_fields=["user"])
    if organisation is not None:
        MembershipFactory(person=person, organisation=organisation)
    return person


def local_government_member(local_government=None) -> Person:
    office = (
        LocalGovernmentOfficeFactory(local_government=local_government)
        if local_government
        else LocalGovernmentOfficeFactory()
    )
    return person_with_login(Role.LOCAL_GOVERNMENT_MEMBER, organisation=office)
