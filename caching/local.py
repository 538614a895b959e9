"""A cache backend for objects kept as they are in this process's memory.

Django's local-memory cache pickles every value on the way in and out: a
page copy read on every hit would be unpickled on every hit. Here a value is
the object itself, so whoever stores one must never change it afterwards
(the page cache's copies are built once and only read). The oldest entry
goes first when `MAX_ENTRIES` is reached; no lock is needed, each operation
is one dictionary step.
"""

import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache


class ProcessMemoryCache(BaseCache):
    def __init__(self, name, params):
        super().__init__(params)
        self._data = {}

    def _expires(self, timeout):
        timeout = self.get_backend_timeout(timeout)
        return float("inf") if timeout is None else time.time() + timeout

    def get(self, key, default=None, version=None):
        found = self._data.get(key)
        if found is None:
            return default
        if found[1] <= time.time():
            self._data.pop(key, None)
            return default
        return found[0]

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        data = self._data
        data.pop(key, None)
        while len(data) >= self._max_entries:
            data.pop(next(iter(data)), None)
        data[key] = (value, self._expires(timeout))

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if self.get(key) is not None:
            return False
        self.set(key, value, timeout)
        return True

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        found = self._data.get(key)
        if found is None:
            return False
        self._data[key] = (found[0], self._expires(timeout))
        return True

    def delete(self, key, version=None):
        return self._data.pop(key, None) is not None

    def has_key(self, key, version=None):
        return self.get(key) is not None

    def clear(self):
        self._data.clear()
