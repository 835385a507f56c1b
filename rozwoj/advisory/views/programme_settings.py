"""The coordinator's screen of a programme's words for the advisory cycle: role names, stages renamed or off."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from rozwoj.accounts.permissions import coordinator_required
from rozwoj.core.forms import add_service_errors
from rozwoj.programmes.selectors import access_programme

from ..forms import ProgrammeSettingsForm
from ..selectors.programme_settings import programme_settings
from ..services.programme_settings import programme_settings_save


@coordinator_required
def settings_edit(request, pk: int):
    programme = access_programme(request.user, pk)
    current = programme_settings(programme)
    initial = {"ros_role_name": current["ros_role_name"], "pro_role_name": current["pro_role_name"]}
    form = ProgrammeSettingsForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        stages=current["stages"],
        defaults=(current["ros_default"], current["pro_default"]),
    )
    if form.is_bound and form.is_valid():
        try:
            programme_settings_save(
                actor=request.user,
                programme=programme,
                ros_role_name=form.cleaned_data["ros_role_name"],
                pro_role_name=form.cleaned_data["pro_role_name"],
                stages=form.stage_data(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The programme's names for the advisory cycle are saved."))
            return redirect("advisory:programme_settings", programme.pk)
    context = {"programme": programme, "form": form, "current": current}
    return render(request, "advisory/settings/programme.html", context)
