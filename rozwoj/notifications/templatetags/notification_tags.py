"""Notification tags for the page header (no context processor: the count is read only where it is shown).

{% load notification_tags %}
{% unread_count as count %}            → the logged-in user's number of unread notifications (0 if anonymous)
{% notifications_link %}               → a link to the list with the unread count, accessible name included
"""

from django import template

from .. import selectors

register = template.Library()


def _user(context):
    request = context.get("request")
    return getattr(request, "user", None) or context.get("user")


@register.simple_tag(takes_context=True)
def unread_count(context) -> int:
    user = _user(context)
    if user is None:
        return 0
    cache = context.render_context
    if "notifications_unread" not in cache:
        cache["notifications_unread"] = selectors.unread_count(user)
    return cache["notifications_unread"]


@register.inclusion_tag("notifications/_link.html", takes_context=True)
def notifications_link(context) -> dict:
    user = _user(context)
    authenticated = bool(user is not None and user.is_authenticated)
    return {"authenticated": authenticated, "count": unread_count(context) if authenticated else 0}
