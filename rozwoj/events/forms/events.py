"""Forms about events: events, sessions, agenda, trainers, changes of plan, filters and the calendar."""

from django import forms
from django.utils.translation import gettext_lazy as _

from rozwoj.accounts.models import Role
from rozwoj.core.forms import DateField, DateTimeField, ModelForm
from rozwoj.organisations.fields import OrganisationChoiceField
from rozwoj.organisations.models import (
    Organisation,
    OrganisationKind,
    Venue,
)
from rozwoj.organisations.selectors import voivodeships
from rozwoj.people.models import Person
from rozwoj.programmes.models import Programme
from rozwoj.programmes.selectors import programmes_visible_to

from ..models import (
    AgendaItem,
    Event,
    EventKind,
    EventStatus,
    EventTrainer,
    Format,
    ReasonCategory,
    Session,
)
from ..selectors import events_visible_to
from ..services.events import AGENDA_FIELDS, EVENT_FIELDS, KIND_FIELDS, SESSION_FIELDS

LANGUAGE_CHOICES = [
    ("pl", _("Polish")),
    ("en", _("English")),
    ("lv", _("Latvian")),
    ("el", _("Greek")),
    ("de", _("German")),
    ("uk", _("Ukrainian")),
]
DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format=DATETIME_FORMAT, **kwargs)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


def _venue_field(**kwargs) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        queryset=Venue.objects.order_by("name", "city").only("id", "name", "city", "capacity"), **kwargs
    )


class EventForm(ModelForm):
    organiser = OrganisationChoiceField(label=_("organiser"))
    audience_roles = forms.MultipleChoiceField(
        label=_("who may register (roles)"),
        choices=[(r.value, r.label) for r in Role if r not in (Role.ADMINISTRATOR,)],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Empty: anybody with an account."),
    )
    audience_organisation_kinds = forms.MultipleChoiceField(
        label=_("who may register (kinds of organisation)"),
        choices=OrganisationKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Empty: any organisation."),
    )
    languages = forms.MultipleChoiceField(
        label=_("languages"), choices=LANGUAGE_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Event
        fields = list(EVENT_FIELDS)
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "registration_opens_at": DateTimeInput(),
            "registration_closes_at": DateTimeInput(),
            "cancellation_deadline": DateTimeInput(),
        }
        help_texts = {"description": _("Markdown: **bold**, *italics*, lists, links. HTML is removed.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = Programme.objects.order_by("name").only("id", "name", "acronym")
        if not self.instance.pk:
            self.initial.setdefault("languages", ["pl"])

    def clean(self):
        cleaned = super().clean()
        opens, closes = cleaned.get("registration_opens_at"), cleaned.get("registration_closes_at")
        if opens and closes and closes <= opens:
            self.add_error("registration_closes_at", _("Registration must close after it opens."))
        return cleaned

    def _post_clean(self):
        # The service validates and saves; the model's constraints are checked there and by the database.
        pass


class SessionForm(ModelForm):
    venue = _venue_field(label=_("venue"), required=False)
    override_double_booking = forms.BooleanField(
        label=_("Override double booking: the venue may host another session at the same time"),
        required=False,
    )

    online_url = forms.URLField(
        label=_("online meeting link"), required=False, max_length=500, assume_scheme="https"
    )

    class Meta:
        model = Session
        fields = list(SESSION_FIELDS)
        widgets = {"starts_at": DateTimeInput(), "ends_at": DateTimeInput(), "format": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["order"].required = False
        self.fields["order"].help_text = _("Empty: after the last session.")
        self.fields["format"].choices = Format.choices
        if not self.instance.pk:
            self.fields["order"].initial = None

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The session must end after it starts."))
        return cleaned

    def _post_clean(self):
        pass


class AgendaItemForm(ModelForm):
    class Meta:
        model = AgendaItem
        fields = list(AGENDA_FIELDS)
        widgets = {"day": DateInput(), "starts_at": TimeInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["order"].required = False
        if not self.instance.pk:
            self.fields["order"].initial = None

    def _post_clean(self):
        pass


class BaseAgendaFormSet(forms.BaseInlineFormSet):
    def __init__(self, *args, trainers=None, **kwargs):
        super().__init__(*args, **kwargs)
        for form in self.forms:
            form.fields["trainer"].queryset = trainers if trainers is not None else Person.objects.none()

    @property
    def empty_form(self):
        form = super().empty_form
        form.fields["trainer"].queryset = Person.objects.none()
        return form

    def live_forms(self):
        return [form for form in self.forms if form.instance.pk or form.has_changed()]

    def rows(self) -> list[dict]:
        rows = []
        for form in self.live_forms():
            row = {field: form.cleaned_data.get(field) for field in AGENDA_FIELDS}
            row["id"] = form.instance.pk
            row["delete"] = bool(self._should_delete_form(form))
            rows.append(row)
        return rows


AgendaFormSet = forms.inlineformset_factory(
    Session, AgendaItem, form=AgendaItemForm, formset=BaseAgendaFormSet, extra=3, can_delete=True
)


class TrainerSearchForm(forms.Form):
    q = forms.CharField(label=_("Find a person (name or e-mail)"), required=False, max_length=100)


class TrainerAddForm(forms.Form):
    person = forms.ModelChoiceField(queryset=Person.objects.all(), widget=forms.HiddenInput)
    role = forms.ChoiceField(label=_("role"), choices=EventTrainer.Role.choices)


class ChangePlanForm(forms.Form):
    session = forms.ModelChoiceField(label=_("Session"), queryset=Session.objects.none())
    new_starts_at = DateTimeField(label=_("New start"), widget=DateTimeInput())
    new_ends_at = DateTimeField(label=_("New end"), widget=DateTimeInput())
    new_format = forms.ChoiceField(label=_("Format"), choices=Format.choices, widget=forms.RadioSelect)
    new_venue = _venue_field(label=_("Venue"), required=False)
    new_online_url = forms.URLField(
        label=_("Online meeting link"), required=False, max_length=500, assume_scheme="https"
    )
    reason_category = forms.ChoiceField(label=_("Reason"), choices=ReasonCategory.choices)
    reason = forms.CharField(
        label=_("Reason in words"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    override_double_booking = forms.BooleanField(
        label=_("Override double booking: the venue may host another session at the same time"),
        required=False,
    )

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = event.sessions.order_by("order")

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("new_starts_at"), cleaned.get("new_ends_at")
        if starts and ends and ends <= starts:
            self.add_error("new_ends_at", _("The session must end after it starts."))
        return cleaned


class CancelForm(forms.Form):
    reason_category = forms.ChoiceField(label=_("Reason"), choices=ReasonCategory.choices)
    reason = forms.CharField(
        label=_("Reason in words"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=EventStatus.choices)


class EventKindForm(ModelForm):
    class Meta:
        model = EventKind
        fields = list(KIND_FIELDS)

    def _post_clean(self):
        # The service saves (and checks that the code is free); the instance stays untouched until then.
        pass


def _any(choices) -> list:
    return [("", _("any"))] + list(choices)


class EventFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    programme = forms.ModelChoiceField(
        label=_("Programme"), queryset=Programme.objects.none(), required=False
    )
    kind = forms.ModelChoiceField(label=_("Kind"), queryset=EventKind.objects.all(), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=_any(EventStatus.choices), required=False)
    format = forms.ChoiceField(label=_("Format"), choices=_any(Format.choices), required=False)
    organiser = forms.ModelChoiceField(
        label=_("Organiser"), queryset=Organisation.objects.none(), required=False
    )
    date_from = DateField(label=_("From"), required=False, widget=DateInput())
    date_to = DateField(label=_("To"), required=False, widget=DateInput())

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs["type"] = "search"
        self.fields["kind"].empty_label = _("any")
        self.fields["programme"].empty_label = _("any")
        self.fields["organiser"].empty_label = _("any")
        self.fields["programme"].queryset = (
            programmes_visible_to(user).order_by("name").only("id", "name", "acronym")
        )
        # Organisers of the events the user may see, not of every draft and internal meeting.
        self.fields["organiser"].queryset = Organisation.objects.filter(
            pk__in=events_visible_to(user).values("organiser_id")
        ).order_by("name")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end date cannot be earlier than the start date."))
        return cleaned

    def filters(self) -> dict:
        """The valid filters only: a wrong value in one field does not discard the others."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "q": (data.get("q") or "").strip(),
            "programme": data.get("programme"),
            "kind": data.get("kind"),
            "status": data.get("status") or "",
            "fmt": data.get("format") or "",
            "organiser": data.get("organiser"),
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to") if "date_to" not in self.errors else None,
        }


class CalendarFilterForm(forms.Form):
    view = forms.ChoiceField(
        label=_("View"), choices=[("month", _("month")), ("week", _("week"))], required=False
    )
    date = DateField(label=_("Date"), required=False, widget=DateInput())
    programme = forms.ModelChoiceField(
        label=_("Programme"), queryset=Programme.objects.none(), required=False
    )
    kind = forms.ModelChoiceField(label=_("Kind"), queryset=EventKind.objects.all(), required=False)
    format = forms.ChoiceField(label=_("Format"), choices=_any(Format.choices), required=False)
    voivodeship = forms.ModelChoiceField(
        label=_("Voivodeship"),
        queryset=voivodeships(),
        required=False,
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = (
            programmes_visible_to(user).order_by("name").only("id", "name", "acronym")
        )
        for name in ("programme", "kind", "voivodeship"):
            self.fields[name].empty_label = _("any")
        self.fields["voivodeship"].label_from_instance = lambda lg: lg.display_name

    def values(self) -> dict:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "view": data.get("view") or "month",
            "date": data.get("date"),
            "programme": data.get("programme"),
            "kind": data.get("kind"),
            "fmt": data.get("format") or "",
            "voivodeship": data.get("voivodeship"),
        }
