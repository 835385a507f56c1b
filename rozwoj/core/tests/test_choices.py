"""get_<field>_display() looks its label up (rozwoj.core.choices) and still speaks the active language."""

from django.contrib.admin.models import ADDITION, DELETION, LogEntry
from django.utils import translation

from rozwoj.core.choices import choice_labels


def test_the_label_follows_the_active_language():
    entry = LogEntry(action_flag=ADDITION)
    with translation.override("en"):
        assert entry.get_action_flag_display() == "Addition"
    with translation.override("pl"):
        assert entry.get_action_flag_display() == "Dodanie"


def test_a_value_outside_the_choices_is_shown_as_it_is():
    assert LogEntry(action_flag=99).get_action_flag_display() == 99


def test_the_labels_are_built_once_and_again_when_the_choices_change():
    field = LogEntry._meta.get_field("action_flag")
    assert choice_labels(field) is choice_labels(field)
    original = field.choices
    try:
        field.choices = [(ADDITION, "Added"), (DELETION, "Gone")]
        with translation.override("en"):
            assert LogEntry(action_flag=DELETION).get_action_flag_display() == "Gone"
    finally:
        field.choices = original
    with translation.override("en"):
        assert LogEntry(action_flag=DELETION).get_action_flag_display() == "Deletion"
