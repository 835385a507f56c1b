"""Materials and the photo gallery of an event: managed by its coordinators and trainers, served through
the views so that each file is shown only to those who may see it."""

import os

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rozwoj.accounts.permissions import login_required
from rozwoj.core.files import file_response, stored_filename
from rozwoj.core.forms import add_service_errors

from ..forms.materials import AttachmentForm, PhotoForm
from ..selectors import access_attachment, access_event, access_photo
from ..services import materials as services


@login_required
def materials(request, pk: int):
    event = access_event(request.user, pk, manage=True)
    attachment_form = AttachmentForm(prefix="attachment")
    photo_form = PhotoForm(prefix="photo")
    if request.method == "POST":
        if request.POST.get("kind") == "photo":
            photo_form = PhotoForm(request.POST, request.FILES, prefix="photo")
            if photo_form.is_valid():
                try:
                    services.photo_add(actor=request.user, event=event, **photo_form.cleaned_data)
                except ValidationError as error:
                    add_service_errors(photo_form, error)
                else:
                    messages.success(request, _("The photo was added."))
                    return redirect("events:materials", pk=event.pk)
        else:
            attachment_form = AttachmentForm(request.POST, request.FILES, prefix="attachment")
            if attachment_form.is_valid():
                try:
                    services.attachment_add(actor=request.user, event=event, **attachment_form.cleaned_data)
                except ValidationError as error:
                    add_service_errors(attachment_form, error)
                else:
                    messages.success(request, _("The material was added."))
                    return redirect("events:materials", pk=event.pk)
    return render(
        request,
        "events/materials/manage.html",
        {
            "event": event,
            "attachments": event.attachments.all(),
            "photos": event.photos.all(),
            "attachment_form": attachment_form,
            "photo_form": photo_form,
        },
        status=400 if request.method == "POST" else 200,
    )


def attachment_download(request, pk: int):
    attachment = access_attachment(request.user, pk)
    return file_response(
        attachment.file,
        filename=stored_filename(attachment.file, default="material"),
        content_type=attachment.content_type,
    )


def photo(request, pk: int):
    event_photo = access_photo(request.user, pk)
    image_format = services.PHOTO_EXTENSIONS.get(
        os.path.splitext(event_photo.image.name)[1].lower().lstrip(".")
    )
    return file_response(
        event_photo.image,
        filename=stored_filename(event_photo.image, default="photo"),
        content_type=services.PHOTO_TYPES.get(image_format, "application/octet-stream"),
        inline=True,
    )


@login_required
@require_POST
def attachment_delete(request, pk: int):
    attachment = access_attachment(request.user, pk, manage=True)
    services.attachment_delete(actor=request.user, attachment=attachment)
    messages.success(request, _("The material was deleted."))
    return redirect("events:materials", pk=attachment.event_id)


@login_required
@require_POST
def photo_delete(request, pk: int):
    event_photo = access_photo(request.user, pk, manage=True)
    services.photo_delete(actor=request.user, photo=event_photo)
    messages.success(request, _("The photo was deleted."))
    return redirect("events:materials", pk=event_photo.event_id)


urlpatterns = [
    path("<int:pk>/materials/", materials, name="materials"),
    path("materials/<int:pk>/download/", attachment_download, name="attachment_download"),
    path("materials/<int:pk>/delete/", attachment_delete, name="attachment_delete"),
    path("photos/<int:pk>/", photo, name="photo"),
    path("photos/<int:pk>/delete/", photo_delete, name="photo_delete"),
]
