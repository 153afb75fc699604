from django.conf import settings
from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme


def language_switch(request, language: str):
    """Remember the reader's language in a cookie, then go to the translated page.

    A plain link (GET) so that the switcher works without JavaScript and keeps pages
    cacheable: only this redirect sets the cookie that `/` reads to pick a language.
    """
    target = request.GET.get("next") or f"/{language}/"
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = f"/{language}/"
    response = HttpResponseRedirect(target)
    if language in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=365 * 24 * 60 * 60,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
            httponly=False,
        )
    return response


def serve(request, path: str):
    """Wagtail's page view, with the page's place in the tree kept in the cache.

    Wagtail finds a page by walking the tree from the home page, one query for each
    segment of the path and one more for each page's specific row: nine queries for a
    news item (/vi/tin-tuc/<category>/<item>/). Once found, the page's id, type and the
    number of segments the tree consumed are kept (congso.core.fragments, so any
    publication, unpublication or move forgets them); the next request for the path reads
    the page by id in one query and lets it route what is left of the path (a
    RoutablePage's sub-pages: ?page=N lists, rss/, tag pages). A page that is no longer
    live still answers 404: its own `route()` checks that.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.http import Http404
    from django.utils.translation import get_language
    from wagtail import views as wagtail_views
    from wagtail.models import Page, Site

    from congso.core import fragments

    site = Site.find_for_request(request) if fragments.enabled(request) else None
    if site is not None and not hasattr(request, "_wagtail_route_for_request"):
        parts = (site.pk, get_language(), path)
        known = fragments.get(request, "route", *parts)
        if known is not None:
            content_type_id, page_id, consumed = known
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            page = model.objects.filter(pk=page_id).first() if model else None
            if page is not None:
                components = [c for c in path.split("/") if c]
                try:
                    request._wagtail_route_for_request = page.route(request, components[consumed:])
                except Http404:
                    request._wagtail_route_for_request = None
        else:
            found = Page.route_for_request(request, path)
            if found is not None:
                page = found[0]
                fragments.put(
                    request,
                    "route",
                    *parts,
                    value=(page.content_type_id, page.pk, page.depth - site.root_page.depth),
                )
    return wagtail_views.serve(request, path)
