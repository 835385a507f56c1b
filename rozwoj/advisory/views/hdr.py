"""The development action schedule (HDR): the engagement's HDR page and its forms (drafting with conflict
pages, versions, comparison, comments, submission, approval, publication, PDF), and the public gallery."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rozwoj.accounts.permissions import login_required
from rozwoj.core.forms import add_service_errors
from rozwoj.core.pagination import paginate

from ..hdr_forms import ActionForm, CommentForm, CompareForm, GalleryForm, HdrForm, VersionForm
from ..models import HdrStatus
from ..selectors import hdr as selectors
from ..selectors.access import access_engagement
from ..services import hdr as services


def _page(hdr_or_engagement_pk: int):
    return redirect("advisory:hdr", hdr_or_engagement_pk)


def _errors_to_messages(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@login_required
def hdr_detail(request, pk: int):
    """The engagement's HDR: its content, the pre-submission check, versions, comments, similar HDRs."""
    engagement = access_engagement(request.user, pk)
    can_edit = selectors.can_edit_hdr(request.user, engagement)
    hdr = selectors.hdr_of(engagement)
    context = {"engagement": engagement, "hdr": hdr, "can_edit": can_edit}
    if hdr is not None:
        context.update(
            {
                "actions": selectors.hdr_actions(hdr),
                "priorities": list(engagement.priorities.order_by("rank", "id")),
                "problems": services.hdr_check(hdr),
                "versions": list(
                    hdr.versions.select_related("author").only(
                        "number", "comment", "created_at", "author__email", "hdr_id"
                    )
                ),
                "comments": list(hdr.comments.select_related("author", "version")),
                "can_approve": selectors.can_approve_hdr(request.user, engagement),
                "can_publish": selectors.can_publish_hdr(request.user),
                "similar": selectors.similar_hdrs(hdr) if can_edit and hdr.status == HdrStatus.DRAFT else [],
                "comment_form": CommentForm(),
                "version_form": VersionForm(),
                "is_draft": hdr.status == HdrStatus.DRAFT,
                "editable": can_edit and hdr.status == HdrStatus.DRAFT,
            }
        )
    return render(request, "advisory/hdr/detail.html", context)


@require_POST
@login_required
def hdr_start(request, pk: int):
    engagement = access_engagement(request.user, pk)
    services.hdr_start(actor=request.user, engagement=engagement)
    return _page(engagement.pk)


@login_required
def hdr_edit(request, pk: int):
    hdr = selectors.access_hdr(request.user, pk, edit=True)
    form = HdrForm(request.POST or None, instance=hdr, initial={"revision": hdr.revision})
    if request.method == "POST" and form.is_valid():
        data = {field: form.cleaned_data[field] for field in services.HEADER_FIELDS}
        try:
            services.hdr_update(
                actor=request.user, hdr=hdr, data=data, revision=form.cleaned_data["revision"]
            )
        except services.HdrConflict as conflict:
            return _conflict(
                request, hdr, conflict, HdrForm(initial={**data, "revision": conflict.current.revision})
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The HDR is saved."))
            return _page(hdr.engagement_id)
    return render(request, "advisory/hdr/edit.html", {"hdr": hdr, "engagement": hdr.engagement, "form": form})


def _conflict(request, hdr, conflict, form, action=None):
    """Someone saved in between: show what is saved now beside what this person sent, their text kept in a
    form that saves over the current revision when sent again."""
    current = conflict.current
    rows = []
    for name, field in form.fields.items():
        if name == "revision":
            continue
        mine = conflict.mine.get(name)
        theirs = getattr(current, name, None) if current is not None else None
        rows.append(
            {
                "label": field.label,
                "mine": mine if mine not in (None, "") else "—",
                "theirs": theirs if theirs not in (None, "") else "—",
                "differs": mine != theirs,
            }
        )
    return render(
        request,
        "advisory/hdr/conflict.html",
        {
            "hdr": hdr,
            "engagement": hdr.engagement,
            "form": form,
            "rows": rows,
            "action": action,
            "deleted": current is None,
        },
        status=409,
    )


@login_required
def action_add(request, pk: int):
    hdr = selectors.access_hdr(request.user, pk, edit=True)
    form = ActionForm(request.POST or None, engagement=hdr.engagement)
    if request.method == "POST" and form.is_valid():
        data = {field: form.cleaned_data[field] for field in services.ACTION_FIELDS}
        try:
            services.action_create(actor=request.user, hdr=hdr, data=data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The action is added."))
            return _page(hdr.engagement_id)
    return render(
        request,
        "advisory/hdr/action.html",
        {"hdr": hdr, "engagement": hdr.engagement, "form": form, "action": None},
    )


@login_required
def action_edit(request, pk: int):
    action = selectors.access_action(request.user, pk, edit=True)
    hdr = action.hdr
    form = ActionForm(
        request.POST or None,
        instance=action,
        engagement=hdr.engagement,
        initial={"revision": action.revision},
    )
    if request.method == "POST" and form.is_valid():
        data = {field: form.cleaned_data[field] for field in services.ACTION_FIELDS}
        revision = form.cleaned_data.get("revision") or action.revision
        try:
            services.action_update(actor=request.user, action=action, data=data, revision=revision)
        except services.HdrConflict as conflict:
            current = conflict.current
            again = ActionForm(
                initial={**data, "revision": current.revision if current else 1}, engagement=hdr.engagement
            )
            return _conflict(request, hdr, conflict, again, action=action if current else None)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The action is saved."))
            return _page(hdr.engagement_id)
    return render(
        request,
        "advisory/hdr/action.html",
        {"hdr": hdr, "engagement": hdr.engagement, "form": form, "action": action},
    )


@require_POST
@login_required
def action_delete(request, pk: int):
    action = selectors.access_action(request.user, pk, edit=True)
    engagement_id = action.hdr.engagement_id
    try:
        services.action_delete(actor=request.user, action=action)
        messages.success(request, _("The action is deleted."))
    except ValidationError as error:
        _errors_to_messages(request, error)
    return _page(engagement_id)


@require_POST
@login_required
def action_copy(request, pk: int):
    hdr = selectors.access_hdr(request.user, pk, edit=True)
    source_id = request.POST.get("source", "")
    source = selectors.published_action(source_id)
    if source is None:
        messages.error(request, _("Choose an action of a published HDR."))
        return _page(hdr.engagement_id)
    try:
        services.action_copy(actor=request.user, hdr=hdr, source=source)
        messages.success(request, _("The action is copied; it keeps a link to where it came from."))
    except ValidationError as error:
        _errors_to_messages(request, error)
    return _page(hdr.engagement_id)


def _simple_post(request, pk: int, run, success: str, *, edit: bool = True):
    hdr = selectors.access_hdr(request.user, pk, edit=edit)
    try:
        run(hdr)
        messages.success(request, success)
    except ValidationError as error:
        _errors_to_messages(request, error)
    return _page(hdr.engagement_id)


@require_POST
@login_required
def hdr_submit(request, pk: int):
    comment = request.POST.get("comment", "")[:2000]
    return _simple_post(
        request,
        pk,
        lambda hdr: services.hdr_submit(actor=request.user, hdr=hdr, comment=comment),
        _("The HDR is submitted to the local government's team for approval."),
    )


@require_POST
@login_required
def hdr_return(request, pk: int):
    comment = request.POST.get("comment", "")[:5000]
    return _simple_post(
        request,
        pk,
        lambda hdr: services.hdr_return(actor=request.user, hdr=hdr, comment=comment),
        _("The HDR is back in drafting."),
    )


@require_POST
@login_required
def hdr_approve(request, pk: int):
    return _simple_post(
        request,
        pk,
        lambda hdr: services.hdr_approve(actor=request.user, hdr=hdr),
        _("The HDR is approved; its stage is closed."),
        edit=False,
    )


@require_POST
@login_required
def hdr_publish(request, pk: int):
    return _simple_post(
        request,
        pk,
        lambda hdr: services.hdr_publish(actor=request.user, hdr=hdr),
        _("The HDR is published in the gallery."),
        edit=False,
    )


@require_POST
@login_required
def hdr_unpublish(request, pk: int):
    return _simple_post(
        request,
        pk,
        lambda hdr: services.hdr_unpublish(actor=request.user, hdr=hdr),
        _("The HDR is withdrawn from the gallery."),
        edit=False,
    )


@require_POST
@login_required
def hdr_version(request, pk: int):
    form = VersionForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    return _simple_post(
        request,
        pk,
        lambda hdr: services.version_save(actor=request.user, hdr=hdr, comment=comment),
        _("A version of the HDR is saved."),
    )


@require_POST
@login_required
def hdr_comment(request, pk: int):
    hdr = selectors.access_hdr(request.user, pk, edit=True)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.comment_add(actor=request.user, hdr=hdr, text=form.cleaned_data["text"])
            messages.success(request, _("The comment is added."))
        except ValidationError as error:
            _errors_to_messages(request, error)
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return _page(hdr.engagement_id)


@login_required
def hdr_compare(request, pk: int):
    hdr = selectors.access_hdr(request.user, pk)
    versions = list(hdr.versions.only("number", "created_at", "comment", "hdr_id"))
    form = CompareForm(request.GET or None)
    table = None
    if form.is_valid():
        by_number = {
            version.number: version
            for version in hdr.versions.filter(
                number__in=[form.cleaned_data["old"], form.cleaned_data["new"]]
            )
        }
        old, new = by_number.get(form.cleaned_data["old"]), by_number.get(form.cleaned_data["new"])
        if old is None or new is None:
            form.add_error(None, _("Choose two versions of this HDR."))
        else:
            table = services.compare(old, new)
    return render(
        request,
        "advisory/hdr/compare.html",
        {"hdr": hdr, "engagement": hdr.engagement, "form": form, "versions": versions, "table": table},
    )


def _pdf_response(request, hdr) -> HttpResponse:
    from rozwoj.events.pdf import html_to_pdf

    html = render_to_string(
        "advisory/hdr/hdr_pdf.html",
        {
            "hdr": hdr,
            "engagement": hdr.engagement,
            "actions": selectors.hdr_actions(hdr),
            "priorities": list(hdr.engagement.priorities.order_by("rank", "id")),
        },
        request=request,
    )
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    name = slugify(f"hdr-{hdr.engagement.local_government.name}") or "hdr"
    response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    return response


@login_required
def hdr_pdf(request, pk: int):
    return _pdf_response(request, selectors.access_hdr(request.user, pk))


# --- public ---------------------------------------------------------------------------------------------


def gallery(request):
    form = GalleryForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    ids = selectors.gallery_ids(
        query=filters.get("q", ""),
        kind=filters.get("kind", ""),
        voivodeship=filters.get("voivodeship"),
        area=filters.get("area"),
    )
    page_obj = paginate(request, ids)
    hdrs = selectors.hdrs_by_ids(page_obj.object_list)
    return render(
        request,
        "advisory/hdr/gallery.html",
        {
            "form": form,
            "hdrs": hdrs,
            "page_obj": page_obj,
            "total": len(ids),
            "searched": bool(filters.get("q")),
        },
    )


def hdr_public(request, pk: int):
    hdr = selectors.access_public_hdr(pk)
    return render(
        request,
        "advisory/hdr/public.html",
        {
            "hdr": hdr,
            "engagement": hdr.engagement,
            "actions": selectors.hdr_actions(hdr),
            "priorities": list(hdr.engagement.priorities.order_by("rank", "id")),
        },
    )


def hdr_public_pdf(request, pk: int):
    return _pdf_response(request, selectors.access_public_hdr(pk))
