from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from congso.api.api import api
from congso.core.views import healthz
from congso.newsroom.sitemaps import SiteSitemap
from congso.newsroom.viewcounter import news_view_beacon
from congso.portal import views as portal_views
from congso.portal.views import language_switch

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", api.urls),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": SiteSitemap}}, name="sitemap"),
    path("language/<str:language>/", language_switch, name="language_switch"),
    path("beacon/news/<int:page_id>/", news_view_beacon, name="news_view_beacon"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's own patterns, its page view replaced by congso.portal.views.serve (the same
# view, with each path's route kept in the cache); the name "wagtail_serve" stays.
wagtail_patterns = [
    re_path(p.pattern.regex.pattern, portal_views.serve, name=p.name)
    if p.callback is wagtail_views.serve
    else p
    for p in wagtail_urls.urlpatterns
]

# Public pages: /vi/… (default) and /en/…; "/" redirects by cookie, then Accept-Language.
urlpatterns += i18n_patterns(
    # The dossier tracking pages come first: dossier codes carry dots.
    path("", include("congso.dossiers.urls")),
    path("", include("congso.search.urls")),
    # The licence registry: licence numbers carry "/" (congso/licensing/verification.py).
    path("", include("congso.licensing.urls")),
    # Procedure codes carry dots (/vi/thu-tuc-hanh-chinh/1.009374/), which Wagtail's own
    # pattern refuses: such paths go to Wagtail's page routing too.
    re_path(r"^((?:[\w\-]+/)+[\w\-]*\.[\w.\-]*/(?:[\w\-]+/)*)$", portal_views.serve),
    path("", include(wagtail_patterns)),
    prefix_default_language=True,
)
