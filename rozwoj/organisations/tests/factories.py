import datetime

import factory

from rozwoj.organisations.models import (
    LocalGovernment,
    LocalGovernmentKind,
    Organisation,
    OrganisationKind,
    Venue,
)

REGISTRY_DATE = datetime.date(2025, 1, 1)


class VoivodeshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LocalGovernment
        django_get_or_create = ("terc",)

    terc = "14"
    name = "MAZOWIECKIE"
    kind = LocalGovernmentKind.VOIVODESHIP
    registry_date = REGISTRY_DATE
    name_search = factory.LazyAttribute(lambda o: o.name.lower())


class PowiatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LocalGovernment
        django_get_or_create = ("terc",)

    parent = factory.SubFactory(VoivodeshipFactory)
    voivodeship = factory.SelfAttribute("parent")
    name = factory.Sequence(lambda n: f"powiat{n}")
    kind = LocalGovernmentKind.POWIAT
    registry_date = REGISTRY_DATE
    name_search = factory.LazyAttribute(lambda o: o.name.lower())

    @factory.lazy_attribute_sequence
    def terc(self, n):
        return f"{self.parent.terc}{n % 60 + 1:02d}"


class GminaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LocalGovernment
        django_get_or_create = ("terc",)

    parent = factory.SubFactory(PowiatFactory)
    voivodeship = factory.SelfAttribute("parent.voivodeship")
    name = factory.Sequence(lambda n: f"Gmina {n}")
    kind = LocalGovernmentKind.RURAL_GMINA
    registry_date = REGISTRY_DATE
    name_search = factory.LazyAttribute(lambda o: o.name.lower())

    @factory.lazy_attribute_sequence
    def terc(self, n):
        rodz = {"urban_gmina": "1", "rural_gmina": "2", "urban_rural_gmina": "3"}[self.kind]
        return f"{self.parent.terc}{n % 99 + 1:02d}{rodz}"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = OrganisationKind.TRAINING_INSTITUTION
    country = "PL"
    city = "Warszawa"


class LocalGovernmentOfficeFactory(OrganisationFactory):
    kind = OrganisationKind.LOCAL_GOVERNMENT_OFFICE
    local_government = factory.SubFactory(GminaFactory)
    name = factory.LazyAttribute(lambda o: f"Urząd Gminy {o.local_government.name}")


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    name = factory.Sequence(lambda n: f"Venue {n}")
    address = "ul. Szkolna 1"
    postal_code = "05-070"
    city = "Sulejówek"
    country = "PL"
    capacity = 40
