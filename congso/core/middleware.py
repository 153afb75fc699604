from django.conf import settings
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware


class AdminContentSecurityPolicyMiddleware:
    """Give staff screens their own Content-Security-Policy.

    Public pages get the strict `SECURE_CSP` (no inline script). The Wagtail admin still
    relies on inline scripts, so its responses carry `CONGSO_ADMIN_CSP` instead. Sits
    *after* Django's CSP middleware in MIDDLEWARE so it runs first on the way out.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefixes = tuple(settings.CONGSO_ADMIN_PATH_PREFIXES)

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(self.prefixes) and not hasattr(response, "_csp_config"):
            response._csp_config = settings.CONGSO_ADMIN_CSP
        return response


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's LocaleMiddleware, minus its 404 redirect outside the public site.

    On a 404 for a path without a language prefix, Django redirects to /<lang>/<path> when
    that path resolves; Wagtail's catch-all under i18n_patterns makes every path resolve,
    so an API or admin 404 would turn into a redirect to a page that does not exist. Paths
    that are not part of the public site keep their own answer.
    """

    def process_response(self, request, response):
        if request.path.startswith(settings.CONGSO_UNPREFIXED_PATHS):
            return response
        return super().process_response(request, response)
