"""Questionnaires for tests: `training_feedback()` builds the issue's journey questionnaire."""

import factory

from rozwoj.surveys.models import Question, Questionnaire, QuestionnaireStatus, Section, Wave


class QuestionnaireFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Questionnaire
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: {"pl": f"Ankieta {n}", "en": f"Questionnaire {n}"})
    languages = factory.LazyFunction(lambda: ["pl", "en"])

    @factory.post_generation
    def with_structure(self, create, extracted, **kwargs):
        if create and extracted is not False:
            Wave.objects.get_or_create(
                questionnaire=self, order=1, defaults={"label": {"pl": "Pomiar", "en": "Survey"}}
            )
            Section.objects.get_or_create(questionnaire=self, order=1)


def add_question(
    questionnaire: Questionnaire, code: str, kind: str, section: Section | None = None, **fields
) -> Question:
    section = section or questionnaire.sections.order_by("order").first()
    order = section.questions.count() + 1
    fields.setdefault("text", {"pl": f"Pytanie {code}", "en": f"Question {code}"})
    return Question.objects.create(
        questionnaire=questionnaire, section=section, order=order, code=code, kind=kind, **fields
    )


def options(*labels: str) -> list[dict]:
    return [
        {"code": f"o{n}", "label": {"pl": label, "en": label.upper()}}
        for n, label in enumerate(labels, start=1)
    ]


def training_feedback(
    owner=None, anonymity: str = "confidential", status: str = QuestionnaireStatus.OPEN
) -> Questionnaire:
    """A Likert matrix, a choice whose "other" reveals a text question, an open question, a number."""
    questionnaire = QuestionnaireFactory(owner=owner, anonymity=anonymity, status=status)
    add_question(
        questionnaire,
        "q1",
        "likert_matrix",
        rows=[
            {"code": "r1", "label": {"pl": "Treść", "en": "Content"}},
            {"code": "r2", "label": {"pl": "Prowadzący", "en": "Trainer"}},
        ],
        scale_points=5,
        required=True,
    )
    add_question(
        questionnaire,
        "q2",
        "single",
        options=options("Internet", "Koleżanka"),
        allow_other=True,
        required=True,
    )
    add_question(
        questionnaire,
        "q3",
        "short_text",
        text={"pl": "Skąd dokładnie?", "en": "Where exactly?"},
        condition={"question": "q2", "op": "equals", "value": "other"},
        required=True,
    )
    add_question(questionnaire, "q4", "long_text")
    add_question(questionnaire, "q5", "number", min_value=0, max_value=10)
    return questionnaire


def good_answers(**overrides) -> dict:
    data = {"q-q1-r1": "4", "q-q1-r2": "5", "q-q2": "o1", "q-q4": "Dobre szkolenie", "q-q5": "7"}
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
