"""A questionnaire and what it asks: waves, sections and questions.

Every text an author writes is a JSON object {language code: text} (`{"pl": "…", "en": "…"}`), so that a
questionnaire can be written in languages the interface itself does not speak (Latvian, Greek).
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from rozwoj.core.models import TimeStampedModel

# Languages a questionnaire may be written in (the respondent picks one). The interface around the questions is
# translated into the site's languages; for the others it is shown in English.
SURVEY_LANGUAGES = [
    ("pl", "polski"),
    ("en", "English"),
    ("lv", "latviešu"),
    ("el", "Ελληνικά"),
    ("lt", "lietuvių"),
    ("de", "Deutsch"),
    ("uk", "українська"),
]
SURVEY_LANGUAGE_CODES = frozenset(code for code, _name in SURVEY_LANGUAGES)

# The option code that "other, please specify" adds to a choice question.
OTHER = "other"


def localised(texts: dict | None, language: str, fallbacks: tuple[str, ...] = ("en", "pl")) -> str:
    """The text of `texts` in `language`, else in a fallback language, else any."""
    if not texts:
        return ""
    if isinstance(texts, str):
        return texts
    for code in (language, *fallbacks):
        if texts.get(code):
            return texts[code]
    return next((text for text in texts.values() if text), "")


class Anonymity(models.TextChoices):
    NAMED = "named", _("named: the results show who answered what")
    CONFIDENTIAL = "confidential", _("confidential: the platform knows who answered, reports never show it")
    ANONYMOUS = "anonymous", _("anonymous: nobody can tie an answer to a person")


# From the weakest to the strongest promise: a questionnaire with answers may only move up this list.
ANONYMITY_STRENGTH: dict[str, int] = {Anonymity.NAMED: 0, Anonymity.CONFIDENTIAL: 1, Anonymity.ANONYMOUS: 2}


class QuestionnaireStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


def new_panel_salt() -> str:
    return secrets.token_hex(16)


class Questionnaire(TimeStampedModel):
    title = models.JSONField(_("title"), default=dict)
    intro = models.JSONField(_("introduction"), default=dict, blank=True)
    languages = models.JSONField(_("languages"), default=list, help_text=_("Codes of the languages offered."))
    anonymity = models.CharField(
        _("anonymity"), max_length=12, choices=Anonymity.choices, default=Anonymity.CONFIDENTIAL
    )
    min_group_size = models.PositiveSmallIntegerField(
        _("smallest group shown in results"),
        default=5,
        help_text=_("Results hide any breakdown with fewer responses than this."),
    )
    status = models.CharField(
        _("status"), max_length=8, choices=QuestionnaireStatus.choices, default=QuestionnaireStatus.DRAFT
    )
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questionnaires",
    )
    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questionnaires",
    )
    # Raised each time a question's meaning changes after the first response (typo fixes do not raise it).
    version = models.PositiveIntegerField(_("version"), default=1)
    copied_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
        verbose_name=_("copy of"),
    )
    is_template = models.BooleanField(_("template"), default=False)
    template_key = models.SlugField(max_length=60, blank=True, help_text=_("Set on the seeded templates."))
    # Salt of the panel keys a respondent of an anonymous questionnaire derives from their own code.
    panel_salt = models.CharField(max_length=32, default=new_panel_salt, editable=False)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__isnull=True)
                | Q(opens_at__isnull=True)
                | Q(closes_at__gt=models.F("opens_at")),
                name="questionnaire_dates_ordered",
            ),
            models.CheckConstraint(
                condition=Q(min_group_size__gte=1), name="questionnaire_min_group_positive"
            ),
            models.UniqueConstraint(
                fields=["template_key"],
                condition=~Q(template_key=""),
                name="questionnaire_template_key_unique",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "closes_at"]),
            models.Index(fields=["owner", "-created_at"]),
        ]

    def __str__(self) -> str:
        return self.title_in(self.default_language) or f"#{self.pk}"

    @property
    def default_language(self) -> str:
        return self.languages[0] if self.languages else "pl"

    def title_in(self, language: str) -> str:
        return localised(self.title, language, (self.default_language,))

    def intro_in(self, language: str) -> str:
        return localised(self.intro, language, (self.default_language,))

    @property
    def is_anonymous(self) -> bool:
        return self.anonymity == Anonymity.ANONYMOUS


class Wave(models.Model):
    """One run of a questionnaire (before the training, after it, six months later); every response has one."""

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="waves")
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    label = models.JSONField(_("name"), default=dict)
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)

    class Meta:
        verbose_name = _("wave")
        verbose_name_plural = _("waves")
        ordering = ["questionnaire", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["questionnaire", "order"], name="wave_order_unique")]

    def __str__(self) -> str:
        return self.label_in("pl") or str(self.order)

    def label_in(self, language: str) -> str:
        return localised(self.label, language)


class Section(models.Model):
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    title = models.JSONField(_("title"), default=dict, blank=True)
    description = models.JSONField(_("description"), default=dict, blank=True)
    condition = models.JSONField(
        _("shown when"), default=dict, blank=True, help_text=_("Empty: always shown. See surveys.conditions.")
    )

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["questionnaire", "order", "id"]

    def __str__(self) -> str:
        return localised(self.title, "pl") or f"{self.order}"


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("single choice")
    MULTIPLE = "multiple", _("multiple choice")
    LIKERT = "likert", _("Likert scale")
    LIKERT_MATRIX = "likert_matrix", _("Likert matrix")
    NUMBER = "number", _("number")
    SHORT_TEXT = "short_text", _("short text")
    LONG_TEXT = "long_text", _("long text")
    DATE = "date", _("date")
    YES_NO = "yes_no", _("yes or no")
    RANKING = "ranking", _("ranking")


CHOICE_KINDS = frozenset({QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.RANKING})
SCALE_KINDS = frozenset({QuestionKind.LIKERT, QuestionKind.LIKERT_MATRIX})
TEXT_KINDS = frozenset({QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT})


class Question(models.Model):
    """One question. `options`/`rows` are lists of {"code": "a", "label": {lang: text}}; a Likert scale has
    `scale_points` points, optionally labelled (`scale_labels`: a list of {lang: text}, one per point)."""

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="questions")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    # Stable within the questionnaire: conditions and exports refer to questions by it.
    code = models.SlugField(_("code"), max_length=40)
    kind = models.CharField(_("kind"), max_length=16, choices=QuestionKind.choices)
    text = models.JSONField(_("question"), default=dict)
    help = models.JSONField(_("help text"), default=dict, blank=True)
    options = models.JSONField(_("options"), default=list, blank=True)
    allow_other = models.BooleanField(_('offer "other, please specify"'), default=False)
    rows = models.JSONField(_("rows of the matrix"), default=list, blank=True)
    scale_points = models.PositiveSmallIntegerField(_("points of the scale"), null=True, blank=True)
    scale_labels = models.JSONField(_("labels of the scale"), default=list, blank=True)
    min_value = models.FloatField(_("smallest number"), null=True, blank=True)
    max_value = models.FloatField(_("largest number"), null=True, blank=True)
    required = models.BooleanField(_("required"), default=False)
    condition = models.JSONField(
        _("shown when"), default=dict, blank=True, help_text=_("Empty: always shown. See surveys.conditions.")
    )
    # A question whose meaning changed after responses existed is retired and replaced by a new one.
    is_active = models.BooleanField(_("in use"), default=True)
    replaces = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replaced_by", editable=False
    )
    since_version = models.PositiveIntegerField(_("since version"), default=1)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["questionnaire", "section__order", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "code"], condition=Q(is_active=True), name="question_code_unique"
            ),
            models.CheckConstraint(
                condition=Q(min_value__isnull=True)
                | Q(max_value__isnull=True)
                | Q(max_value__gte=models.F("min_value")),
                name="question_min_max_ordered",
            ),
            models.CheckConstraint(
                condition=Q(scale_points__isnull=True) | Q(scale_points__gte=2, scale_points__lte=11),
                name="question_scale_points_range",
            ),
        ]
        indexes = [models.Index(fields=["questionnaire", "is_active", "order"])]

    def __str__(self) -> str:
        return self.text_in("pl") or self.code

    def text_in(self, language: str) -> str:
        return localised(self.text, language, (self.questionnaire.default_language,))

    def help_in(self, language: str) -> str:
        return localised(self.help, language, (self.questionnaire.default_language,))

    def option_codes(self) -> list[str]:
        codes = [option["code"] for option in self.options]
        if self.allow_other and self.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            codes.append(OTHER)
        return codes

    def row_codes(self) -> list[str]:
        return [row["code"] for row in self.rows]

    def scale(self) -> list[int]:
        return list(range(1, (self.scale_points or 5) + 1))
