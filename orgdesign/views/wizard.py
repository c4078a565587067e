"""The founder's questionnaire: landing page, steps, review, restart and resume links.

Thin views over `orgdesign.flow.QuestionnaireFlow`, which knows the steps and where every
button leads: a view parses the form, asks the flow, and redirects or renders. Each step
has its own URL; a full page load and an htmx request run the same code, htmx just gets
the `panel` partial of the same template.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from orgdesign.flow import (
    RETURN_TO,
    REVIEW,
    STEP_BY_SLUG,
    QuestionnaireFlow,
    read_resume_token,
    restore_steps,
    wizard_begin,
    wizard_reset,
)


def _render_page(
    request: HttpRequest, template: str, context: dict, *, status: int = 200
) -> HttpResponse:
    """The whole page, or its `panel` partial for an htmx request (not a history restore)."""
    partial = bool(request.htmx) and not request.htmx.history_restore_request
    response = render(request, f"{template}#panel" if partial else template, context, status=status)
    if partial:
        response["HX-Push-Url"] = request.get_full_path()
    patch_vary_headers(response, ["HX-Request"])
    return response


def to_first_unanswered(
    request: HttpRequest, flow: QuestionnaireFlow, note: str = ""
) -> HttpResponse:
    """Redirect to the first unanswered step (or the review), with an optional message."""
    if note:
        messages.info(request, note)
    return redirect(flow.resume_url())


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    flow = QuestionnaireFlow(request)
    return render(
        request,
        "orgdesign/home.html",
        {"in_progress": bool(flow.answered_steps()), "complete": flow.answers() is not None},
    )


@require_GET
def wizard_start(request: HttpRequest) -> HttpResponse:
    """Continue where the user left off: the first unanswered step, or the review."""
    return to_first_unanswered(request, QuestionnaireFlow(request))


@require_http_methods(["GET", "POST"])
def wizard_step(request: HttpRequest, step: str) -> HttpResponse:
    flow = QuestionnaireFlow(request)
    current = STEP_BY_SLUG.get(step)
    if current is None:
        return render(request, "orgdesign/wizard/missing.html", {"step": step}, status=404)
    if current not in flow.applicable():
        return to_first_unanswered(
            request, flow, "That question does not apply to your earlier answers."
        )
    if not flow.is_reachable(step):
        return to_first_unanswered(request, flow, "Please answer this question first.")

    back_to_review = request.POST.get(RETURN_TO, request.GET.get(RETURN_TO)) == REVIEW
    if request.method == "POST":
        if request.POST.get("nav") == "back":
            flow.store_draft(step, request.POST)
            return redirect(flow.back_url(step, back_to_review=back_to_review))
        form = flow.form(current, data=request.POST)
        if form.is_valid():
            flow.store(step, form)
            return redirect(flow.next_url(step, back_to_review=back_to_review))
    else:
        form = flow.form(current, initial=flow.initial(current))

    # A question the client record answered, still answered so: shown as known.
    known = [
        name
        for name, value in flow.known(current).items()
        if not form[name].errors and str(form[name].value()) == value
    ]
    position = flow.applicable().index(current) + 1
    return _render_page(
        request,
        "orgdesign/wizard/step.html",
        {
            "step": current,
            "step_url": flow.step_url(current),
            "form": form,
            "progress": flow.progress(position),
            "has_previous": position > 1,
            "back_to_review": back_to_review,
            "return_to": {"name": RETURN_TO, "value": REVIEW},
            "target": flow.target,
            "words": flow.words(),
            "known": known,
        },
    )


@require_GET
def wizard_review(request: HttpRequest) -> HttpResponse:
    flow = QuestionnaireFlow(request)
    if flow.answers() is None:
        return to_first_unanswered(request, flow, "A few questions are still unanswered.")
    return _render_page(
        request,
        "orgdesign/wizard/review.html",
        {
            "groups": flow.review_groups(),
            "back_url": flow.review_back_url(),
            "progress": flow.progress(len(flow.applicable()) + 1),
            "resume_url": flow.resume_link(),
            "target": flow.target,
            "words": flow.words(),
        },
    )


@require_POST
def wizard_restart(request: HttpRequest) -> HttpResponse:
    """Clear the answers; a questionnaire for a client stays for that client (its Cancel
    leaves it)."""
    flow = QuestionnaireFlow(request)
    wizard_begin(request, target=flow.target)
    messages.info(request, flow.words()["restarted"])
    return redirect(QuestionnaireFlow.first_step_url())


@require_POST
def wizard_cancel(request: HttpRequest) -> HttpResponse:
    """Leave the questionnaire started for a client or a scenario: forget its answers and
    its target, and go back to the client (or the scenario being changed)."""
    flow = QuestionnaireFlow(request)
    if flow.target is None:
        return redirect(flow.resume_url())
    wizard_reset(request)
    messages.info(
        request, f"The questionnaire for {flow.client_name} was cancelled; nothing was saved."
    )
    return redirect(flow.target_url())


@require_http_methods(["GET", "POST"])
def wizard_resume(request: HttpRequest, token: str) -> HttpResponse:
    """Load the answers signed into a resume link (confirming first if it would replace
    answers already given in this browser)."""
    steps = read_resume_token(token)
    if steps is None:
        return render(request, "orgdesign/wizard/link_invalid.html", status=400)
    if request.method == "GET" and QuestionnaireFlow(request).answered_steps():
        return render(request, "orgdesign/wizard/resume.html", {"token": token})
    restore_steps(request, steps)
    messages.success(request, "Welcome back: your answers are loaded.")
    return to_first_unanswered(request, QuestionnaireFlow(request))
