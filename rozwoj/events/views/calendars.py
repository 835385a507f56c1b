"""Calendars: .ics per event, the month/week calendar page, the personal feed and its settings."""

import datetime

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rozwoj.accounts.permissions import login_required

from ..forms.events import CalendarFilterForm
from ..ics import event_calendar, feed_calendar
from ..models import Event
from ..selectors import access_event
from ..selectors import calendars as calendar_selectors
from ..selectors.events import is_confirmed_participant
from ..services import calendars as services


def event_ics(request, pk: int):
    event = access_event(request.user, pk)
    url = request.build_absolute_uri(reverse("events:detail", args=[event.pk]))
    content = event_calendar(
        event, method="PUBLISH", include_link=is_confirmed_participant(request.user, event), url=url
    )
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}.ics"'
    return response


def _shift_month(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def calendar_page(request):
    form = CalendarFilterForm(request.GET or None, user=request.user)
    values = form.values() if request.GET else CalendarFilterForm(user=request.user).values()
    view = values["view"]
    day = values["date"] or timezone.localdate()
    start, end = calendar_selectors.grid_range(view, day)
    sessions = calendar_selectors.calendar_sessions(
        request.user,
        start,
        end,
        programme=values["programme"],
        kind=values["kind"],
        fmt=values["fmt"],
        voivodeship=values["voivodeship"],
    )
    weeks = calendar_selectors.calendar_weeks(start, end, sessions)
    if view == "week":
        previous, following = day - datetime.timedelta(days=7), day + datetime.timedelta(days=7)
    else:
        day = day.replace(day=1)
        previous, following = _shift_month(day, -1), _shift_month(day, 1)
    params = request.GET.copy()
    params.pop("page", None)

    def link(target: datetime.date) -> str:
        query = params.copy()
        query["date"] = target.isoformat()
        query["view"] = view
        return "?" + query.urlencode()

    other_view = params.copy()
    other_view["view"] = "month" if view == "week" else "week"
    other_view["date"] = day.isoformat()
    weekdays = [weeks[0][i].date for i in range(7)]
    return render(
        request,
        "events/calendars/calendar.html",
        {
            "filter_form": form,
            "view": view,
            "day": day,
            "start": start,
            "end": end,
            "weeks": weeks,
            "weekdays": weekdays,
            "previous_url": link(previous),
            "next_url": link(following),
            "today_url": link(timezone.localdate()),
            "other_view_url": "?" + other_view.urlencode(),
            "has_sessions": any(d.sessions for w in weeks for d in w),
        },
    )


@login_required
def feed_settings(request):
    feed = services.feed_for_user(request.user)
    if request.method == "POST":
        return _revoke(request)
    url = request.build_absolute_uri(reverse("events:feed", args=[feed.token]))
    return render(request, "events/calendars/feed_settings.html", {"feed": feed, "feed_url": url})


@require_POST
def _revoke(request):
    services.feed_revoke(actor=request.user)
    messages.success(request, _("A new address was created. The previous one no longer works."))
    return redirect("events:feed_settings")


def feed(request, token: str):
    user = calendar_selectors.feed_user_for_token(token)
    if user is None:
        raise Http404

    def url_for_event(event: Event) -> str:
        return request.build_absolute_uri(reverse("events:detail", args=[event.pk]))

    content = feed_calendar(
        calendar_selectors.feed_sessions(user),
        name=_("Rozwój — my trainings and meetings"),
        url_for_event=url_for_event,
    )
    return HttpResponse(content, content_type="text/calendar; charset=utf-8")


urlpatterns = [
    path("<int:pk>/calendar.ics", event_ics, name="ics"),
    path("calendar/", calendar_page, name="calendar"),
    path("calendar/feed/", feed_settings, name="feed_settings"),
    path("feed/<str:token>.ics", feed, name="feed"),
]
