"""The self-diagnosis questionnaire of stage 2: a copy of the seeded template sent to the local government's team
(through `surveys`), whose answers the diagnosis stage shows and its gate needs."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from rozwoj.core.audit import log_action
from rozwoj.surveys.models import Questionnaire, Response
from rozwoj.surveys.services.distribution import distribution_to_people
from rozwoj.surveys.services.questionnaires import questionnaire_duplicate, questionnaire_open

from ..models import Engagement, EngagementStatus
from ..selectors.access import can_work_on

TEMPLATE_KEY = "lg-self-diagnosis"


def diagnosis_template() -> Questionnaire | None:
    return Questionnaire.objects.filter(template_key=TEMPLATE_KEY, is_template=True).first()


def diagnosis_responses(engagement: Engagement) -> int:
    """How many of the team answered the self-diagnosis questionnaire."""
    if not engagement.diagnosis_questionnaire_id:
        return 0
    return Response.objects.filter(
        questionnaire_id=engagement.diagnosis_questionnaire_id, submitted_at__isnull=False
    ).count()


def diagnosis_send(*, actor, engagement: Engagement) -> Questionnaire:
    """Copy the self-diagnosis template for this engagement, open it and invite every member of the local
    government's team (a member added later is invited when this is done again; nobody is invited twice)."""
    if not can_work_on(actor, engagement):
        raise PermissionDenied
    if engagement.status != EngagementStatus.ACTIVE:
        raise ValidationError(_("The engagement is closed."))
    people = [member.person for member in engagement.members.select_related("person")]
    if not any(person.email for person in people):
        raise ValidationError(_("The local government's team has nobody with an e-mail address to invite."))
    with transaction.atomic():
        engagement = Engagement.objects.select_for_update().get(pk=engagement.pk)
        questionnaire = engagement.diagnosis_questionnaire
        if questionnaire is None:
            template = diagnosis_template()
            if template is None:
                raise ValidationError(_("The self-diagnosis template is missing: ask an administrator."))
            questionnaire = questionnaire_duplicate(
                actor=actor,
                questionnaire=template,
                title_suffix=f" — {engagement.local_government.display_name}",
            )
            questionnaire.programme_id = engagement.call.programme_id
            questionnaire.save(update_fields=["programme"])
            questionnaire_open(actor=actor, questionnaire=questionnaire)
            engagement.diagnosis_questionnaire = questionnaire
            engagement.save(update_fields=["diagnosis_questionnaire", "updated_at"])
        distribution = distribution_to_people(
            questionnaire,
            [person for person in people if person.email],
            None,
            _("Team of %(unit)s") % {"unit": engagement.local_government.display_name},
            reverse("advisory:engagement", args=[engagement.pk]),
            actor,
            check_access=False,
        )
        log_action(
            actor,
            engagement,
            "advisory.diagnosis.send",
            {"questionnaire": questionnaire.pk, "invited": distribution.invitations.count()},
        )
    return questionnaire
