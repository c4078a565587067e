"""`signoffs_of`: the sign-offs of one version, from `presenter.signoffs_by_version`."""

from collections.abc import Mapping, Sequence

from django import template

register = template.Library()


@register.filter
def signoffs_of(by_version: Mapping[int, Sequence] | None, number: int) -> Sequence:
    return (by_version or {}).get(number, ())
