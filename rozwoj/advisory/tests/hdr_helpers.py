"""An engagement with a drafted HDR, its local-government member, and published HDRs for the gallery."""

import datetime

from rozwoj.accounts.tests.factories import user_with_role
from rozwoj.people.tests.factories import local_government_member

from ..models import EngagementMember, ManagementTool, TeamRole
from ..services import engagements
from ..services import hdr as services
from .factories import engagement_with_team, support_area


def lg_member_of(engagement):
    person = local_government_member(engagement.local_government)
    EngagementMember.objects.create(engagement=engagement, person=person, role=TeamRole.values[0])
    return person.user


def complete_action(engagement, priority, title="Sieć współpracy dyrektorów", **extra):
    call = engagement.call
    return {
        "priority": priority,
        "title": title,
        "owner": "Sekretarz gminy",
        "starts_on": call.cycle_starts_on,
        "ends_on": min(call.cycle_ends_on, call.cycle_starts_on + datetime.timedelta(days=60)),
        "resources": "2 osoby",
        "expected_effect": "Wspólne planowanie",
        "indicator": "Liczba spotkań sieci",
        "baseline": "0",
        "target": "6",
        "management_tool": ManagementTool.objects.first(),
        **extra,
    }


def drafted_hdr(*, actions: int = 1, area=None, local_government=None, call=None):
    """An engagement (support area chosen) with one priority and a complete HDR draft of `actions` actions."""
    engagement = engagement_with_team(call=call, local_government=local_government)
    adviser = engagement.ros_expert.person.user
    engagements.support_area_choose(actor=adviser, engagement=engagement, area=area or support_area())
    priority = engagements.priority_add(actor=adviser, engagement=engagement, title="Przywództwo edukacyjne")
    hdr = services.hdr_start(actor=adviser, engagement=engagement)
    hdr = services.hdr_update(
        actor=adviser,
        hdr=hdr,
        data={
            "context": "Gmina prowadzi pięć szkół.",
            "goals": "Lepsza współpraca szkół\nWspólne planowanie",
        },
        revision=hdr.revision,
    )
    for index in range(actions):
        services.action_create(
            actor=adviser,
            hdr=hdr,
            data=complete_action(engagement, priority, title=f"Działanie {index} sieci szkół"),
        )
    return hdr


def published_hdr(**kwargs):
    hdr = drafted_hdr(**kwargs)
    engagement = hdr.engagement
    services.hdr_submit(actor=engagement.ros_expert.person.user, hdr=hdr)
    services.hdr_approve(actor=lg_member_of(engagement), hdr=hdr)
    return services.hdr_publish(actor=user_with_role("coordinator"), hdr=hdr)
