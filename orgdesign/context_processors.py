"""What every template may read of the signed-in user's firm."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from orgdesign import selectors


def firm(request: HttpRequest) -> dict[str, object]:
    """`can_write`: whether the page may offer controls that change the firm's work (a
    viewer's pages leave them out; the views refuse them anyway). Lazy, and read from the
    membership the page's selector already loaded: no query of its own on those pages."""

    def can_write() -> bool:
        membership = selectors.membership_for_user(user=request.user)
        return membership is None or membership.can_write

    return {"can_write": SimpleLazyObject(can_write)}
