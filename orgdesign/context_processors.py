"""What every template may read of the signed-in user's firm."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from orgdesign import selectors


def firm(request: HttpRequest) -> dict[str, object]:
    """`can_write`: whether the page may offer controls that change the firm's work (a
    viewer's pages leave them out; the views refuse them anyway); `firm_owner`: whether
    it may offer the owner's pages (branding in the navigation). A signed-in user without
    a firm yet gets both: their first save makes them the owner of one. Lazy, and read
    from the membership the page's selector already loaded (one query otherwise)."""

    def role_allows(check) -> SimpleLazyObject:
        def allowed() -> bool:
            membership = selectors.membership_for_user(user=request.user)
            return membership is None or check(membership)

        return SimpleLazyObject(allowed)

    return {
        "can_write": role_allows(lambda m: m.can_write),
        "firm_owner": role_allows(lambda m: m.is_owner),
    }
