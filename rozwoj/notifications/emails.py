"""E-mails are templates: `<app>/templates/<app>/emails/<name>.subject.txt` and `<name>.txt`, for the kind
"<app>.<name>". They are rendered in the recipient's language and in the site's time zone (Europe/Warsaw), so
dates and numbers read as on the pages ("9 stycznia 2027, 10:00"). Text parts are not HTML-escaped.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.template import Context
from django.template.loader import get_template
from django.utils import timezone, translation

_BLANK_LINES = re.compile(r"\n{3,}")


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    body: str


def template_names(kind: str) -> tuple[str, str]:
    """The subject and body templates of `kind` ("events.registration_confirmed")."""
    app_label, dot, name = kind.partition(".")
    if not dot or not app_label or not name or "/" in kind:
        raise ValueError(f"An e-mail kind is '<app>.<name>', not {kind!r}.")
    base = f"{app_label}/emails/{name}"
    return f"{base}.subject.txt", f"{base}.txt"


def _render_text(template_name: str, context: Mapping[str, Any]) -> str:
    template = get_template(template_name).template  # type: ignore[attr-defined]  # Django backend's Template
    return template.render(Context(dict(context), autoescape=False))


def _tidy(text: str) -> str:
    """Lines without trailing spaces, at most one empty line in a row, nothing around: templates may breathe."""
    lines = "\n".join(line.rstrip() for line in text.strip().splitlines())
    return _BLANK_LINES.sub("\n\n", lines)


def render_email(kind: str, context: Mapping[str, Any], *, language: str) -> RenderedEmail:
    """The subject (one line) and plain-text body of `kind`, in `language`."""
    subject_template, body_template = template_names(kind)
    with translation.override(language), timezone.override(settings.TIME_ZONE):
        subject = " ".join(_render_text(subject_template, context).split())
        body = _tidy(_render_text(body_template, context))
    return RenderedEmail(subject=subject, body=body)
