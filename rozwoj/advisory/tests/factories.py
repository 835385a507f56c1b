import datetime

import factory

from rozwoj.experts.models import Specialisation
from rozwoj.experts.tests.factories import expert_with_login
from rozwoj.organisations.tests.factories import GminaFactory
from rozwoj.programmes.tests.factories import ProgrammeFactory

from ..models import (
    Application,
    ApplicationMember,
    Call,
    Engagement,
    SupportArea,
    SupportForm,
    TeamRole,
)


def today() -> datetime.date:
    return datetime.date.today()


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Call

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Nabór JST {n}")
    opens_on = factory.LazyFunction(lambda: today() - datetime.timedelta(days=10))
    closes_on = factory.LazyFunction(lambda: today() + datetime.timedelta(days=20))
    cycle_starts_on = factory.LazyFunction(lambda: today() - datetime.timedelta(days=30))
    cycle_ends_on = factory.LazyFunction(lambda: today() + datetime.timedelta(days=240))
    places = 20
    is_published = True


def support_area(name: str | None = None) -> SupportArea:
    """The first seeded support area, or a new one of that name."""
    if name is not None:
        return SupportArea.objects.create(name=name)
    return SupportArea.objects.filter(is_active=True).order_by("order").first() or SupportArea.objects.create(
        name="Finansowanie oświaty"
    )


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application
        skip_postgeneration_save = True

    call = factory.SubFactory(CallFactory)
    local_government = factory.SubFactory(GminaFactory)
    contact_first_name = "Anna"
    contact_last_name = "Kontaktowa"
    contact_email = factory.Sequence(lambda n: f"kontakt{n}@jst.example.org")
    preferred_area = factory.LazyFunction(support_area)
    motivation = "Chcemy rozwijać lokalną oświatę."

    @factory.post_generation
    def members(self, create, extracted, **kwargs):
        if not create:
            return
        count = 4 if extracted is None else extracted
        roles = [
            TeamRole.OFFICIAL,
            TeamRole.OFFICIAL,
            TeamRole.SCHOOL_DIRECTOR,
            TeamRole.SCHOOL_DIRECTOR,
            TeamRole.OTHER,
        ]
        for index in range(count):
            ApplicationMember.objects.create(
                application=self,
                first_name=f"Osoba{index}",
                last_name=f"Zespołu{self.pk}",
                email=f"zespol{self.pk}-{index}@jst.example.org",
                role=roles[index],
            )


def member_rows(count: int = 4) -> list[dict]:
    return [
        {
            "first_name": f"Imię{i}",
            "last_name": f"Nazwisko{i}",
            "email": f"team{i}@jst.example.org",
            "role": TeamRole.OFFICIAL if i < 2 else TeamRole.SCHOOL_DIRECTOR,
            "position": "",
        }
        for i in range(count)
    ]


def advisers():
    """An active ROS and an active PRO expert, each with a login."""
    return expert_with_login([Specialisation.ROS]), expert_with_login([Specialisation.PRO])


def engagement_with_team(call=None, local_government=None) -> Engagement:
    """An accepted application's engagement (through the service) with its two advisers."""
    from rozwoj.accounts.tests.factories import user_with_role

    from ..services.calls import application_decide
    from ..services.engagements import engagement_set_team

    coordinator = user_with_role("coordinator")
    kwargs = {"call": call} if call else {}
    if local_government:
        kwargs["local_government"] = local_government
    application = ApplicationFactory(**kwargs)
    application = application_decide(actor=coordinator, application=application, status="accepted")
    ros, pro = advisers()
    return engagement_set_team(actor=coordinator, engagement=application.engagement, ros=ros, pro=pro)


def support_form(cycle_wide: bool = False) -> SupportForm:
    return SupportForm.objects.filter(is_cycle_wide=cycle_wide, is_active=True).order_by("order").first()
