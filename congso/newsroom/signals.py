"""Signal handlers of the newsroom."""

import logging

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone
from wagtail.signals import page_published, page_unpublished, post_page_move

logger = logging.getLogger(__name__)


@receiver(page_published)
def news_published_at_default(sender, instance, **kwargs):
    """Ngày xuất bản defaults to the time of first publication: set it when an item goes
    live without one (by hand, by the workflow's last approval or by publish_scheduled)."""
    from .models import NewsPage

    if not isinstance(instance, NewsPage) or instance.published_at is not None:
        return
    value = instance.first_published_at or timezone.now()
    NewsPage.objects.filter(pk=instance.pk, published_at__isnull=True).update(published_at=value)
    instance.published_at = value


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
@receiver(post_delete)
def news_lists_changed(sender, instance=None, **kwargs):
    """The lists' cached counts (selectors.news_ids_below) go stale when a news item
    goes live, is taken down, moved or deleted: start a new version now (for what this
    transaction reads next) and again after the commit (a count another request took in
    between saw the old rows)."""
    from . import selectors
    from .models import NewsPage

    if isinstance(instance, NewsPage) or sender is NewsPage:
        selectors.news_lists_changed()
        transaction.on_commit(selectors.news_lists_changed)


@receiver(page_published)
def news_royalty_freeze(sender, instance, **kwargs):
    """The first publication freezes the item's royalty (royalties.royalty_freeze): later
    publications, and any later change of the base salary, leave it as it is. An item
    whose date no base salary covers goes live without one, with a warning in the log
    (the royalty sheet cannot pay what the table cannot price)."""
    from django.core.exceptions import ValidationError

    from .models import NewsPage
    from .royalties import royalty_freeze

    if not isinstance(instance, NewsPage):
        return
    try:
        royalty_freeze(instance)
    except ValidationError as error:
        logger.warning("No royalty for news item %s: %s", instance.pk, "; ".join(error.messages))


@receiver(page_published)
def news_audio_after_publish(sender, instance, **kwargs):
    """An item published without a recording gets generated speech, in the background,
    after the commit (audio.speech_generate; nothing when espeak-ng is missing)."""
    from . import audio
    from .models import NewsPage
    from .tasks import news_audio_generate

    if not isinstance(instance, NewsPage) or instance.audio_file:
        return
    if not audio.espeak_available():
        return
    page_id = instance.pk
    transaction.on_commit(lambda: news_audio_generate.enqueue(page_id))
