"""The document library: the public list and document pages, downloads that check visibility, and the
coordinators' management pages."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rozwoj.accounts.permissions import can_publish, coordinator_required
from rozwoj.core.audit import history_for
from rozwoj.core.files import file_response
from rozwoj.core.forms import add_service_errors
from rozwoj.core.pagination import paginate

from . import selectors, services
from .forms import CategoryForm, DocumentCreateForm, DocumentForm, LibraryFilterForm, VersionForm
from .models import Visibility


def _filtered(request, *, manage: bool = False):
    form = LibraryFilterForm(
        request.GET or None,
        categories=selectors.categories(),
        programmes=selectors.filter_programmes(request.user),
    )
    filters = form.filters() if request.GET else {}
    if manage and request.GET.get("visibility") in Visibility.values:
        filters["visibility"] = request.GET["visibility"]
    return form, selectors.document_list(request.user, **filters)


@require_GET
def library(request):
    form, documents = _filtered(request)
    page_obj = paginate(request, documents)
    return render(request, "documents/library.html", {"page_obj": page_obj, "filter_form": form})


@require_GET
def detail(request, pk: int):
    document = selectors.document_detail(request.user, pk)
    can_manage = selectors.is_staff(request.user)
    return render(
        request,
        "documents/detail.html",
        {
            "document": document,
            "versions": document.version_list,
            "can_manage": can_manage,
            # A published document is changed by editors only: others are not offered what they would be refused.
            "can_change": can_manage and (not document.is_published or can_publish(request.user)),
        },
    )


def _send(request, version):
    services.record_download(version)
    return file_response(
        version.file,
        filename=version.filename,
        content_type=version.content_type,
        inline=request.GET.get("view") == "1",
    )


@require_GET
def download(request, pk: int):
    document = selectors.access_document(request.user, pk)
    if document.current_version is None:
        raise Http404
    version = document.current_version
    version.document = document
    return _send(request, version)


@require_GET
def version_download(request, pk: int, version_pk: int):
    return _send(request, selectors.access_version(request.user, pk, version_pk))


# --- management --------------------------------------------------------------------------------------------


@coordinator_required
@require_GET
def manage(request):
    form, documents = _filtered(request, manage=True)
    page_obj = paginate(request, documents)
    return render(
        request,
        "documents/manage.html",
        {
            "page_obj": page_obj,
            "filter_form": form,
            "visibilities": Visibility.choices,
            "visibility": request.GET.get("visibility", ""),
            "can_publish": can_publish(request.user),
        },
    )


@coordinator_required
@require_http_methods(["GET", "POST"])
def create(request):
    publisher = can_publish(request.user)
    form = DocumentCreateForm(request.POST or None, request.FILES or None, can_publish=publisher)
    if request.method == "POST" and form.is_valid():
        try:
            document = services.document_create(
                actor=request.user, data=form.cleaned_data, upload=form.cleaned_data["file"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied:
            form.add_error("visibility", _("Only an editor may publish; keep the document for coordinators."))
        else:
            messages.success(request, _("The document has been added."))
            return redirect("documents:detail", pk=document.pk)
    return render(request, "documents/form.html", {"form": form, "document": None})


@coordinator_required
@require_http_methods(["GET", "POST"])
def edit(request, pk: int):
    document = selectors.access_document(request.user, pk, manage=True)
    publisher = can_publish(request.user)
    if document.is_published and not publisher:
        raise PermissionDenied
    form = DocumentForm(request.POST or None, instance=document, can_publish=publisher)
    if request.method == "POST" and form.is_valid():
        try:
            services.document_update(
                actor=request.user,
                document=selectors.access_document(request.user, pk, manage=True),
                data=form.cleaned_data,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied:
            form.add_error("visibility", _("Only an editor may publish; keep the document for coordinators."))
        else:
            messages.success(request, _("The document has been saved."))
            return redirect("documents:detail", pk=pk)
    return render(
        request,
        "documents/form.html",
        {"form": form, "document": document, "history": history_for(document).order_by("-timestamp")[:20]},
    )


@coordinator_required
@require_http_methods(["GET", "POST"])
def version_create(request, pk: int):
    document = selectors.access_document(request.user, pk, manage=True)
    if document.is_published and not can_publish(request.user):
        raise PermissionDenied
    form = VersionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.version_add(
                actor=request.user,
                document=document,
                upload=form.cleaned_data["file"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The new version has been added; the earlier ones stay available."))
            return redirect("documents:detail", pk=pk)
    return render(request, "documents/version_form.html", {"form": form, "document": document})


@coordinator_required
@require_POST
def version_current(request, pk: int, version_pk: int):
    version = selectors.access_version(request.user, pk, version_pk, manage=True)
    services.version_set_current(actor=request.user, document=version.document, version=version)
    messages.success(request, _("Version %(number)s is now the current one.") % {"number": version.number})
    return redirect("documents:detail", pk=pk)


@coordinator_required
@require_POST
def delete(request, pk: int):
    document = selectors.access_document(request.user, pk, manage=True)
    services.document_delete(actor=request.user, document=document)
    messages.success(request, _("The document has been removed."))
    return redirect("documents:manage")


@coordinator_required
@require_http_methods(["GET", "POST"])
def category_list(request):
    form = CategoryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.category_save(actor=request.user, category=None, data=form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The category has been added."))
            return redirect("documents:categories")
    return render(
        request,
        "documents/categories.html",
        {"form": form, "categories": selectors.category_choices_with_counts()},
    )


@coordinator_required
@require_http_methods(["GET", "POST"])
def category_edit(request, pk: int):
    category = selectors.access_category(request.user, pk)
    form = CategoryForm(request.POST or None, instance=category)
    if request.method == "POST" and form.is_valid():
        try:
            services.category_save(
                actor=request.user,
                category=selectors.access_category(request.user, pk),
                data=form.cleaned_data,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The category has been saved."))
            return redirect("documents:categories")
    return render(request, "documents/category_form.html", {"form": form, "category": category})


@coordinator_required
@require_POST
def category_delete(request, pk: int):
    category = selectors.access_category(request.user, pk)
    try:
        services.category_delete(actor=request.user, category=category)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The category has been removed."))
    return redirect("documents:categories")
