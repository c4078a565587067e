"""The result page: the recommendation for the wizard's answers, with what-if links.

`/result/?what_if=stage:enterprise` shows the advice with that one answer changed;
posting the same `what_if` adopts it. The parameter is checked strictly against the
engine's vocabulary, so a bad one gives a clear message, never an error page.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from orgdesign.flow import QuestionnaireFlow, wizard_begin
from orgdesign.http import ascii_int
from orgdesign.rules import CHOICES, QUESTION_LABELS, AnswersError, parse_answers, recommend
from orgdesign.rules.answers import BOOLEAN_KEYS, PRODUCT_LINES_MAX, PRODUCT_LINES_MIN
from orgdesign.views.common import recommendation_context
from orgdesign.views.scenarios import save_result_context
from orgdesign.views.wizard import to_first_unanswered

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


@require_http_methods(["GET", "POST"])
def result(request: HttpRequest) -> HttpResponse:
    flow = QuestionnaireFlow(request)
    answers = flow.answers()
    if answers is None:
        return to_first_unanswered(
            request, flow, "Please answer every question first; then we show the advice."
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
            wizard_begin(request, answers={**answers, change[0]: change[1]}, target=flow.target)
        except AnswersError:
            messages.error(request, "Those answers could not be used.")
            return redirect("orgdesign:result")
        messages.success(request, "Your answers now include this change.")
        return redirect("orgdesign:result")

    shown = {**answers, change[0]: change[1]} if change else answers
    context = {
        **recommendation_context(recommend(parse_answers(shown)).to_dict()),
        "what_if_base": "" if change else reverse("orgdesign:result"),
        "what_if_error": what_if_error,
        "change": change
        and {
            "param": what_if_param(*change),
            "label": QUESTION_LABELS[change[0]],
            "value": change[1],
            "key": change[0],
        },
        "target": flow.target,
        "words": flow.words(),
        "resume_url": flow.resume_link(),
        "save": None if change else save_result_context(request, target=flow.target),
    }
    return render(request, "orgdesign/result.html", context, status=400 if what_if_error else 200)
