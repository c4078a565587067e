"""The client's review as the pages show it: the share page's comments, replies and
sign-off form (`public_review_context`), the scenario page's comments and sign-offs for
the firm (`firm_review_context`), and the member's reply to a comment.

The client's own posts (a comment, a sign-off) are share-link views: views/share.py.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from orgdesign import selectors, services
from orgdesign.forms.review import ReviewCommentForm, ReviewReplyForm, SignOffForm
from orgdesign.models import Scenario, ShareLink
from orgdesign.presenter import (
    review_target_label,
    review_targets,
    review_threads,
    signoff_status,
    signoffs_by_version,
)


def comment_form(scenario: Scenario, data=None) -> ReviewCommentForm:
    """The share page's comment form, for the version it shows."""
    return ReviewCommentForm(
        data,
        initial={"version": scenario.version},
        targets=review_targets(scenario.recommendation),
    )


def signoff_form(scenario: Scenario, data=None) -> SignOffForm:
    """The share page's sign-off form, for the version it shows."""
    return SignOffForm(
        data,
        initial={"version": scenario.version},
        client_name=scenario.client.name,
        scenario_name=scenario.name,
        version=scenario.version,
    )


def show_current_version(form, scenario: Scenario) -> None:
    """A refused form shown again carries the version the page now shows (the current
    one), whatever version the client had read when sending it."""
    form.data = form.data.copy()
    form.data[form.add_prefix("version")] = str(scenario.version)


def public_review_context(
    link: ShareLink,
    *,
    comment: ReviewCommentForm | None = None,
    signoff: SignOffForm | None = None,
) -> dict[str, Any]:
    """What `includes/review_public.html` reads: the comments made through this (active)
    link with their replies, its sign-off status and the two forms."""
    scenario = link.scenario
    comments = list(selectors.review_comments_for_link(link=link))
    status = signoff_status(
        version=scenario.version, signoffs=list(selectors.signoffs_for_link(link=link))
    )
    return {
        "review": {
            "threads": review_threads(scenario.recommendation, comments),
            "count": len(comments),
            "unanswered": sum(1 for comment in comments if not comment.replies.all()),
            "status": status,
            "comment_form": comment or comment_form(scenario),
            "signoff_form": None if status.signed else (signoff or signoff_form(scenario)),
            # A refused sign-off of a version signed off meanwhile: the form is gone, its
            # message stays.
            "signoff_errors": signoff.non_field_errors() if signoff and status.signed else [],
        }
    }


def firm_review_context(scenario: Scenario) -> dict[str, Any]:
    """What `includes/review.html` reads on the scenario page: every comment (whichever
    link it came through, revoked or not) by what it is about, and the sign-off status."""
    comments = list(selectors.review_comments_for_scenario(scenario=scenario))
    signoffs = list(selectors.signoffs_for_scenario(scenario=scenario))
    return {
        "review": {
            "threads": review_threads(scenario.recommendation, comments),
            "count": len(comments),
            "unanswered": sum(1 for comment in comments if not comment.replies.all()),
            "status": signoff_status(version=scenario.version, signoffs=signoffs),
        }
    }


def history_review_context(scenario: Scenario) -> dict[str, Any]:
    """The sign-offs of each version, for the history page."""
    signoffs = list(selectors.signoffs_for_scenario(scenario=scenario))
    return {"signed_versions": signoffs_by_version(signoffs)}


@require_http_methods(["GET", "POST"])
@login_required
def comment_reply(request: HttpRequest, comment_id: int) -> HttpResponse:
    """Answer a client's comment; the reply shows on the share page it came through."""
    comment = selectors.review_comment_get_for_user(
        user=request.user, comment_id=comment_id, write=True
    )
    scenario = comment.scenario
    form = ReviewReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.review_reply_add(
                comment=comment, user=request.user, text=form.cleaned_data["text"]
            )
        except ValidationError as exc:
            form.add_error("text", exc.messages)
        else:
            messages.success(request, f"Reply sent: {comment.author_name} sees it on the link.")
            return redirect(
                reverse("orgdesign:scenario-detail", args=[scenario.pk]) + f"#comment-{comment.pk}"
            )
    return render(
        request,
        "orgdesign/review/reply.html",
        {
            "scenario": scenario,
            "client": scenario.client,
            "comment": comment,
            "about": review_target_label(
                scenario.recommendation, comment.target, comment.target_key
            ),
            "form": form,
        },
        status=400 if form.is_bound else 200,
    )
