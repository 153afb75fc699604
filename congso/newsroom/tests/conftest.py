"""Fixtures of the newsroom's tests: the news tree, its groups and one user per role."""

from dataclasses import dataclass

import pytest

from congso.accounts.services import roles_sync
from congso.newsroom import roles
from congso.newsroom.services import newsroom_setup

from .factories import UserFactory


@dataclass(frozen=True)
class Newsroom:
    demo: object
    tree: dict  # {"vi": {"index": NewsIndexPage, <category key>: NewsCategoryPage}, "en": {...}}

    def category(self, key: str, language: str = "vi"):
        """The page read afresh: a test adds children to it, and a shared tree's objects
        would otherwise keep a child count that the previous test's rollback undid."""
        page = self.tree[language][key]
        return type(page).objects.get(pk=page.pk)

    def index(self, language: str = "vi"):
        return self.category("index", language)


@pytest.fixture
def newsroom(demo) -> Newsroom:
    """The demo department with the newsroom set up (news tree, groups, workflow) and the
    groups' model permissions synced, as `load_demo` + `demo_accounts` leave them."""
    tree = newsroom_setup()
    roles_sync()
    return Newsroom(demo=demo, tree=tree)


@pytest.fixture(scope="module")
def shared_newsroom(shared_demo, django_db_blocker) -> Newsroom:
    """The same, set up once for a test module inside `shared_demo`'s module transaction
    (see conftest.py at the root): each test runs in a savepoint and its rows are rolled
    back. For non-transactional modules whose tests only add rows; read the tree's pages
    through `category()` / `index()`."""
    with django_db_blocker.unblock():
        tree = newsroom_setup()
        roles_sync()
    return Newsroom(demo=shared_demo, tree=tree)


@pytest.fixture
def author(newsroom):
    return UserFactory(username="tacgia", groups=[roles.AUTHOR])


@pytest.fixture
def editor(newsroom):
    return UserFactory(username="bientap", groups=[roles.EDITOR])


@pytest.fixture
def approver(newsroom):
    return UserFactory(username="lanhdao", groups=[roles.APPROVER])


@pytest.fixture
def digital_editor(newsroom):
    return UserFactory(username="bientap_cds", groups=[roles.CATEGORY_EDITOR_DIGITAL])


@pytest.fixture
def accountant(newsroom):
    return UserFactory(username="ketoan", groups=[roles.ACCOUNTANT])
