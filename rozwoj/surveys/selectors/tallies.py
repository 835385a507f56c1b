"""Whether a questionnaire's tallies (models.tally) agree with its responses."""

from django.db import connection

from ..models import Questionnaire, Response, ResultGroup


def tallies_current(questionnaire: Questionnaire) -> tuple[int, int, bool]:
    """(responses stored, responses tallied, whether the tallies are current), read in one statement so both
    sides are seen at the same moment. Current means the same count and the same sum of the responses' random
    `tally_check` numbers: a response deleted and another added by other means (an import, a repair) keep the
    count, not the sum."""
    sql = (
        f"SELECT (SELECT COUNT(*) FROM {Response._meta.db_table} WHERE questionnaire_id = %s), "  # noqa: S608
        f"(SELECT COALESCE(SUM(tally_check), 0) FROM {Response._meta.db_table} WHERE questionnaire_id = %s), "
        f"(SELECT COALESCE(SUM(responses), 0) FROM {ResultGroup._meta.db_table} "
        f"WHERE questionnaire_id = %s AND everyone = %s), "
        f"(SELECT COALESCE(SUM(checksum), 0) FROM {ResultGroup._meta.db_table} "
        f"WHERE questionnaire_id = %s AND everyone = %s)"
    )
    pk = questionnaire.pk
    with connection.cursor() as cursor:
        cursor.execute(sql, [pk, pk, pk, True, pk, True])
        responses, response_sum, tallied, tallied_sum = cursor.fetchone()
    responses, tallied = int(responses), int(tallied)
    return responses, tallied, responses == tallied and int(response_sum) == int(tallied_sum)
