"""Fixtures for the procedure catalogue's tests."""

import pytest

from congso.procedures import locks


@pytest.fixture
def catalogue(demo):
    """The demo department and portal (conftest `demo`) plus the procedure catalogue,
    loaded by the same service `manage.py load_demo` runs. Returns the LoadReport."""
    from congso.procedures.demo import procedures_demo_ensure

    return procedures_demo_ensure()


@pytest.fixture
def lock_versions():
    """Lock the versions given: `lock_versions(v1, v2)`, as the dossier app's registered
    check will once dossiers refer to them. Unregistered after the test."""
    locked: set[int] = set()

    def check(version):
        return version.pk in locked

    locks.register(check)

    def lock(*versions):
        locked.update(v.pk for v in versions)

    yield lock
    locks.unregister(check)


@pytest.fixture(scope="module")
def shared_catalogue(shared_demo, django_db_blocker):
    """The same as `catalogue`, loaded once for a whole test module inside `shared_demo`'s
    module-wide transaction (rolled back after the module's last test). Only for modules
    whose tests read the catalogue; a test's own changes are undone by its savepoint."""
    from congso.procedures.demo import procedures_demo_ensure

    with django_db_blocker.unblock():
        return procedures_demo_ensure()
