"""The co-written handbook of a programme (issue #12, part 7).

A handbook has ordered parts, a part ordered chapters; a chapter's sections are the second-level headings
(`## …`) of its Markdown text, so one save keeps a chapter whole. The English text is the master; Polish, Latvian
and Greek translations follow it. Every save of a text is a numbered version; `revision` on the chapter and on
each translation is the optimistic lock (a save names the revision it started from and is refused when another
save came first). A translation is outdated when the master's revision is newer than the one it was made from.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from rozwoj.coaching.models import Technique
from rozwoj.core.files import PrivateUploadTo
from rozwoj.core.models import TimeStampedModel
from rozwoj.organisations.models import Organisation
from rozwoj.people.models import Person
from rozwoj.programmes.models import Programme

MASTER_LANGUAGE = "en"
# Translations follow the English master; the names are written in their own language.
TRANSLATION_LANGUAGES = [("pl", "polski"), ("lv", "latviešu"), ("el", "Ελληνικά")]
LANGUAGES = [(MASTER_LANGUAGE, "English"), *TRANSLATION_LANGUAGES]
MAX_TEXT = 200_000


class Handbook(TimeStampedModel):
    programme = models.OneToOneField(
        Programme, on_delete=models.CASCADE, related_name="handbook", verbose_name=_("programme")
    )
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True, max_length=5000)
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("handbook")
        verbose_name_plural = _("handbooks")
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("handbooks:handbook", args=[self.pk])


class Part(models.Model):
    handbook = models.ForeignKey(Handbook, on_delete=models.CASCADE, related_name="parts")
    title = models.CharField(_("title"), max_length=300)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("part")
        verbose_name_plural = _("parts")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title


class ChapterStatus(models.TextChoices):
    OUTLINE = "outline", _("outline")
    DRAFT = "draft", _("draft")
    IN_REVIEW = "in_review", _("in review")
    APPROVED = "approved", _("approved")


class Chapter(TimeStampedModel):
    handbook = models.ForeignKey(Handbook, on_delete=models.CASCADE, related_name="chapters")
    part = models.ForeignKey(Part, on_delete=models.CASCADE, related_name="chapters", verbose_name=_("part"))
    title = models.CharField(_("title"), max_length=300)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    author_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("author partner")
    )
    authors = models.ManyToManyField(Person, blank=True, related_name="+", verbose_name=_("authors"))
    techniques = models.ManyToManyField(
        Technique, blank=True, related_name="+", verbose_name=_("techniques described")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ChapterStatus.choices, default=ChapterStatus.OUTLINE
    )
    body = models.TextField(_("text (English)"), blank=True)
    revision = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("chapter")
        verbose_name_plural = _("chapters")
        ordering = ["part__order", "part_id", "order", "pk"]
        indexes = [models.Index(fields=["handbook", "status"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("handbooks:chapter", args=[self.pk])


class TranslationStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")


class Translation(models.Model):
    chapter = models.ForeignKey(Chapter, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=7, choices=TRANSLATION_LANGUAGES)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=TranslationStatus.choices, default=TranslationStatus.IN_PROGRESS
    )
    revision = models.PositiveIntegerField(default=0)
    master_revision = models.PositiveIntegerField(
        default=0, help_text=_("The revision of the English text this translation follows.")
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        ordering = ["chapter", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["chapter", "language"], name="handbook_translation_one_per_language"
            ),
            models.CheckConstraint(
                condition=Q(language__in=[code for code, _name in TRANSLATION_LANGUAGES]),
                name="handbook_translation_language",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.chapter_id} ({self.language})"

    @property
    def is_outdated(self) -> bool:
        """The English master changed after this translation was last brought up to date."""
        return self.chapter.revision > self.master_revision


class ChapterVersion(models.Model):
    """One save of a chapter's text in one language (the English master or a translation)."""

    chapter = models.ForeignKey(Chapter, on_delete=models.CASCADE, related_name="versions")
    language = models.CharField(_("language"), max_length=7, choices=LANGUAGES)
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("saved by"),
    )
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)

    class Meta:
        verbose_name = _("chapter version")
        verbose_name_plural = _("chapter versions")
        ordering = ["chapter", "language", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["chapter", "language", "number"], name="handbook_version_number_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.chapter_id} {self.language} v{self.number}"


class Comment(models.Model):
    """A review comment anchored to one paragraph of a chapter's English text (its index and its opening words,
    so the anchor still reads when the text moves on)."""

    chapter = models.ForeignKey(Chapter, on_delete=models.CASCADE, related_name="comments")
    paragraph = models.PositiveIntegerField(_("paragraph"))
    quote = models.CharField(_("paragraph quoted"), max_length=200, blank=True)
    body = models.TextField(_("comment"), max_length=5000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")
        ordering = ["paragraph", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.chapter_id} ¶{self.paragraph}"


class ExportFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "DOCX"


class HandbookExport(models.Model):
    """An export asked for and prepared by background work, with its progress (chapters written)."""

    handbook = models.ForeignKey(Handbook, on_delete=models.CASCADE, related_name="exports")
    language = models.CharField(
        _("language"), max_length=7, blank=True, help_text=_("Empty: every language.")
    )
    format = models.CharField(_("format"), max_length=4, choices=ExportFormat.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    chapters_total = models.PositiveIntegerField(default=0)
    chapters_done = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to=PrivateUploadTo("handbooks/exports"), max_length=255, blank=True)
    ready_at = models.DateTimeField(_("ready"), null=True, blank=True)
    failed = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("handbook export")
        verbose_name_plural = _("handbook exports")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(chapters_done__lte=F("chapters_total")), name="handbook_export_progress"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.handbook_id} {self.language or 'all'} {self.format}"

    @property
    def percent(self) -> int:
        if self.ready_at:
            return 100
        return 100 * self.chapters_done // self.chapters_total if self.chapters_total else 0
