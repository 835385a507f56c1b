"""Reads of questionnaires and responses for the API and the pages (the caller's access checked first)."""

from django.db.models import Prefetch, QuerySet

from rozwoj.people.models import Person

from ..models import Answer, Question, Questionnaire, Response
from .access import access_questionnaire


def questionnaire_detail(user, pk) -> Questionnaire:
    """A questionnaire the user may see, with its waves and its sections' current questions prefetched."""
    questionnaire = access_questionnaire(user, pk)
    return (
        Questionnaire.objects.prefetch_related(
            "waves",
            Prefetch(
                "sections__questions",
                queryset=Question.objects.filter(is_active=True).order_by("order", "id"),
            ),
        )
        .select_related("programme", "owner")
        .get(pk=questionnaire.pk)
    )


def responses_with_answers(questionnaire: Questionnaire) -> QuerySet[Response]:
    return (
        Response.objects.filter(questionnaire=questionnaire)
        .prefetch_related(Prefetch("answers", queryset=Answer.objects.select_related("question")))
        .order_by("wave__order", "pk")
    )


def own_responses(person) -> QuerySet[Response]:
    """A person's named and confidential responses (anonymous ones are tied to nobody)."""
    return (
        Response.objects.filter(person=person, is_anonymous=False)
        .select_related("questionnaire")
        .prefetch_related(Prefetch("answers", queryset=Answer.objects.select_related("question")))
        .order_by("-submitted_on")
    )


def people_by_ids(ids: list[int]) -> list[Person]:
    return list(Person.objects.filter(pk__in=[pk for pk in ids if 0 < pk < 2**31]))
