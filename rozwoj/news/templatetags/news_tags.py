from django import template

from rozwoj.core.markup import render_markdown

register = template.Library()


@register.filter
def news_markdown(text: str):
    """A post's Markdown as sanitised HTML, with the inline images of the site's own files."""
    return render_markdown(text, images=True)


@register.filter
def shown(post, field: str) -> str:
    """`title`, `lead` or `body` of the language version chosen for the reader (`post.shown_language`)."""
    language = getattr(post, "shown_language", None) or post.version_language(None)
    return getattr(post, f"{field}_{language}", "")


@register.filter
def cover(post):
    """The cover photo prefetched into `post.covers` (selectors), or None."""
    covers = getattr(post, "covers", None)
    return covers[0] if covers else None


@register.filter
def news_action(action: str) -> str:
    """The audit entry's action in words."""
    from django.utils.translation import gettext as _

    labels = {
        "news.create": _("created the post"),
        "news.update": _("changed the post"),
        "news.submit": _("sent it for review"),
        "news.schedule": _("scheduled the publication"),
        "news.publish": _("published it"),
        "news.archive": _("archived it"),
        "news.draft": _("returned it to draft"),
        "news.photo_add": _("added a photo"),
        "news.photo_update": _("changed a photo"),
        "news.photo_delete": _("removed a photo"),
        "news.attachment_add": _("added an attachment"),
        "news.attachment_delete": _("removed an attachment"),
    }
    return labels.get(action, action)
