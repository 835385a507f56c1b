from unittest import mock

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError

from rozwoj.experts import selectors, services
from rozwoj.experts.models import Competence, ExpertProfile


def test_experts_visible_to(experts):
    everyone = set(ExpertProfile.objects.all())
    assert set(selectors.experts_visible_to(experts["coordinator"].user)) == everyone
    assert set(selectors.experts_visible_to(experts["expert"].person.user)) == everyone - {
        experts["inactive"]
    }
    assert list(selectors.experts_visible_to(experts["lg_member"].user)) == []
    assert list(selectors.experts_visible_to(AnonymousUser())) == []


def test_inactive_expert_still_sees_own_profile(experts):
    own = experts["expert"]
    own.is_active = False
    own.save()
    assert own in selectors.experts_visible_to(own.person.user)


def test_expert_profile_for(experts):
    assert selectors.expert_profile_for(experts["expert"].person.user) == experts["expert"]
    assert selectors.expert_profile_for(experts["coordinator"].user) is None
    assert selectors.expert_profile_for(AnonymousUser()) is None


def test_competences_for_groups_by_specialisation(experts):
    experts["ros"].specialisations.create(specialisation="pro")
    groups = selectors.competences_for(experts["ros"])
    assert [code for code, _label, _items in groups] == ["ros", "pro"]
    assert len(groups[0][2]) == 8
    assert len(groups[1][2]) == 12


def test_services_check_rights(experts):
    expert_user = experts["expert"].person.user
    with pytest.raises(PermissionDenied):
        services.expert_create(actor=expert_user, person=experts["teacher_a"], specialisations=["pro"])
    with pytest.raises(PermissionDenied):
        services.expert_update(actor=expert_user, profile=experts["ros"], data={"bio": "x"})
    with pytest.raises(PermissionDenied):
        services.expert_update(
            actor=expert_user, profile=experts["expert"], data={"specialisations": ["coach"]}
        )
    with pytest.raises(PermissionDenied):
        services.assessment_save(actor=expert_user, profile=experts["ros"], levels={})
    with pytest.raises(PermissionDenied):
        services.competence_create(actor=expert_user, data={"specialisation": "pro", "name": "x"})


def test_assessment_service_validates(experts):
    profile = experts["expert"]
    user = profile.person.user
    pro = Competence.objects.filter(specialisation="pro").first()
    ros = Competence.objects.filter(specialisation="ros").first()
    with pytest.raises(ValidationError):
        services.assessment_save(actor=user, profile=profile, levels={ros.pk: 3})
    with pytest.raises(ValidationError):
        services.assessment_save(actor=user, profile=profile, levels={pro.pk: 9})
    assert not profile.assessments.exists()


def test_expert_create_race_becomes_field_error(experts):
    coordinator = experts["coordinator"].user
    with (
        mock.patch.object(ExpertProfile.objects, "create", side_effect=IntegrityError),
        pytest.raises(ValidationError) as info,
    ):
        services.expert_create(actor=coordinator, person=experts["teacher_a"], specialisations=["pro"])
    assert "person" in info.value.message_dict


def test_competence_duplicate_race_becomes_field_error(experts):
    coordinator = experts["coordinator"].user
    existing = Competence.objects.filter(specialisation="pro").first()
    before = Competence.objects.count()
    with pytest.raises(ValidationError) as info:
        services.competence_create(actor=coordinator, data={"specialisation": "pro", "name": existing.name})
    assert "name" in info.value.message_dict
    assert Competence.objects.count() == before
    other = Competence.objects.filter(specialisation="pro").last()
    with pytest.raises(ValidationError):
        services.competence_update(actor=coordinator, competence=other, data={"name": existing.name})
    other.refresh_from_db()
    assert other.name != existing.name
