"""Building a questionnaire: settings, waves, sections, questions, copies, opening and closing.

Once the first response exists a question's meaning cannot change: a correction of wording is recorded in the
audit log; any other change retires the question (its answers stay with it) and adds a new one in its place,
raising the questionnaire's version. The anonymity promise is never weakened once someone has answered.
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _

from rozwoj.core.audit import changed_fields, log_action

from .. import conditions
from ..models import (
    ANONYMITY_STRENGTH,
    SCALE_KINDS,
    Anonymity,
    Answer,
    Question,
    QuestionKind,
    Questionnaire,
    QuestionnaireStatus,
    Response,
    Section,
    Wave,
)
from ..selectors.access import can_build, can_manage

# The fields of a question that carry its meaning; texts (and option labels) may be corrected in place.
MEANING_FIELDS = (
    "kind",
    "allow_other",
    "scale_points",
    "min_value",
    "max_value",
    "required",
    "condition",
    "option_codes",
    "row_codes",
)
TEXT_FIELDS = ("text", "help", "options", "rows", "scale_labels")


def _check_manage(actor, questionnaire: Questionnaire) -> None:
    if not can_manage(actor, questionnaire):
        raise PermissionDenied


def has_responses(questionnaire: Questionnaire) -> bool:
    return Response.objects.filter(questionnaire=questionnaire).exists()


def _validate_settings(data: dict[str, Any]) -> None:
    errors: dict[str, str] = {}
    if not data.get("languages"):
        errors["languages"] = _("Choose at least one language.")
    opens_at, closes_at = data.get("opens_at"), data.get("closes_at")
    if opens_at and closes_at and closes_at <= opens_at:
        errors["closes_at"] = _("The questionnaire must close after it opens.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def questionnaire_create(*, actor, data: dict[str, Any]) -> Questionnaire:
    """A new questionnaire with its first wave and first section."""
    if not can_build(actor):
        raise PermissionDenied
    _validate_settings(data)
    questionnaire = Questionnaire.objects.create(owner=actor, **data)
    Wave.objects.create(questionnaire=questionnaire, order=1, label={"pl": "Pomiar", "en": "Survey"})
    Section.objects.create(questionnaire=questionnaire, order=1, title={})
    log_action(actor, questionnaire, "surveys.questionnaire_create", {"title": questionnaire.title})
    return questionnaire


@transaction.atomic
def questionnaire_update(*, actor, questionnaire: Questionnaire, data: dict[str, Any]) -> Questionnaire:
    _check_manage(actor, questionnaire)
    _validate_settings(data)
    questionnaire = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
    if has_responses(questionnaire):
        new_anonymity = data.get("anonymity", questionnaire.anonymity)
        if ANONYMITY_STRENGTH[new_anonymity] < ANONYMITY_STRENGTH[questionnaire.anonymity]:
            raise ValidationError(
                {
                    "anonymity": _(
                        "People have answered under this promise of anonymity: it cannot be weakened."
                    )
                }
            )
        if data.get("min_group_size", questionnaire.min_group_size) < questionnaire.min_group_size:
            raise ValidationError(
                {"min_group_size": _("People have answered: the smallest group shown can only be raised.")}
            )
    changes = changed_fields(questionnaire, data)
    if changes:
        questionnaire.save()
        log_action(actor, questionnaire, "surveys.questionnaire_update", changes)
    return questionnaire


def missing_translations(questionnaire: Questionnaire) -> list[dict[str, str]]:
    """Every author's text lacking one of the questionnaire's languages: [{"where": …, "language": …}]."""
    missing = []

    def check(where: str, texts: dict | None, required: bool = True) -> None:
        texts = texts or {}
        if not required and not any(texts.values()):
            return
        for language in questionnaire.languages:
            if not (texts.get(language) or "").strip():
                missing.append({"where": where, "language": language})

    check(_("Title"), questionnaire.title)
    check(_("Introduction"), questionnaire.intro, required=False)
    for section in questionnaire.sections.order_by("order", "id"):
        check(_("Section %(number)s: title") % {"number": section.order}, section.title, required=False)
        check(
            _("Section %(number)s: description") % {"number": section.order},
            section.description,
            required=False,
        )
    for question in questionnaire.questions.filter(is_active=True).select_related("section"):
        label = _("Question %(code)s") % {"code": question.code}
        check(label, question.text)
        check(_("%(question)s: help text") % {"question": label}, question.help, required=False)
        for item in (*question.options, *question.rows):
            check(
                _("%(question)s: option %(code)s") % {"question": label, "code": item["code"]},
                item.get("label"),
            )
        for number, point in enumerate(question.scale_labels, start=1):
            check(
                _("%(question)s: point %(number)d of the scale") % {"question": label, "number": number},
                point,
            )
    return missing


@transaction.atomic
def questionnaire_open(*, actor, questionnaire: Questionnaire) -> None:
    _check_manage(actor, questionnaire)
    if questionnaire.is_template:
        raise ValidationError(_("A template is not answered: copy it and open the copy."))
    if not questionnaire.questions.filter(is_active=True).exists():
        raise ValidationError(_("Add at least one question before opening the questionnaire."))
    missing = missing_translations(questionnaire)
    if missing:
        raise ValidationError(
            _("Translations are missing (%(count)d): see the list on the questionnaire's page.")
            % {"count": len(missing)}
        )
    Questionnaire.objects.filter(pk=questionnaire.pk).update(status=QuestionnaireStatus.OPEN)
    questionnaire.status = QuestionnaireStatus.OPEN
    log_action(actor, questionnaire, "surveys.questionnaire_open")


@transaction.atomic
def questionnaire_close(*, actor, questionnaire: Questionnaire) -> None:
    _check_manage(actor, questionnaire)
    Questionnaire.objects.filter(pk=questionnaire.pk).update(status=QuestionnaireStatus.CLOSED)
    questionnaire.status = QuestionnaireStatus.CLOSED
    log_action(actor, questionnaire, "surveys.questionnaire_close")


@transaction.atomic
def questionnaire_duplicate(
    *, actor, questionnaire: Questionnaire, title_suffix: str | None = None
) -> Questionnaire:
    """A draft copy (sections, current questions, waves), owned by `actor`; templates are copied this way."""
    if not can_build(actor) or not (questionnaire.is_template or can_manage(actor, questionnaire)):
        raise PermissionDenied
    suffix = _(" (copy)") if title_suffix is None else title_suffix
    copy = Questionnaire.objects.create(
        title={language: f"{text}{suffix}" for language, text in questionnaire.title.items()},
        intro=questionnaire.intro,
        languages=list(questionnaire.languages),
        anonymity=questionnaire.anonymity,
        min_group_size=questionnaire.min_group_size,
        owner=actor,
        programme=questionnaire.programme,
        copied_from=questionnaire,
    )
    for wave in questionnaire.waves.all():
        Wave.objects.create(questionnaire=copy, order=wave.order, label=wave.label)
    sections = {}
    for section in questionnaire.sections.order_by("order", "id"):
        sections[section.pk] = Section.objects.create(
            questionnaire=copy,
            order=section.order,
            title=section.title,
            description=section.description,
            condition=section.condition,
        )
    Question.objects.bulk_create(
        [
            Question(
                questionnaire=copy,
                section=sections[question.section_id],
                **{field: getattr(question, field) for field in _COPIED_QUESTION_FIELDS},
            )
            for question in questionnaire.questions.filter(is_active=True).order_by("order", "id")
        ]
    )
    log_action(actor, copy, "surveys.questionnaire_duplicate", {"copy_of": questionnaire.pk})
    return copy


_COPIED_QUESTION_FIELDS = (
    "order",
    "code",
    "kind",
    "text",
    "help",
    "options",
    "allow_other",
    "rows",
    "scale_points",
    "scale_labels",
    "min_value",
    "max_value",
    "required",
    "condition",
)


@transaction.atomic
def wave_create(*, actor, questionnaire: Questionnaire, label: dict, opens_at=None, closes_at=None) -> Wave:
    _check_manage(actor, questionnaire)
    order = (questionnaire.waves.aggregate(top=Max("order"))["top"] or 0) + 1
    wave = Wave.objects.create(
        questionnaire=questionnaire, order=order, label=label, opens_at=opens_at, closes_at=closes_at
    )
    log_action(actor, questionnaire, "surveys.wave_create", {"wave": label})
    return wave


# --- sections ---------------------------------------------------------------------------------------------


def _check_condition(
    questionnaire: Questionnaire, condition: dict, before_order: tuple[int, int] | None
) -> None:
    """The condition may look only at questions shown before the thing it governs."""
    earlier = [
        question.code
        for question in questionnaire.questions.filter(is_active=True).select_related("section")
        if before_order is None or (question.section.order, question.order) < before_order
    ]
    problems = conditions.validate(condition, earlier)
    if problems:
        raise ValidationError({"condition": _("The condition may look only at questions asked before it.")})


@transaction.atomic
def section_save(
    *, actor, questionnaire: Questionnaire, data: dict[str, Any], section: Section | None = None
) -> Section:
    _check_manage(actor, questionnaire)
    if section is None:
        order = (questionnaire.sections.aggregate(top=Max("order"))["top"] or 0) + 1
        section = Section(questionnaire=questionnaire, order=order)
    _check_condition(questionnaire, data.get("condition") or {}, (section.order, 0))
    changes = changed_fields(section, data)
    section.save()
    log_action(actor, questionnaire, "surveys.section_save", {"section": section.pk, **changes})
    return section


def _swap(model, items: list, index: int, direction: int) -> bool:
    other = index + direction
    if not 0 <= other < len(items):
        return False
    first, second = items[index], items[other]
    first.order, second.order = second.order, first.order
    if first.order == second.order:
        first.order += direction
    model.objects.filter(pk=first.pk).update(order=first.order)
    model.objects.filter(pk=second.pk).update(order=second.order)
    return True


@transaction.atomic
def section_move(*, actor, section: Section, direction: int) -> bool:
    questionnaire = section.questionnaire
    _check_manage(actor, questionnaire)
    sections = list(questionnaire.sections.select_for_update().order_by("order", "id"))
    index = next(i for i, item in enumerate(sections) if item.pk == section.pk)
    moved = _swap(Section, sections, index, direction)
    if moved:
        _renumber(Section, questionnaire.sections.order_by("order", "id"))
        log_action(
            actor, questionnaire, "surveys.section_move", {"section": section.pk, "direction": direction}
        )
    return moved


def _renumber(model, queryset) -> None:
    for number, item in enumerate(queryset, start=1):
        if item.order != number:
            model.objects.filter(pk=item.pk).update(order=number)


@transaction.atomic
def section_delete(*, actor, section: Section) -> None:
    questionnaire = section.questionnaire
    _check_manage(actor, questionnaire)
    if Answer.objects.filter(question__section=section).exists():
        raise ValidationError(_("People have answered questions of this section: it cannot be deleted."))
    if questionnaire.sections.count() == 1:
        raise ValidationError(_("A questionnaire keeps at least one section."))
    section.delete()
    _renumber(Section, questionnaire.sections.order_by("order", "id"))
    log_action(actor, questionnaire, "surveys.section_delete", {"section": section.pk})


# --- questions --------------------------------------------------------------------------------------------


def _validate_question(data: dict[str, Any]) -> None:
    errors: dict[str, str] = {}
    kind = data.get("kind")
    if (
        kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.RANKING)
        and len(data.get("options") or []) < 2
    ):
        errors["options"] = _("Give at least two options.")
    if kind == QuestionKind.LIKERT_MATRIX and not data.get("rows"):
        errors["rows"] = _("Give at least one row.")
    if kind in SCALE_KINDS:
        points = data.get("scale_points") or 0
        if not 2 <= points <= 11:
            errors["scale_points"] = _("A scale has from 2 to 11 points.")
        elif data.get("scale_labels") and len(data["scale_labels"]) != points:
            errors["scale_labels"] = _("Label every point of the scale, or none.")
    low, high = data.get("min_value"), data.get("max_value")
    if low is not None and high is not None and high < low:
        errors["max_value"] = _("The largest number must not be smaller than the smallest.")
    if errors:
        raise ValidationError(errors)


def _meaning(question_data: dict[str, Any]) -> dict[str, Any]:
    return {
        "kind": question_data.get("kind"),
        "allow_other": bool(question_data.get("allow_other")),
        "scale_points": question_data.get("scale_points"),
        "min_value": question_data.get("min_value"),
        "max_value": question_data.get("max_value"),
        "required": bool(question_data.get("required")),
        "condition": question_data.get("condition") or {},
        "option_codes": [item["code"] for item in question_data.get("options") or []],
        "row_codes": [item["code"] for item in question_data.get("rows") or []],
    }


def _question_data(question: Question) -> dict[str, Any]:
    return {
        field: getattr(question, field) for field in _COPIED_QUESTION_FIELDS if field not in ("order", "code")
    }


def _next_code(questionnaire: Questionnaire) -> str:
    codes = set(Question.objects.filter(questionnaire=questionnaire).values_list("code", flat=True))
    number = len(codes) + 1
    while f"q{number}" in codes:
        number += 1
    return f"q{number}"


@transaction.atomic
def question_save(
    *,
    actor,
    questionnaire: Questionnaire,
    section: Section,
    data: dict[str, Any],
    question: Question | None = None,
    wording_only: bool = False,
) -> Question:
    """Add or change a question. With responses, a change of anything but wording (declared `wording_only`)
    retires the question and puts a new version in its place."""
    _check_manage(actor, questionnaire)
    _validate_question(data)
    if question is None:
        order = (section.questions.aggregate(top=Max("order"))["top"] or 0) + 1
        _check_condition(questionnaire, data.get("condition") or {}, (section.order, order))
        question = Question.objects.create(
            questionnaire=questionnaire,
            section=section,
            order=order,
            code=_next_code(questionnaire),
            since_version=questionnaire.version,
            **data,
        )
        log_action(actor, questionnaire, "surveys.question_create", {"question": question.code})
        return question
    _check_condition(questionnaire, data.get("condition") or {}, (question.section.order, question.order))
    answered = Answer.objects.filter(question=question).exists()
    meaning_changed = _meaning(data) != _meaning(_question_data(question))
    if not answered:
        changes = changed_fields(question, data)
        question.save()
        log_action(actor, questionnaire, "surveys.question_update", {"question": question.code, **changes})
        return question
    if wording_only and not meaning_changed:
        changes = changed_fields(question, {field: data[field] for field in TEXT_FIELDS if field in data})
        question.save()
        log_action(
            actor, questionnaire, "surveys.question_wording_fix", {"question": question.code, **changes}
        )
        return question
    # A new version: the old question keeps its answers, a new one takes its place and code.
    Questionnaire.objects.filter(pk=questionnaire.pk).update(version=F("version") + 1)
    questionnaire.refresh_from_db(fields=["version"])
    Question.objects.filter(pk=question.pk).update(is_active=False)
    replacement = Question.objects.create(
        questionnaire=questionnaire,
        section=question.section,
        order=question.order,
        code=question.code,
        replaces=question,
        since_version=questionnaire.version,
        **data,
    )
    log_action(
        actor,
        questionnaire,
        "surveys.question_new_version",
        {"question": question.code, "version": questionnaire.version},
    )
    return replacement


@transaction.atomic
def question_move(*, actor, question: Question, direction: int) -> bool:
    questionnaire = question.questionnaire
    _check_manage(actor, questionnaire)
    siblings = list(
        question.section.questions.filter(is_active=True).select_for_update().order_by("order", "id")
    )
    index = next(i for i, item in enumerate(siblings) if item.pk == question.pk)
    moved = _swap(Question, siblings, index, direction)
    if moved:
        _renumber(Question, question.section.questions.filter(is_active=True).order_by("order", "id"))
        log_action(
            actor, questionnaire, "surveys.question_move", {"question": question.code, "direction": direction}
        )
    return moved


@transaction.atomic
def question_remove(*, actor, question: Question) -> None:
    """Delete a question nobody answered; retire one with answers (they stay in the results)."""
    questionnaire = question.questionnaire
    _check_manage(actor, questionnaire)
    if Answer.objects.filter(question=question).exists():
        Question.objects.filter(pk=question.pk).update(is_active=False)
        Questionnaire.objects.filter(pk=questionnaire.pk).update(version=F("version") + 1)
        log_action(actor, questionnaire, "surveys.question_retire", {"question": question.code})
    else:
        question.delete()
        log_action(actor, questionnaire, "surveys.question_delete", {"question": question.code})


def anonymity_choices_for(questionnaire: Questionnaire | None) -> list[tuple[str, Any]]:
    """The anonymity levels the settings form offers (never weaker than now once answered)."""
    if questionnaire is None or questionnaire.pk is None or not has_responses(questionnaire):
        return list(Anonymity.choices)
    floor = ANONYMITY_STRENGTH[questionnaire.anonymity]
    return [(value, label) for value, label in Anonymity.choices if ANONYMITY_STRENGTH[value] >= floor]
