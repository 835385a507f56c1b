"""Uploaded and generated files: stored under unguessable names, served only through views that check access.

No URL of the site serves `MEDIA_ROOT` (not even under DEBUG; `rozwoj.core.checks` refuses a configuration that
would), so a file is reached only through a view of its app that first checks who may see it and then answers
with `file_response`.

- `PrivateUploadTo("events/attachments")` is the `upload_to` of every file field: the file is stored as
  `events/attachments/<random token>/<sanitised original name>`, so a path cannot be guessed even if the storage
  were ever published, and the original name stays readable for the download.
- `file_response` sends a stored file with safe headers: shown in the browser (`inline`) only when it is an
  image or a PDF and the view asks for it, downloaded (`attachment`) otherwise; `X-Content-Type-Options:
  nosniff` always, so that a browser never guesses HTML or SVG from the content; private caching only.
"""

from __future__ import annotations

import os
import re
import secrets
import unicodedata
from dataclasses import dataclass, field

from django.apps import apps
from django.db import models
from django.http import FileResponse, Http404
from django.utils.deconstruct import deconstructible

TOKEN_BYTES = 24  # 32 URL-safe characters, 192 random bits
_RANDOM_PART = r"[A-Za-z0-9_-]{32}"
MAX_STEM = 80
# Types a browser may show itself; anything else (HTML, SVG, text, office files) is always downloaded.
INLINE_TYPES = frozenset({"application/pdf", "image/png", "image/jpeg", "image/webp", "image/gif"})
_UNSAFE = re.compile(r"[^\w.-]+")


def safe_filename(name: str, *, default: str = "file") -> str:
    """A readable file name safe for any storage and header: no directories, no control characters, no
    leading dot, letters (also Polish ones), digits, "-", "_" and "." only, at most ~90 characters."""
    name = unicodedata.normalize("NFC", str(name or "")).replace("\\", "/").rsplit("/", 1)[-1]
    stem, extension = os.path.splitext(name)
    stem = _UNSAFE.sub("_", stem).strip("._-")[:MAX_STEM].rstrip("._-") or default
    extension = _UNSAFE.sub("", extension.lower())[:10]
    return stem + (extension if len(extension) > 1 else "")


def random_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


@deconstructible
class PrivateUploadTo:
    """`upload_to` that stores a file as `<prefix>/<random token>/<sanitised original name>`."""

    def __init__(self, prefix: str):
        self.prefix = prefix.strip("/")

    def __call__(self, instance, filename: str) -> str:
        return f"{self.prefix}/{random_token()}/{safe_filename(filename)}"

    def is_private(self, name: str) -> bool:
        """Whether a stored name already has an unguessable part (a token directory under this prefix)."""
        return re.fullmatch(rf"{re.escape(self.prefix)}/{_RANDOM_PART}/[^/]+", name or "") is not None

    def __eq__(self, other) -> bool:
        return isinstance(other, PrivateUploadTo) and other.prefix == self.prefix

    def __hash__(self) -> int:
        return hash(self.prefix)


def stored_filename(field_file, *, default: str = "file") -> str:
    """The readable original name of a stored file (its last path part), for Content-Disposition."""
    return safe_filename(os.path.basename(field_file.name or ""), default=default)


def file_response(field_file, *, filename: str, content_type: str, inline: bool = False) -> FileResponse:
    """Send a stored file; 404 when it is missing. `inline` only takes effect for images and PDFs."""
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, OSError, ValueError):
        raise Http404 from None
    content_type = (content_type or "").split(";")[0].strip().lower() or "application/octet-stream"
    shown = inline and content_type in INLINE_TYPES
    response = FileResponse(
        handle, as_attachment=not shown, filename=safe_filename(filename), content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private"
    if not shown:
        # Should a browser ever render the download, it runs nothing and loads nothing.
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


# --- files stored before the names had a random part ---------------------------------------------------


@dataclass
class RenameResult:
    moved: list[tuple[str, str]] = field(default_factory=list)  # (old name, new name)
    missing: list[str] = field(default_factory=list)  # recorded in the database, absent from the storage


def private_file_fields():
    """(model, field) of every file field stored with `PrivateUploadTo`."""
    for model in apps.get_models():
        for model_field in model._meta.get_fields():
            if isinstance(model_field, models.FileField) and isinstance(
                model_field.upload_to, PrivateUploadTo
            ):
                yield model, model_field


def _move(model, model_field, obj, result: RenameResult, *, dry_run: bool) -> None:
    old = getattr(obj, model_field.name).name
    new = model_field.upload_to(obj, os.path.basename(old))
    storage = model_field.storage
    if not storage.exists(old):
        result.missing.append(old)
        return
    if not dry_run:
        with storage.open(old, "rb") as handle:
            new = storage.save(new, handle)
        model._default_manager.filter(pk=obj.pk, **{model_field.name: old}).update(**{model_field.name: new})
        storage.delete(old)
    result.moved.append((old, new))


def rename_guessable_files(*, dry_run: bool = False) -> RenameResult:
    """Move files stored under a guessable name (e.g. `events/attachments/2026/03/program.pdf`) to
    `<prefix>/<random token>/<name>` and record the new name. Idempotent; links of the site keep working, since
    they name the record, not the file."""
    result = RenameResult()
    for model, model_field in private_file_fields():
        rows = model._default_manager.exclude(**{model_field.name: ""}).only("pk", model_field.name)
        for obj in rows.iterator():
            if not model_field.upload_to.is_private(getattr(obj, model_field.name).name):
                _move(model, model_field, obj, result, dry_run=dry_run)
    return result
