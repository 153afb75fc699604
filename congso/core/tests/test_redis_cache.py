"""The Redis cache backend of production (congso.core.redis_cache) against the real Redis
server: it stores, reads, adds, increments and deletes as Django's own, and every
operation goes through one client instead of building a new one."""

import socket

import pytest
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache

from congso.core.redis_cache import RedisCache

LOCATION = "redis://127.0.0.1:6379/14"


def _redis_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


pytestmark = pytest.mark.skipif(not _redis_up(), reason="Needs Redis on 127.0.0.1:6379")


@pytest.fixture
def cache():
    backend = RedisCache(LOCATION, {"KEY_PREFIX": "congso-test"})
    backend.clear()
    yield backend
    backend.clear()


def test_it_behaves_as_djangos_redis_cache(cache):
    django_cache = DjangoRedisCache(LOCATION, {"KEY_PREFIX": "congso-test"})

    cache.set("page", {"title": "Sở Thông tin", "views": 3028}, 60)
    assert django_cache.get("page") == {"title": "Sở Thông tin", "views": 3028}
    assert cache.add("page", "other") is False
    assert cache.add("fresh", 1) is True
    assert cache.incr("fresh") == 2
    cache.set_many({"a": 1, "b": 2})
    assert cache.get_many(["a", "b", "c"]) == {"a": 1, "b": 2}
    cache.delete("page")
    assert cache.get("page", "gone") == "gone"


def test_every_operation_shares_one_client(cache):
    clients = []  # kept alive, so that no two clients can share an id()
    original = cache._cache.get_client

    def spy(*args, **kwargs):
        client = original(*args, **kwargs)
        clients.append(client)
        return client

    cache._cache.get_client = spy
    for i in range(20):
        cache.set(f"k{i}", i)
        assert cache.get(f"k{i}") == i

    assert len(clients) == 40
    assert len({id(client) for client in clients}) == 1
