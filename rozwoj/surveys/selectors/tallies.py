"""Whether a questionnaire's tallies (models.tally) agree with its responses."""

from typing import NamedTuple

from django.db import connection

from ..models import Questionnaire, Response, ResultGroup


class TallyState(NamedTuple):
    """The responses stored and the responses tallied, seen in one statement."""

    responses: int
    response_sum: int  # the sum of the stored responses' random `tally_check` numbers
    tallied: int
    tallied_sum: int

    @property
    def current(self) -> bool:
        return self.responses == self.tallied and self.response_sum == self.tallied_sum

    @property
    def stamp(self) -> str:
        """Changes whenever a response is added or removed (its count, or the sum of the random numbers: a
        response deleted and another added keep the count, not the sum), whichever way it happened."""
        return f"{self.responses}-{self.response_sum}"


def tallies_state(questionnaire: Questionnaire) -> TallyState:
    """The responses stored and tallied, read in one statement so both sides are seen at the same moment
    (the index on (questionnaire, tally_check) answers the responses' side without reading the table)."""
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
    return TallyState(int(responses), int(response_sum), int(tallied), int(tallied_sum))


def tallies_current(questionnaire: Questionnaire) -> tuple[int, int, bool]:
    """(responses stored, responses tallied, whether the tallies are current). Current means the same count and
    the same sum of the responses' random `tally_check` numbers: a response deleted and another added by other
    means (an import, a repair) keep the count, not the sum."""
    state = tallies_state(questionnaire)
    return state.responses, state.tallied, state.current
