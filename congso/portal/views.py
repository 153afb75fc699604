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
