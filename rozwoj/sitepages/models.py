"""The pages every public body's site must have: the accessibility declaration (the elements of the technical
conditions, version 2.0 of July 2024), the privacy notice (RODO information clause) and the contact page.

Each exists once (the declaration has the fixed primary key 1; a site page is unique by its kind). Texts are
kept in Polish and English; the pages show the reader's language and fall back to Polish when English is empty.
"""

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

DECLARATION_PK = 1


def localized(obj: models.Model, field: str) -> str:
    """`<field>_en` for an English reader when it is filled, otherwise `<field>_pl`."""
    if translation.get_language() == "en":
        value = getattr(obj, f"{field}_en")
        if value:
            return value
    return getattr(obj, f"{field}_pl")


class ComplianceStatus(models.TextChoices):
    FULL = "full", _("fully compliant")
    PARTIAL = "partial", _("partially compliant")
    NONE = "none", _("not compliant")


class AssessmentKind(models.TextChoices):
    SELF = "self", _("self-assessment")
    EXTERNAL = "external", _("assessment by an external entity")


class AccessibilityDeclaration(models.Model):
    entity_name_pl = models.CharField(_("entity name (Polish)"), max_length=255)
    entity_name_en = models.CharField(_("entity name (English)"), max_length=255, blank=True)
    site_url = models.URLField(_("site address"), max_length=500)
    published_on = models.DateField(_("date of publication of the site"))
    updated_on = models.DateField(_("date of the last significant update of the site"))
    status = models.CharField(
        _("compliance status"),
        max_length=10,
        choices=ComplianceStatus.choices,
        default=ComplianceStatus.PARTIAL,
    )
    non_compliant_pl = models.TextField(_("non-compliant content (Polish)"), blank=True)
    non_compliant_en = models.TextField(_("non-compliant content (English)"), blank=True)
    exemptions_pl = models.TextField(_("content exempted from the law (Polish)"), blank=True)
    exemptions_en = models.TextField(_("content exempted from the law (English)"), blank=True)
    prepared_on = models.DateField(_("date the declaration was prepared"))
    reviewed_on = models.DateField(_("date of the last review of the declaration"), null=True, blank=True)
    assessment = models.CharField(
        _("how the accessibility was assessed"), max_length=10, choices=AssessmentKind.choices,
        default=AssessmentKind.SELF,
    )  # fmt: skip
    assessment_url = models.URLField(_("link to the assessment report"), max_length=500, blank=True)
    contact_person = models.CharField(_("contact person"), max_length=200)
    email = models.EmailField(_("contact e-mail"))
    phone = models.CharField(_("contact phone"), max_length=40)
    complaint_procedure_pl = models.TextField(_("request and complaint procedure (Polish)"))
    complaint_procedure_en = models.TextField(_("request and complaint procedure (English)"), blank=True)
    architecture_pl = models.TextField(_("architectural accessibility (Polish)"))
    architecture_en = models.TextField(_("architectural accessibility (English)"), blank=True)
    architecture_url = models.URLField(
        _("link to more on architectural accessibility"), max_length=500, blank=True
    )
    communication_pl = models.TextField(_("communication accessibility (Polish)"))
    communication_en = models.TextField(_("communication accessibility (English)"), blank=True)
    mobile_apps_pl = models.TextField(_("mobile applications (Polish)"), blank=True)
    mobile_apps_en = models.TextField(_("mobile applications (English)"), blank=True)
    # The year whose 31 March review reminder was sent (once per year).
    review_reminder_year = models.PositiveIntegerField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("accessibility declaration")
        verbose_name_plural = _("accessibility declarations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pk=DECLARATION_PK), name="sitepages_declaration_is_a_singleton"
            ),
        ]

    def __str__(self) -> str:
        return str(_("Accessibility declaration"))


class SitePageKind(models.TextChoices):
    PRIVACY = "privacy", _("privacy notice")
    CONTACT = "contact", _("contact")


class SitePage(models.Model):
    kind = models.CharField(_("page"), max_length=20, choices=SitePageKind.choices, unique=True)
    title_pl = models.CharField(_("title (Polish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    body_pl = models.TextField(
        _("text (Polish)"), help_text=_("Markdown: **bold**, lists, [links](https://…).")
    )
    body_en = models.TextField(
        _("text (English)"), blank=True, help_text=_("Empty: the Polish text is shown.")
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("site page")
        verbose_name_plural = _("site pages")

    def __str__(self) -> str:
        return self.get_kind_display()
