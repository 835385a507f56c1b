"""Keeping the results' counts (models.tally) up to date.

`tally_answers` adds one response to its two groups in the submitting transaction (a few upserts, whatever the
number of responses). `tallies_rebuild` recounts a questionnaire from its answers in SQL (GROUP BY; JSON arrays
and matrices unpacked by the database: `json_each` on SQLite, `jsonb_array_elements_text` / `jsonb_each_text` on
PostgreSQL). `tallies_ensure` is called before results are read: it reads the questionnaire's results
stamp (one row, `results_changed` bumps it with every change); current tallies are used as they are; stale ones
(responses or answers written outside the services) are recounted, a small questionnaire at once and a large one in
the background (the page says the results are being prepared). `tallies_verify`, an hourly job, catches rows
written by raw SQL, which nothing else sees.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.core.cache import cache
from django.db import connection, transaction

from ..models import (
    Answer,
    Question,
    QuestionKind,
    Questionnaire,
    Response,
    ResultGroup,
    ResultsStamp,
    ResultTally,
    TallyPart,
)
from ..models.tally import new_stamp_salt
from ..selectors.tallies import results_stamp, tallies_state

INLINE_REBUILD_RESPONSES = (
    2000  # recounted within the request up to this many responses, else in the background
)
REBUILD_LOCK_SECONDS = 15 * 60
VALUE_KINDS = (QuestionKind.SINGLE, QuestionKind.YES_NO, QuestionKind.LIKERT, QuestionKind.NUMBER)
ITEM_KINDS = (QuestionKind.MULTIPLE, QuestionKind.RANKING)
ATTRIBUTES = ("organisation_kind", "local_government_kind", "voivodeship", "role")

# Set (True) on a Response before saving it when the caller adds it to the tallies itself (`tally_answers`), so
# the signal that marks the tallies stale for responses written otherwise (`surveys.signals`) leaves it alone.
TALLIED = "_surveys_tallied"

TallyKey = tuple[int, str, str, float]  # question id, part, key, value


def answer_tallies(question: Question, answer: Answer) -> list[TallyKey]:
    """What one answer adds to the tallies (the same as `tallies_rebuild` counts from the tables)."""
    rows: list[TallyKey] = [(question.pk, TallyPart.ANSWERED, "", 0.0)]
    if answer.text:
        rows.append((question.pk, TallyPart.TEXT, "", 0.0))
    kind, value = question.kind, answer.value
    if kind in VALUE_KINDS:
        rows.append((question.pk, TallyPart.VALUE, answer.choice, float(answer.number or 0)))
    elif kind in ITEM_KINDS and isinstance(value, list):
        rows.extend(
            (question.pk, TallyPart.ITEM, str(code), float(position)) for position, code in enumerate(value)
        )
    elif kind == QuestionKind.LIKERT_MATRIX and isinstance(value, dict):
        rows.extend((question.pk, TallyPart.CELL, str(row), float(point)) for row, point in value.items())
    return rows


def results_changed(questionnaire_id: int, *, tallied: bool) -> None:
    """Record, in the transaction of the change, that a questionnaire's responses or answers changed: its
    results stamp (models.tally.ResultsStamp) grows by one, so nothing cached under the former one is served.
    `tallied`: the change is added to the tallies in the same transaction (a submission); else the tallies are
    marked stale and recounted before results are read again (while stale nothing is cached, so a further
    change leaves the row alone: one write per transaction, not one per row of a large deletion)."""
    table = ResultsStamp._meta.db_table
    sql = (
        f"INSERT INTO {table} (questionnaire_id, version, salt, stale) VALUES (%s, 1, %s, %s) "  # noqa: S608
        f"ON CONFLICT (questionnaire_id) DO UPDATE SET version = {table}.version + 1, "
        f"stale = {table}.stale OR excluded.stale"
    )
    if not tallied:
        sql += f" WHERE NOT {table}.stale"
    with connection.cursor() as cursor:
        cursor.execute(sql, [questionnaire_id, new_stamp_salt(), not tallied])


def results_deleted(questionnaire_id: int) -> None:
    """`results_changed` for a deletion (an UPDATE only: the questionnaire itself may be being deleted, its
    stamp with it; a questionnaire that had responses has its stamp row)."""
    table = ResultsStamp._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET version = version + 1, stale = %s "  # noqa: S608
            f"WHERE questionnaire_id = %s AND NOT stale",
            [True, questionnaire_id],
        )


def _group_id(response: Response, everyone: bool = False, attribute: str = "") -> int:
    """Add the response to a group (created if new) and return the group's id: one upsert. The group of all
    four attributes, everyone's (`everyone`), or that of one `attribute`."""
    table = ResultGroup._meta.db_table
    if everyone:
        attributes = [""] * len(ATTRIBUTES)
    elif attribute:
        attributes = [getattr(response, name) if name == attribute else "" for name in ATTRIBUTES]
    else:
        attributes = [getattr(response, name) for name in ATTRIBUTES]
    sql = (
        f"INSERT INTO {table} (questionnaire_id, wave_id, everyone, attribute, {', '.join(ATTRIBUTES)}, "  # noqa: S608
        f"responses, checksum) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, 1, %s) "
        f"ON CONFLICT (wave_id, everyone, attribute, {', '.join(ATTRIBUTES)}) "
        f"DO UPDATE SET responses = {table}.responses + 1, checksum = {table}.checksum + excluded.checksum "
        "RETURNING id"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            [
                response.questionnaire_id,
                response.wave_id,
                everyone,
                attribute,
                *attributes,
                response.tally_check,
            ],
        )
        return cursor.fetchone()[0]


def _add(group_ids: Iterable[int], counts: Counter) -> None:
    if not counts:
        return
    table = ResultTally._meta.db_table
    rows = [(group_id, *key, count) for group_id in group_ids for key, count in sorted(counts.items())]
    sql = (
        f"INSERT INTO {table} (group_id, question_id, part, key, value, count) VALUES "  # noqa: S608
        + ", ".join(["(%s, %s, %s, %s, %s, %s)"] * len(rows))
        + f" ON CONFLICT (group_id, question_id, part, key, value) DO UPDATE SET count = {table}.count + excluded.count"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [value for row in rows for value in row])


def tally_answers(response: Response, answers: Iterable[tuple[Question, Answer]]) -> None:
    """Add a just-written response to the tallies (within the transaction that writes it)."""
    counts: Counter = Counter()
    for question, answer in answers:
        counts.update(answer_tallies(question, answer))
    # First the stamp (its row locked until commit), then the groups: the order `tallies_rebuild` locks them in.
    results_changed(response.questionnaire_id, tallied=True)
    group_ids = [_group_id(response), _group_id(response, everyone=True)]
    group_ids += [_group_id(response, attribute=name) for name in ATTRIBUTES if getattr(response, name)]
    _add(group_ids, counts)


def _json_sources() -> tuple[str, str, str]:
    """(items of a JSON array with their position, their position from 0, pairs of a JSON object) in SQL."""
    if connection.vendor == "postgresql":
        return (
            "jsonb_array_elements_text(a.value) WITH ORDINALITY AS j(value, position)",
            "(j.position - 1)",
            "jsonb_each_text(a.value) AS j",
        )
    return "json_each(a.value) AS j", "j.key", "json_each(a.value) AS j"


def _kind_ids(questionnaire: Questionnaire, kinds) -> list[int]:
    return list(
        Question.objects.filter(questionnaire=questionnaire, kind__in=kinds).values_list("pk", flat=True)
    )


def tallies_rebuild(questionnaire: Questionnaire) -> int:
    """Recount the questionnaire's tallies from its responses and answers; returns the responses counted. On
    PostgreSQL the groups' table is locked meanwhile, so a response submitted in parallel is added after the
    recount, never lost nor counted twice (on SQLite writes are serialised anyway)."""
    groups, tallies = ResultGroup._meta.db_table, ResultTally._meta.db_table
    responses, answers = Response._meta.db_table, Answer._meta.db_table
    columns = ", ".join(ATTRIBUTES)
    matched = " AND ".join(f"g.{name} = r.{name}" for name in ATTRIBUTES)
    items, position, pairs = _json_sources()
    number = (
        "CAST(j.value AS double precision)" if connection.vendor == "postgresql" else "CAST(j.value AS REAL)"
    )
    value_ids = _kind_ids(questionnaire, VALUE_KINDS)
    item_ids = _kind_ids(questionnaire, ITEM_KINDS)
    cell_ids = _kind_ids(questionnaire, [QuestionKind.LIKERT_MATRIX])
    from_answers = (
        f"FROM {answers} a JOIN {responses} r ON r.id = a.response_id "
        f"JOIN {groups} g ON g.wave_id = r.wave_id AND g.everyone = %s AND g.attribute = '' AND {matched}"
    )
    insert = f"INSERT INTO {tallies} (group_id, question_id, part, key, value, count) "

    def ids(values: list[int]) -> str:
        return "a.question_id IN (" + ", ".join(str(int(value)) for value in values) + ")"

    statements: list[tuple[str, list]] = [
        (
            f"INSERT INTO {groups} (questionnaire_id, wave_id, everyone, attribute, {columns}, responses, "  # noqa: S608
            f"checksum) SELECT questionnaire_id, wave_id, %s, '', {columns}, COUNT(*), SUM(tally_check) FROM {responses} "
            f"WHERE questionnaire_id = %s GROUP BY questionnaire_id, wave_id, {columns}",
            [False, questionnaire.pk],
        ),
        (
            f"INSERT INTO {groups} (questionnaire_id, wave_id, everyone, attribute, {columns}, responses, "  # noqa: S608
            f"checksum) SELECT questionnaire_id, wave_id, %s, '', '', '', '', '', COUNT(*), SUM(tally_check) "
            f"FROM {responses} "
            f"WHERE questionnaire_id = %s GROUP BY questionnaire_id, wave_id",
            [True, questionnaire.pk],
        ),
        (
            f"{insert}SELECT g.id, a.question_id, %s, '', 0, COUNT(*) {from_answers} "  # noqa: S608
            f"WHERE r.questionnaire_id = %s GROUP BY g.id, a.question_id",
            [TallyPart.ANSWERED.value, False, questionnaire.pk],
        ),
        (
            f"{insert}SELECT g.id, a.question_id, %s, '', 0, COUNT(*) {from_answers} "  # noqa: S608
            f"WHERE r.questionnaire_id = %s AND a.text <> '' GROUP BY g.id, a.question_id",
            [TallyPart.TEXT.value, False, questionnaire.pk],
        ),
    ]
    if value_ids:
        statements.append(
            (
                f"{insert}SELECT g.id, a.question_id, %s, a.choice, COALESCE(a.number, 0), COUNT(*) "  # noqa: S608
                f"{from_answers} WHERE r.questionnaire_id = %s AND {ids(value_ids)} "
                f"GROUP BY g.id, a.question_id, a.choice, COALESCE(a.number, 0)",
                [TallyPart.VALUE.value, False, questionnaire.pk],
            )
        )
    if item_ids:
        statements.append(
            (
                f"{insert}SELECT g.id, a.question_id, %s, j.value, {position}, COUNT(*) "  # noqa: S608
                f"{from_answers}, {items} WHERE r.questionnaire_id = %s AND {ids(item_ids)} "
                f"GROUP BY g.id, a.question_id, j.value, {position}",
                [TallyPart.ITEM.value, False, questionnaire.pk],
            )
        )
    if cell_ids:
        statements.append(
            (
                f"{insert}SELECT g.id, a.question_id, %s, j.key, {number}, COUNT(*) "  # noqa: S608
                f"{from_answers}, {pairs} WHERE r.questionnaire_id = %s AND {ids(cell_ids)} "
                f"GROUP BY g.id, a.question_id, j.key, {number}",
                [TallyPart.CELL.value, False, questionnaire.pk],
            )
        )
    # Everyone's tallies: the sums of the wave's groups.
    statements.append(
        (
            f"{insert}SELECT e.id, t.question_id, t.part, t.key, t.value, SUM(t.count) "  # noqa: S608
            f"FROM {tallies} t JOIN {groups} g ON g.id = t.group_id "
            f"JOIN {groups} e ON e.wave_id = g.wave_id AND e.everyone = %s "
            f"WHERE g.questionnaire_id = %s AND g.everyone = %s AND g.attribute = '' "
            f"GROUP BY e.id, t.question_id, t.part, t.key, t.value",
            [True, questionnaire.pk, False],
        )
    )
    # The groups of one attribute and their tallies: the sums of the groups of all four sharing its value.
    for name in ATTRIBUTES:
        blanks = ", ".join(f"'' AS {other}" if other != name else other for other in ATTRIBUTES)
        statements.append(
            (
                f"INSERT INTO {groups} (questionnaire_id, wave_id, everyone, attribute, {columns}, "  # noqa: S608
                f"responses, checksum) SELECT questionnaire_id, wave_id, %s, %s, {blanks}, SUM(responses), "
                f"SUM(checksum) FROM {groups} WHERE questionnaire_id = %s AND everyone = %s AND attribute = '' "
                f"AND {name} <> '' GROUP BY questionnaire_id, wave_id, {name}",
                [False, name, questionnaire.pk, False],
            )
        )
        statements.append(
            (
                f"{insert}SELECT e.id, t.question_id, t.part, t.key, t.value, SUM(t.count) "  # noqa: S608
                f"FROM {tallies} t JOIN {groups} g ON g.id = t.group_id "
                f"JOIN {groups} e ON e.wave_id = g.wave_id AND e.attribute = %s AND e.{name} = g.{name} "
                f"WHERE g.questionnaire_id = %s AND g.everyone = %s AND g.attribute = '' "
                f"GROUP BY e.id, t.question_id, t.part, t.key, t.value",
                [name, questionnaire.pk, False],
            )
        )
    stamps = ResultsStamp._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        # The stamp's row first (a change by other means waits for the recount, then marks it stale again), then
        # the groups' table (a submission waits and is added after the recount): the order submissions lock them.
        cursor.execute(
            f"INSERT INTO {stamps} (questionnaire_id, version, salt, stale) VALUES (%s, 0, %s, %s) "  # noqa: S608
            "ON CONFLICT (questionnaire_id) DO NOTHING",
            [questionnaire.pk, new_stamp_salt(), True],
        )
        list(ResultsStamp.objects.select_for_update().filter(questionnaire=questionnaire).values_list("pk"))
        if connection.vendor == "postgresql":
            cursor.execute(f"LOCK TABLE {groups} IN SHARE ROW EXCLUSIVE MODE")
        ResultGroup.objects.filter(questionnaire=questionnaire).delete()
        for sql, params in statements:
            cursor.execute(sql, params)
        counted = Response.objects.filter(questionnaire=questionnaire).count()
        cursor.execute(
            f"UPDATE {stamps} SET version = version + 1, stale = %s WHERE questionnaire_id = %s",  # noqa: S608
            [False, questionnaire.pk],
        )
    cache.delete(_lock_key(questionnaire.pk))
    return counted


def _lock_key(questionnaire_id: int) -> str:
    return f"surveys-tallies-rebuild:{questionnaire_id}"


def tallies_ensure(questionnaire: Questionnaire) -> bool:
    """Whether the questionnaire's tallies are current, after recounting a small questionnaire at once. A large
    one is recounted by background work (asked for once; again after REBUILD_LOCK_SECONDS if it failed)."""
    return tallies_ready_stamp(questionnaire) is not None


def tallies_ready_stamp(questionnaire: Questionnaire) -> str | None:
    """`tallies_ensure`, giving when the tallies are current the questionnaire's results stamp (one row read by
    its key: it changes with every change to the responses or answers, see `results_changed`), to key what is
    built from them; None while a large questionnaire is being recounted."""
    stamp, stale = results_stamp(questionnaire)
    if not stale:
        return stamp
    if Response.objects.filter(questionnaire=questionnaire).count() <= INLINE_REBUILD_RESPONSES:
        tallies_rebuild(questionnaire)
        return results_stamp(questionnaire)[0]
    if cache.add(_lock_key(questionnaire.pk), 1, REBUILD_LOCK_SECONDS):
        from ..tasks import rebuild_tallies  # the task module imports this one

        transaction.on_commit(lambda: rebuild_tallies.delay(questionnaire.pk))
    return None


def tallies_verify() -> int:
    """Compare every questionnaire's tallies with its responses (their count and the sum of their random
    `tally_check` numbers: a scan of each questionnaire's responses, hence a periodic job, not per request) and
    mark those that disagree stale; returns how many. It catches rows written by raw SQL, which neither the
    services nor the signals see (a bulk import should call `results_changed(…, tallied=False)` itself)."""
    marked = 0
    for questionnaire in Questionnaire.objects.filter(responses__isnull=False).distinct().order_by("pk"):
        if not tallies_state(questionnaire).current and not results_stamp(questionnaire)[1]:
            results_changed(questionnaire.pk, tallied=False)
            marked += 1
    return marked
