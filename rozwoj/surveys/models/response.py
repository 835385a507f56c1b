"""Submitted responses and their answers.

Anonymity by construction (docs/decisions/0004-questionnaire-anonymity.md): a response's key is a random UUID,
an anonymous response has no person, no time finer than its day and no link to an invitation or distribution;
its answers are keyed by (response, question), so no sequence number records the order of submissions.
"""

import secrets
import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .questionnaire import Question, Questionnaire, Wave


def new_tally_check() -> int:
    return 1 + secrets.randbelow(2**31 - 1)


class Response(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="responses")
    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="responses")
    language = models.CharField(_("language"), max_length=8)
    questionnaire_version = models.PositiveIntegerField(_("version answered"), default=1)
    submitted_on = models.DateField(_("submitted on"))
    # Named and confidential responses only.
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="survey_responses"
    )
    is_anonymous = models.BooleanField(default=False, editable=False)
    # Links one respondent's responses across waves; for anonymous questionnaires derived from a code only the
    # respondent knows, so the platform cannot turn it back into a person.
    panel_key = models.CharField(max_length=64, blank=True)
    # Snapshot of the respondent's attributes at submission, for filters without a join to a person.
    organisation_kind = models.CharField(_("kind of organisation"), max_length=32, blank=True)
    local_government_kind = models.CharField(_("type of local government"), max_length=20, blank=True)
    voivodeship = models.CharField(_("voivodeship (TERC)"), max_length=2, blank=True)
    role = models.CharField(_("role"), max_length=32, blank=True)
    is_demo = models.BooleanField(default=False)
    # A random number (not ordered, joined to nothing) whose sum per result group is kept with the tallies, so
    # that a response deleted and another added by other means is noticed although the count stays the same.
    tally_check = models.PositiveIntegerField(default=new_tally_check, editable=False)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            models.CheckConstraint(
                condition=Q(is_anonymous=False) | Q(person__isnull=True, submitted_at__isnull=True),
                name="response_anonymous_without_person_or_time",
            ),
            models.UniqueConstraint(
                fields=["wave", "person"],
                condition=Q(person__isnull=False),
                name="response_one_per_person_per_wave",
            ),
        ]
        indexes = [
            models.Index(fields=["questionnaire", "wave"]),
            models.Index(fields=["questionnaire", "tally_check"], name="surveys_response_tally_check"),
            models.Index(fields=["questionnaire", "organisation_kind"]),
            models.Index(fields=["questionnaire", "local_government_kind"]),
            models.Index(fields=["questionnaire", "voivodeship"]),
            models.Index(fields=["questionnaire", "role"]),
            models.Index(fields=["questionnaire", "panel_key"]),
            models.Index(fields=["person", "questionnaire"]),
        ]

    def __str__(self) -> str:
        return str(self.pk)


class Answer(models.Model):
    """One row per question answered. `value` is the whole answer as JSON:
    single → "code"; multiple → ["code", …]; likert/number → number; likert_matrix → {"row": point};
    short/long text → "text"; date → "YYYY-MM-DD"; yes_no → true/false; ranking → ["code", …] best first.
    Typed copies for fast aggregation in SQL: `number` (likert, number, yes_no as 1/0), `choice` (single,
    yes_no as "yes"/"no"), `text` (texts and the "other, please specify" text), `date`."""

    pk = models.CompositePrimaryKey("response_id", "question_id")
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    value = models.JSONField()
    number = models.FloatField(null=True, blank=True)
    choice = models.CharField(max_length=64, blank=True)
    text = models.TextField(blank=True)
    date = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        indexes = [
            models.Index(fields=["question", "choice"]),
            models.Index(fields=["question", "number"]),
            models.Index(
                fields=["question", "response"]
            ),  # the first texts of a question, in random-key order
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.value}"
