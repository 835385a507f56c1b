"""News posts: a text in Polish and/or English, its category, tags, the programmes and events it is about, a
cover photo and gallery, attachments, a status with who changed it and when, and every version of its text."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from rozwoj.core.files import PrivateUploadTo
from rozwoj.core.models import TimeStampedModel
from rozwoj.events.models import Event
from rozwoj.programmes.models import Programme

LANGUAGES = ("pl", "en")


class Category(models.Model):
    """An editable list ("Projekty szkoleniowe" is seeded); the slug names it in filters and feed addresses."""

    name_pl = models.CharField(_("name (Polish)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    slug = models.SlugField(_("short name in addresses"), max_length=60, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")
        ordering = ["order", "name_pl"]
        constraints = [
            models.UniqueConstraint(
                Lower("name_pl"),
                name="news_category_name_unique",
                violation_error_message=_("A category with this name already exists."),
            )
        ]

    def __str__(self) -> str:
        return self.name(None)

    def name(self, language: str | None) -> str:
        from django.utils.translation import get_language

        language = language or get_language() or "pl"
        return self.name_en if language.startswith("en") and self.name_en else self.name_pl


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=50)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(Lower("name"), name="news_tag_name_unique")]

    def __str__(self) -> str:
        return self.name


class PostStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    REVIEW = "review", _("in review")
    SCHEDULED = "scheduled", _("scheduled")
    PUBLISHED = "published", _("published")
    ARCHIVED = "archived", _("archived")


class Post(TimeStampedModel):
    title_pl = models.CharField(_("title (Polish)"), max_length=200, blank=True)
    lead_pl = models.TextField(_("lead (Polish)"), max_length=600, blank=True)
    body_pl = models.TextField(_("text (Polish)"), max_length=50000, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    lead_en = models.TextField(_("lead (English)"), max_length=600, blank=True)
    body_en = models.TextField(_("text (English)"), max_length=50000, blank=True)
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="posts"
    )
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="posts")
    programmes = models.ManyToManyField(
        Programme, verbose_name=_("programmes"), blank=True, related_name="news_posts"
    )
    events = models.ManyToManyField(Event, verbose_name=_("events"), blank=True, related_name="news_posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="news_posts",
    )
    author_name = models.CharField(_("author shown as"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=PostStatus.choices, default=PostStatus.DRAFT
    )
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("status changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    publish_at = models.DateTimeField(_("publish at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    text_updated_at = models.DateTimeField(_("last updated"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    shown_language: str  # set by the selectors for one reader: the language version shown to them

    class Meta:
        verbose_name = _("news post")
        verbose_name_plural = _("news posts")
        ordering = ["-published_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(title_pl="") | ~Q(title_en=""),
                name="news_post_has_a_title",
                violation_error_message=_("Give the post a title in at least one language."),
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="news_post_published_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="scheduled") | Q(publish_at__isnull=False),
                name="news_post_scheduled_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-published_at", "-id"], name="news_post_public_idx"),
            models.Index(fields=["status", "publish_at"], name="news_post_due_idx"),
        ]

    def __str__(self) -> str:
        return self.title_pl or self.title_en

    @property
    def languages(self) -> list[str]:
        return [code for code in LANGUAGES if getattr(self, f"title_{code}")]

    def version_language(self, wanted: str | None) -> str:
        """The language shown to a reader who wants `wanted`: that one when the post has it, else the other."""
        wanted = (wanted or "pl")[:2]
        languages = self.languages
        return wanted if wanted in languages else (languages[0] if languages else "pl")

    def text(self, language: str) -> dict[str, str]:
        return {
            "title": getattr(self, f"title_{language}"),
            "lead": getattr(self, f"lead_{language}"),
            "body": getattr(self, f"body_{language}"),
        }

    @property
    def is_public(self) -> bool:
        return self.status == PostStatus.PUBLISHED


TEXT_FIELDS = ["title_pl", "lead_pl", "body_pl", "title_en", "lead_en", "body_en"]


class PostVersion(models.Model):
    """A kept version of a post's text: the first one and every later change."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    title_pl = models.CharField(max_length=200, blank=True)
    lead_pl = models.TextField(blank=True)
    body_pl = models.TextField(blank=True)
    title_en = models.CharField(max_length=200, blank=True)
    lead_en = models.TextField(blank=True)
    body_en = models.TextField(blank=True)
    created_at = models.DateTimeField(_("saved"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("version of a post")
        verbose_name_plural = _("versions of posts")
        ordering = ["post", "-number"]
        constraints = [models.UniqueConstraint(fields=["post", "number"], name="news_version_unique")]

    def __str__(self) -> str:
        return f"{self.post} v{self.number}"


class PostPhoto(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to=PrivateUploadTo("news/photos"), max_length=255)
    content_type = models.CharField(max_length=50)
    alt_text = models.CharField(_("alternative text"), max_length=300)
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_cover = models.BooleanField(_("cover photo"), default=False)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(alt_text=""), name="news_photo_alt_required"),
            models.UniqueConstraint(fields=["post"], condition=Q(is_cover=True), name="news_photo_one_cover"),
        ]

    def __str__(self) -> str:
        return self.alt_text


class PostAttachment(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=PrivateUploadTo("news/attachments"), max_length=255)
    size = models.PositiveBigIntegerField(_("size"))
    content_type = models.CharField(max_length=120)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title
