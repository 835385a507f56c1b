from .access import can_build, can_manage, questionnaires_visible_to
from .responses import (
    FILTER_FIELDS,
    answers_by_question,
    answers_for,
    named_respondents,
    paired_values,
    questions_for_results,
    responses_for,
)

__all__ = [
    "FILTER_FIELDS",
    "answers_by_question",
    "answers_for",
    "can_build",
    "can_manage",
    "named_respondents",
    "paired_values",
    "questionnaires_visible_to",
    "questions_for_results",
    "responses_for",
]
