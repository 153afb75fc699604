"""Background work of the newsroom (Django's tasks API; settings.TASKS)."""

import logging

from django.tasks import task

logger = logging.getLogger(__name__)


@task()
def news_audio_generate(page_id: int) -> None:
    """Generate the Vietnamese speech of a live news item without a recording
    (audio.speech_generate). Nothing to do for a gone, unpublished or recorded item."""
    from . import audio
    from .models import NewsPage

    page = NewsPage.objects.filter(pk=page_id, live=True).first()
    if page is None:
        logger.info("news item %s is gone or not live; no speech generated", page_id)
        return
    audio.speech_generate(page)
