import pytest

from rozwoj.experts.tests.factories import ExpertProfileFactory
from rozwoj.organisations.tests.factories import VoivodeshipFactory
from rozwoj.people.tests.conftest import world  # noqa: F401  (shared fixture)
from rozwoj.people.tests.factories import PersonFactory


@pytest.fixture
def experts(world):  # noqa: F811
    """Besides the logged-in PRO expert: a ROS expert in Pomerania speaking Latvian, and an inactive coach."""
    mazowieckie = VoivodeshipFactory()
    pomorskie = VoivodeshipFactory(terc="22", name="POMORSKIE")
    world["expert"].regions.set([mazowieckie])
    ros = ExpertProfileFactory(
        person=PersonFactory(first_name="Roman", last_name="Oświatowy", phone="600100100"),
        specialisations=["ros"],
        languages=["pl", "lv"],
    )
    ros.regions.set([pomorskie])
    inactive = ExpertProfileFactory(
        person=PersonFactory(first_name="Irena", last_name="Nieaktywna"),
        specialisations=["coach"],
        is_active=False,
    )
    return {**world, "ros": ros, "inactive": inactive, "mazowieckie": mazowieckie, "pomorskie": pomorskie}
