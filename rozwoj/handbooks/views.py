"""Thin views of handbooks: load through access_*, check, call a service, render."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rozwoj.accounts.permissions import coordinator_required, login_required
from rozwoj.core.forms import add_service_errors
from rozwoj.core.markup import render_markdown
from rozwoj.core.pagination import paginate

from . import selectors, services
from .compare import compare
from .exports import export_filename
from .forms import (
    ChapterForm,
    CommentForm,
    CompareForm,
    ExportForm,
    HandbookForm,
    PartForm,
    StatusForm,
    TextForm,
    TranslationForm,
)
from .models import LANGUAGES, MASTER_LANGUAGE, TRANSLATION_LANGUAGES, ChapterStatus, ExportFormat

CONTENT_TYPES = {
    ExportFormat.PDF: "application/pdf",
    ExportFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _saved(form, call):
    try:
        return call()
    except ValidationError as error:
        add_service_errors(form, error)
        return None


def _status(request, form) -> int:
    return 400 if request.method == "POST" and form.errors else 200


# --- handbooks -----------------------------------------------------------------------------------------------


@login_required
def handbook_list(request):
    page_obj = paginate(request, selectors.handbook_list(request.user))
    return render(
        request,
        "handbooks/list.html",
        {"page_obj": page_obj, "handbooks": page_obj.object_list, "can_create": request.user.is_coordinator},
    )


@coordinator_required
def handbook_create(request):
    initial = (
        {"programme": request.GET.get("programme")} if request.GET.get("programme", "").isdigit() else {}
    )
    form = HandbookForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        handbook = _saved(
            form,
            lambda: services.handbook_create(
                actor=request.user,
                programme=form.cleaned_data["programme"],
                title=form.cleaned_data["title"],
                summary=form.cleaned_data["summary"],
            ),
        )
        if handbook is not None:
            messages.success(request, _("The handbook has been created."))
            return redirect("handbooks:handbook", pk=handbook.pk)
    return render(request, "handbooks/handbook_form.html", {"form": form}, status=_status(request, form))


@login_required
def handbook_detail(request, pk: int):
    handbook = selectors.access_handbook(request.user, pk)
    organisation_ids = selectors.editable_organisation_ids(request.user, handbook)
    parts = selectors.handbook_structure(handbook)
    for part in parts:
        for chapter in part.chapters.all():
            chapter.can_edit = selectors.can_edit_chapter(request.user, chapter, organisation_ids)
    return render(
        request,
        "handbooks/handbook.html",
        {
            "handbook": handbook,
            "parts": parts,
            "languages": TRANSLATION_LANGUAGES,
            "is_coordinator": request.user.is_coordinator,
            "export_form": ExportForm(),
            "exports": selectors.recent_exports(handbook),
        },
    )


@coordinator_required
def part_create(request, pk: int):
    handbook = selectors.access_handbook(request.user, pk, manage=True)
    form = PartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.part_save(actor=request.user, handbook=handbook, part=None, data=form.cleaned_data)
        messages.success(request, _("The part has been added."))
        return redirect("handbooks:handbook", pk=handbook.pk)
    return render(
        request,
        "handbooks/part_form.html",
        {"form": form, "handbook": handbook},
        status=_status(request, form),
    )


@coordinator_required
def chapter_create(request, pk: int):
    handbook = selectors.access_handbook(request.user, pk, manage=True)
    return _chapter_form(request, handbook, None)


@coordinator_required
def chapter_settings(request, pk: int):
    chapter = selectors.access_chapter(request.user, pk)
    return _chapter_form(request, chapter.handbook, chapter)


def _chapter_form(request, handbook, chapter):
    form = ChapterForm(request.POST or None, instance=chapter, handbook=handbook)
    if request.method == "POST" and form.is_valid():
        saved = _saved(
            form,
            lambda: services.chapter_save(
                actor=request.user, handbook=handbook, chapter=chapter, data=form.cleaned_data
            ),
        )
        if saved is not None:
            messages.success(request, _("The chapter has been saved."))
            return redirect("handbooks:chapter", pk=saved.pk)
    return render(
        request,
        "handbooks/chapter_form.html",
        {"form": form, "handbook": handbook, "chapter": chapter},
        status=_status(request, form),
    )


@require_POST
@coordinator_required
def handbook_publish(request, pk: int):
    handbook = selectors.access_handbook(request.user, pk, manage=True)
    published = request.POST.get("published") == "1"
    services.handbook_publish(actor=request.user, handbook=handbook, published=published)
    messages.success(
        request,
        _("The handbook's approved chapters are public.")
        if published
        else _("The handbook is no longer public."),
    )
    return redirect("handbooks:handbook", pk=handbook.pk)


# --- exports -------------------------------------------------------------------------------------------------


@require_POST
@login_required
def export_request(request, pk: int):
    handbook = selectors.access_handbook(request.user, pk)
    form = ExportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a language and a format for the export."))
        return redirect("handbooks:handbook", pk=handbook.pk)
    export = services.export_request(
        actor=request.user,
        handbook=handbook,
        language=form.cleaned_data["language"],
        fmt=form.cleaned_data["format"],
    )
    return redirect("handbooks:export", pk=export.pk)


@login_required
def export_status(request, pk: int):
    export = selectors.access_export(request.user, pk)
    from rozwoj.accounts.permissions import can_publish

    return render(
        request,
        "handbooks/export.html",
        {"export": export, "handbook": export.handbook, "can_publish": can_publish(request.user)},
    )


@login_required
def export_download(request, pk: int):
    from rozwoj.core.files import file_response

    export = selectors.access_export(request.user, pk)
    if export.ready_at is None or not export.file:
        raise Http404
    return file_response(
        export.file, filename=export_filename(export), content_type=CONTENT_TYPES[export.format]
    )


@require_POST
@coordinator_required
def export_to_library(request, pk: int):
    export = selectors.access_export(request.user, pk)
    visibility = "public" if request.POST.get("public") == "1" else "staff"
    try:
        document = services.export_to_library(actor=request.user, export=export, visibility=visibility)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("handbooks:export", pk=export.pk)
    except PermissionDenied:
        messages.error(request, _("Publishing documents needs the editor right."))
        return redirect("handbooks:export", pk=export.pk)
    messages.success(request, _("The handbook is in the document library."))
    return redirect("documents:detail", pk=document.pk)


# --- chapters ------------------------------------------------------------------------------------------------


@login_required
def chapter_detail(request, pk: int):
    chapter = selectors.access_chapter(request.user, pk)
    comments = selectors.chapter_comments(chapter)
    blocks = selectors.paragraphs(chapter.body)
    by_paragraph: dict[int, list] = {}
    for comment in comments:
        by_paragraph.setdefault(comment.paragraph, []).append(comment)
    rendered = [
        (index, render_markdown(text), by_paragraph.get(index, [])) for index, text in enumerate(blocks)
    ]
    orphaned = [c for c in comments if c.paragraph >= len(blocks)]
    translations = selectors.translations_of(chapter)
    can_edit = selectors.can_edit_chapter(request.user, chapter)
    return render(
        request,
        "handbooks/chapter.html",
        {
            "chapter": chapter,
            "handbook": chapter.handbook,
            "paragraphs": rendered,
            "orphaned": orphaned,
            "sections": selectors.sections(chapter.body),
            "translations": [(code, name, translations.get(code)) for code, name in TRANSLATION_LANGUAGES],
            "techniques": selectors.chapter_techniques(chapter),
            "can_edit": can_edit,
            "is_coordinator": request.user.is_coordinator,
            "status_form": StatusForm(initial={"status": chapter.status}),
            "comment_form": CommentForm(),
            "approved": chapter.status == ChapterStatus.APPROVED,
        },
    )


def _text_page(request, chapter, language, form, *, conflict=None):
    return render(
        request,
        "handbooks/text_form.html",
        {
            "chapter": chapter,
            "handbook": chapter.handbook,
            "form": form,
            "language": language,
            "language_name": dict(LANGUAGES)[language],
            "master": render_markdown(chapter.body) if language != MASTER_LANGUAGE else None,
            "conflict": conflict,
        },
        status=409 if conflict else _status(request, form),
    )


@login_required
def chapter_edit(request, pk: int):
    chapter = selectors.access_chapter(request.user, pk, manage=True)
    initial = {"title": chapter.title, "body": chapter.body, "revision": chapter.revision}
    form = TextForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.chapter_save_text(
                actor=request.user,
                chapter=chapter,
                title=data["title"],
                body=data["body"],
                base_revision=data["revision"],
            )
        except services.EditConflict as conflict:
            return _conflict(request, chapter, MASTER_LANGUAGE, TextForm, data, conflict)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The chapter has been saved as a new version."))
            return redirect("handbooks:chapter", pk=chapter.pk)
    return _text_page(request, chapter, MASTER_LANGUAGE, form)


def _conflict(request, chapter, language, form_class, data, conflict):
    """Somebody saved first: keep the editor's text in the form (now based on the saved revision, so saving it
    again replaces the other one knowingly) and show the other text beside it."""
    values = {**data, "revision": conflict.current_revision}
    form = form_class(initial=values)
    return _text_page(request, chapter, language, form, conflict=conflict)


@login_required
def translation_edit(request, pk: int, language: str):
    if language not in dict(TRANSLATION_LANGUAGES):
        raise Http404
    chapter = selectors.access_chapter(request.user, pk, manage=True)
    translation = selectors.translations_of(chapter).get(language)
    initial = (
        {
            "title": translation.title,
            "body": translation.body,
            "revision": translation.revision,
            "status": translation.status,
        }
        if translation
        else {"title": "", "body": "", "revision": 0}
    )
    form = TranslationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.translation_save(
                actor=request.user,
                chapter=chapter,
                language=language,
                title=data["title"],
                body=data["body"],
                status=data["status"],
                base_revision=data["revision"],
            )
        except services.EditConflict as conflict:
            return _conflict(request, chapter, language, TranslationForm, data, conflict)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The translation has been saved as a new version."))
            return redirect("handbooks:chapter", pk=chapter.pk)
    return _text_page(request, chapter, language, form)


@require_POST
@login_required
def chapter_status(request, pk: int):
    chapter = selectors.access_chapter(request.user, pk, manage=True)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the statuses."))
    else:
        try:
            services.chapter_set_status(
                actor=request.user, chapter=chapter, status=form.cleaned_data["status"]
            )
        except PermissionDenied:
            messages.error(request, _("Only a coordinator approves a chapter or reopens an approved one."))
        else:
            messages.success(request, _("The chapter's status has been changed."))
    return redirect("handbooks:chapter", pk=chapter.pk)


@login_required
def chapter_versions(request, pk: int):
    chapter = selectors.access_chapter(request.user, pk)
    language = request.GET.get("language", MASTER_LANGUAGE)
    if language not in dict(LANGUAGES):
        language = MASTER_LANGUAGE
    versions = selectors.chapter_versions(chapter, language)
    page_obj = paginate(request, versions)
    rows = old = new = None
    form = CompareForm(request.GET) if "a" in request.GET or "b" in request.GET else CompareForm()
    if form.is_bound and form.is_valid():
        numbers = [form.cleaned_data["a"], form.cleaned_data["b"]]
        found = selectors.versions_numbered(chapter, language, numbers)
        old, new = found.get(form.cleaned_data["a"]), found.get(form.cleaned_data["b"])
        if old is None or new is None:
            form.add_error(None, _("Choose two versions of this chapter."))
        else:
            rows = compare(old.body, new.body)
    return render(
        request,
        "handbooks/versions.html",
        {
            "chapter": chapter,
            "handbook": chapter.handbook,
            "page_obj": page_obj,
            "versions": page_obj.object_list,
            "language": language,
            "languages": LANGUAGES,
            "form": form,
            "rows": rows,
            "old": old,
            "new": new,
            "title_changed": old is not None and new is not None and old.title != new.title,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@require_POST
@login_required
def comment_add(request, pk: int):
    chapter = selectors.access_chapter(request.user, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.comment_add(
                actor=request.user,
                chapter=chapter,
                paragraph=form.cleaned_data["paragraph"],
                body=form.cleaned_data["body"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The comment has been added."))
            return redirect(f"{chapter.get_absolute_url()}#p{form.cleaned_data['paragraph']}")
    else:
        messages.error(request, _("Choose a paragraph and write the comment."))
    return redirect("handbooks:chapter", pk=chapter.pk)


@require_POST
@login_required
def comment_resolve(request, pk: int):
    comment = selectors.access_comment(request.user, pk)
    resolved = request.POST.get("resolved") == "1"
    services.comment_resolve(actor=request.user, comment=comment, resolved=resolved)
    messages.success(request, _("The comment is resolved.") if resolved else _("The comment is open again."))
    return redirect(f"{comment.chapter.get_absolute_url()}#p{comment.paragraph}")


# --- public pages --------------------------------------------------------------------------------------------


def public_handbook(request, pk: int):
    handbook = selectors.access_public_handbook(pk)
    return render(
        request,
        "handbooks/public/handbook.html",
        {"handbook": handbook, "parts": selectors.handbook_structure(handbook, approved_only=True)},
    )


def public_chapter(request, pk: int):
    chapter = selectors.access_public_chapter(pk)
    language = request.GET.get("language", MASTER_LANGUAGE)
    translations = selectors.translations_of(chapter)
    shown = translations.get(language)
    if language == MASTER_LANGUAGE or shown is None:
        language, title, body = MASTER_LANGUAGE, chapter.title, chapter.body
    else:
        title, body = shown.title, shown.body
    return render(
        request,
        "handbooks/public/chapter.html",
        {
            "chapter": chapter,
            "handbook": chapter.handbook,
            "title": title,
            "text": render_markdown(body),
            "language": language,
            "shown": shown,
            "available": [
                (code, name) for code, name in LANGUAGES if code == MASTER_LANGUAGE or code in translations
            ],
        },
    )
