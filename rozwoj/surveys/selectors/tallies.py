"""Whether a questionnaire's tallies (models.tally) agree with its responses."""

from django.db import connection

from ..models import Questionnaire, Response, ResultGroup


def tallies_current(questionnaire: Questionnaire) -> tuple[int, int]:
    """(responses stored, responses tallied) in one statement, so both are read at the same moment."""
    sql = (
        f"SELECT (SELECT COUNT(*) FROM {Response._meta.db_table} WHERE questionnaire_id = %s), "  # noqa: S608
        f"(SELECT COALESCE(SUM(responses), 0) FROM {ResultGroup._meta.db_table} "
        f"WHERE questionnaire_id = %s AND everyone = %s)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [questionnaire.pk, questionnaire.pk, True])
        responses, tallied = cursor.fetchone()
    return int(responses), int(tallied)
