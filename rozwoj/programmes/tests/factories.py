import datetime

import factory

from rozwoj.organisations.tests.factories import OrganisationFactory
from rozwoj.programmes.models import Indicator, PlannedResult, Programme, ProgrammePartner


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    name = factory.Sequence(lambda n: f"Programme {n}")
    acronym = factory.Sequence(lambda n: f"P{n}")
    funding_programme = "Erasmus+"
    start_date = datetime.date(2020, 9, 1)
    end_date = datetime.date(2022, 8, 31)
    lead_institution = factory.SubFactory(OrganisationFactory)


class ProgrammePartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammePartner

    programme = factory.SubFactory(ProgrammeFactory)
    organisation = factory.SubFactory(OrganisationFactory, kind="partner_institution", country="LV")


class PlannedResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlannedResult

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Result {n}")


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Indicator {n}")
    unit = "osoby"
    target_value = 100
