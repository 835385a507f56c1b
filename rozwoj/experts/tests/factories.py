import factory

from rozwoj.accounts.models import Role
from rozwoj.experts.models import (
    Competence,
    CompetenceAssessment,
    ExpertProfile,
    ExpertSpecialisation,
    Specialisation,
)
from rozwoj.people.tests.factories import PersonFactory, person_with_login


class CompetenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Competence

    specialisation = Specialisation.PRO
    name = factory.Sequence(lambda n: f"Competence {n}")
    order = factory.Sequence(int)


class ExpertProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpertProfile
        skip_postgeneration_save = True

    person = factory.SubFactory(PersonFactory)
    languages = factory.LazyFunction(lambda: ["pl"])

    @factory.post_generation
    def specialisations(self, create, extracted, **kwargs):
        if create:
            for code in extracted or [Specialisation.PRO]:
                ExpertSpecialisation.objects.create(profile=self, specialisation=code)


class CompetenceAssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompetenceAssessment

    profile = factory.SubFactory(ExpertProfileFactory)
    competence = factory.SubFactory(CompetenceFactory)
    level = 3


def expert_with_login(specialisations=(Specialisation.PRO,)) -> ExpertProfile:
    person = person_with_login(Role.EXPERT)
    return ExpertProfileFactory(person=person, specialisations=list(specialisations))
