"""What several view modules share: the recommendation section's context and the
confirmation page of an action."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import SafeString, mark_safe

from orgdesign.orgchart import orgchart_svg
from orgdesign.presenter import OUR_CHART_TITLE, present, voice, voice_recommendation


def chart_html(rec: dict[str, Any], chart_id: str = "orgchart") -> SafeString:
    # orgchart_svg escapes every text it draws: its output is safe to embed.
    return mark_safe(orgchart_svg(rec, chart_id=chart_id))  # noqa: S308


def recommendation_context(rec: dict[str, Any]) -> dict[str, Any]:
    """What `includes/recommendation.html` and `includes/answers.html` read."""
    p = present(rec)
    return {"p": p, "chart_svg": chart_html(rec), "answer_rows": p.answers}


def confirm_page(request: HttpRequest, **context: Any) -> HttpResponse:
    """The confirmation page of an action: title, text, button, cancel link."""
    return render(request, "orgdesign/scenarios/confirm.html", context)


def voice_context(data: dict[str, Any] | None, rec: dict[str, Any]) -> dict[str, Any]:
    """What `includes/voice.html` and the seat rows read: the consultant's voice beside
    the advice `rec` (None when there is none), and the chart drawn with their titles and
    lines (None when no seat is adjusted)."""
    view = voice(data, rec)
    ours = voice_recommendation(data, rec)
    chart = None
    if ours is not None:
        # orgchart_svg escapes every text it draws: its output is safe to embed.
        chart = mark_safe(  # noqa: S308
            orgchart_svg(ours, chart_id="orgchart-ours", title=OUR_CHART_TITLE)
        )
    return {"voice": None if view.empty else view, "voice_chart_svg": chart}
