"""Event materials (attachments) and the photo gallery: upload limits, visibility and removal."""

import os
import zipfile

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from rozwoj.accounts.models import User
from rozwoj.core.audit import log_action

from ..models import Event, EventAttachment, EventPhoto, MaterialVisibility
from ..selectors import can_manage_event

ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024
PHOTO_MAX_BYTES = 10 * 1024 * 1024

OOXML = {"docx", "xlsx", "pptx"}
ODF = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
}
ATTACHMENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    **ODF,
    "txt": "text/plain",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
}
IMAGE_FORMATS = {"png": "PNG", "jpg": "JPEG", "jpeg": "JPEG"}
PHOTO_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
PHOTO_EXTENSIONS = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG", "webp": "WEBP"}


def _extension(name: str) -> str:
    return os.path.splitext(name or "")[1].lower().lstrip(".")


def _read_all(upload) -> bytes:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data


def _image_format(upload) -> str | None:
    """Pillow's name for the image format, or None when the content is not an image Pillow can verify."""
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image_format = image.format
            image.verify()
        return image_format
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return None
    finally:
        upload.seek(0)


def _zip_names(upload) -> list[str] | None:
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                names.append("mimetype=" + archive.read("mimetype")[:100].decode("ascii", "replace"))
            return names
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        return None
    finally:
        upload.seek(0)


def _content_matches(extension: str, upload) -> bool:
    if extension == "pdf":
        upload.seek(0)
        head = upload.read(1024)
        upload.seek(0)
        return head.lstrip()[:5] == b"%PDF-"
    if extension in OOXML:
        names = _zip_names(upload)
        return names is not None and "[Content_Types].xml" in names
    if extension in ODF:
        names = _zip_names(upload)
        return names is not None and f"mimetype={ODF[extension]}" in names
    if extension == "txt":
        data = _read_all(upload)
        if b"\x00" in data:
            return False
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                data.decode("cp1250")
            except UnicodeDecodeError:
                return False
        return True
    if extension in IMAGE_FORMATS:
        return _image_format(upload) == IMAGE_FORMATS[extension]
    return False


def validate_attachment_file(upload) -> str:
    """Check size, extension and the content itself; return the content type to store."""
    if upload is None:
        raise ValidationError(_("Choose a file."))
    if upload.size > ATTACHMENT_MAX_BYTES:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(ATTACHMENT_MAX_BYTES)}
        )
    if upload.size == 0:
        raise ValidationError(_("The file is empty."))
    extension = _extension(upload.name)
    if extension not in ATTACHMENT_TYPES:
        raise ValidationError(
            _(
                "Files of this type cannot be added. Allowed: PDF, DOCX, XLSX, PPTX, ODT, ODS, ODP, TXT, PNG, JPG."
            )
        )
    if not _content_matches(extension, upload):
        raise ValidationError(
            _("The content of the file does not match its extension .%(extension)s.")
            % {"extension": extension}
        )
    return ATTACHMENT_TYPES[extension]


def validate_photo_file(upload) -> str:
    if upload is None:
        raise ValidationError(_("Choose a photo."))
    if upload.size > PHOTO_MAX_BYTES:
        raise ValidationError(
            _("The photo is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(PHOTO_MAX_BYTES)}
        )
    extension = _extension(upload.name)
    image_format = _image_format(upload)
    if extension not in PHOTO_EXTENSIONS or image_format not in PHOTO_TYPES:
        raise ValidationError(_("Upload a photo in JPEG, PNG or WebP format."))
    if PHOTO_EXTENSIONS[extension] != image_format:
        raise ValidationError(
            _("The content of the file does not match its extension .%(extension)s.")
            % {"extension": extension}
        )
    return PHOTO_TYPES[image_format]


def _check_manager(actor: User, event: Event) -> None:
    if actor is None or not can_manage_event(actor, event):
        raise PermissionDenied(_("Only coordinators and trainers of this event may manage its materials."))


def _check_visibility(visibility: str) -> None:
    if visibility not in MaterialVisibility.values:
        raise ValidationError({"visibility": _("Choose who may see it.")})


@transaction.atomic
def attachment_add(*, actor: User, event: Event, title: str, file, visibility: str) -> EventAttachment:
    _check_manager(actor, event)
    _check_visibility(visibility)
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Give the material a title.")})
    try:
        content_type = validate_attachment_file(file)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from None
    attachment = EventAttachment.objects.create(
        event=event,
        title=title,
        file=file,
        size=file.size,
        content_type=content_type,
        visibility=visibility,
        uploaded_by=actor,
    )
    log_action(actor, attachment, "attachment.add", {"event": str(event), "visibility": visibility})
    return attachment


@transaction.atomic
def attachment_delete(*, actor: User, attachment: EventAttachment) -> None:
    _check_manager(actor, attachment.event)
    log_action(
        actor, attachment, "attachment.delete", {"event": str(attachment.event), "title": attachment.title}
    )
    file = attachment.file
    attachment.delete()
    transaction.on_commit(lambda: file.delete(save=False))


@transaction.atomic
def photo_add(
    *, actor: User, event: Event, image, alt_text: str, caption: str = "", visibility: str
) -> EventPhoto:
    _check_manager(actor, event)
    _check_visibility(visibility)
    alt_text = (alt_text or "").strip()
    if not alt_text:
        raise ValidationError({"alt_text": _("Describe what the photo shows for people who cannot see it.")})
    try:
        validate_photo_file(image)
    except ValidationError as error:
        raise ValidationError({"image": error.messages}) from None
    order = (event.photos.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    photo = EventPhoto.objects.create(
        event=event,
        image=image,
        alt_text=alt_text,
        caption=(caption or "").strip(),
        visibility=visibility,
        order=order,
    )
    log_action(actor, photo, "photo.add", {"event": str(event), "visibility": visibility})
    return photo


@transaction.atomic
def photo_delete(*, actor: User, photo: EventPhoto) -> None:
    _check_manager(actor, photo.event)
    log_action(actor, photo, "photo.delete", {"event": str(photo.event), "alt_text": photo.alt_text})
    image = photo.image
    photo.delete()
    transaction.on_commit(lambda: image.delete(save=False))
