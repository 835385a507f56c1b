"""Where a questionnaire's results are at (its stamp: one row), and, for the periodic check, whether its tallies
(models.tally) agree with its responses."""

from typing import NamedTuple

from django.db import connection

from ..models import Questionnaire, Response, ResultGroup, ResultsStamp

NEVER_CHANGED = "0"  # the stamp of a questionnaire whose responses never changed (it has none)


def results_stamp(questionnaire: Questionnaire) -> tuple[str, bool]:
    """(the questionnaire's results stamp, whether its tallies are stale): one row read by its key, whatever the
    number of responses. The stamp changes in the transaction of every change to the responses or answers
    (`services.tallies.results_changed`), so what is cached under it is never older than the results."""
    row = (
        ResultsStamp.objects.filter(questionnaire=questionnaire)
        .values_list("version", "salt", "stale")
        .first()
    )
    if row is None:
        return NEVER_CHANGED, False
    version, salt, stale = row
    return f"{version}.{salt}", bool(stale)


class TallyState(NamedTuple):
    """The responses stored and the responses tallied, seen in one statement."""

    responses: int
    response_sum: int  # the sum of the stored responses' random `tally_check` numbers
    tallied: int
    tallied_sum: int

    @property
    def current(self) -> bool:
        return self.responses == self.tallied and self.response_sum == self.tallied_sum


def tallies_state(questionnaire: Questionnaire) -> TallyState:
    """The responses stored and tallied, read in one statement so both sides are seen at the same moment
    (the index on (questionnaire, tally_check) answers the responses' side without reading the table, but it is
    still a scan of every response: for the periodic check `services.tallies.tallies_verify`, not requests)."""
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
