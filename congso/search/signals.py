"""Keep the search index in step with the page tree (Wagtail's signals).

Each handler runs inside the transaction of the change it follows, so a change that rolls
back leaves the index as it was. A deleted page's entry is removed by the database
cascade (SearchEntry.page), nothing to do here.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import indexing


@receiver(page_published)
def page_published_index(sender, instance, **kwargs):
    indexing.index_page(instance)


@receiver(page_unpublished)
def page_unpublished_unindex(sender, instance, **kwargs):
    indexing.unindex_pages([instance.pk])


@receiver(post_page_move)
def page_moved_reindex(sender, instance, **kwargs):
    # Addresses (and, for news, categories) change for the page and all below it.
    indexing.index_subtree(instance)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def view_restriction_changed(sender, instance, **kwargs):
    # A restricted subtree leaves the search; lifting the restriction brings it back.
    from wagtail.models import Page

    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        indexing.index_subtree(page)
