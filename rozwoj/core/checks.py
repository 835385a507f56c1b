"""System checks (run by `manage.py check`, `runserver` and `migrate`): uploaded files are never published.

Attendance lists, staff-only materials and photos live in `MEDIA_ROOT`; they may be reached only through the views
that check who may see them. A configuration that serves `MEDIA_ROOT` directly, through a URL pattern (Django's
`static()` helper under DEBUG) or because it lies inside a directory served as static files, is an error.
"""

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.urls import URLPattern, URLResolver, get_resolver
from django.views import static


def _overlap(a: Path, b: Path) -> bool:
    return a == b or a in b.parents or b in a.parents


def _static_directories() -> list[Path]:
    directories = [settings.STATIC_ROOT, getattr(settings, "WHITENOISE_ROOT", None)]
    for entry in getattr(settings, "STATICFILES_DIRS", []):
        directories.append(entry[1] if isinstance(entry, list | tuple) else entry)
    return [Path(directory).resolve() for directory in directories if directory]


def _patterns(resolver):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _patterns(pattern)
        elif isinstance(pattern, URLPattern):
            yield pattern


def _serves_directory(pattern: URLPattern) -> Path | None:
    callback = getattr(pattern.callback, "__wrapped__", pattern.callback)
    root = pattern.default_args.get("document_root")
    if callback is static.serve and root:
        return Path(root).resolve()
    return None


@register(Tags.security, Tags.urls)
def media_root_is_not_published(app_configs=None, **kwargs):
    media = Path(settings.MEDIA_ROOT).resolve()
    errors = []
    for directory in _static_directories():
        if _overlap(media, directory):
            errors.append(
                Error(
                    f"MEDIA_ROOT ({media}) overlaps the static files directory {directory}: uploaded files would "
                    "be served to anyone.",
                    hint="Keep MEDIA_ROOT outside STATIC_ROOT, STATICFILES_DIRS and WHITENOISE_ROOT.",
                    id="rozwoj.E001",
                )
            )
    for pattern in _patterns(get_resolver()):
        served = _serves_directory(pattern)
        if served is not None and _overlap(media, served):
            errors.append(
                Error(
                    f"The URL pattern {pattern.pattern} serves MEDIA_ROOT directly, without checking who may "
                    "see the files.",
                    hint="Serve uploaded files through a view that checks access (rozwoj.core.files).",
                    id="rozwoj.E002",
                )
            )
    return errors
