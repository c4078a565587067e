"""The consultant's voice beside one seat row: `{{ voice|voice_for:seat.code }}`."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def voice_for(view: Any, code: Any) -> Any:
    """The consultant's adjustment of seat `code` (a presenter.VoiceSeat), or None."""
    by_code = getattr(view, "by_code", None)
    return by_code.get(str(code)) if by_code else None
