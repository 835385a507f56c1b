"""The demo questionnaires: the PRO training's feedback with 13 answers, a before/after with both waves answered."""

import pytest
from django.db import transaction

from rozwoj.demo.events import PRO_TITLE
from rozwoj.demo.services import demo_load
from rozwoj.demo.surveys import FEEDBACK_TITLE, PANEL_TITLE, load_surveys_demo
from rozwoj.events.models import EventFeedback
from rozwoj.surveys.models import Invitation, Questionnaire, Response
from rozwoj.surveys.selectors import paired_values


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        demo_load()
        load_surveys_demo()  # no-op the second time
        yield {q.title["en"]: q for q in Questionnaire.objects.filter(is_demo=True)}
        transaction.set_rollback(True)


pytestmark = pytest.mark.django_db


def test_the_pro_training_feedback_has_13_anonymous_answers(demo):
    feedback = demo[FEEDBACK_TITLE["en"]]
    assert feedback.anonymity == "anonymous"
    responses = Response.objects.filter(questionnaire=feedback)
    assert responses.count() == 13
    assert not responses.filter(person__isnull=False).exists()
    assert Invitation.objects.filter(wave__questionnaire=feedback, status="responded").count() == 13
    assert Questionnaire.objects.filter(is_template=True, template_key="lg-self-diagnosis").exists()
    assert EventFeedback.objects.get(questionnaire=feedback).event.title == PRO_TITLE


def test_the_before_after_questionnaire_pairs_13_respondents(demo):
    panel = demo[PANEL_TITLE["en"]]
    before, after = panel.waves.order_by("order")
    assert Response.objects.filter(wave=before).count() == 13
    assert Response.objects.filter(wave=after).count() == 13
    pairs = paired_values(panel.questions.get(code="q2"), before, after)
    assert len(pairs) == 13
    assert all(second >= first for first, second in pairs)
    assert any(second > first for first, second in pairs)
