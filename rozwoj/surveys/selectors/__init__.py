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
    "named_respondents",
    "paired_values",
    "questions_for_results",
    "responses_for",
]
