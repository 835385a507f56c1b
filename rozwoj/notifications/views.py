from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rozwoj.accounts.permissions import login_required
from rozwoj.core.pagination import paginate

from . import selectors, services


def _is_local_path(url: str, request) -> bool:
    """Only paths of this site are followed; anything else (other hosts, schemes) goes to the list."""
    return (
        bool(url)
        and url.startswith("/")
        and not url.startswith("//")
        and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=False)
    )


@login_required
def notification_list(request):
    page_obj = paginate(request, selectors.notifications_for(request.user))
    return render(
        request,
        "notifications/list.html",
        {"page_obj": page_obj, "unread": selectors.unread_count(request.user)},
    )


@login_required
@require_POST
def notification_read(request, pk: int):
    notification = selectors.access_notification(request.user, pk)
    services.notification_mark_read(user=request.user, notification=notification)
    if _is_local_path(notification.url, request):
        return redirect(notification.url)
    return redirect("notifications:list")


@login_required
@require_POST
def notification_read_all(request):
    changed = services.notification_mark_all_read(user=request.user)
    if changed:
        messages.success(request, _("All notifications are marked as read."))
    return redirect("notifications:list")
