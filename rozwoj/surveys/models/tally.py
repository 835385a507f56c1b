"""Counts of the answers kept up to date as responses come in, so that results never read every answer.

A `ResultGroup` is the responses of one wave that share the respondent attributes the results filter by (kind of
organisation, type of local government, voivodeship, role); one more group per wave, `everyone`, holds them all,
and one per value of each single attribute (`attribute`: e.g. all the schools), so that a filter by one attribute
reads one group and a filter by two or more the few groups of all four that match.
A `ResultTally` counts, within a group, the answers to one question by what they say (see `TallyPart`). The
results page and a filtered result add up the tallies of the matching groups (a few hundred rows to a few
thousand whatever the number of responses) instead of grouping millions of answers.

Submitting a response adds to its two groups in the same transaction (`services.tallies`). When the groups and
the responses disagree (responses written by other means, e.g. an import), the tallies are rebuilt from the
answers in SQL and the results say they are being prepared meanwhile: numbers that are not current are never
shown as current.

Anonymity: tallies hold counts, never a response's key, a person or a time; a group holds attributes every
response of it already carries. The results apply the minimum group size to what they add up.
"""

import secrets

from django.db import models
from django.db.models import Q

from .questionnaire import Question, Questionnaire, Wave


class TallyPart(models.TextChoices):
    ANSWERED = "a", "answered"  # key "", value 0
    TEXT = "t", "with a text"  # key "", value 0: answers with a free or "other" text
    VALUE = (
        "v",
        "value",
    )  # single, yes/no, Likert, number: key the option code (or ""), value the number (or 0)
    ITEM = (
        "c",
        "item of a list",
    )  # multiple choice, ranking: key the option code, value its position (0 first)
    CELL = "m", "row of a matrix"  # Likert matrix: key the row code, value the point


class ResultGroup(models.Model):
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="+")
    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="+")
    everyone = models.BooleanField(default=False)
    # "": a group of all four attributes (or everyone's); else the name of the one attribute this group shares,
    # the others left empty: what a filter by one attribute reads (one group instead of hundreds).
    attribute = models.CharField(max_length=32, blank=True)
    organisation_kind = models.CharField(max_length=32, blank=True)
    local_government_kind = models.CharField(max_length=20, blank=True)
    voivodeship = models.CharField(max_length=2, blank=True)
    role = models.CharField(max_length=32, blank=True)
    responses = models.PositiveIntegerField(default=0)
    # The sum of its responses' `tally_check`: with the count, how the results know the tallies are current.
    checksum = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "wave",
                    "everyone",
                    "attribute",
                    "organisation_kind",
                    "local_government_kind",
                    "voivodeship",
                    "role",
                ],
                name="result_group_unique",
            ),
            models.CheckConstraint(
                condition=Q(everyone=False)
                | Q(organisation_kind="", local_government_kind="", voivodeship="", role=""),
                name="result_group_everyone_without_attributes",
            ),
            models.CheckConstraint(
                condition=Q(attribute="") | Q(everyone=False), name="result_group_everyone_of_no_attribute"
            ),
        ]
        indexes = [models.Index(fields=["questionnaire", "everyone"])]

    def __str__(self) -> str:
        return f"{self.questionnaire_id}/{self.wave_id}: {self.responses}"


class ResultTally(models.Model):
    group = models.ForeignKey(ResultGroup, on_delete=models.CASCADE, related_name="tallies")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    part = models.CharField(max_length=1, choices=TallyPart.choices)
    key = models.CharField(max_length=64, blank=True)
    value = models.FloatField(default=0)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["group", "question", "part", "key", "value"], name="result_tally_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question_id} {self.part} {self.key} {self.value}: {self.count}"


def new_stamp_salt() -> int:
    return 1 + secrets.randbelow(2**31 - 1)


class ResultsStamp(models.Model):
    """Where a questionnaire's results are at, read with one row by its key instead of counting the responses.

    `version` grows by one in the same transaction as every change to the questionnaire's responses or answers
    (`services.tallies.results_changed`): a submission (whose tallies are added in that transaction), and any
    response or answer saved or deleted otherwise (signals; then `stale` too, until the tallies are recounted).
    Committed versions only grow (the row is locked by the bump until the change commits; a rolled-back change
    rolls its bump back), so one version never names two states. What is built from the results is cached under
    the version and `salt` (random, so a database created anew never meets an old cache entry).

    Anonymity: a number of changes and a random number, nothing else: no time, no response key, nothing a
    response carries (an anonymous response's `submitted_on` stays the only time, and is a day).
    """

    questionnaire = models.OneToOneField(
        Questionnaire, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    version = models.PositiveBigIntegerField(default=0)
    salt = models.PositiveIntegerField(default=new_stamp_salt)
    # The tallies miss a change (responses or answers written outside the services): recount before reading.
    stale = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"{self.questionnaire_id}: {self.version}{' stale' if self.stale else ''}"
