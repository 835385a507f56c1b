"""Every form of every app writes its labels alike, in both languages: a capital first letter, no colon after
("Organiser", never "organizator:"). The form renderer guarantees it; this scan keeps it so for new forms."""

import importlib
import pkgutil
import re
from html import unescape

import pytest
from django import forms
from django.utils import translation

import rozwoj
from rozwoj.core.forms import BoundField


def _form_modules() -> list[str]:
    names = []
    for module in pkgutil.walk_packages(rozwoj.__path__, "rozwoj."):
        parts = module.name.split(".")
        if "tests" not in parts and "forms" in parts or parts[-1].startswith("forms"):
            names.append(module.name)
    return names


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def project_forms() -> list[type[forms.BaseForm]]:
    for name in _form_modules():
        importlib.import_module(name)
    found = {
        cls
        for cls in _subclasses(forms.BaseForm)
        if cls.__module__.startswith("rozwoj.") and ".tests" not in cls.__module__ and cls.base_fields
    }
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")


def _bare(cls: type[forms.BaseForm]) -> forms.BaseForm:
    """The form with its declared fields, without its own __init__ (many need an event or a user)."""
    form = cls.__new__(cls)
    forms.BaseForm.__init__(form)
    return form


def test_the_scan_finds_the_forms_of_every_app():
    modules = {cls.__module__.split(".")[1] for cls in project_forms()}
    assert {"events", "people", "organisations", "programmes", "experts", "accounts"} <= modules
    assert len(project_forms()) > 30


@pytest.mark.parametrize("language", ["pl", "en"])
def test_every_label_starts_with_a_capital_letter_and_has_no_colon(language):
    bad = []
    with translation.override(language):
        for cls in project_forms():
            form = _bare(cls)
            for name in form.fields:
                bound = form[name]
                assert isinstance(bound, BoundField), f"{cls.__qualname__}.{name} bypasses the form renderer"
                if not bound.label:
                    continue
                text = unescape(re.sub(r"<[^>]+>", "", str(bound.label_tag()))).strip()
                if not text:
                    continue
                if text.endswith(":") or text[0].islower():
                    bad.append(f"{cls.__module__}.{cls.__qualname__}.{name}: {text!r}")
    assert not bad, "\n".join(bad)
