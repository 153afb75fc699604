"""The newsroom's fixtures (news tree, groups, users per role), shared with these tests."""

from congso.newsroom.tests.conftest import (  # noqa: F401
    approver,
    author,
    editor,
    newsroom,
    shared_newsroom,
)
