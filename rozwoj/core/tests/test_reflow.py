"""On a phone (320 px) a wide table scrolls inside its own region instead of pushing the page sideways: every
table of every template sits in a labelled, keyboard-focusable `.table-scroll` region (WCAG 2.1, 1.4.10 and
2.1.1). The browser crawl (tests/e2e/test_every_page.py) measures the pages; this scan keeps new templates so."""

import re
from pathlib import Path

import rozwoj

ROOT = Path(rozwoj.__file__).parent
WRAPPER = re.compile(
    r'<div class="table-scroll" role="region" (aria-labelledby="[^"]+"|aria-label="[^"]+") tabindex="0">\s*$'
)


def _templates() -> list[Path]:
    return sorted(p for p in ROOT.rglob("templates/**/*.html") if not p.name.endswith("_pdf.html"))


def test_every_table_scrolls_in_a_labelled_focusable_region():
    bad = []
    for path in _templates():
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"<table\b", text):
            before = text[: match.start()].rstrip().rsplit("\n", 1)[-1]
            if not WRAPPER.search(before + "\n"):
                line = text.count("\n", 0, match.start()) + 1
                bad.append(f"{path.relative_to(ROOT)}:{line}")
    assert not bad, "tables outside a .table-scroll region:\n" + "\n".join(bad)


def test_the_region_names_an_element_of_the_table_or_the_page():
    for path in _templates():
        text = path.read_text(encoding="utf-8")
        for labelled_by in re.findall(r'class="table-scroll" role="region" aria-labelledby="([^"]+)"', text):
            assert f'id="{labelled_by}"' in text, (
                f"{path.relative_to(ROOT)}: no element with id {labelled_by}"
            )


def test_the_stylesheet_lets_the_region_scroll():
    css = (ROOT / "core/static/css/rozwoj.css").read_text(encoding="utf-8")
    assert re.search(r"\.table-scroll\s*\{[^}]*overflow-x:\s*auto", css)
