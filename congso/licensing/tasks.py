"""Background work of the licensing app (Django's tasks API).

- `licence_certificate`: render, sign (when configured) and store an issued licence's
  certificate; enqueued after commit by the services that issue or amend.
- `licences_daily`: mark expired licences, lift ended suspensions, send the 30-day expiry
  reminders. Run it once a day (cron: `manage.py licences_daily`, which enqueues it, or
  `--now` to run inline).
"""

import logging

from django.tasks import task

logger = logging.getLogger(__name__)


@task()
def licence_certificate(licence_id: int) -> None:
    """Render and store the certificate of licence `licence_id`, if not yet stored."""
    from . import certificate
    from .models import Licence

    licence = Licence.objects.select_related("licence_type").filter(pk=licence_id).first()
    if licence is None:
        logger.warning("licence %s is gone; no certificate", licence_id)
        return
    if not licence.file:
        certificate.certificate_store(licence)


@task()
def licences_daily() -> dict:
    """The daily run: {"expired": n, "reminded": n}."""
    from .services import licences_expire, licences_send_expiry_reminders

    result = {"expired": licences_expire(), "reminded": licences_send_expiry_reminders()}
    logger.info("licences daily run: %s", result)
    return result
