"""RSS 2.0 feeds: one per language (the news root, /vi/tin-tuc/rss/) and one per category
(/vi/tin-tuc/chuyen-doi-so/rss/), served by the pages' `rss/` route."""

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

from . import selectors

FEED_LENGTH = 30


class NewsFeed(Feed):
    """The latest live news under a news root or category page: title, link, summary,
    publication date, guid (the item's address) and categories (its category and tags)."""

    feed_type = Rss201rev2Feed

    def __init__(self, page):
        super().__init__()
        self.page = page
        self.language = page.locale.language_code

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.page

    def title(self, page):
        from .models import _site_agency

        agency = _site_agency(self.request)
        name = (agency.short_name or agency.name) if agency else ""
        return f"{page.title} – {name}" if name else page.title

    def link(self, page):
        return self.request.build_absolute_uri(page.get_url(self.request))

    def feed_url(self, page):
        return self.request.build_absolute_uri()

    def description(self, page):
        return _("The latest news: %(title)s") % {"title": page.title}

    def items(self, page):
        news = list(
            selectors.news_for_list(selectors.news_below(page)).prefetch_related(
                "tagged_items__tag", "authors__contributor"
            )[:FEED_LENGTH]
        )
        selectors.news_attach_categories(news)
        return news

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return self.request.build_absolute_uri(item.get_url(self.request))

    def item_guid(self, item):
        return self.item_link(item)

    item_guid_is_permalink = True

    def item_pubdate(self, item):
        # In Vietnam time, as the page prints it ("… 10:00:00 +0700").
        return timezone.localtime(item.display_date) if item.display_date else None

    def item_updateddate(self, item):
        return timezone.localtime(item.last_published_at) if item.last_published_at else None

    def item_author_name(self, item):
        return item.byline_text or None

    def item_categories(self, item):
        names = [item.list_category.title] if item.list_category else []
        return names + [t.tag.name for t in item.tagged_items.all()]
