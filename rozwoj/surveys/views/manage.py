"""The builder and the sending of questionnaires: coordinators (everything) and experts (their own)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rozwoj.accounts.permissions import login_required
from rozwoj.core.forms import add_service_errors
from rozwoj.core.user_input import is_key

from ..forms import DistributionForm, QuestionForm, QuestionnaireForm, SectionForm, WaveForm
from ..models import (
    SURVEY_LANGUAGES,
    DistributionKind,
    InvitationStatus,
    Question,
    Questionnaire,
    Section,
)
from ..selectors.access import (
    access_question,
    access_questionnaire,
    access_section,
    can_build,
    can_manage,
    questionnaires_visible_to,
)
from ..selectors.distribution import distribution_rows, response_rate
from ..selectors.people import experts_people, organisation_team
from ..services import distribution as distribution_services
from ..services import questionnaires as services
from .page import error_list, page_sections

LANGUAGE_NAMES = dict(SURVEY_LANGUAGES)


def _questionnaire(request, pk: int, manage: bool = True) -> Questionnaire:
    """Load and scope: 404 when invisible, 403 when visible but not the caller's to change."""
    return access_questionnaire(request.user, pk, manage=manage)


def _builder_only(request) -> None:
    if not can_build(request.user):
        raise PermissionDenied


@login_required
def questionnaire_list(request):
    _builder_only(request)
    visible = questionnaires_visible_to(request.user).annotate(
        response_count=Count("responses", distinct=True)
    )
    return render(
        request,
        "surveys/manage/list.html",
        {
            "questionnaires": visible.filter(is_template=False).order_by("-created_at", "-id")[:200],
            "templates": visible.filter(is_template=True).order_by("id"),
        },
    )


@login_required
def questionnaire_create(request):
    _builder_only(request)
    form = QuestionnaireForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            questionnaire = services.questionnaire_create(actor=request.user, data=form.service_data())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The questionnaire was created. Add its questions."))
            return redirect("surveys:builder", pk=questionnaire.pk)
    return render(
        request,
        "surveys/manage/settings.html",
        {"form": form, "questionnaire": None},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def questionnaire_edit(request, pk: int):
    questionnaire = _questionnaire(request, pk)
    form = QuestionnaireForm(request.POST or None, questionnaire=questionnaire)
    if request.method == "POST" and form.is_valid():
        try:
            services.questionnaire_update(
                actor=request.user, questionnaire=questionnaire, data=form.service_data()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The settings were saved."))
            return redirect("surveys:builder", pk=questionnaire.pk)
    return render(
        request,
        "surveys/manage/settings.html",
        {"form": form, "questionnaire": questionnaire},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def builder(request, pk: int):
    questionnaire = _questionnaire(request, pk, manage=False)
    sections = list(questionnaire.sections.order_by("order", "id"))
    questions = list(
        questionnaire.questions.filter(is_active=True)
        .annotate(answer_count=Count("answers"))
        .order_by("order", "id")
    )
    for section in sections:
        section.active_questions = [question for question in questions if question.section_id == section.pk]
    return render(
        request,
        "surveys/manage/builder.html",
        {
            "questionnaire": questionnaire,
            "can_manage": can_manage(request.user, questionnaire),
            "sections": sections,
            "waves": questionnaire.waves.order_by("order"),
            "missing": services.missing_translations(questionnaire),
            "language_names": [LANGUAGE_NAMES.get(code, code) for code in questionnaire.languages],
            "rate": response_rate(questionnaire),
            "has_responses": services.has_responses(questionnaire),
        },
    )


def _post_service(request, questionnaire: Questionnaire, call, success: str):
    try:
        call()
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
    return redirect("surveys:builder", pk=questionnaire.pk)


@require_POST
@login_required
def questionnaire_open(request, pk: int):
    questionnaire = _questionnaire(request, pk)
    return _post_service(
        request,
        questionnaire,
        lambda: services.questionnaire_open(actor=request.user, questionnaire=questionnaire),
        _("The questionnaire is open for answers."),
    )


@require_POST
@login_required
def questionnaire_close(request, pk: int):
    questionnaire = _questionnaire(request, pk)
    return _post_service(
        request,
        questionnaire,
        lambda: services.questionnaire_close(actor=request.user, questionnaire=questionnaire),
        _("The questionnaire is closed."),
    )


@require_POST
@login_required
def questionnaire_duplicate(request, pk: int):
    _builder_only(request)
    questionnaire = _questionnaire(request, pk, manage=False)
    copy = services.questionnaire_duplicate(actor=request.user, questionnaire=questionnaire)
    messages.success(request, _("This is your copy. Change it as you need."))
    return redirect("surveys:builder", pk=copy.pk)


@login_required
def preview(request, pk: int):
    questionnaire = _questionnaire(request, pk, manage=False)
    language = request.GET.get("lang") if request.GET.get("lang") in questionnaire.languages else None
    language = language or questionnaire.default_language
    data = request.POST if request.method == "POST" else None
    sections = page_sections(questionnaire, language, data)
    return render(
        request,
        "surveys/public/respond.html",
        {
            "questionnaire": questionnaire,
            "language": language,
            "title": questionnaire.title_in(language),
            "intro": questionnaire.intro_in(language),
            "languages": [(code, LANGUAGE_NAMES.get(code, code)) for code in questionnaire.languages],
            "sections": sections,
            "errors": error_list(sections),
            "preview": True,
        },
    )


# --- sections and questions -------------------------------------------------------------------------------


def _section(questionnaire: Questionnaire, section_pk: int) -> Section:
    return access_section(questionnaire, section_pk)


def _question(questionnaire: Questionnaire, question_pk: int) -> Question:
    return access_question(questionnaire, question_pk)


@login_required
def section_form(request, pk: int, section_pk: int | None = None):
    questionnaire = _questionnaire(request, pk)
    section = _section(questionnaire, section_pk) if section_pk else None
    form = SectionForm(request.POST or None, questionnaire=questionnaire, section=section)
    if request.method == "POST" and form.is_valid():
        try:
            services.section_save(
                actor=request.user, questionnaire=questionnaire, data=form.service_data(), section=section
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The section was saved."))
            return redirect("surveys:builder", pk=questionnaire.pk)
    return render(
        request,
        "surveys/manage/section_form.html",
        {"form": form, "questionnaire": questionnaire, "section": section},
        status=400 if request.method == "POST" else 200,
    )


def _direction(request) -> int:
    return -1 if request.POST.get("direction") == "up" else 1


@require_POST
@login_required
def section_move(request, pk: int, section_pk: int):
    questionnaire = _questionnaire(request, pk)
    section = _section(questionnaire, section_pk)
    services.section_move(actor=request.user, section=section, direction=_direction(request))
    return redirect(reverse("surveys:builder", args=[questionnaire.pk]) + f"#section-{section.pk}")


@require_POST
@login_required
def section_delete(request, pk: int, section_pk: int):
    questionnaire = _questionnaire(request, pk)
    section = _section(questionnaire, section_pk)
    return _post_service(
        request,
        questionnaire,
        lambda: services.section_delete(actor=request.user, section=section),
        _("The section was deleted."),
    )


@login_required
def question_form(request, pk: int, question_pk: int | None = None):
    questionnaire = _questionnaire(request, pk)
    question = _question(questionnaire, question_pk) if question_pk else None
    if question is not None:
        section = question.section
    else:
        raw = request.GET.get("section", "")
        section = (
            _section(questionnaire, int(raw))
            if is_key(raw)
            else questionnaire.sections.order_by("order").first()
        )
        if section is None:
            raise Http404
    form = QuestionForm(request.POST or None, questionnaire=questionnaire, section=section, question=question)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.question_save(
                actor=request.user,
                questionnaire=questionnaire,
                section=section,
                data=form.service_data(),
                question=question,
                wording_only=bool(form.cleaned_data.get("wording_only")),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if question is not None and saved.pk != question.pk:
                messages.success(
                    request, _("The question has a new version; earlier answers stay with the old one.")
                )
            else:
                messages.success(request, _("The question was saved."))
            return redirect(reverse("surveys:builder", args=[questionnaire.pk]) + f"#question-{saved.pk}")
    return render(
        request,
        "surveys/manage/question_form.html",
        {
            "form": form,
            "questionnaire": questionnaire,
            "section": section,
            "question": question,
            "earlier": list(form.condition_questions.values()),
        },
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@login_required
def question_move(request, pk: int, question_pk: int):
    questionnaire = _questionnaire(request, pk)
    question = _question(questionnaire, question_pk)
    services.question_move(actor=request.user, question=question, direction=_direction(request))
    return redirect(reverse("surveys:builder", args=[questionnaire.pk]) + f"#question-{question.pk}")


@require_POST
@login_required
def question_delete(request, pk: int, question_pk: int):
    questionnaire = _questionnaire(request, pk)
    question = _question(questionnaire, question_pk)
    return _post_service(
        request,
        questionnaire,
        lambda: services.question_remove(actor=request.user, question=question),
        _("The question was removed."),
    )


@login_required
def wave_form(request, pk: int):
    questionnaire = _questionnaire(request, pk)
    form = WaveForm(request.POST or None, questionnaire=questionnaire)
    if request.method == "POST" and form.is_valid():
        services.wave_create(actor=request.user, questionnaire=questionnaire, **form.service_data())
        messages.success(request, _("The wave was added."))
        return redirect("surveys:builder", pk=questionnaire.pk)
    return render(
        request,
        "surveys/manage/wave_form.html",
        {"form": form, "questionnaire": questionnaire},
        status=400 if request.method == "POST" else 200,
    )


# --- distribution -----------------------------------------------------------------------------------------


@login_required
def distributions(request, pk: int):
    questionnaire = _questionnaire(request, pk)
    form = DistributionForm(request.POST or None, questionnaire=questionnaire, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        wave = questionnaire.waves.get(pk=data["wave"])
        target = data["target"]
        try:
            if target == "public_link":
                distribution_services.distribution_public_link(
                    actor=request.user, questionnaire=questionnaire, wave=wave
                )
            else:
                url = ""
                if target == "people":
                    people, label = data["people"], _("Chosen people")
                elif target == "group":
                    people, label, url = data["people"], data["group_label"], data["group_url"]
                elif target == "experts":
                    people, label = experts_people(), _("The experts")
                else:
                    organisation = data["organisation"]
                    people = organisation_team(organisation)
                    label = _("Team of: %(organisation)s") % {"organisation": organisation.name}
                distribution_services.distribution_to_people(
                    questionnaire,
                    people,
                    data.get("send_at"),
                    label,
                    url,
                    request.user,
                    wave=wave,
                    reminder_every_days=data["reminder_every_days"],
                    max_reminders=data["max_reminders"],
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The questionnaire will be sent."))
            return redirect("surveys:distributions", pk=questionnaire.pk)
    return render(
        request,
        "surveys/manage/distributions.html",
        {
            "questionnaire": questionnaire,
            "form": form,
            "rows": distribution_rows(questionnaire),
            "rate": response_rate(questionnaire),
            "public_kind": DistributionKind.PUBLIC_LINK,
            "responded": InvitationStatus.RESPONDED,
        },
        status=400 if request.method == "POST" else 200,
    )


urlpatterns = [
    path("manage/", questionnaire_list, name="list"),
    path("manage/new/", questionnaire_create, name="create"),
    path("manage/<int:pk>/", builder, name="builder"),
    path("manage/<int:pk>/settings/", questionnaire_edit, name="edit"),
    path("manage/<int:pk>/open/", questionnaire_open, name="open"),
    path("manage/<int:pk>/close/", questionnaire_close, name="close"),
    path("manage/<int:pk>/duplicate/", questionnaire_duplicate, name="duplicate"),
    path("manage/<int:pk>/preview/", preview, name="preview"),
    path("manage/<int:pk>/sections/new/", section_form, name="section_create"),
    path("manage/<int:pk>/sections/<int:section_pk>/", section_form, name="section_edit"),
    path("manage/<int:pk>/sections/<int:section_pk>/move/", section_move, name="section_move"),
    path("manage/<int:pk>/sections/<int:section_pk>/delete/", section_delete, name="section_delete"),
    path("manage/<int:pk>/questions/new/", question_form, name="question_create"),
    path("manage/<int:pk>/questions/<int:question_pk>/", question_form, name="question_edit"),
    path("manage/<int:pk>/questions/<int:question_pk>/move/", question_move, name="question_move"),
    path("manage/<int:pk>/questions/<int:question_pk>/delete/", question_delete, name="question_delete"),
    path("manage/<int:pk>/waves/new/", wave_form, name="wave_create"),
    path("manage/<int:pk>/send/", distributions, name="distributions"),
]
