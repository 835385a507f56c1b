"""The HDR's business rules: the pre-submission check, versions and their comparison, two editors at once
(a conflict, nothing lost), approval by the local government's team closing the HDR stage, publication into
the gallery's full-text search, copying an action from a published HDR."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from rozwoj.accounts.tests.factories import user_with_role

from ..models import ActionOrigin, Hdr, HdrStatus, StageKind, StageStatus
from ..selectors import hdr as selectors
from ..services import engagements
from ..services import hdr as services
from .hdr_helpers import complete_action, drafted_hdr, lg_member_of, published_hdr

pytestmark = pytest.mark.django_db


def test_a_complete_draft_passes_the_check():
    assert services.hdr_check(drafted_hdr()) == []


def test_the_check_lists_what_is_incomplete_and_blocks_submission():
    hdr = drafted_hdr()
    engagement = hdr.engagement
    adviser = engagement.ros_expert.person.user
    engagements.priority_add(actor=adviser, engagement=engagement, title="Cyfryzacja")
    action = hdr.actions.get()
    outside = engagement.call.cycle_ends_on + datetime.timedelta(days=10)
    services.action_update(
        actor=adviser,
        action=action,
        data={**complete_action(engagement, action.priority), "owner": "", "target": "", "ends_on": outside},
        revision=action.revision,
    )
    with translation.override("en"):
        messages = [problem.message for problem in services.hdr_check(hdr)]
    assert any("no owner" in m for m in messages)
    assert any("outside the cycle" in m for m in messages)
    assert any("no target" in m for m in messages)
    assert any("Cyfryzacja" in m for m in messages)
    with pytest.raises(ValidationError):
        services.hdr_submit(actor=adviser, hdr=hdr)
    assert Hdr.objects.get(pk=hdr.pk).status == HdrStatus.DRAFT


def test_two_editors_of_the_context_the_second_gets_a_conflict_and_nothing_is_lost():
    hdr = drafted_hdr()
    engagement = hdr.engagement
    expert, member = engagement.ros_expert.person.user, lg_member_of(engagement)
    loaded = hdr.revision  # both opened the form at this revision
    services.hdr_update(actor=expert, hdr=hdr, data={"context": "Wersja eksperta"}, revision=loaded)
    with pytest.raises(services.HdrConflict) as caught:
        services.hdr_update(actor=member, hdr=hdr, data={"context": "Wersja gminy"}, revision=loaded)
    assert caught.value.current.context == "Wersja eksperta"
    assert caught.value.mine["context"] == "Wersja gminy"
    assert Hdr.objects.get(pk=hdr.pk).context == "Wersja eksperta"
    # the second editor saves again, knowingly, over the current revision
    services.hdr_update(
        actor=member, hdr=hdr, data={"context": "Wersja gminy"}, revision=caught.value.current.revision
    )
    assert Hdr.objects.get(pk=hdr.pk).context == "Wersja gminy"


def test_two_editors_of_one_action():
    hdr = drafted_hdr()
    action = hdr.actions.get()
    expert = hdr.engagement.ros_expert.person.user
    data = complete_action(hdr.engagement, action.priority)
    services.action_update(actor=expert, action=action, data={**data, "owner": "Wójt"}, revision=1)
    with pytest.raises(services.HdrConflict):
        services.action_update(actor=expert, action=action, data={**data, "owner": "Skarbnik"}, revision=1)
    action.refresh_from_db()
    assert action.owner == "Wójt"


def test_versions_and_their_readable_comparison():
    hdr = drafted_hdr()
    expert = hdr.engagement.ros_expert.person.user
    first = services.version_save(actor=expert, hdr=hdr, comment="Pierwszy szkic")
    services.hdr_update(actor=expert, hdr=hdr, data={"goals": "Nowy cel <b>ważny</b>"}, revision=hdr.revision)
    second = services.version_save(actor=expert, hdr=hdr)
    assert (first.number, second.number) == (1, 2)
    table = services.compare(first, second)
    assert "&lt;b&gt;" in table
    assert "<b>ważny" not in table
    assert "diff_" in table


def test_approval_is_for_the_local_government_team_and_closes_the_hdr_stage():
    hdr = drafted_hdr()
    engagement = hdr.engagement
    expert = engagement.ros_expert.person.user
    assert engagements.stage_gate(engagement, StageKind.HDR)
    services.hdr_submit(actor=expert, hdr=hdr)
    with pytest.raises(PermissionDenied):
        services.hdr_approve(actor=expert, hdr=hdr)
    with pytest.raises(PermissionDenied):
        services.hdr_approve(actor=user_with_role("coordinator"), hdr=hdr)
    services.hdr_approve(actor=lg_member_of(engagement), hdr=hdr)
    assert hdr.status == HdrStatus.APPROVED
    assert engagements.stage_gate(engagement, StageKind.HDR) == ""
    assert engagement.stages.get(kind=StageKind.HDR).status == StageStatus.CLOSED
    assert hdr.versions.count() == 2  # submitted, approved
    with pytest.raises(ValidationError):
        services.hdr_update(actor=expert, hdr=hdr, data={"context": "x"}, revision=hdr.revision)


def test_only_an_approved_hdr_is_published_by_a_coordinator_and_only_then_found():
    hdr = drafted_hdr()
    coordinator = user_with_role("coordinator")
    with pytest.raises(ValidationError):
        services.hdr_publish(actor=coordinator, hdr=hdr)
    assert selectors.gallery(query="sieci szkół") == []
    published = published_hdr()
    assert [h.pk for h in selectors.gallery(query="sieć szkoła")] == [published.pk]
    assert [h.pk for h in selectors.gallery(query="sieci", kind="urban_gmina")] in ([], [published.pk])
    assert selectors.gallery(query="nieistniejące słowo") == []
    with pytest.raises(PermissionDenied):
        services.hdr_unpublish(actor=published.engagement.ros_expert.person.user, hdr=published)
    services.hdr_unpublish(actor=coordinator, hdr=published)
    assert selectors.gallery(query="sieci") == []


def test_copying_an_action_from_a_published_hdr_keeps_its_source():
    source_hdr = published_hdr()
    draft = drafted_hdr(area=source_hdr.engagement.support_area)
    assert [h.pk for h in selectors.similar_hdrs(draft)] == [source_hdr.pk]
    source = source_hdr.actions.get()
    copy = services.action_copy(actor=draft.engagement.pro_expert.person.user, hdr=draft, source=source)
    assert copy.origin == ActionOrigin.COPIED
    assert copy.source_action == source
    assert source_hdr.engagement.local_government.display_name in copy.source_label
    with pytest.raises(ValidationError):
        services.action_copy(
            actor=draft.engagement.pro_expert.person.user, hdr=draft, source=draft.actions.first()
        )


def test_outsiders_cannot_draft():
    hdr = drafted_hdr()
    with pytest.raises(PermissionDenied):
        services.hdr_update(
            actor=user_with_role("expert"), hdr=hdr, data={"context": "x"}, revision=hdr.revision
        )
    with pytest.raises(PermissionDenied):
        services.hdr_start(actor=user_with_role("local_government_member"), engagement=hdr.engagement)


def test_an_action_ending_before_it_starts_is_refused():
    hdr = drafted_hdr()
    data = complete_action(hdr.engagement, None)
    data["ends_on"] = data["starts_on"] - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as caught:
        services.action_create(actor=hdr.engagement.ros_expert.person.user, hdr=hdr, data=data)
    assert "ends_on" in caught.value.message_dict


def test_the_implementation_stage_closes_when_every_action_of_the_approved_hdr_has_its_management_tool():
    hdr = drafted_hdr(actions=2)
    engagement = hdr.engagement
    expert = engagement.ros_expert.person.user
    assert engagements.stage_gate(engagement, StageKind.IMPLEMENTATION) == engagements.stage_gate(
        engagement, StageKind.HDR
    )
    services.hdr_submit(actor=expert, hdr=hdr)
    services.hdr_approve(actor=lg_member_of(engagement), hdr=hdr)
    assert engagements.stage_gate(engagement, StageKind.IMPLEMENTATION) == ""
    hdr.actions.filter(pk=hdr.actions.first().pk).update(management_tool=None)
    with translation.override("en"):
        assert engagements.stage_gate(engagement, StageKind.IMPLEMENTATION) == (
            "Choose a management tool for 1 action of the HDR first."
        )
    stage = engagement.stages.get(kind=StageKind.IMPLEMENTATION)
    with pytest.raises(ValidationError):
        engagements.stage_update(actor=expert, stage=stage, data={"status": StageStatus.CLOSED})
    hdr.actions.update(management_tool=complete_action(engagement, None)["management_tool"])
    closed = engagements.stage_update(actor=expert, stage=stage, data={"status": StageStatus.CLOSED})
    assert closed.status == StageStatus.CLOSED


def test_every_stage_has_the_check_of_its_output():
    assert set(engagements.STAGE_OUTPUTS) == set(StageKind.values)
