"""Loads the demo data set once. Refused under production settings."""

import random

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from rozwoj.accounts.models import User, UserRole
from rozwoj.core.search import rebuild as search_rebuild
from rozwoj.experts.models import Competence, CompetenceAssessment, ExpertProfile, ExpertSpecialisation
from rozwoj.organisations.models import LocalGovernment, Organisation, OrganisationKind, Venue
from rozwoj.organisations.services import teryt_import
from rozwoj.people.models import Membership, Person
from rozwoj.programmes.models import Indicator, PlannedResult, Programme, ProgrammePartner

from . import data
from .advisory import load_advisory_demo
from .advisory_hdr import load_hdr_demo
from .advisory_monitoring import load_monitoring_demo
from .coaching import load_coaching_demo
from .documents import load_documents_demo
from .events import load_events_demo
from .handbooks import load_handbooks_demo
from .news import load_news_demo
from .partnerships import load_partnerships_demo
from .surveys import load_surveys_demo
from .upcoming import load_upcoming_demo

TERYT_FILE = settings.BASE_DIR / "organisations" / "data" / "TERC_Urzedowy_2025-11-18.csv"


def demo_is_loaded() -> bool:
    return Person.objects.filter(is_demo=True).exists()


def _login(person: Person, role: str) -> User:
    user = User.objects.create_user(email=person.email, password=data.DEMO_PASSWORD)
    if role == "administrator":
        user.is_staff = user.is_superuser = True
        user.save(update_fields=["is_staff", "is_superuser"])
    UserRole.objects.create(user=user, role=role)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    person.user = user
    person.save(update_fields=["user"])
    return user


def _person(first, last, email, sex="", organisation=None, position=""):
    person = Person.objects.create(first_name=first, last_name=last, email=email, sex=sex, is_demo=True)
    if organisation is not None:
        Membership.objects.create(person=person, organisation=organisation, position=position)
    return person


def _organisations() -> dict[str, Organisation]:
    orgs = {}
    for spec in data.ORGANISATIONS:
        fields = {k: v for k, v in spec.items() if k != "key"}
        orgs[spec["key"]], _created = Organisation.objects.get_or_create(
            name=fields.pop("name"), country=fields.pop("country"), defaults={**fields, "is_demo": True}
        )
    for venue in data.VENUES:
        Venue.objects.get_or_create(
            name=venue["name"],
            city=venue["city"],
            defaults={
                "organisation": orgs[venue["organisation"]],
                "address": venue["address"],
                "postal_code": venue["postal_code"],
                "local_government": LocalGovernment.objects.get(terc=venue["terc"]),
                "capacity": venue["capacity"],
                "accessibility_notes": venue["accessibility_notes"],
                "is_demo": True,
            },
        )
    return orgs


def _local_governments(orgs: dict[str, Organisation]) -> None:
    for index, spec in enumerate(data.LOCAL_GOVERNMENTS):
        unit = LocalGovernment.objects.get(terc=spec["terc"])
        office = Organisation.objects.create(
            name=spec["office"],
            kind=OrganisationKind.LOCAL_GOVERNMENT_OFFICE,
            local_government=unit,
            city=unit.name,
            is_demo=True,
        )
        orgs[spec["terc"]] = office
        if spec["school"]:
            Organisation.objects.create(
                name=spec["school"],
                kind=OrganisationKind.SCHOOL,
                local_government=unit,
                city=unit.name,
                is_demo=True,
            )
        for number, (first, last, sex, position) in enumerate(spec["members"]):
            _person(first, last, f"jst{index}.{number}@demo.example.org", sex, office, position)


def _experts(rng: random.Random) -> None:
    voivodeships = {v.terc: v for v in LocalGovernment.objects.filter(kind="voivodeship")}
    competences = list(Competence.objects.filter(is_active=True))
    ore = Organisation.objects.get(acronym="ORE", country="PL")
    for number, (first, last, sex, specialisations, regions, languages) in enumerate(data.EXPERTS):
        email = data.EXPERT_ACCOUNT if number == 0 else f"ekspert{number}@demo.example.org"
        person = _person(first, last, email, sex, ore, "Ekspertka" if sex == "female" else "Ekspert")
        if number == 0:
            _login(person, "expert")
        profile = ExpertProfile.objects.create(
            person=person,
            bio="Dane demonstracyjne: fikcyjny profil eksperta.",
            languages=languages,
        )
        profile.regions.set([voivodeships[code] for code in regions])
        ExpertSpecialisation.objects.bulk_create(
            ExpertSpecialisation(profile=profile, specialisation=code) for code in specialisations
        )
        CompetenceAssessment.objects.bulk_create(
            CompetenceAssessment(profile=profile, competence=competence, level=rng.randint(2, 5))
            for competence in competences
            if competence.specialisation in specialisations
        )


def _programmes(orgs: dict[str, Organisation]) -> None:
    for spec in data.PROGRAMMES:
        programme = Programme.objects.create(
            name=spec["name"],
            acronym=spec["acronym"],
            funding_programme=spec["funding_programme"],
            funding_action=spec["funding_action"],
            agreement_number=spec["agreement_number"],
            start_date=spec["start_date"],
            end_date=spec["end_date"],
            status=spec["status"],
            goal=spec["goal"],
            description=spec["description"],
            lead_institution=orgs[spec["lead"]],
            is_demo=True,
        )
        for key, role, contribution in spec["partners"]:
            ProgrammePartner.objects.create(
                programme=programme, organisation=orgs[key], role=role, description=contribution
            )
        for order, (title, status, due) in enumerate(spec["results"]):
            PlannedResult.objects.create(
                programme=programme, title=title, status=status, due_date=due, order=order
            )
        for order, (name, unit, target, achieved) in enumerate(spec["indicators"]):
            Indicator.objects.create(
                programme=programme,
                name=name,
                unit=unit,
                target_value=target,
                achieved_value=achieved,
                order=order,
            )


def _accounts(orgs: dict[str, Organisation]) -> None:
    for email, role, first, last, org_key, position in data.ACCOUNTS:
        person = _person(first, last, email, "", orgs[org_key], position)
        _login(person, role)


@transaction.atomic
def demo_load(*, seed: int = 2020) -> None:
    if not settings.ROZWOJ_DEMO_ALLOWED:
        raise ImproperlyConfigured("Demo data is refused under production settings.")
    if not LocalGovernment.objects.exists():
        teryt_import(TERYT_FILE)
    orgs = _organisations()
    _local_governments(orgs)
    _experts(random.Random(seed))
    _programmes(orgs)
    _accounts(orgs)
    load_documents_demo()
    load_events_demo()
    load_surveys_demo()
    load_upcoming_demo()
    load_news_demo()
    load_coaching_demo()
    load_handbooks_demo()
    load_advisory_demo()
    load_hdr_demo()
    load_monitoring_demo()
    load_partnerships_demo()
    search_rebuild()  # the demo writes some rows directly, not through the services that index them
