"""Read-only share links: create and revoke them, and the public page they open."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from orgdesign import selectors, services
from orgdesign.forms.workspace import ShareLinkForm, ShareLinkLabelForm
from orgdesign.ratelimit import limit_share_guesses
from orgdesign.views.common import confirm_page, recommendation_context


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
    """The public, read-only result: the scenario's recommendation and answers only."""
    try:
        link = selectors.share_link_get_active(token=token)
    except Http404:
        return render(request, "orgdesign/share/invalid.html", status=404)
    # A HEAD request (a link preview, a checker) is no visit. HeadAsGetMiddleware shows it
    # to the view as GET; the request's own method stays in META.
    if request.META.get("REQUEST_METHOD") == "GET":
        services.share_link_mark_opened(link=link)
    scenario = link.scenario
    response = render(
        request,
        "orgdesign/share/public.html",
        {
            "link": link,
            "shared_scenario": scenario,
            "client_name": scenario.client.name,
            **recommendation_context(scenario.recommendation),
            "token": token,
        },
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
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
