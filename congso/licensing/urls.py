"""Public URLs of the licence registry, under the language prefix (config/urls.py
includes them before Wagtail's catch-all). Licence numbers keep their "/" in the URL:
see verification.py for why the year comes first.

    /vi/giay-phep/                              /en/licences/                       search
    /vi/giay-phep/tai-ve.csv|.xlsx              /en/licences/export.csv|.xlsx       export
    /vi/giay-phep/<year>/<number>/              /en/licences/<year>/<number>/       a licence
    /vi/giay-phep/xac-thuc/<year>/<number>/?t=  /en/licences/verify/<year>/<number>/?t=
"""

from django.urls import path
from django.utils.translation import pgettext_lazy

from . import views

app_name = "licensing"

urlpatterns = [
    path(pgettext_lazy("url", "licences/"), views.registry, name="registry"),
    path(pgettext_lazy("url", "licences/export.<str:fmt>"), views.registry_export, name="export"),
    path(
        pgettext_lazy("url", "licences/verify/<int:year>/<path:number>/"),
        views.verify,
        name="verify",
    ),
    path(
        pgettext_lazy("url", "licences/<int:year>/<path:number>/"),
        views.licence_detail,
        name="licence",
    ),
]
