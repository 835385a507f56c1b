"""Template helpers of the events pages: Markdown descriptions and dates of sessions."""

from django import template
from django.utils import formats, timezone

from rozwoj.core.markup import render_markdown as _render_markdown
from rozwoj.events.selectors.registration_window import local_datetime, registration_window

register = template.Library()


@register.filter
def render_markdown(text: str) -> str:
    """Markdown to HTML, sanitised (no scripts, no event handlers, safe links only): rozwoj.core.markup."""
    return _render_markdown(text)


def _date(value) -> str:
    return formats.date_format(timezone.localtime(value), "DATE_FORMAT")


def _time(value) -> str:
    return formats.time_format(timezone.localtime(value), "TIME_FORMAT")


@register.simple_tag
def when(starts_at, ends_at) -> str:
    """“12 March 2020, 10:00–16:00” on one day; “12 March 2020, 10:00 – 13 March 2020, 14:00” otherwise
    (local time, localised formats)."""
    if starts_at is None or ends_at is None:
        return "—"
    if timezone.localtime(starts_at).date() == timezone.localtime(ends_at).date():
        return f"{_date(starts_at)}, {_time(starts_at)}–{_time(ends_at)}"
    return f"{_date(starts_at)}, {_time(starts_at)} – {_date(ends_at)}, {_time(ends_at)}"


@register.simple_tag
def days(starts_at, ends_at) -> str:
    """The days only: “26 March 2020” or “26 March 2020 – 28 March 2020”."""
    if starts_at is None or ends_at is None:
        return "—"
    if timezone.localtime(starts_at).date() == timezone.localtime(ends_at).date():
        return _date(starts_at)
    return f"{_date(starts_at)} – {_date(ends_at)}"


@register.filter
def effective_status(event) -> str:
    """The status a reader sees, the registration dates taken into account (“registration open” once the
    opening date of a published event has passed)."""
    return registration_window(event).effective_status_label


@register.simple_tag
def when_local(value) -> str:
    """One moment, “9 January 2027, 10:00”, local time, in the active language."""
    return local_datetime(value) if value else "—"
