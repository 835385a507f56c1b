"""Content stamps: a change of a topic (a bump, or a reindex of a kind) gives it a new stamp, other topics keep
theirs; pruning keeps the newest change of each topic."""

import datetime

import pytest
from django.utils import timezone

from rozwoj.core.models import ContentChange
from rozwoj.core.stamps import NONE, bump, prune, stamps

pytestmark = pytest.mark.django_db


def test_a_bump_changes_the_stamp_of_its_topic_only():
    before = stamps("news", "events")
    assert before == {"news": NONE, "events": NONE}
    bump("news")
    after = stamps("news", "events")
    assert after["news"] != before["news"]
    assert after["events"] == NONE
    bump("news")
    assert stamps("news")["news"] not in {before["news"], after["news"]}


def test_a_reindex_bumps_the_kind():
    from rozwoj.core.search import reindex

    before = stamps("programmes")["programmes"]
    reindex("programmes", [])  # nothing to write: nothing changed
    assert stamps("programmes")["programmes"] == before
    reindex("programmes")
    assert stamps("programmes")["programmes"] != before


def test_pruning_keeps_the_newest_change_of_each_topic():
    for _ in range(3):
        bump("news", "events")
    ContentChange.objects.update(changed_at=timezone.now() - datetime.timedelta(days=2))
    bump("events")
    assert prune() == 5  # two old changes of "news" (its newest is kept) and the three old ones of "events"
    assert sorted(ContentChange.objects.values_list("topic", flat=True)) == ["events", "news"]
    assert stamps("news")["news"] != NONE
