"""The demo's 2019 pilot HDRs: 34 local governments of four types, most HDRs published in several support areas,
found by the gallery's search; drafts not."""

import pytest
from django.db import transaction

from rozwoj.advisory.models import Hdr, HdrStatus
from rozwoj.advisory.selectors.hdr import gallery
from rozwoj.demo.advisory_hdr import PILOT_TITLE, load_hdr_demo
from rozwoj.demo.services import demo_load


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        demo_load()
        assert load_hdr_demo() == 0  # once only
        yield
        transaction.set_rollback(True)


pytestmark = pytest.mark.django_db


def test_the_pilot_has_34_hdrs_most_published_in_several_areas_and_types(demo):
    hdrs = Hdr.objects.filter(is_demo=True, engagement__call__title=PILOT_TITLE).select_related(
        "engagement__local_government"
    )
    assert hdrs.count() == 34
    published = [hdr for hdr in hdrs if hdr.status == HdrStatus.PUBLISHED]
    assert len(published) == 30
    assert len({hdr.engagement.support_area_id for hdr in published}) >= 4
    assert {hdr.engagement.local_government.kind for hdr in published} >= {
        "rural_gmina",
        "urban_gmina",
        "powiat",
    }


def test_the_gallery_finds_the_pilot_hdrs_and_not_the_drafts(demo):
    found = gallery(query="dyrektorów sieć")
    assert len(found) >= 20
    assert all(hdr.status == HdrStatus.PUBLISHED for hdr in found)
    assert gallery(kind="powiat")
