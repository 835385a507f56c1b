"""A programme's names for the advisory cycle: the screen (reached from the programme's page), the rules (roles
named differently, at least one stage in use, lengths), and the names used on the pages; accept all proposals."""

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from rozwoj.accounts.tests.factories import user_with_role
from rozwoj.core.testing import assert_page

from ..models import AdvisorySettings, ProgrammeStage, StageKind
from ..selectors.pages import role_names
from ..services.programme_settings import programme_settings_save
from .factories import CallFactory, engagement_with_team

pytestmark = pytest.mark.django_db
ROS_2022 = "doradca ds. personalnego rozwoju edukacji"
PRO_2022 = "doradca ds. rozwiązań zarządczych"


def _stages(**changes):
    stages = {kind: {"name": "", "enabled": True} for kind in StageKind.values}
    for kind, change in changes.items():
        stages[int(kind)].update(change)
    return stages


def _post(stages=None, ros=ROS_2022, pro=PRO_2022):
    data = {"ros_role_name": ros, "pro_role_name": pro}
    for kind, row in (stages or _stages()).items():
        data[f"stage_{kind}_name"] = row["name"]
        if row["enabled"]:
            data[f"stage_{kind}_enabled"] = "on"
    return data


def test_the_coordinator_renames_the_roles_and_a_stage_and_switches_one_off(client):
    engagement = engagement_with_team()
    programme = engagement.call.programme
    client.force_login(user_with_role("coordinator"))
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    detail = client.get(reverse("programmes:detail", args=[programme.pk])).content.decode()
    url = reverse("advisory:programme_settings", args=[programme.pk])
    assert url in detail
    assert_page(client, url, queries=10, template="advisory/settings/programme.html")
    stages = _stages(**{str(StageKind.DIAGNOSIS.value): {"name": "Diagnoza potrzeb", "enabled": True}})
    stages[StageKind.EVALUATION]["enabled"] = False
    response = client.post(url, _post(stages), follow=True)
    assert "are saved" in response.content.decode()
    settings = AdvisorySettings.objects.get(programme=programme)
    assert settings.ros_role_name == ROS_2022
    assert not ProgrammeStage.objects.get(programme=programme, kind=StageKind.EVALUATION).is_enabled
    programme.refresh_from_db()
    assert role_names(programme) == (ROS_2022, PRO_2022)
    page = client.get(reverse("advisory:engagement", args=[engagement.pk])).content.decode()
    assert ROS_2022 in page.lower()
    assert "Diagnoza potrzeb" in page
    # a new engagement of the programme gets no switched-off stage
    later = engagement_with_team(call=CallFactory(programme=programme))
    assert not later.stages.filter(kind=StageKind.EVALUATION).exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_post(ros="Doradca", pro="doradca"), "different names"),
        (_post(ros="x" * 151), "151"),
        (
            _post(stages={kind: {"name": "", "enabled": False} for kind in StageKind.values}),
            "at least one stage",
        ),
        (_post(stages=_stages(**{"1": {"name": "y" * 201, "enabled": True}})), "200"),
    ],
)
def test_bad_input_is_a_message_and_nothing_is_saved(client, data, message):
    call = CallFactory()
    client.force_login(user_with_role("coordinator"))
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(reverse("advisory:programme_settings", args=[call.programme.pk]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not AdvisorySettings.objects.filter(programme=call.programme).exists()


def test_the_service_checks_the_role_and_the_rules():
    call = CallFactory()
    with pytest.raises(PermissionDenied):
        programme_settings_save(
            actor=user_with_role("expert"),
            programme=call.programme,
            ros_role_name="",
            pro_role_name="",
            stages={},
        )
    with translation.override("en"), pytest.raises(ValidationError, match="Unknown stage"):
        programme_settings_save(
            actor=user_with_role("coordinator"),
            programme=call.programme,
            ros_role_name="",
            pro_role_name="",
            stages={99: {"name": "", "enabled": True}},
        )


def test_others_cannot_open_the_screen(client):
    call = CallFactory()
    url = reverse("advisory:programme_settings", args=[call.programme.pk])
    client.force_login(user_with_role("expert"))
    assert client.get(url).status_code == 403
    assert client.post(url, _post()).status_code == 403
    assert not AdvisorySettings.objects.exists()
