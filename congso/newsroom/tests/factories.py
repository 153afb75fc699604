"""factory_boy factories of the newsroom."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from congso.newsroom.models import Contributor, NewsPage


class ContributorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contributor

    name = factory.Sequence(lambda n: f"Phóng viên {n}")
    pen_name = factory.LazyAttribute(lambda o: o.name)
    email = factory.Sequence(lambda n: f"pv{n}@example.invalid")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.invalid")
    password = factory.django.Password("secret-password-123")

    @factory.post_generation
    def groups(self, create, names, **kwargs):
        for name in names or ():
            self.groups.add(Group.objects.get(name=name))


class NewsPageFactory(factory.Factory):
    """A news item under `parent` (a NewsCategoryPage), published by default.

    `published_at` sets both the reader's date and Wagtail's first publication time;
    `live=False` leaves a draft; `owner` is the page's owner (its author in Wagtail)."""

    class Meta:
        model = NewsPage

    title = factory.Sequence(lambda n: f"Tin thử nghiệm số {n}")
    slug = factory.Sequence(lambda n: f"tin-thu-nghiem-{n}")
    summary = factory.LazyAttribute(lambda o: f"Tóm tắt của {o.title}.")
    body = factory.LazyFunction(
        lambda: [{"type": "paragraph", "value": "<p>Nội dung tin bài thử nghiệm.</p>"}]
    )

    @classmethod
    def _create(cls, model_class, *args, parent, live=True, published_at=None, **kwargs):
        when = published_at or timezone.now() - datetime.timedelta(hours=1)
        tags = kwargs.pop("tags", [])
        page = model_class(*args, locale=parent.locale, live=False, **kwargs)
        if live:
            page.first_published_at = when
            page.published_at = when
        parent.add_child(instance=page)
        if tags:
            page.tags.add(*tags)
        revision = page.save_revision(user=kwargs.get("owner"))
        if live:
            revision.publish()
        return NewsPage.objects.get(pk=page.pk)
