"""RSS 2.0 and Atom feeds of published news: all of them, one category, one programme (django.contrib.syndication).
Each item is the post in the reader's language when it has that version, else in the other one."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from rozwoj.core.markup import render_markdown
from rozwoj.core.user_input import is_key
from rozwoj.programmes.selectors import programmes_visible_to

from . import selectors

FEED_SIZE = 30


class NewsFeed(Feed):
    feed_type = Rss201rev2Feed
    scope = "all"

    def get_object(self, request, slug=None, pk=None):
        self.language = (get_language() or "pl")[:2]
        if self.scope == "category":
            return selectors.category_by_slug(slug)
        if self.scope == "programme":
            programme = programmes_visible_to(None).filter(pk=pk).first() if is_key(pk) else None
            if programme is None:
                raise Http404
            return programme
        return None

    def title(self, obj):
        if self.scope == "category":
            return _("News: %(name)s · Rozwój") % {"name": obj.name(self.language)}
        if self.scope == "programme":
            return _("News of %(name)s · Rozwój") % {"name": obj.name}
        return _("News · Rozwój")

    def link(self, obj):
        if self.scope == "category":
            return reverse("news:list") + f"?category={obj.slug}"
        if self.scope == "programme":
            return reverse("programmes:detail", args=[obj.pk])
        return reverse("news:list")

    def description(self, obj):
        return _("The latest news of the Rozwój platform.")

    subtitle = description

    def items(self, obj):
        posts = selectors.published_posts().select_related("category")
        if self.scope == "category":
            posts = posts.filter(category=obj)
        elif self.scope == "programme":
            posts = posts.filter(programmes=obj)
        posts = list(posts[:FEED_SIZE])
        for post in posts:
            post.shown_language = post.version_language(self.language)
        return posts

    def item_title(self, item):
        return item.text(item.shown_language)["title"]

    def item_description(self, item):
        text = item.text(item.shown_language)
        lead = f"<p>{escape(text['lead'])}</p>" if text["lead"] else ""
        return lead + str(render_markdown(text["body"], images=True))

    def item_link(self, item):
        url = reverse("news:detail", args=[item.pk])
        return url if item.shown_language == self.language else f"{url}?version={item.shown_language}"

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.text_updated_at or item.published_at

    def item_categories(self, item):
        return [item.category.name(item.shown_language)]

    def item_author_name(self, item):
        return item.author_name or None


class AtomNewsFeed(NewsFeed):
    feed_type = Atom1Feed


class CategoryFeed(NewsFeed):
    scope = "category"


class CategoryAtomFeed(AtomNewsFeed):
    scope = "category"


class ProgrammeFeed(NewsFeed):
    scope = "programme"


class ProgrammeAtomFeed(AtomNewsFeed):
    scope = "programme"
