"""Share links: create and revoke them, the public page they open, and the client's
comments and sign-off posted on it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from orgdesign import selectors, services
from orgdesign.forms.workspace import ShareLinkForm, ShareLinkLabelForm
from orgdesign.ratelimit import limit_reviews, limit_share_guesses
from orgdesign.views import review
from orgdesign.views.common import confirm_page, recommendation_context, voice_context


@require_http_methods(["GET", "POST"])
@login_required
def scenario_share(request: HttpRequest, scenario_id: int) -> HttpResponse:
    """The scenario's share links, and a form to make a new one (optional expiry)."""
    scenario = selectors.scenario_get_for_user(
        user=request.user, scenario_id=scenario_id, write=True
    )
    form = ShareLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        link = services.share_link_create(
            scenario=scenario, expires_at=form.expires_at(), label=form.cleaned_data["label"]
        )
        messages.success(request, "Share link created. Anyone with the link can read this result.")
        return redirect(
            reverse("orgdesign:scenario-share", args=[scenario.pk]) + f"#link-{link.pk}"
        )
    links = [
        {
            "link": link,
            "url": request.build_absolute_uri(
                reverse("orgdesign:shared-scenario", args=[link.token])
            ),
        }
        for link in selectors.share_links_for_scenario(scenario=scenario)
    ]
    return render(
        request,
        "orgdesign/share/manage.html",
        {"scenario": scenario, "client": scenario.client, "form": form, "links": links},
    )


@require_http_methods(["GET", "POST"])
@login_required
def share_revoke(request: HttpRequest, link_id: int) -> HttpResponse:
    link = selectors.share_link_get_for_user(user=request.user, link_id=link_id, write=True)
    back = reverse("orgdesign:scenario-share", args=[link.scenario_id])
    if request.method == "POST":
        services.share_link_revoke(link=link)
        messages.success(request, "Share link revoked: it no longer opens the result.")
        return redirect(back)
    return confirm_page(
        request,
        title="Revoke this share link?",
        text="Anyone who has it will see a “link not valid” page instead of the result.",
        button="Revoke the link",
        danger=True,
        cancel_url=back,
        scenario=link.scenario,
    )


@require_GET
@limit_share_guesses
def shared_scenario(request: HttpRequest, token: str) -> HttpResponse:
    """The public, read-only result: the scenario's recommendation and answers only, and
    the client's review of it through this link (comments, replies, sign-off)."""
    try:
        link = selectors.share_link_get_active(token=token)
    except Http404:
        return render(request, "orgdesign/share/invalid.html", status=404)
    # A HEAD request (a link preview, a checker) is no visit. HeadAsGetMiddleware shows it
    # to the view as GET; the request's own method stays in META.
    if request.META.get("REQUEST_METHOD") == "GET":
        services.share_link_mark_opened(link=link)
    return shared_page(request, link)


def shared_page(request: HttpRequest, link, *, status: int = 200, **forms) -> HttpResponse:
    """The share page of an active link (`forms`: a refused comment or sign-off form)."""
    scenario = link.scenario
    response = render(
        request,
        "orgdesign/share/public.html",
        {
            "link": link,
            "shared_scenario": scenario,
            "client_name": scenario.client.name,
            **recommendation_context(scenario.recommendation),
            "token": link.token,
            **review.public_review_context(link, **forms),
            **voice_context(scenario.voice, scenario.recommendation),
        },
        status=status,
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    # Same-origin: the token never leaves the site in a Referer, while the page's own
    # forms still send their Origin (under no-referrer a browser sends "Origin: null" and
    # the CSRF check refuses the comment and sign-off forms).
    response["Referrer-Policy"] = "same-origin"
    return response


@require_http_methods(["GET", "POST"])
@login_required
def share_label(request: HttpRequest, link_id: int) -> HttpResponse:
    """Change who a link says it was sent to; the manage page posts here, and this page
    shows the form again with its message when the label is refused."""
    link = selectors.share_link_get_for_user(user=request.user, link_id=link_id, write=True)
    form = ShareLinkLabelForm(request.POST or None, initial={"label": link.label})
    if request.method == "POST" and form.is_valid():
        services.share_link_set_label(link=link, label=form.cleaned_data["label"])
        messages.success(
            request, f"Label saved: “{link.label}”." if link.label else "Label removed."
        )
        return redirect(
            reverse("orgdesign:scenario-share", args=[link.scenario_id]) + f"#link-{link.pk}"
        )
    return render(
        request,
        "orgdesign/share/label.html",
        {"form": form, "link": link, "scenario": link.scenario},
        status=400 if form.errors else 200,
    )


# --- The client's review through a share link ----------------------------------------------


def _review_post(request: HttpRequest, token: str, *, kind: str) -> HttpResponse:
    """A comment (`kind` "comment") or a sign-off ("signoff") posted on the share page:
    saved and back to the page, or the page again with the form's messages (400). A
    link that does not open (any more) gives the "not valid" page and saves nothing."""
    try:
        link = selectors.share_link_get_active(token=token)
    except Http404:
        return render(request, "orgdesign/share/invalid.html", status=404)
    page = reverse("orgdesign:shared-scenario", args=[token])
    if request.method == "GET":
        return redirect(page + "#review")
    scenario = link.scenario
    scenario_url = request.build_absolute_uri(
        reverse("orgdesign:scenario-detail", args=[scenario.pk])
    )
    if kind == "comment":
        form = review.comment_form(scenario, request.POST)
    else:
        form = review.signoff_form(scenario, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if kind == "comment":
                target, key = form.target()
                services.review_comment_add(
                    link=link,
                    version=data["version"],
                    target=target,
                    target_key=key,
                    author_name=data["author_name"],
                    text=data["text"],
                    scenario_url=scenario_url,
                )
                done = "Thank you: your comment was sent to the consultant."
            else:
                services.signoff_add(
                    link=link,
                    version=data["version"],
                    name=data["name"],
                    role=data["role"],
                    scenario_url=scenario_url,
                )
                done = f"Thank you: version {data['version']} is signed off."
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc.messages)
        else:
            messages.success(request, done)
            return redirect(page + ("#review" if kind == "comment" else "#signoff"))
    link = selectors.share_link_get_active(token=token)  # the scenario as it is now
    review.show_current_version(form, link.scenario)
    if kind == "signoff":
        form.fields["confirm"].label = review.signoff_form(link.scenario).fields["confirm"].label
    return shared_page(request, link, status=400, **{kind: form})


@require_http_methods(["GET", "POST"])
@limit_share_guesses
@limit_reviews
def shared_comment(request: HttpRequest, token: str) -> HttpResponse:
    """The client's comment on the recommendation, one reason or one seat."""
    return _review_post(request, token, kind="comment")


@require_http_methods(["GET", "POST"])
@limit_share_guesses
@limit_reviews
def shared_signoff(request: HttpRequest, token: str) -> HttpResponse:
    """The client's sign-off of the version the page shows."""
    return _review_post(request, token, kind="signoff")
