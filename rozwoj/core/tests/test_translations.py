import re
from pathlib import Path

import polib
import pytest

PACKAGE = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(PACKAGE.glob("**/locale/pl/LC_MESSAGES/django.po"))
APPS_WITH_STRINGS = sorted(
    p.parent
    for p in PACKAGE.glob("*/apps.py")
    if any(p.parent.glob("templates/**/*.html")) or (p.parent / "forms.py").exists()
)


def test_every_app_with_pages_has_a_polish_catalogue():
    missing = [
        app.name for app in APPS_WITH_STRINGS if not (app / "locale/pl/LC_MESSAGES/django.po").exists()
    ]
    assert not missing, f"apps without a Polish catalogue: {missing}"


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_polish_catalogue_is_complete(path):
    catalogue = polib.pofile(str(path))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    # A "#| msgid" comment is left by makemessages' fuzzy matching: the translation was guessed, not made.
    fuzzy = [entry.msgid for entry in catalogue if entry.fuzzy or entry.previous_msgid]
    assert not untranslated, f"untranslated in {path.name}: {untranslated[:20]}"
    assert not fuzzy, f"fuzzy in {path.name}: {fuzzy[:20]}"


PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{(\w+)\}")


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_polish_translations_keep_the_placeholders(path):
    wrong = []
    for entry in polib.pofile(str(path)).translated_entries():
        expected = set(PLACEHOLDER.findall(entry.msgid_plural or entry.msgid))
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for translation in translations:
            found = set(PLACEHOLDER.findall(translation))
            if not found <= expected | set(PLACEHOLDER.findall(entry.msgid)) or not expected <= found | {
                ("counter", "")
            }:
                wrong.append((entry.msgid, translation))
    assert not wrong, wrong[:10]


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_polish_plurals_have_as_many_forms_as_the_header_says(path):
    catalogue = polib.pofile(str(path))
    forms = int(re.search(r"nplurals=(\d+)", catalogue.metadata["Plural-Forms"]).group(1))
    wrong = [e.msgid for e in catalogue if e.msgid_plural and len(e.msgstr_plural) != forms]
    assert not wrong, f"{path.name} says nplurals={forms}, these have another count: {wrong[:10]}"


SAME_IN_BOTH = {"Status", "status", "Login", "powiat"}  # Polish words too


def test_no_polish_translation_is_shadowed_by_an_english_one():
    """Django merges the catalogues: for the same text, an app listed earlier in INSTALLED_APPS wins. A library's
    catalogue that "translates" a text into English (Django's admin gives "Breadcrumbs" for "Breadcrumbs") then
    hides ours, and a Polish page says it in English. Such a text needs a context of its own."""
    from django.utils import translation

    shadowed = []
    with translation.override("pl"):
        for path in CATALOGUES:
            for entry in polib.pofile(str(path)).translated_entries():
                if entry.msgid_plural or entry.msgstr == entry.msgid:
                    continue
                if entry.msgctxt:
                    shown = translation.pgettext(entry.msgctxt, entry.msgid)
                else:
                    shown = translation.gettext(entry.msgid)
                if shown == entry.msgid and entry.msgid not in SAME_IN_BOTH:
                    shadowed.append(f"{path.relative_to(PACKAGE).parts[0]}: {entry.msgid!r}")
    assert not shadowed, f"shown in English on Polish pages: {sorted(set(shadowed))[:20]}"
