import datetime

from django import forms
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rozwoj.core.forms import DateTimeField
from rozwoj.organisations.fields import OrganisationChoiceField
from rozwoj.people.models import Person

from ..audiences import audience_choices, audience_members
from ..models import Questionnaire
from .builder import DateTimeInput

MAX_ADDRESSES = 2000


class DistributionForm(forms.Form):
    TARGETS = [
        ("people", _("people I list by their e-mail addresses")),
        ("experts", _("all the experts")),
        ("organisation", _("the team of an organisation (e.g. a local government's office)")),
        ("group", _("a group (e.g. a partner's pilot group)")),
        ("public_link", _("anyone with a public link")),
    ]
    target = forms.ChoiceField(
        label=_("Send to"), choices=TARGETS, widget=forms.RadioSelect, initial="people"
    )
    wave = forms.ChoiceField(label=_("Wave"))
    addresses = forms.CharField(
        label=_("E-mail addresses, one per line"),
        required=False,
        max_length=200_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Only people already in the platform; unknown addresses are listed back to you."),
    )
    organisation = OrganisationChoiceField(label=_("Organisation"), required=False)
    group = forms.ChoiceField(label=_("Group"), required=False)
    send_at = DateTimeField(
        label=_("Send the invitations at"),
        required=False,
        widget=DateTimeInput(),
        help_text=_("Empty: as soon as possible."),
    )
    reminder_every_days = forms.IntegerField(
        label=_("Remind those who have not answered every (days)"), min_value=0, max_value=60, initial=7
    )
    max_reminders = forms.IntegerField(label=_("Reminders at most"), min_value=0, max_value=10, initial=2)

    def __init__(self, *args, questionnaire: Questionnaire, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.questionnaire = questionnaire
        self.user = user
        groups = audience_choices(user)
        if groups:
            self.fields["group"].choices = [("", "—"), *groups]
        else:  # no group this user may send to: the choice is not offered
            del self.fields["group"]
            self.fields["target"].choices = [
                choice for choice in self.fields["target"].choices if choice[0] != "group"
            ]
        self.fields["wave"].choices = [
            (str(wave.pk), wave.label_in(questionnaire.default_language) or str(wave.order))
            for wave in questionnaire.waves.order_by("order")
        ]

    def clean(self):
        cleaned = super().clean()
        target = cleaned.get("target")
        if target == "people":
            lines = [
                line.strip().lower() for line in cleaned.get("addresses", "").replace(",", "\n").splitlines()
            ]
            addresses = list(dict.fromkeys(line for line in lines if line))
            if not addresses:
                self.add_error("addresses", _("Give at least one e-mail address."))
            elif len(addresses) > MAX_ADDRESSES:
                self.add_error(
                    "addresses", _("Give at most %(count)d addresses at once.") % {"count": MAX_ADDRESSES}
                )
            else:
                people = list(
                    Person.objects.annotate(email_lower=Lower("email")).filter(email_lower__in=addresses)
                )
                known = {person.email.lower() for person in people}
                unknown = [address for address in addresses if address not in known]
                if unknown:
                    self.add_error(
                        "addresses",
                        _("Nobody in the platform has these addresses: %(addresses)s.")
                        % {"addresses": ", ".join(unknown[:20])},
                    )
                cleaned["people"] = people
        elif target == "organisation" and not cleaned.get("organisation"):
            self.add_error("organisation", _("Choose the organisation."))
        elif target == "group" and "group" in self.fields:
            members = audience_members(self.user, cleaned.get("group") or "")
            if members is None:
                self.add_error("group", _("Choose the group."))
            else:
                people, cleaned["group_label"], cleaned["group_url"] = members
                cleaned["people"] = list(people)
                if not cleaned["people"]:
                    self.add_error("group", _("This group has no members yet."))
        send_at = cleaned.get("send_at")
        if send_at and send_at < timezone.now() - datetime.timedelta(days=1):
            self.add_error("send_at", _("Choose a time from now on."))
        return cleaned
