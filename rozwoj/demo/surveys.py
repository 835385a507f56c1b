"""Demo questionnaires (issue #9, part 12):

- the PRO expert training of seed 004 has its feedback questionnaire (a copy of the "training feedback" template,
  anonymous), sent to its 13 participants after the last session, with 13 answers;
- a before/after questionnaire of the same participants' competences (confidential, two waves, answers in both,
  paired by the platform's panel key);
- the self-diagnosis template is seeded by the surveys app's migration and listed with the other templates.

Answers go through the real service (`response_submit`), so they obey every rule a respondent meets.
"""

import datetime
import random

from django.db import transaction

from rozwoj.accounts.models import User
from rozwoj.events.models import Event, EventFeedback, Registration, RegistrationStatus
from rozwoj.surveys.models import (
    Invitation,
    Question,
    Questionnaire,
    QuestionnaireStatus,
    Response,
    Section,
    Wave,
)
from rozwoj.surveys.services.distribution import distribution_to_people
from rozwoj.surveys.services.questionnaires import questionnaire_duplicate
from rozwoj.surveys.services.responding import Respondent, response_submit

from .events import COORDINATOR_EMAIL, PRO_TITLE, at

FEEDBACK_TITLE = {"pl": f"Ocena szkolenia: {PRO_TITLE}", "en": "Feedback: PRO expert training"}
PANEL_TITLE = {
    "pl": "Kompetencje ekspertów PRO przed szkoleniem i po nim",
    "en": "PRO experts' competences before and after the training",
}
COMPETENCES = [
    ("Diagnozowanie potrzeb rozwojowych JST", "Diagnosing a local government's development needs"),
    ("Prowadzenie spotkań doradczych", "Leading advisory meetings"),
    ("Współtworzenie Harmonogramu Działań Rozwojowych", "Co-writing the development action schedule"),
    ("Moderowanie debat społecznych", "Moderating public debates"),
]
COMMENTS = [
    "Bardzo praktyczne ćwiczenia.",
    "Więcej czasu na studia przypadków.",
    "Forma online sprawdziła się dobrze.",
    "",
]


def demo_surveys_loaded() -> bool:
    return Questionnaire.objects.filter(is_demo=True).exists()


def _participants(event: Event) -> list:
    return [
        registration.person
        for registration in Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED)
        .select_related("person__user")
        .order_by("pk")
    ]


def _answer_all(questionnaire: Questionnaire, wave: Wave, answers_for, on: datetime.date) -> None:
    for invitation in Invitation.objects.filter(wave=wave).select_related("person", "wave").order_by("pk"):
        response_submit(
            questionnaire=questionnaire,
            wave=wave,
            respondent=Respondent(invitation=invitation),
            language="pl",
            data=answers_for(invitation.person),
        )
    # Answered on the day after the session, as they would have been (dates only: the questionnaire may be
    # anonymous).
    Response.objects.filter(wave=wave).update(submitted_on=on)
    Invitation.objects.filter(wave=wave).update(responded_on=on)


def _feedback(actor, event: Event, people: list, rng: random.Random) -> Questionnaire:
    template = Questionnaire.objects.get(template_key="training-feedback", is_template=True)
    questionnaire = questionnaire_duplicate(actor=actor, questionnaire=template, title_suffix="")
    Questionnaire.objects.filter(pk=questionnaire.pk).update(
        title=FEEDBACK_TITLE, status=QuestionnaireStatus.OPEN, is_demo=True
    )
    questionnaire.refresh_from_db()
    distribution = distribution_to_people(
        questionnaire,
        people,
        at(2020, 6, 25, 17),
        f"Uczestnicy: {PRO_TITLE}"[:255],
        f"/events/{event.pk}/",
        actor,
    )
    Invitation.objects.filter(wave__questionnaire=questionnaire).update(
        status="sent", sent_at=at(2020, 6, 25, 17)
    )
    EventFeedback.objects.create(
        event=event,
        questionnaire=questionnaire,
        distribution=distribution,
        attached_by=actor,
        sent_at=at(2020, 6, 25, 17),
    )

    def answers(person) -> dict:
        data = {f"q-q1-r{row}": str(rng.choice([3, 4, 4, 5, 5])) for row in range(1, 5)}
        source = rng.choice(["o1", "o1", "o2", "o3", "other"])
        data["q-q2"] = source
        if source == "other":
            data["q-q2-other"] = "od koleżanki z zespołu"
            data["q-q3"] = "rozmowa na spotkaniu zespołu"
        data["q-q4"] = str(rng.choice([4, 5, 5]))
        data["q-q5"] = rng.choice(COMMENTS)
        return data

    wave = questionnaire.waves.get()
    _answer_all(questionnaire, wave, answers, datetime.date(2020, 6, 26))
    Questionnaire.objects.filter(pk=questionnaire.pk).update(status=QuestionnaireStatus.CLOSED)
    return questionnaire


def _before_after(actor, event: Event, people: list, rng: random.Random) -> Questionnaire:
    questionnaire = Questionnaire.objects.create(
        title=PANEL_TITLE,
        intro={
            "pl": "Samoocena kompetencji przed szkoleniem i miesiąc po nim (1 — bardzo słabo, 5 — bardzo dobrze).",
            "en": "A self-assessment before the training and a month after it (1 — very weak, 5 — very strong).",
        },
        languages=["pl", "en"],
        anonymity="confidential",
        status=QuestionnaireStatus.OPEN,
        owner=actor,
        programme=event.programme,
        is_demo=True,
    )
    before = Wave.objects.create(
        questionnaire=questionnaire, order=1, label={"pl": "Przed szkoleniem", "en": "Before"}
    )
    after = Wave.objects.create(
        questionnaire=questionnaire, order=2, label={"pl": "Po szkoleniu", "en": "After"}
    )
    section = Section.objects.create(questionnaire=questionnaire, order=1)
    Question.objects.create(
        questionnaire=questionnaire,
        section=section,
        order=1,
        code="q1",
        kind="likert_matrix",
        text={"pl": "Jak oceniasz swoje umiejętności?", "en": "How do you rate your skills?"},
        rows=[{"code": f"r{n}", "label": {"pl": pl, "en": en}} for n, (pl, en) in enumerate(COMPETENCES, 1)],
        scale_points=5,
        required=True,
    )
    Question.objects.create(
        questionnaire=questionnaire,
        section=section,
        order=2,
        code="q2",
        kind="likert",
        text={
            "pl": "Na ile czujesz się gotowy(-a) do pracy z JST?",
            "en": "How ready do you feel to work with a local government?",
        },
        scale_points=5,
        required=True,
    )
    levels = {person.pk: rng.choice([2, 2, 3, 3, 4]) for person in people}
    for wave, gain, sent, answered in (
        (before, 0, at(2020, 3, 2, 9), datetime.date(2020, 3, 5)),
        (after, 1, at(2020, 7, 20, 9), datetime.date(2020, 7, 24)),
    ):
        distribution_to_people(
            questionnaire,
            people,
            sent,
            f"Uczestnicy: {PRO_TITLE}"[:255],
            f"/events/{event.pk}/",
            actor,
            wave=wave,
        )
        Invitation.objects.filter(wave=wave).update(status="sent", sent_at=sent)

        def answers(person, gain=gain) -> dict:
            base = levels[person.pk]
            data = {f"q-q1-r{n}": str(min(5, base + gain * rng.choice([0, 1, 1, 2]))) for n in range(1, 5)}
            data["q-q2"] = str(min(5, base + gain * rng.choice([0, 1, 1])))
            return data

        _answer_all(questionnaire, wave, answers, answered)
    Questionnaire.objects.filter(pk=questionnaire.pk).update(status=QuestionnaireStatus.CLOSED)
    return questionnaire


@transaction.atomic
def load_surveys_demo() -> list[Questionnaire]:
    """Load the demo questionnaires once (after the demo events); a second call does nothing."""
    if demo_surveys_loaded():
        return list(Questionnaire.objects.filter(is_demo=True).order_by("pk"))
    actor = User.objects.get(email=COORDINATOR_EMAIL)
    event = Event.objects.get(title=PRO_TITLE, is_demo=True)
    people = _participants(event)
    rng = random.Random(2020)
    return [_feedback(actor, event, people, rng), _before_after(actor, event, people, rng)]
