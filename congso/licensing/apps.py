from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LicensingConfig(AppConfig):
    name = "congso.licensing"
    label = "licensing"
    verbose_name = _("Licences and permits")

    def ready(self) -> None:
        from . import roles  # noqa: F401  (declares the licensing roles)
