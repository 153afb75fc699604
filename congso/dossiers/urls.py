"""Public URLs of the dossier app, under the language prefix (config/urls.py includes them
before Wagtail's catch-all): the tracking page and what hangs from it.

    /vi/tra-cuu-ho-so/                  /en/track/                  look-up (code + secret)
    /vi/tra-cuu-ho-so/<code>/           /en/track/<code>/           the dossier's status
    …/<code>/bo-sung/                   …/<code>/supplement/        upload what was asked (POST)
    …/<code>/rut-ho-so/                 …/<code>/withdraw/          withdraw (POST)
    …/<code>/giay-to/<id>/              …/<code>/papers/<id>/       an issued paper (PDF)

The online application form is served under each procedure's page (views_apply).
"""

from django.urls import path
from django.utils.translation import pgettext_lazy

from . import views

app_name = "dossiers"

urlpatterns = [
    path(pgettext_lazy("url", "track/"), views.track, name="track"),
    path(pgettext_lazy("url", "track/<str:code>/"), views.track_status, name="track_status"),
    path(
        pgettext_lazy("url", "track/<str:code>/supplement/"),
        views.track_supplement,
        name="track_supplement",
    ),
    path(
        pgettext_lazy("url", "track/<str:code>/withdraw/"),
        views.track_withdraw,
        name="track_withdraw",
    ),
    path(
        pgettext_lazy("url", "track/<str:code>/papers/<int:pk>/"),
        views.track_paper,
        name="track_paper",
    ),
]
