"""Computed results of a stored project, cached per (project, revision, date, kind).

Results are pure functions of the project's content (identified by its revision) and the
evaluation date, so a cached value is never stale: a write bumps the revision. A lock per key
makes concurrent requests for the same missing value compute it once (16 clients opening the
same overview do not lay out the same diagram 16 times).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from zonewarden.services.risk import RiskReport, risk_report
from zonewarden.web.models import Project
from zonewarden.web.repositories.documents import CacheKey, cache_key, domain_of

T = TypeVar("T")
Key = tuple[CacheKey, date | None, str]
SIZE = 512


class _Results:
    def __init__(self, size: int) -> None:
        self._values: OrderedDict[Key, Any] = OrderedDict()
        self._locks: dict[Key, threading.Lock] = {}
        self._guard = threading.Lock()
        self._size = size

    def get(self, key: Key, compute: Callable[[], T]) -> T:
        with self._guard:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]  # type: ignore[no-any-return]
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            with self._guard:
                if key in self._values:
                    return self._values[key]  # type: ignore[no-any-return]
            value = compute()
            with self._guard:
                self._values[key] = value
                self._locks.pop(key, None)
                while len(self._values) > self._size:
                    self._values.popitem(last=False)
            return value


RESULTS = _Results(SIZE)


def cached(project: Project, as_of: date | None, kind: str, compute: Callable[[], T]) -> T:
    """``compute()`` for this project revision, date and kind, computed once."""
    return RESULTS.get((cache_key(project), as_of, kind), compute)


def risk_report_of(project: Project, as_of: date) -> RiskReport:
    """The risk results (:mod:`zonewarden.services.risk`) of the stored project on ``as_of``,
    computed once per revision: the API and the pages read the same ones."""
    return cached(project, as_of, "risk-report", lambda: risk_report(domain_of(project), as_of))
