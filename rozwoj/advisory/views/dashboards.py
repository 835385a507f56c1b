"""The dashboards of the advisory cycle: the coordinator's (stage matrix, map, hours, overdue follow-ups, exports),
the expert's (my local governments, my hours, my follow-ups) and the local government's (our cycle, our next
meeting). One URL; each role sees its sections."""

from django import forms
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy

from rozwoj.accounts.permissions import coordinator_required, login_required
from rozwoj.core.exports import FORMATS, export_response
from rozwoj.core.pagination import paginate

from .. import maps
from ..selectors import dashboards, monitoring


class DashboardFilter(forms.Form):
    call = forms.TypedChoiceField(
        label=gettext_lazy("Cycle (call)"), coerce=int, required=False, empty_value=None
    )
    level = forms.ChoiceField(
        label=gettext_lazy("Map by"),
        choices=[
            ("voivodeship", pgettext_lazy("map by", "voivodeship")),
            ("powiat", pgettext_lazy("map by", "powiat")),
        ],
        required=False,
    )
    layer = forms.ChoiceField(label=gettext_lazy("Map shows"), required=False)

    def __init__(self, *args, calls, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["call"].choices = [("", _("All cycles"))] + [(c.pk, str(c.title)) for c in calls]
        self.fields["layer"].choices = [(key, layer.label) for key, layer in dashboards.MAP_LAYERS.items()]


def _filters(request):
    calls = list(dashboards.dashboard_calls(request.user))
    form = DashboardFilter(request.GET or None, calls=calls)
    call, level, layer = None, "voivodeship", "engagements"
    if form.is_bound and form.is_valid():
        chosen = form.cleaned_data["call"]
        call = next((c for c in calls if c.pk == chosen), None)
        level = form.cleaned_data["level"] or level
        layer = form.cleaned_data["layer"] or layer
    return form, call, level, layer


def _coordinator_context(request) -> dict:
    form, call, level, layer = _filters(request)
    engagements = dashboards.scope(request.user, call=call)
    columns = dashboards.stage_columns(call)
    page_obj = paginate(request, dashboards.matrix_rows(engagements), per_page=dashboards.MATRIX_PAGE)
    overdue = list(dashboards.overdue_follow_ups(engagements)[: dashboards.OVERDUE_ON_PAGE + 1])
    actions = dashboards.overdue_actions(engagements)
    counts = dashboards.map_counts(engagements, layer=layer, level=level)
    drawn = maps.choropleth(level, counts)
    by_form = dashboards.hours_by_form(engagements)
    by_expert = dashboards.hours_by_expert(engagements)
    by_local_government = dashboards.hours_by_local_government(engagements)
    return {
        "filter_form": form,
        "call": call,
        "columns": columns,
        "page_obj": page_obj,
        "matrix": dashboards.stage_matrix(engagements, columns, rows=list(page_obj.object_list)),
        "summary": dashboards.stage_summary(engagements, columns),
        "map": drawn,
        "map_layer": dashboards.MAP_LAYERS[layer].label,
        "map_rows": [shape for shape in drawn["shapes"] if shape.count],
        "hours_by_form": by_form,
        "hours_total": dashboards.total_hours(by_form),
        "hours_by_expert": by_expert[: dashboards.HOURS_SHOWN],
        "hours_by_expert_more": len(by_expert) > dashboards.HOURS_SHOWN,
        "hours_by_local_government": by_local_government[: dashboards.HOURS_SHOWN],
        "hours_by_local_government_more": len(by_local_government) > dashboards.HOURS_SHOWN,
        "hours_shown": dashboards.HOURS_SHOWN,
        "hdrs_by_area": dashboards.hdrs_by_support_area(engagements),
        "overdue": overdue[: dashboards.OVERDUE_ON_PAGE],
        "overdue_more": len(overdue) > dashboards.OVERDUE_ON_PAGE,
        "overdue_actions": actions[: dashboards.OVERDUE_ON_PAGE],
        "overdue_actions_more": len(actions) > dashboards.OVERDUE_ON_PAGE,
        "query": request.GET.urlencode(),
    }


@login_required
def dashboard(request):
    user = request.user
    context: dict = {"is_coordinator": user.is_coordinator}
    if user.is_coordinator:
        context.update(_coordinator_context(request))
    else:
        context["mine"] = dashboards.my_engagements(user)
        context["follow_ups"] = list(dashboards.my_open_follow_ups(user))
        context["next_meetings"] = dashboards.next_meetings(user)
        if user.has_role("expert"):
            context["my_hours"] = dashboards.expert_hours(user)
            context["my_hours_total"] = dashboards.total_hours(context["my_hours"])
    return render(request, "advisory/dashboards/dashboard.html", context)


def _rows(kind: str, engagements, call):
    if kind == "matrix":
        columns = dashboards.stage_columns(call)
        header = [_("Local government"), _("TERC code"), _("Status")] + [name for _kind, name in columns]
        rows = (
            [row["name"], row["terc"], row["status"]] + [cell["label"] or "—" for cell in row["cells"]]
            for row in dashboards.stage_matrix(engagements, columns)
        )
        return header, rows
    if kind == "hours-form":
        header = [_("Form of support"), _("Entries"), _("Hours")]
        return header, (
            [r["form__name"], r["entries"], r["hours"]] for r in dashboards.hours_by_form(engagements)
        )
    if kind == "hours-expert":
        header = [_("Expert"), _("Entries"), _("Hours")]
        return header, (
            [
                f"{r['expertprofile__person__first_name']} {r['expertprofile__person__last_name']}",
                r["entries"],
                r["hours"],
            ]
            for r in dashboards.hours_by_expert(engagements)
        )
    if kind == "hours-local-government":
        header = [_("Local government"), _("TERC code"), _("Entries"), _("Hours")]
        return header, (
            [
                r["engagement__local_government__name"],
                r["engagement__local_government__terc"],
                r["entries"],
                r["hours"],
            ]
            for r in dashboards.hours_by_local_government(engagements)
        )
    if kind == "hdrs-area":
        header = [
            _("Support area"),
            _("HDRs being drafted"),
            _("Approved HDRs"),
            _("Published HDRs"),
            _("All HDRs"),
        ]
        return header, (
            [
                r["engagement__support_area__name"] or _("not chosen"),
                r["drafting"],
                r["approved"],
                r["published"],
                r["total"],
            ]
            for r in dashboards.hdrs_by_support_area(engagements)
        )
    if kind == "overdue":
        header = [_("Local government"), _("What was agreed"), _("Owner"), _("Due")]
        return header, (
            [f.entry.engagement.local_government.name, f.text, str(f.owner), f.due_on]
            for f in dashboards.overdue_follow_ups(engagements).iterator(chunk_size=500)
        )
    if kind == "actions":
        header = [
            _("Local government"),
            pgettext("HDR action", "Action"),
            _("Deadline"),
            _("Overdue"),
            _("At risk"),
            _("Status"),
            _("Done"),
        ]
        return header, (
            [
                a.hdr.engagement.local_government.name,
                a.title,
                a.ends_on,
                _("yes") if a.is_overdue else "",
                _("yes") if a.is_at_risk else "",
                a.latest_entry.get_status_display() if a.latest_entry else "",
                a.latest_entry.percent_done if a.latest_entry else None,
            ]
            for a in monitoring.with_flags(monitoring.flagged_actions(engagements).iterator(chunk_size=500))
        )
    raise Http404


EXPORT_TITLES = {
    "matrix": gettext_lazy("Stages"),
    "hours-form": gettext_lazy("Hours by form"),
    "hours-expert": gettext_lazy("Hours by expert"),
    "hours-local-government": gettext_lazy("Hours by local government"),
    "hdrs-area": gettext_lazy("HDRs by support area"),
    "overdue": gettext_lazy("Overdue follow-ups"),
    "actions": gettext_lazy("Overdue and at-risk actions"),
}


@coordinator_required
def dashboard_export(request, kind: str, fmt: str):
    if kind not in EXPORT_TITLES or fmt not in FORMATS:
        raise Http404
    _form, call, _level, _layer = _filters(request)
    engagements = dashboards.scope(request.user, call=call)
    header, rows = _rows(kind, engagements, call)
    name = f"advisory-{kind}" + (f"-{call.pk}" if call else "")
    return export_response(fmt, name=name, title=str(EXPORT_TITLES[kind]), header=header, rows=rows)
