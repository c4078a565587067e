"""The result page: the recommendation for the wizard's answers, with what-if links.

`/result/?what_if=stage:enterprise` shows the advice with that one answer changed;
posting the same `what_if` adopts it. The parameter is checked strictly against the
engine's vocabulary, so a bad one gives a clear message, never an error page.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods

from orgdesign.http import ascii_int
from orgdesign.orgchart import orgchart_svg
from orgdesign.presenter import present
from orgdesign.rules import CHOICES, QUESTION_LABELS, AnswersError, parse_answers, recommend
from orgdesign.rules.answers import BOOLEAN_KEYS, PRODUCT_LINES_MAX, PRODUCT_LINES_MIN
from orgdesign.views.wizard import resume_url_for, to_first_unanswered
from orgdesign.wizard import WizardState, wizard_begin

WHAT_IF_KEYS = (*CHOICES, "product_lines", *BOOLEAN_KEYS)


class WhatIfError(ValueError):
    pass


def parse_what_if(raw: str) -> tuple[str, Any]:
    """`key:value` into the engine key and its typed value; WhatIfError if not allowed."""
    key, sep, text = raw.partition(":")
    if not sep or key not in WHAT_IF_KEYS:
        raise WhatIfError("That what-if question is not one we know.")
    if key in CHOICES:
        if text not in dict(CHOICES[key]):
            raise WhatIfError(f"That is not a possible answer for {QUESTION_LABELS[key]}.")
        return key, text
    if key in BOOLEAN_KEYS:
        if text not in ("true", "false"):
            raise WhatIfError(f"{QUESTION_LABELS[key]} can only be yes or no.")
        return key, text == "true"
    lines = ascii_int(text, max_digits=len(str(PRODUCT_LINES_MAX)))
    if lines is None or not PRODUCT_LINES_MIN <= lines <= PRODUCT_LINES_MAX:
        raise WhatIfError(
            f"Product lines must be a whole number from {PRODUCT_LINES_MIN} to "
            f"{PRODUCT_LINES_MAX}, written with the digits 0-9."
        )
    return key, lines


def what_if_param(key: str, value: Any) -> str:
    if isinstance(value, bool):
        value = "true" if value else "false"
    return f"{key}:{value}"


@lru_cache(maxsize=1024)
def presentation(answer_items: tuple, *, what_if_links: bool) -> tuple[dict, str]:
    """The recommendation for valid answers (as sorted items): its dict form and the
    rendered include. Memoised: the same answers always give the same page section."""
    rec = recommend(parse_answers(dict(answer_items)))
    data = rec.to_dict()
    html = render_to_string(
        "orgdesign/includes/recommendation.html",
        {
            "p": present(data),
            "chart_svg": mark_safe(orgchart_svg(data)),  # noqa: S308 - escaped by orgchart_svg
            "what_if_base": reverse("orgdesign:result") if what_if_links else "",
        },
    )
    return data, html


@require_http_methods(["GET", "POST"])
def result(request: HttpRequest) -> HttpResponse:
    state = WizardState(request)
    answers = state.answers()
    if answers is None:
        return to_first_unanswered(
            request, state, "Please answer every question first; then we show the advice."
        )

    raw = request.POST.get("what_if") if request.method == "POST" else request.GET.get("what_if")
    what_if_error, change = "", None
    if raw is not None:
        try:
            change = parse_what_if(raw)
        except WhatIfError as exc:
            what_if_error = str(exc)

    if request.method == "POST":
        if change is None:
            messages.error(request, what_if_error or "Nothing to change.")
            return redirect("orgdesign:result")
        try:
            wizard_begin(request, answers={**answers, change[0]: change[1]}, target=state.target)
        except AnswersError:
            messages.error(request, "Those answers could not be used.")
            return redirect("orgdesign:result")
        messages.success(request, "Your answers now include this change.")
        return redirect("orgdesign:result")

    shown = {**answers, change[0]: change[1]} if change else answers
    rec, html = presentation(tuple(sorted(shown.items())), what_if_links=change is None)
    context = {
        "rec": rec,
        "recommendation_html": mark_safe(html),  # noqa: S308 - rendered by our template
        "what_if_error": what_if_error,
        "change": change
        and {
            "param": what_if_param(*change),
            "label": QUESTION_LABELS[change[0]],
            "value": change[1],
            "key": change[0],
        },
        "target": state.target,
        "resume_url": resume_url_for(request, state),
    }
    response = render(
        request, "orgdesign/result.html", context, status=400 if what_if_error else 200
    )
    return response
