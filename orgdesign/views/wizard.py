"""The founder's questionnaire: landing page, steps, review, restart and resume links.

Thin views over `orgdesign.wizard`: each step has its own URL; a full page load and an
htmx request run the same code, htmx just gets the `panel` partial of the same template.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from orgdesign.wizard import (
    STEP_BY_SLUG,
    WizardState,
    read_resume_token,
    restore_steps,
    resume_token,
    wizard_reset,
)

PROGRESS_STEP = 5  # the bar's width classes go in steps of 5 per cent


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


def _progress(state: WizardState, position: int) -> dict:
    """Step `position` (1-based) of the applicable steps; the review counts as done."""
    total = len(state.applicable())
    done = min(position - 1, total)
    percent = round(done * 100 / total / PROGRESS_STEP) * PROGRESS_STEP if total else 0
    return {"position": position, "total": total, "percent": percent, "done": done}


def to_first_unanswered(request: HttpRequest, state: WizardState, note: str = "") -> HttpResponse:
    step = state.first_unanswered()
    if note:
        messages.info(request, note)
    if step is None:
        return redirect("orgdesign:wizard-review")
    return redirect("orgdesign:wizard-step", step=step.slug)


def resume_url_for(request: HttpRequest, state: WizardState) -> str:
    return request.build_absolute_uri(
        reverse("orgdesign:wizard-resume", kwargs={"token": resume_token(state)})
    )


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    state = WizardState(request)
    return render(
        request,
        "orgdesign/home.html",
        {"in_progress": bool(state.answered_steps()), "complete": state.answers() is not None},
    )


@require_GET
def wizard_start(request: HttpRequest) -> HttpResponse:
    """Continue where the user left off: the first unanswered step, or the review."""
    return to_first_unanswered(request, WizardState(request))


@require_http_methods(["GET", "POST"])
def wizard_step(request: HttpRequest, step: str) -> HttpResponse:
    state = WizardState(request)
    current = STEP_BY_SLUG.get(step)
    if current is None:
        return render(request, "orgdesign/wizard/missing.html", {"step": step}, status=404)
    if current not in state.applicable():
        return to_first_unanswered(
            request, state, "That question does not apply to your earlier answers."
        )
    if not state.is_reachable(step):
        return to_first_unanswered(request, state, "Please answer this question first.")

    back_to_review = request.POST.get("return_to", request.GET.get("return_to")) == "review"
    earlier = state.earlier_answers(step)
    if request.method == "POST":
        if request.POST.get("nav") == "back":
            state.store_draft(step, request.POST)
            previous = state.step_before(step)
            if back_to_review or previous is None:
                if previous is None and not back_to_review:
                    return redirect("orgdesign:home")
                return redirect("orgdesign:wizard-review")
            return redirect("orgdesign:wizard-step", step=previous.slug)
        form = current.form_class(data=request.POST, earlier=earlier)
        if form.is_valid():
            state.store(step, form)
            following = state.step_after(step)
            unanswered = state.first_unanswered()
            if unanswered is None and (back_to_review or following is None):
                return redirect("orgdesign:wizard-review")
            if back_to_review and unanswered is not None:
                return redirect("orgdesign:wizard-step", step=unanswered.slug)
            return redirect("orgdesign:wizard-step", step=(following or unanswered).slug)
    else:
        initial = {**state.steps.get(step, {}), **state.drafts.get(step, {})}
        form = current.form_class(initial=initial, earlier=earlier)

    position = state.applicable().index(current) + 1
    return _render_page(
        request,
        "orgdesign/wizard/step.html",
        {
            "step": current,
            "form": form,
            "progress": _progress(state, position),
            "has_previous": position > 1,
            "back_to_review": back_to_review,
            "target": state.target,
        },
    )


@require_GET
def wizard_review(request: HttpRequest) -> HttpResponse:
    state = WizardState(request)
    answers = state.answers()
    if answers is None:
        return to_first_unanswered(request, state, "A few questions are still unanswered.")
    groups = [
        {"step": step, "items": [(name, answers[name]) for name in step.form_class.base_fields]}
        for step, _ in state.answered_steps()
    ]
    total = len(state.applicable())
    return _render_page(
        request,
        "orgdesign/wizard/review.html",
        {
            "groups": groups,
            "progress": {"position": total, "total": total, "percent": 100, "done": total},
            "resume_url": resume_url_for(request, state),
            "target": state.target,
        },
    )


@require_POST
def wizard_restart(request: HttpRequest) -> HttpResponse:
    wizard_reset(request)
    messages.info(request, "Your answers have been cleared. You can start again.")
    return redirect("orgdesign:wizard-step", step="company")


@require_http_methods(["GET", "POST"])
def wizard_resume(request: HttpRequest, token: str) -> HttpResponse:
    """Load the answers signed into a resume link (confirming first if it would replace
    answers already given in this browser)."""
    steps = read_resume_token(token)
    if steps is None:
        return render(request, "orgdesign/wizard/link_invalid.html", status=400)
    if request.method == "GET" and WizardState(request).answered_steps():
        return render(request, "orgdesign/wizard/resume.html", {"token": token})
    restore_steps(request, steps)
    messages.success(request, "Welcome back: your answers are loaded.")
    return to_first_unanswered(request, WizardState(request))
