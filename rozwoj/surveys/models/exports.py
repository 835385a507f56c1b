"""An export of all responses prepared by background work: 100,000 responses make millions of cells, longer
than a web request may last. The file is stored privately (rozwoj.core.files) and downloaded only by those who may
read the questionnaire's results."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from rozwoj.core.files import PrivateUploadTo

from .questionnaire import Questionnaire, Wave


class ResultsExport(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="prepared_exports"
    )
    wave = models.ForeignKey(Wave, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    codes = models.BooleanField(_("codes instead of labels"), default=False)
    language = models.CharField(max_length=8)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    rows_total = models.PositiveIntegerField(_("responses"), default=0)
    rows_done = models.PositiveIntegerField(_("responses written"), default=0)
    file = models.FileField(upload_to=PrivateUploadTo("surveys/exports"), max_length=255, blank=True)
    ready_at = models.DateTimeField(_("ready"), null=True, blank=True)
    failed = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("prepared export")
        verbose_name_plural = _("prepared exports")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rows_done__lte=F("rows_total")), name="results_export_progress"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.questionnaire_id} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def percent(self) -> int:
        return 100 if self.ready_at else (100 * self.rows_done // self.rows_total if self.rows_total else 0)
