"""Labels of choices from the field's kept map (rozwoj.core.choices): the same as Django's get_<field>_display(),
in the active language, without replacing anything of Django's."""

from django.contrib.admin.models import ADDITION, DELETION, LogEntry
from django.db import models
from django.template import Context, Template
from django.utils import translation

from rozwoj.core.choices import choice_label, choice_labels


def test_django_s_own_display_is_left_as_it_is():
    assert models.Model._get_FIELD_display.__module__ == "django.db.models.base"


def test_the_label_follows_the_active_language_as_django_s_does():
    entry = LogEntry(action_flag=ADDITION)
    for language, label in (("en", "Addition"), ("pl", "Dodanie")):
        with translation.override(language):
            assert choice_label(entry, "action_flag") == label == entry.get_action_flag_display()


def test_the_template_filter_gives_the_same_label():
    template = Template('{% load choices %}{{ entry|choice_label:"action_flag" }}')
    with translation.override("en"):
        assert template.render(Context({"entry": LogEntry(action_flag=DELETION)})) == "Deletion"


def test_a_value_outside_the_choices_is_shown_as_it_is():
    entry = LogEntry(action_flag=99)
    assert choice_label(entry, "action_flag") == 99 == entry.get_action_flag_display()


def test_the_labels_are_built_once_and_again_when_the_choices_change():
    field = LogEntry._meta.get_field("action_flag")
    assert choice_labels(field) is choice_labels(field)
    original = field.choices
    try:
        field.choices = [(ADDITION, "Added"), (DELETION, "Gone")]
        with translation.override("en"):
            assert choice_label(LogEntry(action_flag=DELETION), "action_flag") == "Gone"
    finally:
        field.choices = original
    with translation.override("en"):
        assert choice_label(LogEntry(action_flag=DELETION), "action_flag") == "Deletion"
