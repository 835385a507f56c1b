"""Checks over every e-mail template of every app: a snapshot per language, and every word translatable and
translated (a Polish e-mail never shows an English sentence)."""

import re
from pathlib import Path

import pytest
from django.template import Context, Template
from django.template.base import TextNode
from django.templatetags.i18n import BlockTranslateNode, TranslateNode
from django.utils import translation

from .email_snapshots import SNAPSHOTS, email_kinds, languages, project_apps, snapshot_path, template_path

KINDS = [kind for config in project_apps() for kind in email_kinds(config)]
TEMPLATES = [(kind, which) for kind in KINDS for which in (0, 1)]
LETTER = re.compile(r"[^\W\d_]")


def _ids(value):
    return value[0] + (".subject" if value[1] == 0 else ".body") if isinstance(value, tuple) else str(value)


def test_the_product_has_email_templates():
    assert "events.registration_confirmed" in KINDS  # the scan finds them where apps keep them


@pytest.mark.parametrize("kind", KINDS)
def test_every_email_has_a_body_and_a_snapshot_in_every_language(kind):
    assert template_path(kind, 1).exists(), f"{kind} has a subject template but no body template"
    missing = [
        str(snapshot_path(kind, language))
        for language in languages()
        if not snapshot_path(kind, language).exists()
    ]
    assert not missing, (
        f"No snapshot of {kind}: {missing}. Add a test that sends it and calls assert_email_matches_snapshot, "
        "then run it with ROZWOJ_UPDATE_SNAPSHOTS=1."
    )


def test_every_snapshot_belongs_to_an_email_template():
    kinds = set(KINDS)
    stale = []
    for config in project_apps():
        for language in languages():
            for path in (Path(config.path) / SNAPSHOTS).glob(f"*.{language}.txt"):
                if f"{config.label}.{path.name.removesuffix(f'.{language}.txt')}" not in kinds:
                    stale.append(str(path))
    assert not stale, f"snapshots without an e-mail template: {stale}"


def _template(kind, which) -> Template:
    return Template(template_path(kind, which).read_text(encoding="utf-8"))


def _context(node) -> str | None:
    return node.message_context.resolve(Context()) if node.message_context else None


def _msgids(template: Template):
    """(context, msgid) of every string the template translates, as makemessages extracts them."""
    for node in template.nodelist.get_nodes_by_type(TranslateNode):
        yield _context(node), str(node.filter_expression.var.literal)
    for node in template.nodelist.get_nodes_by_type(BlockTranslateNode):
        singular, _vars = node.render_token_list(node.singular)
        yield _context(node), translation.trim_whitespace(singular) if node.trimmed else singular


@pytest.mark.parametrize(("kind", "which"), TEMPLATES, ids=map(_ids, TEMPLATES))
def test_every_word_of_an_email_is_translatable(kind, which):
    """Text outside {% translate %} / {% blocktranslate %} would reach Polish readers in English."""
    loose = [
        node.s.strip()
        for node in _template(kind, which).nodelist.get_nodes_by_type(TextNode)
        if LETTER.search(node.s)
    ]
    assert not loose, f"words outside translation tags: {loose}"


@pytest.mark.parametrize(("kind", "which"), TEMPLATES, ids=map(_ids, TEMPLATES))
def test_every_sentence_of_an_email_has_a_polish_translation(kind, which):
    untranslated = []
    with translation.override("pl"):
        for context, msgid in _msgids(_template(kind, which)):
            polish = translation.pgettext(context, msgid) if context else translation.gettext(msgid)
            if polish == msgid:
                untranslated.append(msgid)
    assert not untranslated, (
        f"not translated into Polish (run make messages and fill the .po): {untranslated}"
    )
