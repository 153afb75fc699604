from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DossiersConfig(AppConfig):
    name = "congso.dossiers"
    label = "dossiers"
    verbose_name = _("One-stop desk")

    def ready(self) -> None:
        from congso.procedures import locks

        from . import roles  # noqa: F401  (declares the one-stop desk's roles)

        # A procedure version a dossier was submitted under never changes again.
        locks.register(version_has_dossiers)


def version_has_dossiers(version) -> bool:
    return version.dossiers.exists()
