"""sitemap.xml for every language of the site.

Wagtail's own sitemap lists the pages under the site's root page only: the Vietnamese
tree. The English home page is the root page's translation, a sibling of it, so its tree
(English news included) would be missing. This sitemap lists the live, public pages under
every translation of the root page, each with its last publication time (lastmod).
"""

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class SiteSitemap(Sitemap):
    def items(self):
        root = self.get_wagtail_site().root_page
        roots = Page.objects.filter(translation_key=root.translation_key).only("path")
        subtree = Q(pk__in=[])
        for page in roots:
            subtree |= Q(path__startswith=page.path)
        return (
            Page.objects.filter(subtree)
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
