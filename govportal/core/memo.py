"""Request-scoped memo for reads that many parts of one page ask for again and again.

Inside a GET or HEAD request (`RequestMemoMiddleware`), `request_memo(key, compute)` computes
a value once and hands the same value to every later caller in that request; outside a
request (jobs, management commands, writes) it simply computes. Only facts that cannot
change while a read is being answered belong here — e.g. the list of private sections
(`PageViewRestriction`), which Wagtail's ``.public()`` otherwise queries on every call.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from asgiref.local import Local

T = TypeVar("T")
_state = Local()


def request_memo(key: str, compute: Callable[[], T]) -> T:
    store = getattr(_state, "store", None)
    if store is None:
        return compute()
    if key not in store:
        store[key] = compute()
    return store[key]


class RequestMemoMiddleware:
    """Opens a memo for each GET/HEAD request and drops it when the response is ready."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        previous = getattr(_state, "store", None)
        _state.store = {}
        try:
            return self.get_response(request)
        finally:
            _state.store = previous
