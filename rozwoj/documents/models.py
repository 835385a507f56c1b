"""The document library: documents with their versions, a category list, and who may see each one."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from rozwoj.accounts.models import Role
from rozwoj.core.files import PrivateUploadTo
from rozwoj.core.models import TimeStampedModel
from rozwoj.programmes.models import Programme


class Category(models.Model):
    """An entry of the editable list of document categories, named in both languages."""

    name_pl = models.CharField(_("name (Polish)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("document category")
        verbose_name_plural = _("document categories")
        ordering = ["order", "name_pl", "id"]
        constraints = [
            models.UniqueConstraint(
                Lower("name_pl"),
                name="documents_category_name_unique",
                violation_error_message=_("A category with this name already exists."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if (get_language() or "pl").startswith("en") and self.name_en:
            return self.name_en
        return self.name_pl


class Visibility(models.TextChoices):
    STAFF = "staff", _("coordinators only (not published)")
    PUBLIC = "public", _("everyone")
    SIGNED_IN = "signed_in", _("signed-in users")
    ROLE = "role", _("users with a role")
    PROGRAMME = "programme", _("participants of the programme")


PUBLISHED_VISIBILITIES = frozenset(
    {Visibility.PUBLIC, Visibility.SIGNED_IN, Visibility.ROLE, Visibility.PROGRAMME}
)


class Language(models.TextChoices):
    POLISH = "pl", _("Polish")
    ENGLISH = "en", _("English")
    OTHER = "other", _("another language")


class FileType(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "DOCX"
    XLSX = "xlsx", "XLSX"
    ODT = "odt", "ODT"
    ODS = "ods", "ODS"


CONTENT_TYPES: dict[str, str] = {
    FileType.PDF: "application/pdf",
    FileType.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    FileType.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    FileType.ODT: "application/vnd.oasis.opendocument.text",
    FileType.ODS: "application/vnd.oasis.opendocument.spreadsheet",
}


class Document(TimeStampedModel):
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    language = models.CharField(
        _("language"), max_length=5, choices=Language.choices, default=Language.POLISH
    )
    visibility = models.CharField(
        _("visible to"), max_length=10, choices=Visibility.choices, default=Visibility.STAFF
    )
    role = models.CharField(
        _("role"),
        max_length=32,
        choices=Role.choices,
        blank=True,
        help_text=_("For documents visible to users with a role."),
    )
    is_accessible = models.BooleanField(
        _("the file is accessible"),
        default=True,
        help_text=_("Uncheck when the file does not meet the accessibility requirements (WCAG 2.1)."),
    )
    accessibility_note = models.CharField(
        _("accessible alternative"),
        max_length=500,
        blank=True,
        help_text=_("How to get the content in an accessible form, e.g. an e-mail address to ask for it."),
    )
    current_version = models.ForeignKey(
        "DocumentVersion",
        verbose_name=_("current version"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The version the library links to; a new upload becomes the current one."),
    )
    download_count = models.PositiveIntegerField(_("downloads"), default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(visibility=Visibility.ROLE) | ~Q(role=""),
                name="documents_role_visibility_names_a_role",
                violation_error_message=_("Choose the role that may see the document."),
            ),
            models.CheckConstraint(
                condition=~Q(visibility=Visibility.PROGRAMME) | Q(programme__isnull=False),
                name="documents_programme_visibility_has_programme",
                violation_error_message=_("Choose the programme whose participants may see the document."),
            ),
            models.CheckConstraint(
                condition=Q(is_accessible=True) | ~Q(accessibility_note=""),
                name="documents_inaccessible_has_note",
                violation_error_message=_(
                    "Say how to get an accessible alternative of a document that is not accessible."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["visibility", "-created_at"], name="documents_visibility_idx"),
            models.Index(fields=["category", "-created_at"], name="documents_category_idx"),
            models.Index(fields=["programme", "-created_at"], name="documents_programme_idx"),
            models.Index(fields=["language", "-created_at"], name="documents_language_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.visibility in PUBLISHED_VISIBILITIES


class DocumentVersion(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to=PrivateUploadTo("documents/files"), max_length=255)
    filename = models.CharField(_("file name"), max_length=120)
    file_type = models.CharField(_("type"), max_length=5, choices=FileType.choices)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    download_count = models.PositiveIntegerField(_("downloads"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "number"],
                name="documents_version_number_unique",
                violation_error_message=_("This version number already exists."),
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="documents_version_number_positive"),
            models.CheckConstraint(condition=Q(size__gte=1), name="documents_version_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.document.title} (v{self.number})"

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES.get(self.file_type, "application/octet-stream")
