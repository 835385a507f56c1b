"""The form that postpones or moves a whole event (or chosen sessions) in one change of plan."""

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rozwoj.core.forms import DateTimeField, ModelMultipleChoiceField

from ..models import Event, ReasonCategory
from .events import DATETIME_FORMAT, DateTimeInput

SHIFT, DATES = "shift", "dates"
MAX_SHIFT_DAYS = 3 * 365


class RescheduleForm(forms.Form):
    sessions = ModelMultipleChoiceField(
        label=_("Sessions to move"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    how = forms.ChoiceField(
        label=_("How"),
        choices=[
            (SHIFT, _("Move every chosen session by the same number of days")),
            (DATES, _("Enter new dates for each chosen session")),
        ],
        widget=forms.RadioSelect,
        initial=SHIFT,
    )
    shift_days = forms.IntegerField(
        label=_("Number of days"),
        required=False,
        min_value=-MAX_SHIFT_DAYS,
        max_value=MAX_SHIFT_DAYS,
        help_text=_(
            "For example 91 to postpone by thirteen weeks; a negative number brings the dates forward."
        ),
    )
    move_deadlines = forms.BooleanField(
        label=_("Also move the registration closing date and the self-cancellation deadline by these days"),
        required=False,
        initial=True,
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
        self.event_sessions = list(event.sessions.order_by("order"))
        self.fields["sessions"].queryset = event.sessions.order_by("order")
        self.initial.setdefault("sessions", [s.pk for s in self.event_sessions])
        # New dates, per session, after the shift field (shown when "new dates" is chosen).
        fields = dict(self.fields)
        tail = {name: fields.pop(name) for name in ("reason_category", "reason", "override_double_booking")}
        for session in self.event_sessions:
            fields[f"starts_{session.pk}"] = DateTimeField(
                label=_("New start of %(session)s") % {"session": session},
                required=False,
                widget=DateTimeInput(),
            )
            fields[f"ends_{session.pk}"] = DateTimeField(
                label=_("New end of %(session)s") % {"session": session},
                required=False,
                widget=DateTimeInput(),
            )
            self.initial.setdefault(f"starts_{session.pk}", _local(session.starts_at))
            self.initial.setdefault(f"ends_{session.pk}", _local(session.ends_at))
        fields.update(tail)
        self.fields = fields

    def clean(self):
        cleaned = super().clean()
        how = cleaned.get("how")
        if how == SHIFT:
            if not cleaned.get("shift_days") and "shift_days" not in self.errors:
                self.add_error("shift_days", _("Enter a number of days other than zero."))
        elif how == DATES:
            for session in cleaned.get("sessions") or []:
                starts, ends = cleaned.get(f"starts_{session.pk}"), cleaned.get(f"ends_{session.pk}")
                for name, value in ((f"starts_{session.pk}", starts), (f"ends_{session.pk}", ends)):
                    if value is None and name not in self.errors:
                        self.add_error(name, _("This field is required."))
                if starts and ends and ends <= starts:
                    self.add_error(f"ends_{session.pk}", _("The session must end after it starts."))
        return cleaned

    def service_arguments(self) -> dict[str, Any]:
        """The keyword arguments of `event_reschedule` this form stands for."""
        data = self.cleaned_data
        values: dict[str, Any] = {
            "reason_category": data["reason_category"],
            "reason": data["reason"],
            "override_double_booking": data["override_double_booking"],
        }
        if data["how"] == SHIFT:
            values["sessions"] = list(data["sessions"])
            values["shift"] = datetime.timedelta(days=data["shift_days"])
            values["move_deadlines"] = data["move_deadlines"]
        else:
            values["new_dates"] = {
                s.pk: (data[f"starts_{s.pk}"], data[f"ends_{s.pk}"]) for s in data["sessions"]
            }
        return values


def _local(value) -> str:
    return timezone.localtime(value).strftime(DATETIME_FORMAT) if value else ""
