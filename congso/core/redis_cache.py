"""Django's Redis cache backend, keeping one Redis client per connection pool.

Django's `RedisCacheClient.get_client()` builds a new `redis.Redis` object for every cache
operation. Building one fills a table of about 170 response callbacks: 0.2 ms each time
on the benchmark machine, and a page that is not in the full-page cache makes 20 to 30
cache reads (fragments, Wagtail's site root paths and settings), so 4 to 6 ms of every
such page went into making clients (bench/, profiled with cProfile). A `redis.Redis`
object is safe to share between threads: it takes a connection from its pool for each
command. Settings use this class in place of `django.core.cache.backends.redis.RedisCache`
(config/settings/base.py).
"""

from django.core.cache.backends import redis as django_redis


class RedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
