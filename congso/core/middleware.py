from django.conf import settings


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
