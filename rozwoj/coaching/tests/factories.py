import datetime

import factory

from rozwoj.experts.models import ExpertSpecialisation, Specialisation
from rozwoj.experts.tests.factories import ExpertProfileFactory, expert_with_login
from rozwoj.organisations.tests.factories import OrganisationFactory
from rozwoj.people.tests.factories import PersonFactory
from rozwoj.programmes.tests.factories import ProgrammeFactory

from .. import crypto
from ..models import Agreement, Goal, PilotGroup, PilotGroupMember, Session, Technique


class TechniqueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Technique

    name = factory.Sequence(lambda n: f"Technique {n}")
    purpose = "To see the situation from another side."
    steps = "1. Ask.\n2. Listen."
    language = "en"
    visibility = "public"


class PilotGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PilotGroup

    programme = factory.SubFactory(ProgrammeFactory)
    partner = factory.SubFactory(OrganisationFactory, country="LV")
    country = "LV"
    name = factory.Sequence(lambda n: f"Pilot group {n}")
    capacity = 12


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement
        skip_postgeneration_save = True

    coach = factory.LazyFunction(lambda: make_coach(login=False))
    coachee = factory.SubFactory(PersonFactory)
    sessions_planned = 6
    start_date = datetime.date(2026, 1, 10)
    confidentiality_terms = "What is said in a session stays between the coach and the coachee."
    coachee_consent = True

    @factory.post_generation
    def goals(self, create, extracted, **kwargs):
        for order, title in enumerate(extracted if extracted is not None else ["Delegate more"]):
            Goal.objects.create(agreement=self, title=title, order=order)


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    agreement = factory.SubFactory(AgreementFactory)
    held_on = datetime.date(2026, 2, 1)
    duration_minutes = 60
    mode = "on_site"
    shared_notes = "Shared: next step is a conversation with the team."
    private_notes_token = factory.LazyFunction(lambda: crypto.encrypt("Private: the coachee seems tired."))


def make_coach(*, login: bool = True):
    """An expert profile with the coach specialisation (with a login unless `login` is False)."""
    if login:
        return expert_with_login(specialisations=(Specialisation.COACH,))
    return ExpertProfileFactory(specialisations=[Specialisation.COACH])


def make_coach_of(profile):
    ExpertSpecialisation.objects.get_or_create(profile=profile, specialisation=Specialisation.COACH)
    return profile


def member(group, person=None):
    return PilotGroupMember.objects.create(group=group, person=person or PersonFactory())
