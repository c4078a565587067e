"""Cache backends that fail, for tests of what the app does when a cache is broken."""

from django.core.cache.backends.locmem import LocMemCache


class UnwritableCache(LocMemCache):
    """Reads work (and find nothing); every write raises, like a full or read-only store."""

    def set(self, *args, **kwargs):
        raise OSError("cache store is read-only")

    def add(self, *args, **kwargs):
        raise OSError("cache store is read-only")


class DownCache(UnwritableCache):
    """Nothing works: the cache server is unreachable."""

    def get(self, *args, **kwargs):
        raise ConnectionError("cache server unreachable")
