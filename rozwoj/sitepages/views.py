"""The accessibility declaration, the privacy notice and the contact page: read by everyone, edited by
administrators."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from rozwoj.accounts.models import Role
from rozwoj.accounts.permissions import role_required
from rozwoj.core.audit import history_for
from rozwoj.core.forms import add_service_errors

from .forms import AccessibilityDeclarationForm, SitePageForm
from .models import SitePageKind
from .selectors import declaration_get, site_page_get
from .services import declaration_update, site_page_update

administrator_required = role_required(Role.ADMINISTRATOR)


def _can_edit(request) -> bool:
    return request.user.is_authenticated and request.user.has_role(Role.ADMINISTRATOR)


@require_GET
def accessibility_view(request):
    declaration = declaration_get()
    return render(
        request,
        "sitepages/accessibility.html",
        {"declaration": declaration, "can_edit": _can_edit(request)},
    )


@administrator_required
@require_http_methods(["GET", "POST"])
def accessibility_edit_view(request):
    declaration = declaration_get()
    form = AccessibilityDeclarationForm(request.POST or None, instance=declaration)
    if request.method == "POST" and form.is_valid():
        try:
            declaration_update(actor=request.user, declaration=declaration_get(), data=form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The accessibility declaration has been saved."))
            return redirect("sitepages:accessibility")
    return render(
        request,
        "sitepages/accessibility_form.html",
        {"form": form, "history": history_for(declaration)[:20]},
    )


def _page_view(request, kind: str):
    page = site_page_get(kind)
    return render(request, "sitepages/page.html", {"page": page, "can_edit": _can_edit(request)})


def _page_edit_view(request, kind: str):
    page = site_page_get(kind)
    form = SitePageForm(request.POST or None, instance=page)
    if request.method == "POST" and form.is_valid():
        try:
            site_page_update(actor=request.user, page=site_page_get(kind), data=form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The page has been saved."))
            return redirect(f"sitepages:{kind}")
    return render(
        request, "sitepages/page_form.html", {"form": form, "page": page, "history": history_for(page)[:20]}
    )


@require_GET
def privacy_view(request):
    return _page_view(request, SitePageKind.PRIVACY)


@require_GET
def contact_view(request):
    return _page_view(request, SitePageKind.CONTACT)


@administrator_required
@require_http_methods(["GET", "POST"])
def privacy_edit_view(request):
    return _page_edit_view(request, SitePageKind.PRIVACY)


@administrator_required
@require_http_methods(["GET", "POST"])
def contact_edit_view(request):
    return _page_edit_view(request, SitePageKind.CONTACT)
