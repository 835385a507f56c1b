import factory

from rozwoj.accounts.models import Role
from rozwoj.organisations.tests.factories import OrganisationFactory
from rozwoj.people.tests.factories import person_with_login
from rozwoj.programmes.models import ProgrammePartner
from rozwoj.programmes.tests.factories import ProgrammeFactory

from ..models import Chapter, Handbook, Part


class HandbookFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Handbook

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Coaching handbook {n}")


class PartFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Part

    handbook = factory.SubFactory(HandbookFactory)
    title = factory.Sequence(lambda n: f"Part {n}")


class ChapterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Chapter

    part = factory.SubFactory(PartFactory)
    handbook = factory.LazyAttribute(lambda o: o.part.handbook)
    title = factory.Sequence(lambda n: f"Chapter {n}")
    author_organisation = factory.SubFactory(OrganisationFactory, kind="partner_institution", country="LV")
    body = "## Why\n\nCoaching helps managers.\n\nIt asks questions.\n\n## How\n\nListen first."


def partner(handbook, organisation=None, *, country="LV"):
    """An organisation made a partner of the handbook's programme, and a partner member of it with a login."""
    organisation = organisation or OrganisationFactory(kind="partner_institution", country=country)
    ProgrammePartner.objects.get_or_create(programme=handbook.programme, organisation=organisation)
    return organisation, person_with_login(Role.PARTNER_MEMBER, organisation=organisation).user
