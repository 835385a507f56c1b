from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

# The most seats or places a venue, a session or an online event may have: more is a typing error, not a plan.
MAX_PLACES = 100_000


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    class Meta:
        abstract = True


class AuditLogEntry(models.Model):
    """Who changed what and when, for records people rely on. Written by services only."""

    timestamp = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=64)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(_("object"), max_length=255)
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log entries")
        ordering = ["-timestamp", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-timestamp"])]

    def __str__(self) -> str:
        return f"{self.timestamp:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"


class PeriodicJobRun(models.Model):
    """When a periodic job (rozwoj.core.periodic) last ran: one row per job, kept by the runners."""

    name = models.CharField(_("job"), max_length=100, unique=True)
    last_run_at = models.DateTimeField(_("last run started"), null=True, blank=True)
    last_finished_at = models.DateTimeField(_("last run finished"), null=True, blank=True)
    last_result = models.CharField(_("last result"), max_length=200, blank=True)
    last_failed_at = models.DateTimeField(_("last failure"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("periodic job run")
        verbose_name_plural = _("periodic job runs")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SearchEntry(models.Model):
    """One findable thing in the site search (rozwoj.core.search): written by `reindex()` only, from the sources
    the apps register. `title_terms` and `text_terms` hold the words with their Polish stems; the databases
    index them (PostgreSQL: the `vector` column kept by a trigger with unaccent and a GIN index; SQLite: the
    FTS5 table core_searchentry_fts kept by triggers), see migration 0003."""

    kind = models.CharField(max_length=40)
    object_id = models.BigIntegerField()
    language = models.CharField(max_length=8, blank=True)
    title = models.CharField(max_length=500)
    text = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    date = models.DateTimeField(null=True, blank=True)
    title_terms = models.TextField(blank=True)
    text_terms = models.TextField(blank=True)

    class Meta:
        verbose_name = _("search index entry")
        verbose_name_plural = _("search index entries")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id", "language"], name="search_entry_unique"),
            models.CheckConstraint(condition=~models.Q(kind=""), name="search_entry_kind_set"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id} {self.title}"


class SearchGrant(models.Model):
    """Who may find a search entry: "public", "signed-in", "role:<role>", "user:<id>", "event:<id>"…"""

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="grants")
    token = models.CharField(max_length=80)

    class Meta:
        verbose_name = _("search grant")
        verbose_name_plural = _("search grants")
        constraints = [models.UniqueConstraint(fields=["token", "entry"], name="search_grant_unique")]

    def __str__(self) -> str:
        return self.token


class ContentChange(models.Model):
    """A change of some public content ("news", "events"…), written by `rozwoj.core.stamps.bump` in the
    transaction of the change: the newest row of a topic is its stamp, the key of what is cached of it (the home
    page's sections, the news list's counts), so that a change shows at once. Rows are only ever added (no row
    to lock: writers of one topic never wait for each other) and pruned by a periodic job."""

    topic = models.CharField(max_length=40)
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("content change")
        verbose_name_plural = _("content changes")
        indexes = [models.Index(fields=["topic", "-id"], name="core_change_topic_idx")]

    def __str__(self) -> str:
        return f"{self.topic} {self.pk}"
