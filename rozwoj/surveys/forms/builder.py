"""Forms of the builder. Every author's text has one field per language of the questionnaire."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rozwoj.core.forms import DateTimeField
from rozwoj.programmes.models import Programme

from ..models import (
    SURVEY_LANGUAGE_CODES,
    SURVEY_LANGUAGES,
    Question,
    QuestionKind,
    Questionnaire,
)
from ..services.questionnaires import anonymity_choices_for

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
LANGUAGE_NAMES = dict(SURVEY_LANGUAGES)
RULES = 3
# The bounds of a number question's limits: an answer beyond them is refused anyway (services.answers).
LARGEST_NUMBER = 10**12


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format=DATETIME_FORMAT, **kwargs)


def _languages_for(data, questionnaire: Questionnaire | None) -> list[str]:
    languages = list(questionnaire.languages) if questionnaire and questionnaire.languages else ["pl", "en"]
    if data is not None and hasattr(data, "getlist"):
        for code in data.getlist("languages"):
            if code in SURVEY_LANGUAGE_CODES and code not in languages:
                languages.append(code)
    return languages


def _texts(cleaned: dict[str, Any], prefix: str, languages: list[str]) -> dict[str, str]:
    return {
        language: cleaned[f"{prefix}_{language}"].strip()
        for language in languages
        if cleaned.get(f"{prefix}_{language}", "").strip()
    }


class QuestionnaireForm(forms.Form):
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=SURVEY_LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "The first language ticked is the questionnaire's main language; respondents pick theirs."
        ),
    )
    anonymity = forms.ChoiceField(label=_("Anonymity"), widget=forms.RadioSelect)
    min_group_size = forms.IntegerField(
        label=_("Smallest group shown in results"), min_value=1, max_value=1000, initial=5
    )
    opens_at = DateTimeField(label=_("Opens"), required=False, widget=DateTimeInput())
    closes_at = DateTimeField(label=_("Closes"), required=False, widget=DateTimeInput())
    programme = forms.ModelChoiceField(
        label=_("Programme"), queryset=Programme.objects.none(), required=False
    )

    def __init__(self, *args, questionnaire: Questionnaire | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.questionnaire = questionnaire
        self.fields["programme"].queryset = Programme.objects.order_by("name")
        self.fields["anonymity"].choices = anonymity_choices_for(questionnaire)
        self.text_languages = _languages_for(self.data if self.is_bound else None, questionnaire)
        for language in self.text_languages:
            name = LANGUAGE_NAMES[language]
            self.fields[f"title_{language}"] = forms.CharField(
                label=_("Title (%(language)s)") % {"language": name}, max_length=255, required=False
            )
            self.fields[f"intro_{language}"] = forms.CharField(
                label=_("Introduction (%(language)s)") % {"language": name},
                max_length=5000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        if questionnaire is not None and not self.is_bound:
            self.initial.update(
                languages=questionnaire.languages,
                anonymity=questionnaire.anonymity,
                min_group_size=questionnaire.min_group_size,
                opens_at=questionnaire.opens_at,
                closes_at=questionnaire.closes_at,
                programme=questionnaire.programme_id,
            )
            for language in self.text_languages:
                self.initial[f"title_{language}"] = questionnaire.title.get(language, "")
                self.initial[f"intro_{language}"] = questionnaire.intro.get(language, "")
        elif not self.is_bound:
            self.initial.setdefault("languages", ["pl", "en"])
            self.initial.setdefault("anonymity", "confidential")

    def clean(self):
        cleaned = super().clean()
        languages = [code for code, _name in SURVEY_LANGUAGES if code in (cleaned.get("languages") or [])]
        chosen = cleaned.get("languages") or []
        # Keep the order ticked on the page: the first is the main language.
        languages = [code for code in chosen if code in languages]
        if languages and not cleaned.get(f"title_{languages[0]}", "").strip():
            self.add_error(f"title_{languages[0]}", _("Give the title in the main language."))
        cleaned["languages"] = languages
        return cleaned

    def service_data(self) -> dict[str, Any]:
        cleaned = self.cleaned_data
        languages = cleaned["languages"]
        return {
            "languages": languages,
            "anonymity": cleaned["anonymity"],
            "min_group_size": cleaned["min_group_size"],
            "opens_at": cleaned.get("opens_at"),
            "closes_at": cleaned.get("closes_at"),
            "programme": cleaned.get("programme"),
            "title": _texts(cleaned, "title", languages),
            "intro": _texts(cleaned, "intro", languages),
        }


class SectionForm(forms.Form):
    def __init__(self, *args, questionnaire: Questionnaire, section=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.languages = questionnaire.languages
        for language in self.languages:
            name = LANGUAGE_NAMES.get(language, language)
            self.fields[f"title_{language}"] = forms.CharField(
                label=_("Title (%(language)s)") % {"language": name}, max_length=255, required=False
            )
            self.fields[f"description_{language}"] = forms.CharField(
                label=_("Description (%(language)s)") % {"language": name},
                max_length=5000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        earlier = earlier_questions(questionnaire, (section.order, 0) if section else None)
        add_condition_fields(self, earlier, section.condition if section else {})
        if section is not None and not self.is_bound:
            for language in self.languages:
                self.initial[f"title_{language}"] = section.title.get(language, "")
                self.initial[f"description_{language}"] = section.description.get(language, "")

    def clean(self):
        cleaned = super().clean()
        cleaned["condition"] = clean_condition(self, cleaned)
        return cleaned

    def service_data(self) -> dict[str, Any]:
        return {
            "title": _texts(self.cleaned_data, "title", self.languages),
            "description": _texts(self.cleaned_data, "description", self.languages),
            "condition": self.cleaned_data["condition"],
        }


def earlier_questions(questionnaire: Questionnaire, before: tuple[int, int] | None) -> list[Question]:
    questions = (
        questionnaire.questions.filter(is_active=True)
        .select_related("section")
        .order_by("section__order", "order")
    )
    return [
        question
        for question in questions
        if before is None or (question.section.order, question.order) < before
    ]


def add_condition_fields(form: forms.Form, earlier: list[Question], condition: dict) -> None:
    form.condition_questions = {question.code: question for question in earlier}
    choices = [("", "—")] + [
        (question.code, f"{question.code}: {question.text_in('pl')[:60]}") for question in earlier
    ]
    form.fields["combine"] = forms.ChoiceField(
        label=_("Show when"),
        choices=[
            ("all", _("all the rules below hold (AND)")),
            ("any", _("any of the rules below holds (OR)")),
        ],
        initial="all",
        required=False,
    )
    for number in range(1, RULES + 1):
        form.fields[f"rule{number}_question"] = forms.ChoiceField(
            label=_("Rule %(number)d: question") % {"number": number}, choices=choices, required=False
        )
        form.fields[f"rule{number}_op"] = forms.ChoiceField(
            label=_("Rule %(number)d: test") % {"number": number},
            choices=[
                ("equals", _("the answer equals")),
                ("includes", _("the answer includes one of (codes, comma-separated)")),
                ("between", _("the answer falls between")),
            ],
            required=False,
        )
        form.fields[f"rule{number}_value"] = forms.CharField(
            label=_("Rule %(number)d: value") % {"number": number},
            max_length=200,
            required=False,
            help_text=_("An option's code (see the list), yes or no, or a number."),
        )
        form.fields[f"rule{number}_min"] = forms.CharField(
            label=_("Rule %(number)d: from") % {"number": number}, max_length=20, required=False
        )
        form.fields[f"rule{number}_max"] = forms.CharField(
            label=_("Rule %(number)d: to") % {"number": number}, max_length=20, required=False
        )
    if not form.is_bound and condition:
        rules = condition.get("all") or condition.get("any") or [condition]
        form.initial["combine"] = "any" if "any" in condition else "all"
        for number, rule in enumerate(rules[:RULES], start=1):
            if "question" not in rule:
                continue
            form.initial[f"rule{number}_question"] = rule["question"]
            form.initial[f"rule{number}_op"] = rule.get("op")
            value = rule.get("value")
            if isinstance(value, list):
                value = ", ".join(str(item) for item in value)
            elif isinstance(value, bool):
                value = "yes" if value else "no"
            form.initial[f"rule{number}_value"] = "" if value is None else str(value)
            form.initial[f"rule{number}_min"] = "" if rule.get("min") is None else str(rule["min"])
            form.initial[f"rule{number}_max"] = "" if rule.get("max") is None else str(rule["max"])


def _typed(question: Question, raw: str) -> Any:
    raw = raw.strip()
    if question.kind == QuestionKind.YES_NO:
        if raw.lower() not in ("yes", "no"):
            raise forms.ValidationError(_("Write yes or no."))
        return raw.lower() == "yes"
    if question.kind in (QuestionKind.NUMBER, QuestionKind.LIKERT, QuestionKind.LIKERT_MATRIX):
        try:
            number = float(raw.replace(",", "."))
        except ValueError:
            raise forms.ValidationError(_("Write a number.")) from None
        return int(number) if number.is_integer() else number
    choice = question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.RANKING)
    if choice and raw not in question.option_codes():
        raise forms.ValidationError(
            _("Use one of the option codes: %(codes)s.") % {"codes": ", ".join(question.option_codes())}
        )
    return raw


def _bound(raw: str) -> Any:
    raw = raw.strip()
    if not raw:
        return None
    try:
        number = float(raw.replace(",", "."))
    except ValueError:
        return raw  # a date
    return int(number) if number.is_integer() else number


def _rule(question: Question, op: str, cleaned: dict[str, Any], number: int) -> dict[str, Any]:
    rule: dict[str, Any] = {"question": question.code, "op": op}
    value = cleaned.get(f"rule{number}_value", "")
    if op == "between":
        rule["min"] = _bound(cleaned.get(f"rule{number}_min", ""))
        rule["max"] = _bound(cleaned.get(f"rule{number}_max", ""))
        if rule["min"] is None and rule["max"] is None:
            raise forms.ValidationError(_("Give a lower or an upper bound."))
    elif op == "includes":
        parts = [part for part in value.split(",") if part.strip()]
        if not parts:
            raise forms.ValidationError(_("Give at least one value."))
        rule["value"] = [_typed(question, part) for part in parts]
    else:
        if not value.strip():
            raise forms.ValidationError(_("Give the value."))
        rule["value"] = _typed(question, value)
    return rule


def clean_condition(form: forms.Form, cleaned: dict[str, Any]) -> dict:
    """The condition of the rule fields as JSON (see surveys.conditions); errors go to the rule's fields."""
    rules = []
    for number in range(1, RULES + 1):
        code = cleaned.get(f"rule{number}_question")
        if not code:
            continue
        question = form.condition_questions.get(code)
        if question is None:
            form.add_error(f"rule{number}_question", _("Choose a question asked before this one."))
            continue
        op = cleaned.get(f"rule{number}_op") or "equals"
        try:
            rules.append(_rule(question, op, cleaned, number))
        except forms.ValidationError as error:
            form.add_error(f"rule{number}_min" if op == "between" else f"rule{number}_value", error)
    if not rules:
        return {}
    return {cleaned.get("combine") or "all": rules}


def _lines(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of question"), choices=QuestionKind.choices)
    required = forms.BooleanField(label=_("An answer is required"), required=False)
    allow_other = forms.BooleanField(
        label=_('Offer "other, please specify" (choice questions)'), required=False
    )
    scale_points = forms.IntegerField(
        label=_("Points of the scale (Likert)"), min_value=2, max_value=11, required=False, initial=5
    )
    min_value = forms.FloatField(
        label=_("Smallest number allowed"),
        min_value=-LARGEST_NUMBER,
        max_value=LARGEST_NUMBER,
        required=False,
    )
    max_value = forms.FloatField(
        label=_("Largest number allowed"),
        min_value=-LARGEST_NUMBER,
        max_value=LARGEST_NUMBER,
        required=False,
    )

    def __init__(
        self, *args, questionnaire: Questionnaire, section, question: Question | None = None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.languages = questionnaire.languages
        self.question = question
        for language in self.languages:
            name = LANGUAGE_NAMES.get(language, language)
            self.fields[f"text_{language}"] = forms.CharField(
                label=_("Question (%(language)s)") % {"language": name},
                max_length=2000,
                required=language == questionnaire.default_language,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"help_{language}"] = forms.CharField(
                label=_("Help text (%(language)s)") % {"language": name}, max_length=2000, required=False
            )
            self.fields[f"options_{language}"] = forms.CharField(
                label=_("Options, one per line (%(language)s)") % {"language": name},
                max_length=10000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
            )
            self.fields[f"rows_{language}"] = forms.CharField(
                label=_("Rows of the matrix, one per line (%(language)s)") % {"language": name},
                max_length=10000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            self.fields[f"scale_labels_{language}"] = forms.CharField(
                label=_("Labels of the scale points, one per line, or none (%(language)s)")
                % {"language": name},
                max_length=2000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        order = (question.section.order, question.order) if question else (section.order, 10_000)
        add_condition_fields(
            self, earlier_questions(questionnaire, order), question.condition if question else {}
        )
        self.answered = bool(question and question.answers.exists())
        if self.answered:
            self.fields["wording_only"] = forms.BooleanField(
                label=_("This change only corrects the wording (a typo): keep the answers given so far"),
                required=False,
                help_text=_(
                    "Otherwise the question gets a new version and earlier answers stay with the old one."
                ),
            )
        if question is not None and not self.is_bound:
            self.initial.update(
                kind=question.kind,
                required=question.required,
                allow_other=question.allow_other,
                scale_points=question.scale_points,
                min_value=question.min_value,
                max_value=question.max_value,
            )
            for language in self.languages:
                self.initial[f"text_{language}"] = question.text.get(language, "")
                self.initial[f"help_{language}"] = question.help.get(language, "")
                self.initial[f"options_{language}"] = "\n".join(
                    option["label"].get(language, "") for option in question.options
                )
                self.initial[f"rows_{language}"] = "\n".join(
                    row["label"].get(language, "") for row in question.rows
                )
                self.initial[f"scale_labels_{language}"] = "\n".join(
                    label.get(language, "") for label in question.scale_labels
                )

    def _items(self, cleaned, prefix: str, existing: list[dict], code_prefix: str) -> list[dict]:
        per_language = {
            language: _lines(cleaned.get(f"{prefix}_{language}", "")) for language in self.languages
        }
        count = max((len(lines) for lines in per_language.values()), default=0)
        for language, lines in per_language.items():
            if lines and len(lines) != count:
                self.add_error(f"{prefix}_{language}", _("Give as many lines in every language."))
        used = {item["code"] for item in existing}
        items = []
        for index in range(count):
            if index < len(existing):
                code = existing[index]["code"]
            else:
                number = index + 1
                while f"{code_prefix}{number}" in used:
                    number += 1
                code = f"{code_prefix}{number}"
                used.add(code)
            label = {language: lines[index] for language, lines in per_language.items() if index < len(lines)}
            items.append({"code": code, "label": label})
        return items

    def clean(self):
        cleaned = super().clean()
        question = self.question
        cleaned["options"] = self._items(cleaned, "options", question.options if question else [], "o")
        cleaned["rows"] = self._items(cleaned, "rows", question.rows if question else [], "r")
        labels = self._items(cleaned, "scale_labels", [], "s")
        cleaned["scale_labels"] = [item["label"] for item in labels]
        cleaned["condition"] = clean_condition(self, cleaned)
        return cleaned

    def service_data(self) -> dict[str, Any]:
        cleaned = self.cleaned_data
        kind = cleaned["kind"]
        choice = kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.RANKING)
        scale = kind in (QuestionKind.LIKERT, QuestionKind.LIKERT_MATRIX)
        return {
            "kind": kind,
            "text": _texts(cleaned, "text", self.languages),
            "help": _texts(cleaned, "help", self.languages),
            "options": cleaned["options"] if choice else [],
            "allow_other": bool(cleaned.get("allow_other"))
            and kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE),
            "rows": cleaned["rows"] if kind == QuestionKind.LIKERT_MATRIX else [],
            "scale_points": (cleaned.get("scale_points") or 5) if scale else None,
            "scale_labels": cleaned["scale_labels"] if scale else [],
            "min_value": cleaned.get("min_value") if kind == QuestionKind.NUMBER else None,
            "max_value": cleaned.get("max_value") if kind == QuestionKind.NUMBER else None,
            "required": bool(cleaned.get("required")),
            "condition": cleaned["condition"],
        }


class WaveForm(forms.Form):
    def __init__(self, *args, questionnaire: Questionnaire, **kwargs):
        super().__init__(*args, **kwargs)
        self.languages = questionnaire.languages
        for language in self.languages:
            self.fields[f"label_{language}"] = forms.CharField(
                label=_("Name of the wave (%(language)s)")
                % {"language": LANGUAGE_NAMES.get(language, language)},
                max_length=100,
                required=language == questionnaire.default_language,
            )
        self.fields["opens_at"] = DateTimeField(label=_("Opens"), required=False, widget=DateTimeInput())
        self.fields["closes_at"] = DateTimeField(label=_("Closes"), required=False, widget=DateTimeInput())

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("opens_at")
            and cleaned.get("closes_at")
            and cleaned["closes_at"] <= cleaned["opens_at"]
        ):
            self.add_error("closes_at", _("The wave must close after it opens."))
        return cleaned

    def service_data(self) -> dict[str, Any]:
        return {
            "label": _texts(self.cleaned_data, "label", self.languages),
            "opens_at": self.cleaned_data.get("opens_at"),
            "closes_at": self.cleaned_data.get("closes_at"),
        }
