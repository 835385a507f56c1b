"""The respondent's side: personal and public links, save and continue, what waits for me, my answers."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from rozwoj.accounts.permissions import login_required

from ..models import (
    SURVEY_LANGUAGES,
    Anonymity,
    InvitationStatus,
    localised,
)
from ..selectors.access import access_invitation, access_own_response, access_public_link
from ..selectors.respondents import answers_of_response, waiting_for
from ..services.responding import Respondent, draft_for, draft_save, is_open, response_submit
from .page import error_list, page_sections

LANGUAGE_NAMES = dict(SURVEY_LANGUAGES)


def _language(request, questionnaire, fallback: str = "") -> str:
    for candidate in (request.POST.get("language"), request.GET.get("lang"), fallback):
        if candidate in questionnaire.languages:
            return candidate
    current = getattr(request, "LANGUAGE_CODE", "")
    return current if current in questionnaire.languages else questionnaire.default_language


def _person_of(user):
    return getattr(user, "person", None) if user.is_authenticated else None


def _post(request, *, questionnaire, wave, respondent: Respondent, language: str, done_key: str):
    """Carry out the button pressed: a redirect when done, else None (and ValidationError on bad input)."""
    action = request.POST.get("action", "submit")
    if action == "save":
        draft = draft_save(
            questionnaire=questionnaire,
            wave=wave,
            respondent=respondent,
            language=language,
            data=request.POST,
        )
        if not respondent.invitation and not respondent.draft_key and done_key:
            request.session[f"{done_key}-draft"] = draft.key
        messages.success(request, _("Your answers are saved. Come back with the same link to finish."))
        return redirect(request.get_full_path())
    if action == "submit":
        response_submit(
            questionnaire=questionnaire,
            wave=wave,
            respondent=respondent,
            language=language,
            data=request.POST,
            panel_code=request.POST.get("panel_code", "")[:200],
        )
        if done_key:
            request.session[done_key] = True
            request.session.pop(f"{done_key}-draft", None)
        return redirect(reverse("surveys:thanks") + f"?lang={language}")
    return None  # "Update the questions shown": the page again, evaluated on the server


def _answer_page(request, *, questionnaire, wave, respondent: Respondent, done_key: str = ""):
    """GET: the questionnaire with what was saved; POST: save, show the questions that apply, or submit. The
    page speaks the language the respondent picked (English around the questions when the site lacks it)."""
    if not is_open(questionnaire, wave):
        return render(request, "surveys/public/closed.html", {"questionnaire": questionnaire})
    draft = draft_for(questionnaire, wave, respondent)
    language = _language(request, questionnaire, draft.language if draft else "")
    site_languages = {code for code, _name in settings.LANGUAGES}
    with translation.override(language if language in site_languages else "en"):
        return _answer_page_in(request, questionnaire, wave, respondent, done_key, draft, language)


def _answer_page_in(request, questionnaire, wave, respondent, done_key, draft, language):
    data = draft.data if draft else None
    errors: dict[str, str] = {}
    if request.method == "POST":
        data = request.POST
        try:
            done = _post(
                request,
                questionnaire=questionnaire,
                wave=wave,
                respondent=respondent,
                language=language,
                done_key=done_key,
            )
        except ValidationError as error:
            if getattr(error, "code", None) in ("closed", "duplicate"):
                template = "closed" if error.code == "closed" else "already"
                return render(request, f"surveys/public/{template}.html", {"questionnaire": questionnaire})
            errors = (
                {key: " ".join(texts) for key, texts in error.message_dict.items()}
                if hasattr(error, "error_dict")
                else {"__all__": " ".join(error.messages)}
            )
        else:
            if done is not None:
                return done
    sections = page_sections(questionnaire, language, data, errors)
    return render(
        request,
        "surveys/public/respond.html",
        {
            "questionnaire": questionnaire,
            "wave": wave,
            "language": language,
            "title": questionnaire.title_in(language),
            "intro": questionnaire.intro_in(language),
            "languages": [(code, LANGUAGE_NAMES.get(code, code)) for code in questionnaire.languages],
            "sections": sections,
            "errors": error_list(sections),
            "general_error": errors.get("__all__", "") or errors.get("panel_code", ""),
            "ask_panel_code": questionnaire.anonymity == Anonymity.ANONYMOUS
            and questionnaire.waves.count() > 1,
            "panel_code": request.POST.get("panel_code", "")[:200] if request.method == "POST" else "",
            "preview": False,
        },
        status=400 if errors else 200,
    )


@require_http_methods(["GET", "POST"])
def respond(request, token: str):
    invitation = access_invitation(token)
    questionnaire = invitation.distribution.questionnaire
    if invitation.status == InvitationStatus.RESPONDED:
        return render(request, "surveys/public/already.html", {"questionnaire": questionnaire})
    return _answer_page(
        request,
        questionnaire=questionnaire,
        wave=invitation.wave,
        respondent=Respondent(invitation=invitation),
    )


@require_http_methods(["GET", "POST"])
def respond_public(request, token: str):
    distribution = access_public_link(token)
    questionnaire = distribution.questionnaire
    done_key = f"surveys-done-{distribution.pk}"
    if request.session.get(done_key):
        return render(request, "surveys/public/already.html", {"questionnaire": questionnaire})
    person = None if questionnaire.anonymity == Anonymity.ANONYMOUS else _person_of(request.user)
    respondent = Respondent(person=person, draft_key=request.session.get(f"{done_key}-draft", ""))
    return _answer_page(
        request, questionnaire=questionnaire, wave=distribution.wave, respondent=respondent, done_key=done_key
    )


def thanks(request):
    language = request.GET.get("lang", "")
    site_languages = {code for code, _name in settings.LANGUAGES}
    if language not in site_languages:
        return render(request, "surveys/public/thanks.html")
    with translation.override(language):
        return render(request, "surveys/public/thanks.html")


@login_required
def mine(request):
    person = _person_of(request.user)
    waiting, answered = waiting_for(person)
    return render(request, "surveys/public/mine.html", {"waiting": waiting, "answered": answered})


@login_required
def my_response(request, pk):
    """A respondent's own answers (named and confidential questionnaires: anonymous ones are tied to nobody)."""
    response = access_own_response(request.user, pk)
    language = response.language
    return render(
        request,
        "surveys/public/my_response.html",
        {
            "response": response,
            "title": response.questionnaire.title_in(language),
            "answers": answers_of_response(response, language),
            "wave_label": localised(response.wave.label, language),
        },
    )


urlpatterns = [
    path("", mine, name="mine"),
    path("answer/<str:token>/", respond, name="respond"),
    path("open/<str:token>/", respond_public, name="respond_public"),
    path("thanks/", thanks, name="thanks"),
    path("my-answers/<uuid:pk>/", my_response, name="my_response"),
]
